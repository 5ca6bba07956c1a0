import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { ErrorAlert, ScreenTitle } from '../../lib/admin';
import { formatTime } from '../../lib/time';

interface Filters {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  range?: [Dayjs, Dayjs];
}

/** 操作日志: every change, newest first, filtered by action, record, actor and time. */
export function AuditLogPage() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const query = {
    ...(filters.action && { action: filters.action }),
    ...(filters.targetType && { targetType: filters.targetType }),
    ...(filters.targetId && { targetId: filters.targetId }),
    ...(filters.actorId && { actorId: filters.actorId }),
    ...(filters.range && { from: filters.range[0].toISOString(), to: filters.range[1].toISOString() }),
  };
  const log = useInfiniteQuery({
    queryKey: ['audit-log', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/v1/audit-log', {
          params: { query: { limit: 50, ...query, ...(pageParam && { cursor: pageParam }) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <div className="gj-page">
      <ScreenTitle title={t('admin.audit.title')} />
      <Card size="small">
        <Form
          layout="inline"
          onFinish={(v: Filters) => setFilters(v)}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="action">
            <Input
              allowClear
              placeholder={t('admin.audit.action')}
              aria-label={t('admin.audit.action')}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item name="targetType">
            <Input
              allowClear
              placeholder={t('admin.audit.targetType')}
              aria-label={t('admin.audit.targetType')}
              style={{ width: 150 }}
            />
          </Form.Item>
          <Form.Item name="targetId">
            <Input
              allowClear
              placeholder={t('admin.audit.targetId')}
              aria-label={t('admin.audit.targetId')}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item name="actorId">
            <Input
              allowClear
              placeholder={t('admin.audit.actor')}
              aria-label={t('admin.audit.actor')}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker showTime aria-label={t('admin.audit.range')} />
          </Form.Item>
          <Button htmlType="submit" type="primary">
            {t('admin.filter')}
          </Button>
        </Form>
        <ErrorAlert error={log.error} />
        <Table<Schemas['AuditEntry']>
          rowKey="id"
          size="small"
          pagination={false}
          loading={log.isPending}
          dataSource={rows}
          scroll={{ x: true }}
          locale={{ emptyText: t('app.empty') }}
          expandable={{
            expandedRowRender: (e) => (
              <div className="gj-two-col">
                <div>
                  <Typography.Text type="secondary">{t('admin.audit.before')}</Typography.Text>
                  <pre className="gj-json">{JSON.stringify(e.before ?? null, null, 2)}</pre>
                </div>
                <div>
                  <Typography.Text type="secondary">{t('admin.audit.after')}</Typography.Text>
                  <pre className="gj-json">{JSON.stringify(e.after ?? null, null, 2)}</pre>
                </div>
              </div>
            ),
          }}
          columns={[
            { title: t('admin.time'), dataIndex: 'at', render: (v) => formatTime(lang, v) },
            {
              title: t('admin.audit.actor'),
              render: (_, e) => (
                <>
                  <Tag>{t(`admin.actor.${e.actorType}`)}</Tag>
                  {e.actorId ?? ''}
                </>
              ),
            },
            {
              title: t('admin.audit.action'),
              dataIndex: 'action',
              render: (v) => <Typography.Text code>{v}</Typography.Text>,
            },
            { title: t('admin.audit.targetType'), dataIndex: 'targetType' },
            {
              title: t('admin.audit.targetId'),
              dataIndex: 'targetId',
              render: (v) => <Typography.Text style={{ fontSize: 12 }}>{v}</Typography.Text>,
            },
          ]}
        />
        {log.hasNextPage && (
          <Button
            style={{ marginTop: 12 }}
            loading={log.isFetchingNextPage}
            onClick={() => void log.fetchNextPage()}
          >
            {t('admin.more')}
          </Button>
        )}
      </Card>
    </div>
  );
}
