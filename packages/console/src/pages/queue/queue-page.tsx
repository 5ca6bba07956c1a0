import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { useCategories, useProjects } from '../../lib/org';
import { placeText } from '../../lib/place';
import { Countdown, formatTime, milestoneLabel } from '../../lib/time';
import { useAuth } from '../../session/auth';
import { apiQuery, type QueueFilters, readFilters, writeFilters } from './queue-filters';

type Row = Schemas['CaseListItem'];
const statuses = [
  'received',
  'dispatched',
  'contacted',
  'on_site',
  'completed',
  'assigned',
  'in_progress',
  'resolved',
  'waiting_for_owner',
  'followed_up',
  'reopened',
  'closed',
];
const kinds = ['repair', 'complaint', 'inquiry', 'suggestion'];
const channels = [
  'hotline',
  'department_phone',
  'web',
  'wechat',
  'app',
  'front_desk',
  'guard_booth',
  'email',
];

/** 工单队列: my cases, my team's, everything in reach; filters in the URL; cursor paging. */
export function QueuePage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const projects = useProjects();
  const categories = useCategories(lang);
  const set = (change: Partial<QueueFilters>) => setParams(writeFilters({ ...filters, ...change }));
  // The period's days as the tenant counts them; `to` is exclusive, so its day is the one before.
  const day = (iso: string | undefined, shift = 0) =>
    iso
      ? new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', month: 'short', day: 'numeric' }).format(
          new Date(Date.parse(iso) + shift),
        )
      : '…';

  const list = useInfiniteQuery({
    queryKey: ['cases', params.toString()],
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/v1/cases', {
          params: {
            query: { ...apiQuery(filters, me!, Date.now()), ...(pageParam && { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(me),
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <div className="gj-page">
      <Typography.Title level={3}>{t('queue.title')}</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[12, 12]}>
          <Segmented
            value={filters.scope}
            onChange={(scope) => set({ scope: scope as QueueFilters['scope'] })}
            options={(['mine', 'team', 'all'] as const).map((s) => ({
              value: s,
              label: t(`queue.scope.${s}`),
            }))}
          />
          <Input.Search
            allowClear
            defaultValue={filters.q}
            placeholder={t('queue.search')}
            aria-label={t('queue.search')}
            onSearch={(q) => set({ q: q.trim() || undefined })}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder={t('queue.filter.status')}
            aria-label={t('queue.filter.status')}
            value={filters.status}
            onChange={(status) => set({ status })}
            options={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('queue.filter.kind')}
            aria-label={t('queue.filter.kind')}
            value={filters.kind}
            onChange={(kind) => set({ kind })}
            options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            style={{ width: 110 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('queue.filter.project')}
            aria-label={t('queue.filter.project')}
            value={filters.projectId}
            onChange={(projectId) => set({ projectId })}
            options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder={t('queue.filter.category')}
            aria-label={t('queue.filter.category')}
            value={filters.category}
            onChange={(category) => set({ category })}
            options={(categories.data?.options ?? []).map((c) => ({ value: c.value, label: c.label }))}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('queue.filter.due')}
            aria-label={t('queue.filter.due')}
            value={filters.dueWithinHours}
            onChange={(dueWithinHours) => set({ dueWithinHours })}
            options={[1, 2, 4, 8, 24].map((h) => ({
              value: h,
              label: t('queue.filter.dueWithin', { hours: h }),
            }))}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder={t('queue.filter.channel')}
            aria-label={t('queue.filter.channel')}
            value={filters.channel}
            onChange={(channel) => set({ channel })}
            options={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            style={{ width: 130 }}
          />
          <Checkbox
            checked={filters.breached ?? false}
            onChange={(e) => set({ breached: e.target.checked || undefined })}
          >
            {t('queue.filter.breached')}
          </Checkbox>
          <Checkbox
            checked={filters.escalated ?? false}
            onChange={(e) => set({ escalated: e.target.checked || undefined })}
          >
            {t('queue.filter.escalated')}
          </Checkbox>
          {(filters.from || filters.to) && (
            <Tag closable onClose={() => set({ from: undefined, to: undefined })}>
              {t('queue.filter.period', { from: day(filters.from), to: day(filters.to, -1) })}
            </Tag>
          )}
          {filters.branchId && (
            <Tag closable onClose={() => set({ branchId: undefined })}>
              {t('queue.filter.branch')}
            </Tag>
          )}
          <Button type="link" onClick={() => setParams(new URLSearchParams())}>
            {t('queue.filter.clear')}
          </Button>
        </Space>
      </Card>
      {list.isError && <Alert type="error" role="alert" title={problemMessage(t, list.error)} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('queue.empty') }}
        columns={[
          {
            title: t('queue.col.archiveNo'),
            dataIndex: 'archiveNo',
            width: 130,
            render: (no: string, row) => <Link to={`/cases/${row.id}`}>{no}</Link>,
          },
          { title: t('queue.col.kind'), dataIndex: 'kind', width: 80, render: (k: string) => t(`kind.${k}`) },
          {
            title: t('queue.col.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: string, row) => (
              <Space size={4} wrap>
                <Tag>{t(`status.${s}`)}</Tag>
                {row.chaseCount > 0 && (
                  <Tag color="orange">{t('case.chased', { count: row.chaseCount })}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('queue.col.category'),
            dataIndex: 'category',
            width: 120,
            render: (c: string) => categories.data?.label(c) ?? c,
          },
          { title: t('queue.col.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('queue.col.project'),
            key: 'place',
            width: 150,
            render: (_, row) => placeText(row.place),
          },
          {
            title: t('queue.col.received'),
            dataIndex: 'receivedAt',
            width: 120,
            render: (at: string) => formatTime(lang, at),
          },
          {
            title: t('queue.col.deadline'),
            key: 'deadline',
            width: 190,
            render: (_, row) =>
              row.nextDeadline ? (
                <Space orientation="vertical" size={0}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {milestoneLabel(t, row.nextDeadline.milestone)}
                  </Typography.Text>
                  <Countdown
                    dueAt={row.nextDeadline.dueAt}
                    breached={row.nextDeadline.status === 'breached'}
                  />
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('countdown.none')}</Typography.Text>
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('queue.count', { count: rows.length })}</Typography.Text>
        {list.hasNextPage && (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('queue.more')}
          </Button>
        )}
      </Space>
    </div>
  );
}
