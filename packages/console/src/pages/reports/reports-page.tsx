import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { downloadCsv, ErrorAlert, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { formatTime, milestoneLabel } from '../../lib/time';
import { queueLink } from '../queue/queue-filters';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`;

interface Filters {
  range: [Dayjs, Dayjs];
  projectId?: string;
}

function FilterBar({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { t } = useI18n();
  const projects = useProjects();
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <DatePicker.RangePicker
        value={value.range}
        allowClear={false}
        aria-label={t('reports.period')}
        onChange={(r) => r?.[0] && r[1] && onChange({ ...value, range: [r[0], r[1]] })}
      />
      <Select
        allowClear
        style={{ minWidth: 180 }}
        aria-label={t('admin.project')}
        placeholder={t('reports.allProjects')}
        value={value.projectId}
        onChange={(projectId) => onChange({ ...value, projectId })}
        options={projects.data?.map((p) => ({ value: p.id, label: p.name }))}
      />
    </Space>
  );
}

const windowOf = (f: Filters) => ({
  from: f.range[0].startOf('day').toISOString(),
  to: f.range[1].add(1, 'day').startOf('day').toISOString(),
  ...(f.projectId && { projectId: f.projectId }),
});

function DepartmentDaily() {
  const { t, lang } = useI18n();
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const report = useQuery({
    queryKey: ['reports', 'department-daily', date.format('YYYY-MM-DD')],
    queryFn: () =>
      data(
        api.GET('/v1/reports/department-daily', { params: { query: { date: date.format('YYYY-MM-DD') } } }),
      ),
  });
  const rows = (report.data?.departments ?? []).flatMap((d) =>
    d.cases.map((c) => ({ ...c, department: d.departmentName ?? d.departmentId })),
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          value={date}
          allowClear={false}
          onChange={(d) => d && setDate(d)}
          aria-label={t('reports.date')}
        />
        <Button
          disabled={rows.length === 0}
          onClick={() =>
            downloadCsv(
              `department-daily-${date.format('YYYY-MM-DD')}.csv`,
              [
                t('reports.department'),
                t('admin.sla.case'),
                t('reports.kind'),
                t('admin.status'),
                t('reports.lastUpdate'),
              ],
              rows.map((r) => [
                r.department,
                r.archiveNo,
                t(`kind.${r.kind}`),
                t(`status.${r.status}`),
                r.lastUpdateAt ?? '',
              ]),
            )
          }
        >
          {t('reports.csv')}
        </Button>
      </Space>
      <ErrorAlert error={report.error} />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={report.isPending}
        dataSource={rows}
        scroll={{ x: true }}
        locale={{
          emptyText: report.data?.endOfDay === null ? t('reports.notWorking') : t('reports.allUpdated'),
        }}
        columns={[
          { title: t('reports.department'), dataIndex: 'department' },
          {
            title: t('admin.sla.case'),
            dataIndex: 'archiveNo',
            render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link>,
          },
          { title: t('reports.kind'), dataIndex: 'kind', render: (k) => t(`kind.${k}`) },
          { title: t('admin.status'), dataIndex: 'status', render: (s) => <Tag>{t(`status.${s}`)}</Tag> },
          { title: t('reports.lastUpdate'), dataIndex: 'lastUpdateAt', render: (v) => formatTime(lang, v) },
        ]}
      />
    </>
  );
}

function Followups({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const report = useQuery({
    queryKey: ['reports', 'followups', windowOf(filters)],
    queryFn: () => data(api.GET('/v1/reports/followups', { params: { query: windowOf(filters) } })),
  });
  const rows = report.data
    ? (['all', 'repair', 'complaint'] as const).map((k) => ({ key: k, ...report.data[k] }))
    : [];
  return (
    <>
      <ErrorAlert error={report.error} />
      <Button
        style={{ marginBottom: 12 }}
        disabled={rows.length === 0}
        onClick={() =>
          downloadCsv(
            'followups.csv',
            [t('reports.kind'), t('reports.due'), t('reports.done'), t('reports.overdue'), t('reports.rate')],
            rows.map((r) => [t(`reports.scope.${r.key}`), r.due, r.done, r.overdue, pct(r.rate)]),
          )
        }
      >
        {t('reports.csv')}
      </Button>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        loading={report.isPending}
        dataSource={rows}
        columns={[
          { title: t('reports.kind'), dataIndex: 'key', render: (k) => t(`reports.scope.${k}`) },
          { title: t('reports.due'), dataIndex: 'due' },
          { title: t('reports.done'), dataIndex: 'done' },
          { title: t('reports.overdue'), dataIndex: 'overdue' },
          { title: t('reports.rate'), dataIndex: 'rate', render: pct },
        ]}
      />
    </>
  );
}

function FirstTimeFix({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const report = useQuery({
    queryKey: ['reports', 'ftf', windowOf(filters)],
    queryFn: () => data(api.GET('/v1/reports/first-time-fix', { params: { query: windowOf(filters) } })),
  });
  const rows = report.data?.categories ?? [];
  return (
    <>
      <ErrorAlert error={report.error} />
      {report.data && (
        <Space size={48} style={{ marginBottom: 12 }} wrap>
          <Statistic title={t('reports.repairs')} value={report.data.repairs} />
          <Statistic title={t('reports.repeats')} value={report.data.repeats} />
          <Statistic title={t('reports.ftfRate')} value={pct(report.data.firstTimeFixRate)} />
          <Button
            disabled={rows.length === 0}
            onClick={() =>
              downloadCsv(
                'first-time-fix.csv',
                [t('reports.category'), t('reports.repairs'), t('reports.repeats'), t('reports.ftfRate')],
                rows.map((r) => [r.category, r.repairs, r.repeats, pct(r.firstTimeFixRate)]),
              )
            }
          >
            {t('reports.csv')}
          </Button>
        </Space>
      )}
      <Table
        rowKey="category"
        size="small"
        pagination={false}
        loading={report.isPending}
        dataSource={rows}
        locale={{ emptyText: t('reports.noRepairs') }}
        columns={[
          { title: t('reports.category'), dataIndex: 'category' },
          { title: t('reports.repairs'), dataIndex: 'repairs' },
          { title: t('reports.repeats'), dataIndex: 'repeats' },
          { title: t('reports.ftfRate'), dataIndex: 'firstTimeFixRate', render: pct },
        ]}
      />
    </>
  );
}

function Breaches({ filters }: { filters: Filters }) {
  const { t, lang } = useI18n();
  const projects = useProjects();
  const report = useQuery({
    queryKey: ['reports', 'breaches', windowOf(filters)],
    queryFn: () =>
      data(api.GET('/v1/sla/breaches', { params: { query: { limit: 100, ...windowOf(filters) } } })),
  });
  const rows = report.data?.data ?? [];
  const projectName = (id: string) => projects.data?.find((p) => p.id === id)?.name ?? id;
  return (
    <>
      <ErrorAlert error={report.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Button
          disabled={rows.length === 0}
          onClick={() =>
            downloadCsv(
              'breaches.csv',
              [t('admin.time'), t('admin.project'), t('admin.sla.milestone'), t('reports.dueAt'), 'case'],
              rows.map((r) => [
                r.at,
                projectName(r.projectId),
                milestoneLabel(t, r.milestone),
                r.dueAt,
                r.caseId,
              ]),
            )
          }
        >
          {t('reports.csv')}
        </Button>
        <Link to={queueLink({ breached: true, projectId: filters.projectId })}>{t('reports.openQueue')}</Link>
      </Space>
      <Table<Schemas['SlaAction']>
        rowKey="id"
        size="small"
        pagination={false}
        loading={report.isPending}
        dataSource={rows}
        scroll={{ x: true }}
        locale={{ emptyText: t('reports.noBreaches') }}
        columns={[
          { title: t('admin.time'), dataIndex: 'at', render: (v) => formatTime(lang, v) },
          { title: t('admin.project'), dataIndex: 'projectId', render: projectName },
          { title: t('admin.sla.milestone'), dataIndex: 'milestone', render: (m) => milestoneLabel(t, m) },
          { title: t('reports.dueAt'), dataIndex: 'dueAt', render: (v) => formatTime(lang, v) },
          {
            title: '',
            dataIndex: 'caseId',
            render: (id) => <Link to={`/cases/${id}`}>{t('inbox.openCase')}</Link>,
          },
        ]}
      />
    </>
  );
}

/** 报表: department daily, follow-ups, first-time fix and breaches, with filters and CSV. */
export function ReportsPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>(() => ({ range: [dayjs().subtract(29, 'day'), dayjs()] }));
  return (
    <div className="gj-page">
      <ScreenTitle title={t('reports.title')} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'daily', label: t('reports.daily'), children: <DepartmentDaily /> },
            {
              key: 'followups',
              label: t('reports.followups'),
              children: (
                <>
                  <FilterBar value={filters} onChange={setFilters} />
                  <Followups filters={filters} />
                </>
              ),
            },
            {
              key: 'ftf',
              label: t('reports.ftf'),
              children: (
                <>
                  <FilterBar value={filters} onChange={setFilters} />
                  <FirstTimeFix filters={filters} />
                </>
              ),
            },
            {
              key: 'breaches',
              label: t('reports.breaches'),
              children: (
                <>
                  <FilterBar value={filters} onChange={setFilters} />
                  <Breaches filters={filters} />
                </>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
