import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Spin, Table, Tag } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../lib/admin';

/* The project (or branch) ranking of published audits, with each one's monthly trend; ECharts loads on its own. */

const Chart = lazy(() => import('../dashboard/chart'));

type Group = Schemas['AuditResults']['groups'][number];

export function AuditRanking({ nameOf }: { nameOf: (groupBy: 'project' | 'branch', id: string) => string }) {
  const { t } = useI18n();
  const [groupBy, setGroupBy] = useState<'project' | 'branch'>('project');
  const results = useQuery({
    queryKey: ['audits', 'results', groupBy],
    queryFn: () => data(api.GET('/v1/audits/results', { params: { query: { groupBy } } })),
  });
  const groups = results.data?.groups ?? [];
  const option = useMemo(() => {
    const periods = [...new Set(groups.flatMap((g) => g.trend.map((p) => p.period)))].sort();
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { type: 'scroll' as const, bottom: 0 },
      grid: { left: 36, right: 12, top: 16, bottom: 48 },
      xAxis: { type: 'category' as const, data: periods },
      yAxis: {
        type: 'value' as const,
        min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10 - 10),
        max: 100,
      },
      series: groups.map((g) => ({
        type: 'line' as const,
        name: nameOf(groupBy, g.key),
        connectNulls: true,
        data: periods.map((p) => g.trend.find((x) => x.period === p)?.mean ?? null),
      })),
    };
  }, [groups, groupBy, nameOf]);

  return (
    <div>
      <Segmented
        style={{ marginBottom: 12 }}
        value={groupBy}
        onChange={(v) => setGroupBy(v as 'project' | 'branch')}
        options={[
          { value: 'project', label: t('audits.ranking.byProject') },
          { value: 'branch', label: t('audits.ranking.byBranch') },
        ]}
      />
      <ErrorAlert error={results.error} />
      <Card size="small" title={t('audits.ranking.trend')} style={{ marginBottom: 12 }}>
        <Suspense fallback={<Spin />}>
          {groups.length > 0 && (
            <Chart option={option as never} height={280} label={t('audits.ranking.trend')} />
          )}
        </Suspense>
      </Card>
      <Table<Group>
        rowKey="key"
        size="small"
        loading={results.isLoading}
        dataSource={groups}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('audits.ranking.rank'), dataIndex: 'rank', width: 56 },
          {
            title: groupBy === 'project' ? t('audits.project') : t('audits.branch'),
            dataIndex: 'key',
            render: (v: string) => nameOf(groupBy, v),
          },
          { title: t('audits.ranking.count'), dataIndex: 'count' },
          { title: t('audits.ranking.mean'), dataIndex: 'mean', render: (v: number) => <b>{v}</b> },
          {
            title: t('audits.ranking.passRate'),
            dataIndex: 'passRate',
            render: (v: number) => (
              <Tag color={v >= 0.8 ? 'success' : v >= 0.5 ? 'warning' : 'error'}>{Math.round(v * 100)}%</Tag>
            ),
          },
          { title: t('audits.ranking.range'), key: 'range', render: (_, g) => `${g.min} – ${g.max}` },
        ]}
      />
    </div>
  );
}
