import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { downloadCsv, ErrorAlert, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { milestoneLabel, tenantMidnight, tenantToday } from '../../lib/time';
import { queueLink } from '../queue/queue-filters';
import type { ChartOption } from './chart';

/** ECharts comes in its own chunk, after the figures. */
const Chart = lazy(() => import('./chart'));

type Report = Schemas['DashboardReport'];
type Period = Schemas['DashboardPeriod'];
type Cell = string | number | null | undefined;

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`;

const presets = ['7', '30', 'month', '90'] as const;
type Preset = (typeof presets)[number];

function presetRange(p: Preset): [Dayjs, Dayjs] {
  const today = dayjs(tenantToday());
  if (p === 'month') return [today.startOf('month'), today];
  return [today.subtract(Number(p) - 1, 'day'), today];
}

function useBranches() {
  return useQuery({
    queryKey: ['branches'],
    queryFn: () => data(api.GET('/v1/branches', { params: { query: { limit: 200 } } })),
    staleTime: 3_600_000,
    select: (page) => page.data,
  });
}

interface Filters {
  preset?: Preset;
  range: [Dayjs, Dayjs];
  branchId?: string;
  projectId?: string;
}

function FilterBar({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { t } = useI18n();
  const projects = useProjects();
  const branches = useBranches();
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Segmented<Preset | ''>
        aria-label={t('reports.period')}
        value={value.preset ?? ''}
        onChange={(p) => p && onChange({ ...value, preset: p, range: presetRange(p) })}
        options={presets.map((p) => ({ value: p, label: t(`dash.preset.${p}`) }))}
      />
      <DatePicker.RangePicker
        value={value.range}
        allowClear={false}
        aria-label={t('reports.period')}
        onChange={(r) => r?.[0] && r[1] && onChange({ ...value, preset: undefined, range: [r[0], r[1]] })}
      />
      {(branches.data?.length ?? 0) > 1 && (
        <Select
          allowClear
          style={{ minWidth: 160 }}
          aria-label={t('dash.branch')}
          placeholder={t('dash.allBranches')}
          value={value.branchId}
          onChange={(branchId) => onChange({ ...value, branchId, projectId: undefined })}
          options={branches.data?.map((b) => ({ value: b.id, label: b.name }))}
        />
      )}
      <Select
        allowClear
        style={{ minWidth: 180 }}
        aria-label={t('admin.project')}
        placeholder={t('reports.allProjects')}
        value={value.projectId}
        onChange={(projectId) => onChange({ ...value, projectId })}
        options={projects.data
          ?.filter((p) => !value.branchId || p.branchId === value.branchId)
          .map((p) => ({ value: p.id, label: p.name }))}
      />
    </Space>
  );
}

/** One headline figure with the period before beneath; a click opens those cases when it can. */
function Figure(props: {
  title: string;
  value: ReactNode;
  previous: ReactNode;
  /** Whether a rise is good news (colours the comparison). */
  worse?: 'up' | 'down';
  delta?: number;
  to?: string;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const colour =
    props.delta === undefined || props.delta === 0 || !props.worse
      ? undefined
      : props.delta > 0 === (props.worse === 'up')
        ? '#cf1322'
        : '#389e0d';
  const body = (
    <>
      <Statistic title={props.title} value={props.value as string} />
      <Typography.Text type="secondary" style={{ color: colour }}>
        {t('dash.previous', { value: String(props.previous) })}
      </Typography.Text>
    </>
  );
  return (
    <Card size="small" hoverable={Boolean(props.to)}>
      {props.to ? (
        <button
          type="button"
          className="dash-figure"
          aria-label={props.title}
          onClick={() => navigate(props.to as string)}
        >
          {body}
        </button>
      ) : (
        body
      )}
    </Card>
  );
}

interface Column<T> {
  title: string;
  value: (row: T, index: number) => Cell;
  render?: (row: T, index: number) => ReactNode;
}

/** A chart with its table beneath and the table as CSV. */
function ChartCard<T>(props: {
  title: string;
  csv: string;
  rows: T[];
  columns: Column<T>[];
  option: ChartOption;
  height?: number;
  onPick?: (row: T) => void;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={props.title}
      style={{ marginBottom: 16 }}
      extra={
        <Button
          size="small"
          onClick={() =>
            downloadCsv(
              props.csv,
              props.columns.map((c) => c.title),
              props.rows.map((r, i) => props.columns.map((c) => c.value(r, i))),
            )
          }
        >
          {t('reports.csv')}
        </Button>
      }
    >
      {props.rows.length > 0 && (
        <Suspense fallback={<div style={{ height: props.height ?? 260 }}>{t('dash.chartLoading')}</div>}>
          <Chart
            label={props.title}
            option={props.option}
            height={props.height}
            onPick={props.onPick && ((i) => props.rows[i] && props.onPick?.(props.rows[i]))}
          />
        </Suspense>
      )}
      <Table<T>
        size="small"
        pagination={props.rows.length > 10 && { pageSize: 10, size: 'small', showSizeChanger: false }}
        rowKey={(row) => String(props.rows.indexOf(row))}
        dataSource={props.rows}
        scroll={{ x: true }}
        locale={{ emptyText: t('dash.empty') }}
        columns={props.columns.map((c, i) => ({
          key: String(i),
          title: c.title,
          // The row's place in the whole list, not on the page (the ranking's numbers).
          render: (_: unknown, row: T) => (c.render ?? c.value)(row, props.rows.indexOf(row)),
        }))}
      />
    </Card>
  );
}

const grid = { left: 48, right: 16, top: 32, bottom: 48, containLabel: true } as const;

function duration(t: ReturnType<typeof useI18n>['t'], minutes: number | null) {
  if (minutes === null) return '—';
  return minutes < 120
    ? t('dash.minutes', { value: String(Math.round(minutes)) })
    : t('dash.hours', { value: String(Math.round(minutes / 6) / 10) });
}

type Place = { projectId?: string; branchId?: string };

/** The queue filters of the cases behind a figure: the dashboard's place and its period. */
const behind = (report: Report, place: Place) => ({
  projectId: place.projectId,
  branchId: place.projectId ? undefined : place.branchId,
  from: report.from,
  to: report.to,
});

function Figures({ report, place }: { report: Report; place: Place }) {
  const { t } = useI18n();
  const cases = behind(report, place);
  const [now, before] = [report.current, report.previous];
  const pair = (q: Period['firstResponse']) => `${duration(t, q.p50)} / ${duration(t, q.p90)}`;
  const figures = [
    {
      title: t('dash.received'),
      value: now.received,
      previous: before.received,
      delta: now.received - before.received,
      to: queueLink(cases),
    },
    {
      title: t('dash.breaches'),
      value: now.breaches,
      previous: before.breaches,
      delta: now.breaches - before.breaches,
      worse: 'up' as const,
      to: queueLink({ ...cases, breached: true }),
    },
    {
      title: t('dash.escalations'),
      value: now.escalations,
      previous: before.escalations,
      delta: now.escalations - before.escalations,
      worse: 'up' as const,
      to: queueLink({ ...cases, escalated: true }),
    },
    { title: t('dash.firstResponse'), value: pair(now.firstResponse), previous: pair(before.firstResponse) },
    { title: t('dash.resolution'), value: pair(now.resolution), previous: pair(before.resolution) },
    ...(
      [
        ['dash.ftf', (p: Period) => p.firstTimeFix.rate],
        ['dash.followup', (p: Period) => p.followup.rate],
        ['dash.satisfaction', (p: Period) => p.satisfaction.rate],
        ['dash.replyRate', (p: Period) => p.complaintReplyRate.rate],
      ] as const
    ).map(([key, rate]) => ({
      title: t(key),
      value: pct(rate(now)),
      previous: pct(rate(before)),
      worse: 'down' as const,
      delta: (rate(now) ?? 0) - (rate(before) ?? 0),
    })),
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {figures.map((f) => (
        <Col key={f.title} xs={12} md={8}>
          <Figure {...f} />
        </Col>
      ))}
    </Row>
  );
}

function Charts({ report, place }: { report: Report; place: Place }) {
  const { t } = useI18n();
  const cases = behind(report, place);
  // A day of the trend: the cases received that local day.
  const dayOf = (day: string) => ({
    ...cases,
    from: tenantMidnight(day),
    to: tenantMidnight(dayjs(day).add(1, 'day').format('YYYY-MM-DD')),
  });
  const navigate = useNavigate();
  const projects = useProjects();
  const name = (id: string) => projects.data?.find((p) => p.id === id)?.name ?? id;
  const file = (what: string) => `${what}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`;
  const [now, before] = [report.current, report.previous];

  const trendOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid,
      xAxis: { type: 'category', data: report.trend.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name: t('dash.received'), data: report.trend.map((d) => d.received) },
        { type: 'line', name: t('dash.breaches'), data: report.trend.map((d) => d.breaches) },
        { type: 'line', name: t('dash.escalations'), data: report.trend.map((d) => d.escalations) },
      ],
    }),
    [report, t],
  );
  const projectOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid,
      xAxis: { type: 'category', data: report.projects.map((p) => name(p.projectId)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('dash.received'), data: report.projects.map((p) => p.received) },
        { type: 'bar', name: t('dash.breaches'), data: report.projects.map((p) => p.breaches) },
      ],
    }),
    [report, t, projects.data],
  );
  const ranked = useMemo(() => report.projects.filter((p) => p.compliance !== null), [report]);
  const rankingOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: ranked.map((p) => name(p.projectId)) },
      series: [
        {
          type: 'bar',
          name: t('dash.compliance'),
          data: ranked.map((p) => Math.round((p.compliance ?? 0) * 1000) / 10),
        },
      ],
    }),
    [ranked, t, projects.data],
  );
  const slaOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid,
      xAxis: { type: 'category', data: now.slaCompliance.map((m) => milestoneLabel(t, m.milestone)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', stack: 'm', name: t('dash.met'), data: now.slaCompliance.map((m) => m.met) },
        { type: 'bar', stack: 'm', name: t('dash.metLate'), data: now.slaCompliance.map((m) => m.metLate) },
        {
          type: 'bar',
          stack: 'm',
          name: t('dash.breachedOpen'),
          data: now.slaCompliance.map((m) => m.breachedOpen),
        },
      ],
    }),
    [now, t],
  );
  const compared = (a: Period['byKind'], b: Period['byKind']) =>
    [...new Set([...a.map((x) => x.key), ...b.map((x) => x.key)])].map((key) => ({
      key,
      current: a.find((x) => x.key === key)?.count ?? 0,
      previous: b.find((x) => x.key === key)?.count ?? 0,
    }));
  const kinds = compared(now.byKind, before.byKind);
  const channels = compared(now.byChannel, before.byChannel);
  const barsOf = (rows: { key: string; current: number; previous: number }[], label: (k: string) => string) =>
    ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid,
      xAxis: { type: 'category', data: rows.map((r) => label(r.key)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('dash.current'), data: rows.map((r) => r.current) },
        { type: 'bar', name: t('dash.prev'), data: rows.map((r) => r.previous) },
      ],
    }) satisfies ChartOption;
  const countColumns = (label: (k: string) => string, title: string) => [
    { title, value: (r: (typeof kinds)[number]) => label(r.key) },
    { title: t('dash.current'), value: (r: (typeof kinds)[number]) => r.current },
    { title: t('dash.prev'), value: (r: (typeof kinds)[number]) => r.previous },
  ];

  return (
    <>
      <ChartCard
        title={t('dash.trend')}
        csv={file('trend')}
        rows={report.trend}
        option={trendOption}
        onPick={(d) => navigate(queueLink(dayOf(d.day)))}
        columns={[
          { title: t('dash.day'), value: (d) => d.day },
          { title: t('dash.received'), value: (d) => d.received },
          { title: t('dash.breaches'), value: (d) => d.breaches },
          { title: t('dash.escalations'), value: (d) => d.escalations },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dash.byProject')}
            csv={file('projects')}
            rows={report.projects}
            option={projectOption}
            onPick={(p) => navigate(queueLink({ ...cases, projectId: p.projectId }))}
            columns={[
              { title: t('admin.project'), value: (p) => name(p.projectId) },
              { title: t('dash.received'), value: (p) => p.received },
              {
                title: t('dash.breaches'),
                value: (p) => p.breaches,
                render: (p) => (
                  <Typography.Link
                    onClick={() => navigate(queueLink({ ...cases, breached: true, projectId: p.projectId }))}
                  >
                    {p.breaches}
                  </Typography.Link>
                ),
              },
              {
                title: t('dash.escalations'),
                value: (p) => p.escalations,
                render: (p) => (
                  <Typography.Link
                    onClick={() => navigate(queueLink({ ...cases, escalated: true, projectId: p.projectId }))}
                  >
                    {p.escalations}
                  </Typography.Link>
                ),
              },
              {
                title: t('dash.resolutionP50'),
                value: (p) => p.resolutionP50 && Math.round(p.resolutionP50),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dash.ranking')}
            csv={file('ranking')}
            rows={ranked}
            option={rankingOption}
            onPick={(p) => navigate(queueLink({ ...cases, breached: true, projectId: p.projectId }))}
            columns={[
              { title: t('dash.rank'), value: (_, i) => i + 1 },
              { title: t('admin.project'), value: (p) => name(p.projectId) },
              { title: t('dash.compliance'), value: (p) => pct(p.compliance) },
              { title: t('dash.breaches'), value: (p) => p.breaches },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dash.sla')}
            csv={file('sla')}
            rows={now.slaCompliance}
            option={slaOption}
            columns={[
              { title: t('admin.sla.milestone'), value: (m) => milestoneLabel(t, m.milestone) },
              { title: t('dash.met'), value: (m) => m.met },
              { title: t('dash.metLate'), value: (m) => m.metLate },
              { title: t('dash.breachedOpen'), value: (m) => m.breachedOpen },
              { title: t('dash.current'), value: (m) => pct(m.compliance) },
              {
                title: t('dash.prev'),
                value: (m) => pct(before.slaCompliance.find((b) => b.milestone === m.milestone)?.compliance),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dash.byKind')}
            csv={file('kinds')}
            rows={kinds}
            option={barsOf(kinds, (k) => t(`kind.${k}`))}
            onPick={(r) => navigate(queueLink({ ...cases, kind: r.key }))}
            columns={countColumns((k) => t(`kind.${k}`), t('case.kind'))}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dash.byChannel')}
            csv={file('channels')}
            rows={channels}
            option={barsOf(channels, (k) => t(`channel.${k}`))}
            onPick={(r) => navigate(queueLink({ ...cases, channel: r.key }))}
            columns={countColumns((k) => t(`channel.${k}`), t('case.channel'))}
          />
        </Col>
      </Row>
    </>
  );
}

/** The manager dashboard (管理看板): the figures of the caller's reach, against the period before. */
export function DashboardPage() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>(() => ({ preset: '30', range: presetRange('30') }));
  const query = {
    // Days are the tenant's (Asia/Shanghai), as the server's trend counts them.
    from: tenantMidnight(filters.range[0].format('YYYY-MM-DD')),
    to: tenantMidnight(filters.range[1].add(1, 'day').format('YYYY-MM-DD')),
    ...(filters.branchId && { branchId: filters.branchId }),
    ...(filters.projectId && { projectId: filters.projectId }),
  };
  const report = useQuery({
    queryKey: ['reports', 'dashboard', query],
    queryFn: () => data(api.GET('/v1/reports/dashboard', { params: { query } })),
  });
  const day = (iso: string) =>
    new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', month: 'short', day: 'numeric' }).format(
      new Date(iso),
    );
  return (
    <>
      <ScreenTitle title={t('dash.title')} />
      <FilterBar value={filters} onChange={setFilters} />
      <ErrorAlert error={report.error} />
      {report.data && (
        <>
          <Typography.Paragraph type="secondary">
            {t('dash.vsPrevious', {
              from: day(report.data.previousFrom),
              to: day(dayjs(report.data.previousTo).subtract(1, 'ms').toISOString()),
            })}
            {' · '}
            {t('dash.drill')}
          </Typography.Paragraph>
          <Figures report={report.data} place={filters} />
          <Charts report={report.data} place={filters} />
        </>
      )}
    </>
  );
}
