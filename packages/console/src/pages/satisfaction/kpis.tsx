import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, saveCsv } from '../../lib/admin';
import { useCategories, useProjects } from '../../lib/org';
import { milestoneLabel } from '../../lib/time';

type Kpis = Schemas['KpiReport'];
type GroupBy = Kpis['groupBy'];

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`;
const num = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : String(Math.round(v * 10) / 10);

/**
 * 统计与指标: the API's KPI report for a window (volumes against the period before, complaint
 * reply rate, first-response and resolution percentiles, SLA compliance per milestone), in the
 * caller's reach; the CSV is the API's own (UTF-8 with BOM), the same figures.
 */
export function KpisTab() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const projects = useProjects();
  const categories = useCategories(lang);
  // Last calendar month by default: the month the project summaries report on (月度投诉汇总),
  // whole, so the comparison with the month before reads like for like.
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const last = dayjs().subtract(1, 'month');
    return [last.startOf('month'), last.endOf('month')];
  });
  const [projectId, setProjectId] = useState<string | undefined>();
  const [groupBy, setGroupBy] = useState<GroupBy>('project');
  const query = {
    from: range[0].startOf('day').toISOString(),
    to: range[1].add(1, 'day').startOf('day').toISOString(),
    groupBy,
    ...(projectId && { projectId }),
  };
  const report = useQuery({
    queryKey: ['reports', 'kpis', query],
    queryFn: () => data(api.GET('/v1/reports/kpis', { params: { query } })),
  });
  const r = report.data as Kpis | undefined;
  const projectName = (id: string) => projects.data?.find((p) => p.id === id)?.name ?? id;
  const volumeKey = (v: Kpis['volumes'][number]) =>
    v.dimension === 'kind'
      ? t(`kind.${v.key}`)
      : v.dimension === 'channel'
        ? t(`channel.${v.key}`)
        : v.dimension === 'project'
          ? projectName(v.key)
          : (categories.data?.label(v.key) ?? v.key);
  const groupName = (g: string) =>
    g === 'unassigned' ? t('kpi.unassigned') : groupBy === 'project' ? projectName(g) : g;
  const download = async () => {
    const text = await data(
      api.GET('/v1/reports/kpis', { params: { query: { ...query, format: 'csv' } }, parseAs: 'text' }),
    );
    saveCsv(`kpis-${range[0].format('YYYY-MM-DD')}-${range[1].format('YYYY-MM-DD')}.csv`, String(text));
  };
  const percentiles = (rows: Kpis['firstResponse']) => (
    <Table
      rowKey="group"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: true }}
      columns={[
        { title: t(`kpi.groupBy.${groupBy}`), render: (_, g) => groupName(g.group) },
        { title: t('kpi.count'), dataIndex: 'count' },
        { title: 'P50', render: (_, g) => num(g.p50) },
        { title: 'P90', render: (_, g) => num(g.p90) },
      ]}
    />
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          aria-label={t('reports.period')}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          aria-label={t('admin.project')}
          placeholder={t('reports.allProjects')}
          value={projectId}
          onChange={setProjectId}
          options={projects.data?.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Select<GroupBy>
          style={{ minWidth: 140 }}
          aria-label={t('kpi.groupBy')}
          value={groupBy}
          onChange={setGroupBy}
          options={(['project', 'branch', 'department', 'agent'] as const).map((g) => ({
            value: g,
            label: t(`kpi.groupBy.${g}`),
          }))}
        />
        <Button
          disabled={!r}
          onClick={() => void download().catch((e) => message.error(problemMessage(t, e)))}
        >
          {t('reports.csv')}
        </Button>
      </Space>
      <ErrorAlert error={report.error} />
      {report.isPending && <Card loading size="small" />}
      {r && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Text type="secondary">
            {t('kpi.previousWindow', {
              from: dayjs(r.previousFrom).format('YYYY-MM-DD'),
              to: dayjs(r.previousTo).subtract(1, 'ms').format('YYYY-MM-DD'),
            })}
          </Typography.Text>
          <Card size="small">
            <Statistic
              title={t('kpi.replyRate')}
              value={pct(r.complaintReplyRate.rate)}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('kpi.replyRateDetail', {
                    answered: r.complaintReplyRate.answeredOnTime,
                    due: r.complaintReplyRate.due,
                  })}
                </Typography.Text>
              }
            />
          </Card>
          <Card size="small" title={t('kpi.volumes')}>
            <Table
              rowKey={(v) => `${v.dimension}:${v.kind}:${v.key}`}
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={r.volumes}
              scroll={{ x: true }}
              columns={[
                { title: t('kpi.dimension'), render: (_, v) => t(`kpi.dimension.${v.dimension}`) },
                { title: t('reports.kind'), render: (_, v) => t(`kind.${v.kind}`) },
                { title: t('kpi.key'), render: (_, v) => volumeKey(v) },
                { title: t('kpi.current'), dataIndex: 'current' },
                { title: t('kpi.previous'), dataIndex: 'previous' },
                {
                  title: t('kpi.delta'),
                  render: (_, v) =>
                    `${v.delta >= 0 ? '+' : ''}${v.delta}${v.ratio === null ? '' : ` (${pct(v.ratio)})`}`,
                },
              ]}
            />
          </Card>
          <Space wrap align="start" style={{ width: '100%' }}>
            <Card size="small" title={t('kpi.firstResponse')} style={{ minWidth: 360 }}>
              {percentiles(r.firstResponse)}
            </Card>
            <Card size="small" title={t('kpi.resolution')} style={{ minWidth: 360 }}>
              {percentiles(r.resolution)}
            </Card>
          </Space>
          <Card size="small" title={t('kpi.sla')}>
            <Table
              rowKey="milestone"
              size="small"
              pagination={false}
              dataSource={r.slaCompliance}
              scroll={{ x: true }}
              columns={[
                { title: t('kpi.milestone'), render: (_, m) => milestoneLabel(t, m.milestone) },
                { title: t('kpi.met'), dataIndex: 'met' },
                { title: t('kpi.metLate'), dataIndex: 'metLate' },
                { title: t('kpi.breachedOpen'), dataIndex: 'breachedOpen' },
                { title: t('kpi.compliance'), render: (_, m) => pct(m.compliance) },
              ]}
            />
          </Card>
        </Space>
      )}
    </>
  );
}
