import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ScreenTitle } from '../../lib/admin';
import { formatDuration, formatTime } from '../../lib/time';

const statuses = ['pending', 'sent', 'handled', 'dead'] as const;
const colors: Record<string, string> = { handled: 'green', sent: 'blue', pending: 'default', dead: 'red' };

/** 事件: the outbox, the dead letters first to look at, and replay. */
export function EventsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<(typeof statuses)[number] | undefined>('dead');
  const health = useQuery({
    queryKey: ['events', 'health'],
    queryFn: () => data(api.GET('/v1/events/health')),
  });
  const events = useQuery({
    queryKey: ['events', status],
    queryFn: () =>
      data(api.GET('/v1/events', { params: { query: { limit: 100, ...(status && { status }) } } })),
  });
  const replay = async (e: Schemas['OutboxEvent']) => {
    try {
      await data(
        api.POST('/v1/events/{id}/replay', {
          params: { path: { id: e.id }, header: idempotency() as never },
        }),
      );
      message.success(t('admin.events.replayed'));
      await queryClient.invalidateQueries({ queryKey: ['events'] });
    } catch (err) {
      message.error(problemMessage(t, err));
    }
  };
  const h = health.data;
  return (
    <div className="gj-page">
      <ScreenTitle title={t('admin.events.title')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <ErrorAlert error={health.error} />
        <Space size={48} wrap>
          <Statistic title={t('admin.events.pending')} value={h?.pending ?? 0} />
          <Statistic title={t('admin.events.sent')} value={h?.sent ?? 0} />
          <Statistic
            title={t('admin.events.oldest')}
            value={h?.oldestUnhandledAgeSeconds ? formatDuration(t, h.oldestUnhandledAgeSeconds * 1000) : '—'}
          />
        </Space>
      </Card>
      <Card size="small">
        <Select
          allowClear
          style={{ width: 180, marginBottom: 12 }}
          aria-label={t('admin.status')}
          placeholder={t('admin.status')}
          value={status}
          onChange={setStatus}
          options={statuses.map((s) => ({ value: s, label: t(`admin.eventStatus.${s}`) }))}
        />
        <ErrorAlert error={events.error} />
        <Table<Schemas['OutboxEvent']>
          rowKey="id"
          size="small"
          pagination={false}
          loading={events.isPending}
          dataSource={events.data?.data}
          scroll={{ x: true }}
          locale={{ emptyText: status === 'dead' ? t('admin.events.noDead') : t('app.empty') }}
          expandable={{
            expandedRowRender: (e) => (
              <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
                {JSON.stringify(e.payload, null, 2)}
              </Typography.Paragraph>
            ),
          }}
          columns={[
            { title: t('admin.time'), dataIndex: 'occurredAt', render: (v) => formatTime(lang, v) },
            {
              title: t('admin.webhooks.event'),
              dataIndex: 'type',
              render: (v) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('admin.status'),
              dataIndex: 'status',
              render: (s) => <Tag color={colors[s]}>{t(`admin.eventStatus.${s}`)}</Tag>,
            },
            { title: t('admin.webhooks.attempts'), dataIndex: 'attempts' },
            { title: t('admin.events.why'), render: (_, e) => e.deadReason ?? e.lastError ?? '—' },
            {
              title: '',
              render: (_, e) =>
                e.status !== 'handled' && (
                  <Button size="small" onClick={() => void replay(e)}>
                    {t('admin.webhooks.replay')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
