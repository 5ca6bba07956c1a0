import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, ifMatch, ScreenTitle, saveCsv } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { useAuth } from '../../session/auth';
import { CancelCampaign, NewCampaign } from './campaign-form';
import { InterviewsTab } from './interviews';
import { KpisTab } from './kpis';
import { RecordRecheck } from './register-forms';
import { SummaryDetail } from './summary-detail';

/* 满意度: survey campaigns and their results, improvement plans, complaint summaries, contractor scorecards. */

type Campaign = Schemas['SurveyCampaign'];
type Plan = Schemas['ImprovementPlan'];

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`;
const num = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : String(Math.round(v * 10) / 10);

const campaignColor: Record<string, string> = {
  scheduled: 'default',
  open: 'processing',
  closed: 'success',
  cancelled: 'error',
};
const planColor: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  returned: 'warning',
  presented: 'success',
  closed: 'default',
};

/** `dimension:repairs` → 工程维修; other indicators by their own label, else the key. */
function indicatorLabel(t: (key: string) => string, key: string) {
  const [kind, value] = key.split(':');
  if (kind === 'dimension') return t(`sat.dimension.${value}`);
  const label = t(`sat.indicator.${key}`);
  return label === `sat.indicator.${key}` ? key : label;
}

function useProjectName() {
  const projects = useProjects();
  return (id: string) => projects.data?.find((p) => p.id === id)?.name ?? id;
}

function useStaffNames() {
  const auth = useAuth();
  const staff = useQuery({
    queryKey: ['staff', 'list', 'all'],
    queryFn: () => data(api.GET('/v1/staff', { params: { query: { limit: 200 } } })),
    enabled: auth.can('staff.read'),
  });
  return {
    list: staff.data?.data ?? [],
    name: (id: string | null | undefined) => staff.data?.data.find((s) => s.id === id)?.name ?? id ?? '—',
  };
}

function Campaigns() {
  const { t } = useI18n();
  const campaigns = useQuery({
    queryKey: ['satisfaction', 'campaigns'],
    queryFn: () => data(api.GET('/v1/satisfaction/campaigns', { params: { query: {} } })),
  });
  const [open, setOpen] = useState<string | undefined>();
  const rows = campaigns.data?.data ?? [];
  const selected = open ?? rows.find((c) => c.status === 'closed')?.id;
  return (
    <>
      <NewCampaign />
      <ErrorAlert error={campaigns.error} />
      <Table<Campaign>
        rowKey="id"
        size="small"
        pagination={false}
        loading={campaigns.isPending}
        dataSource={rows}
        scroll={{ x: true }}
        rowClassName={(c) => (c.id === selected ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: t('sat.campaign'),
            dataIndex: 'title',
            render: (v, c) => (
              <Typography.Link onClick={() => setOpen(c.id)} aria-label={v}>
                {v}
              </Typography.Link>
            ),
          },
          { title: t('sat.round'), dataIndex: 'round' },
          { title: t('sat.period'), dataIndex: 'period' },
          { title: t('sat.window'), render: (_, c) => `${c.opensOn} ~ ${c.closesOn}` },
          {
            title: t('admin.status'),
            dataIndex: 'status',
            render: (s) => <Tag color={campaignColor[s]}>{t(`sat.campaignStatus.${s}`)}</Tag>,
          },
          { key: 'cancel', render: (_, c) => <CancelCampaign campaign={c} /> },
        ]}
      />
      {selected && <Results campaignId={selected} />}
    </>
  );
}

function Results({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const project = useProjectName();
  const results = useQuery({
    queryKey: ['satisfaction', 'results', campaignId],
    queryFn: () =>
      data(api.GET('/v1/satisfaction/campaigns/{id}/results', { params: { path: { id: campaignId } } })),
  });
  const r = results.data;
  const dims = [...new Set((r?.projects ?? []).flatMap((p) => Object.keys(p.byDimension)))];
  // A branch reader's own rank first; the group's beside it when they differ.
  const order = new Map((r?.ranking.projects ?? []).map((e) => [e.id, e.rank]));
  const rank = new Map(
    (r?.ranking.projects ?? []).map((e) => [
      e.id,
      e.reachRank === e.rank ? String(e.rank) : `${e.reachRank} (${t('sat.groupRank', { rank: e.rank })})`,
    ]),
  );
  const indicator = (key: string) => indicatorLabel(t, key);
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('sat.results')}
      extra={
        r && <Tag color={r.final ? 'success' : 'processing'}>{t(r.final ? 'sat.final' : 'sat.live')}</Tag>
      }
      loading={results.isPending}
    >
      <ErrorAlert error={results.error} />
      {r && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap size="large" align="start">
            <Card size="small" title={t('sat.bottomThree')} style={{ minWidth: 240 }}>
              {r.bottomThree.length === 0
                ? '—'
                : r.bottomThree.map((id) => (
                    <Tag color="red" key={id}>
                      {project(id)}
                    </Tag>
                  ))}
            </Card>
            <Card size="small" title={t('sat.mostImproved')} style={{ minWidth: 240 }}>
              {r.mostImproved.length === 0
                ? '—'
                : r.mostImproved.map((m) => (
                    <div key={m.id}>
                      <Tag color="green">{project(m.id)}</Tag>
                      {num(m.previous)} → {num(m.current)} (+{num(m.improvement)})
                    </div>
                  ))}
            </Card>
          </Space>
          <Table
            rowKey="projectId"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={[...r.projects].sort(
              (a, b) => (order.get(a.projectId) ?? 99) - (order.get(b.projectId) ?? 99),
            )}
            columns={[
              { title: t('sat.rank'), render: (_, p) => rank.get(p.projectId) ?? '—' },
              { title: t('admin.project'), render: (_, p) => project(p.projectId) },
              { title: t('sat.score'), render: (_, p) => num(p.overall.score) },
              { title: t('sat.satisfiedRate'), render: (_, p) => pct(p.overall.satisfiedRate) },
              { title: t('sat.responses'), render: (_, p) => `${p.responses} / ${p.sampled}` },
              { title: t('sat.responseRate'), render: (_, p) => pct(p.responseRate) },
              ...dims.map((d) => ({
                title: t(`sat.dimension.${d}`),
                key: d,
                render: (_: unknown, p: (typeof r.projects)[number]) => num(p.byDimension[d]?.score),
              })),
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('sat.linkage.title')}{' '}
            <Tag color={r.linkage === 'nobody' ? 'default' : 'orange'}>{t(`sat.linkage.${r.linkage}`)}</Tag>
          </Typography.Title>
          <Table
            rowKey="staffId"
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={[...r.staffScores].sort((a, b) => Number(b.counted) - Number(a.counted))}
            scroll={{ x: true }}
            columns={[
              { title: t('sat.linkage.staff'), dataIndex: 'name' },
              { title: t('sat.linkage.level'), render: (_, s) => t(`sat.level.${s.level}`) },
              {
                title: t('admin.project'),
                render: (_, s) => s.projectIds.map((id) => project(id)).join('、'),
              },
              { title: t('sat.score'), render: (_, s) => num(s.score) },
              { title: t('sat.linkage.basis'), render: (_, s) => t(`sat.linkage.basis.${s.basis}`) },
              {
                title: t('sat.linkage.counted'),
                render: (_, s) =>
                  s.counted ? (
                    <Tag color="orange">{t('sat.linkage.yes')}</Tag>
                  ) : (
                    <Tag>{t('sat.linkage.no')}</Tag>
                  ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('sat.shortBoards')}
          </Typography.Title>
          <Table
            rowKey={(s) => `${s.projectId}:${s.indicator}`}
            size="small"
            pagination={false}
            dataSource={r.shortBoards}
            scroll={{ x: true }}
            columns={[
              { title: t('admin.project'), render: (_, s) => project(s.projectId) },
              { title: t('sat.indicator'), render: (_, s) => indicator(s.indicator) },
              { title: t('sat.value'), render: (_, s) => num(s.value) },
              { title: t('sat.threshold'), render: (_, s) => num(s.threshold) },
              { title: t('sat.groupAverage'), render: (_, s) => num(s.groupAverage) },
              {
                title: t('sat.reason'),
                render: (_, s) => s.reasons.map((x) => <Tag key={x}>{t(`sat.shortReason.${x}`)}</Tag>),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

function Plans() {
  const { t } = useI18n();
  const project = useProjectName();
  const staff = useStaffNames();
  const plans = useQuery({
    queryKey: ['satisfaction', 'plans'],
    queryFn: () => data(api.GET('/v1/satisfaction/plans', { params: { query: {} } })),
  });
  return (
    <>
      <ErrorAlert error={plans.error} />
      <Table<Plan>
        rowKey="id"
        size="small"
        pagination={false}
        loading={plans.isPending}
        dataSource={plans.data?.data ?? []}
        scroll={{ x: true }}
        expandable={{ expandedRowRender: (p) => <PlanDetail plan={p} /> }}
        columns={[
          { title: t('admin.project'), render: (_, p) => project(p.projectId) },
          {
            title: t('reports.department'),
            render: (_, p) => (p.department ? t(`sat.department.${p.department}`) : t('sat.projectPlan')),
          },
          { title: t('sat.owner'), render: (_, p) => staff.name(p.ownerId) },
          { title: t('sat.measures'), render: (_, p) => p.measures.length },
          {
            title: t('admin.status'),
            dataIndex: 'status',
            render: (s) => <Tag color={planColor[s]}>{t(`sat.planStatus.${s}`)}</Tag>,
          },
          { title: t('sat.returnReason'), dataIndex: 'returnReason', render: (v) => v ?? '—' },
        ]}
      />
    </>
  );
}

function PlanDetail({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const staff = useStaffNames();
  const [returning, setReturning] = useState(false);
  const [presenting, setPresenting] = useState(false);
  const [reason, setReason] = useState('');
  const [gm, setGm] = useState<string | undefined>();
  const [on, setOn] = useState<Dayjs>(() => dayjs());
  const step = async (body: Schemas['ImprovementPlanStep']) => {
    try {
      await data(
        api.POST('/v1/satisfaction/plans/{id}/steps', {
          params: { path: { id: plan.id }, header: ifMatch(plan.version) as never },
          body,
        }),
      );
      message.success(t(`sat.stepDone.${body.type}`));
      setReturning(false);
      setPresenting(false);
      await client.invalidateQueries({ queryKey: ['satisfaction', 'plans'] });
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };
  const allowed = plan.allowedSteps;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={plan.measures}
        columns={[
          { title: t('sat.indicator'), render: (_, m) => indicatorLabel(t, m.indicator) },
          { title: t('sat.action'), dataIndex: 'action' },
          { title: t('sat.owner'), render: (_, m) => staff.name(m.ownerId) },
          { title: t('sat.dueOn'), dataIndex: 'dueOn' },
        ]}
      />
      {(plan.presentedTo || plan.rechecks.length > 0) && (
        <Descriptions size="small" column={2}>
          {plan.presentedTo && (
            <Descriptions.Item label={t('sat.presentedTo')}>
              {staff.name(plan.presentedTo)} · {plan.presentedOn}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('sat.rechecks')}>
            {plan.rechecks.map((r) => `${r.year}Q${r.quarter}${r.checkedBy ? ' ✓' : ''}`).join('、') || '—'}
          </Descriptions.Item>
          {plan.rechecks.some((r) => r.progress) && (
            <Descriptions.Item label={t('sat.lastRecheck')} span={2}>
              {(() => {
                const last = [...plan.rechecks].reverse().find((r) => r.progress);
                return last?.progress
                  ?.map((p) => {
                    const m = plan.measures.find((x) => x.id === p.measureId);
                    return `${m?.action ?? p.measureId}：${t(`sat.progress.${p.status}`)}${p.note ? `（${p.note}）` : ''}`;
                  })
                  .join('；');
              })()}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Space wrap>
        {allowed.includes('submit') && (
          <Button onClick={() => step({ type: 'submit' })}>{t('sat.step.submit')}</Button>
        )}
        {allowed.includes('approve') && (
          <Button type="primary" onClick={() => step({ type: 'approve' })}>
            {t('sat.step.approve')}
          </Button>
        )}
        {allowed.includes('return') && (
          <Button onClick={() => setReturning(true)}>{t('sat.step.return')}</Button>
        )}
        {allowed.includes('present') && (
          <Button onClick={() => setPresenting(true)}>{t('sat.step.present')}</Button>
        )}
        {allowed.includes('close') && (
          <Button onClick={() => step({ type: 'close' })}>{t('sat.step.close')}</Button>
        )}
        {plan.rechecks
          .filter((r) => !r.checkedAt)
          .slice(0, 1)
          .map((r) => (
            <RecordRecheck key={r.id} plan={plan} recheck={r} />
          ))}
      </Space>
      <Modal
        open={returning}
        title={t('sat.step.return')}
        onCancel={() => setReturning(false)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => step({ type: 'return', reason: reason.trim() })}
      >
        <Input.TextArea
          aria-label={t('sat.returnReason')}
          placeholder={t('sat.returnReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
        />
      </Modal>
      <Modal
        open={presenting}
        title={t('sat.step.present')}
        onCancel={() => setPresenting(false)}
        okButtonProps={{ disabled: !gm }}
        onOk={() => gm && step({ type: 'present', presentedTo: gm, presentedOn: on.format('YYYY-MM-DD') })}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            aria-label={t('sat.presentedTo')}
            placeholder={t('sat.presentedTo')}
            value={gm}
            onChange={setGm}
            options={staff.list.map((s) => ({ value: s.id, label: s.name }))}
          />
          <DatePicker
            value={on}
            allowClear={false}
            onChange={(d) => d && setOn(d)}
            aria-label={t('sat.presentedOn')}
          />
        </Space>
      </Modal>
    </Space>
  );
}

const lastMonth = () => dayjs().subtract(1, 'month');

function Summaries() {
  const { t } = useI18n();
  const project = useProjectName();
  const staff = useStaffNames();
  const [month, setMonth] = useState<Dayjs>(lastMonth);
  const summaries = useQuery({
    queryKey: ['satisfaction', 'summaries', month.format('YYYY-MM')],
    queryFn: () =>
      data(api.GET('/v1/complaint-summaries', { params: { query: { month: month.format('YYYY-MM') } } })),
  });
  return (
    <>
      <DatePicker
        picker="month"
        value={month}
        allowClear={false}
        onChange={(d) => d && setMonth(d)}
        aria-label={t('sat.month')}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={summaries.error} />
      <Table<Schemas['ComplaintSummary']>
        rowKey="id"
        size="small"
        pagination={false}
        loading={summaries.isPending}
        dataSource={summaries.data?.data ?? []}
        scroll={{ x: true }}
        expandable={{ expandedRowRender: (s) => <SummaryDetail summary={s} staffName={staff.name} /> }}
        columns={[
          { title: t('admin.project'), render: (_, s) => project(s.projectId) },
          { title: t('sat.month'), dataIndex: 'month' },
          { title: t('sat.complaints'), render: (_, s) => s.figures.total },
          {
            title: t('sat.change'),
            render: (_, s) => {
              const c = s.changes.total;
              return c ? `${c.delta >= 0 ? '+' : ''}${c.delta} (${pct(c.ratio)})` : '—';
            },
          },
          { title: t('sat.unresolved'), render: (_, s) => s.figures.unresolved },
          { title: t('sat.breaches'), render: (_, s) => s.figures.breaches },
          { title: t('sat.dueOn'), dataIndex: 'dueOn' },
          {
            title: t('admin.status'),
            render: (_, s) => (
              <Space size={4}>
                <Tag
                  color={
                    s.status === 'reviewed' ? 'success' : s.status === 'submitted' ? 'processing' : 'default'
                  }
                >
                  {t(`sat.summaryStatus.${s.status}`)}
                </Tag>
                {s.deadline !== 'done' && s.deadline !== 'pending' && (
                  <Tag color={s.deadline === 'warning' ? 'warning' : 'error'}>
                    {t(`sat.deadline.${s.deadline}`)}
                  </Tag>
                )}
                {s.majorProblem && <Tag color="red">{t('sat.majorProblem')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function Scorecards() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(lastMonth);
  const contractors = useQuery({
    queryKey: ['contractors', 'all'],
    queryFn: () => data(api.GET('/v1/contractors', { params: { query: { limit: 200 } } })),
    retry: false,
  });
  const name = (id: string) => contractors.data?.data.find((c) => c.id === id)?.name ?? id;
  const report = useQuery({
    queryKey: ['satisfaction', 'scorecards', month.format('YYYY-MM')],
    queryFn: () =>
      data(api.GET('/v1/contractor-scorecards', { params: { query: { month: month.format('YYYY-MM') } } })),
  });
  const rows = (report.data as Schemas['ContractorScorecardReport'] | undefined)?.scorecards ?? [];
  // The API's own CSV (UTF-8 with BOM, for Excel), the same figures the table shows.
  const download = async () => {
    const text = await data(
      api.GET('/v1/contractor-scorecards', {
        params: { query: { month: month.format('YYYY-MM'), format: 'csv' } },
        parseAs: 'text',
      }),
    );
    saveCsv(`contractor-scorecards-${month.format('YYYY-MM')}.csv`, String(text));
  };
  const header = [
    t('sat.contractor'),
    t('sat.jobs'),
    t('sat.contactMet'),
    t('sat.forfeits'),
    t('sat.firstTimeFix'),
    t('sat.reworks'),
    t('sat.followUpSatisfaction'),
    t('sat.points'),
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          value={month}
          allowClear={false}
          onChange={(d) => d && setMonth(d)}
          aria-label={t('sat.month')}
        />
        <Button
          disabled={rows.length === 0}
          onClick={() => void download().catch((e) => message.error(problemMessage(t, e)))}
        >
          {t('reports.csv')}
        </Button>
      </Space>
      <ErrorAlert error={report.error} />
      <Table<Schemas['ContractorScorecard']>
        rowKey="contractorId"
        size="small"
        pagination={false}
        loading={report.isPending}
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          { title: header[0], render: (_, r) => name(r.contractorId) },
          { title: header[1], dataIndex: 'jobs' },
          { title: header[2], render: (_, r) => pct(r.contactMetRate) },
          { title: header[3], dataIndex: 'forfeits' },
          { title: header[4], render: (_, r) => pct(r.firstTimeFixRate) },
          { title: header[5], dataIndex: 'reworks' },
          { title: header[6], render: (_, r) => pct(r.followUpSatisfaction) },
          {
            title: header[7],
            render: (_, r) => (
              <Statistic
                value={r.points}
                valueStyle={{ fontSize: 14, color: r.points < 0 ? '#cf1322' : undefined }}
              />
            ),
          },
        ]}
      />
    </>
  );
}

function Interviews() {
  const staff = useStaffNames();
  return <InterviewsTab staffName={staff.name} />;
}

/** 满意度管理: one screen, its tabs. */
export function SatisfactionPage() {
  const { t } = useI18n();
  return (
    <>
      <ScreenTitle title={t('sat.title')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'campaigns', label: t('sat.tab.campaigns'), children: <Campaigns /> },
          { key: 'plans', label: t('sat.tab.plans'), children: <Plans /> },
          { key: 'summaries', label: t('sat.tab.summaries'), children: <Summaries /> },
          { key: 'scorecards', label: t('sat.tab.scorecards'), children: <Scorecards /> },
          { key: 'interviews', label: t('sat.tab.interviews'), children: <Interviews /> },
          { key: 'kpis', label: t('sat.tab.kpis'), children: <KpisTab /> },
        ]}
      />
    </>
  );
}
