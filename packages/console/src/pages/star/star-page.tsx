import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ifMatch, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { Countdown, formatTime } from '../../lib/time';
import { useAuth } from '../../session/auth';

type Nomination = Schemas['StarNomination'];
type Cycle = Schemas['StarCycle'];
const chainSteps = ['hr_screening', 'functional_department', 'general_manager'] as const;
const statusColor: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  screening: 'blue',
  deciding: 'purple',
  returned: 'orange',
  approved: 'green',
  rejected: 'red',
  announced: 'gold',
  withdrawn: 'default',
};

interface Evidence {
  period?: { from?: string; to?: string };
  casesReceived?: number;
  casesHandled?: number;
  sla?: { met: number; total: number; complianceRate: number | null };
  satisfaction?: { rated: number; average: number | null };
  commendations?: number;
}

function useStaffNames() {
  const staff = useQuery({
    queryKey: ['staff', 'list', 'all'],
    queryFn: () => data(api.GET('/v1/staff', { params: { query: { limit: 200 } } })),
  });
  return {
    list: staff.data?.data ?? [],
    name: (id: string | null | undefined) => staff.data?.data.find((s) => s.id === id)?.name ?? id ?? '—',
  };
}

/** 系统佐证: what the platform gathered about the nominee over the quarter, beside the text. */
function EvidencePanel({ evidence }: { evidence: Evidence | null }) {
  const { t } = useI18n();
  if (!evidence) return <Typography.Text type="secondary">{t('star.evidence.pending')}</Typography.Text>;
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`;
  return (
    <Space wrap size={24}>
      <Statistic title={t('star.evidence.received')} value={evidence.casesReceived ?? 0} />
      <Statistic title={t('star.evidence.handled')} value={evidence.casesHandled ?? 0} />
      <Statistic
        title={t('star.evidence.sla')}
        value={pct(evidence.sla?.complianceRate)}
        suffix={
          evidence.sla ? (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12 }}
            >{`${evidence.sla.met}/${evidence.sla.total}`}</Typography.Text>
          ) : null
        }
      />
      <Statistic
        title={t('star.evidence.satisfaction')}
        value={evidence.satisfaction?.average ?? '—'}
        precision={evidence.satisfaction?.average ? 1 : undefined}
        suffix={
          evidence.satisfaction ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('star.evidence.rated', { n: evidence.satisfaction.rated })}
            </Typography.Text>
          ) : null
        }
      />
      <Statistic title={t('star.evidence.commendations')} value={evidence.commendations ?? 0} />
    </Space>
  );
}

/** One nomination: the text, the gathered evidence beside it, the chain and what the caller may do. */
function NominationDetail({ nomination, onChanged }: { nomination: Nomination; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const auth = useAuth();
  const staff = useStaffNames();
  const projects = useProjects();
  const [comment, setComment] = useState('');
  const run = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      message.success(done);
      setComment('');
      onChanged();
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };
  const decide = (decision: 'approve' | 'return') => {
    if (decision === 'return' && !comment.trim()) {
      message.error(t('star.returnNeedsReason'));
      return;
    }
    void run(
      () =>
        data(
          api.POST('/v1/star/nominations/{id}/decisions', {
            params: { path: { id: nomination.id }, header: ifMatch(nomination.version) as never },
            body: { decision, ...(comment.trim() && { comment: comment.trim() }) },
          }),
        ),
      t(decision === 'approve' ? 'star.approved' : 'star.returned'),
    );
  };
  const reviewing =
    ['submitted', 'screening', 'deciding'].includes(nomination.status) && auth.can('star.review');
  const submittable = ['draft', 'returned'].includes(nomination.status) && auth.can('star.submit');
  const current = chainSteps.indexOf((nomination.nextStep ?? '') as (typeof chainSteps)[number]);
  const decisions = (nomination.decisions ?? []) as Schemas['StarDecision'][];
  return (
    <Card
      size="small"
      title={t('star.detail', { name: staff.name(nomination.nomineeId) })}
      data-testid="nomination-detail"
    >
      <div className="gj-two-col">
        <div>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('admin.project')}>
              {projects.data?.find((p) => p.id === nomination.projectId)?.name ?? nomination.projectId}
            </Descriptions.Item>
            <Descriptions.Item label={t('star.role')}>{nomination.nomineeRole}</Descriptions.Item>
            <Descriptions.Item label={t('admin.status')}>
              <Tag color={statusColor[nomination.status]}>{t(`star.status.${nomination.status}`)}</Tag>
              {nomination.late && <Tag color="orange">{t('star.late')}</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('star.reasons')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{nomination.reasons}</Typography.Paragraph>
          {nomination.deeds.length > 0 && (
            <ul style={{ paddingLeft: 18 }}>
              {nomination.deeds.map((d, i) => (
                <li key={i}>
                  {d.date && <Typography.Text type="secondary">{d.date} </Typography.Text>}
                  {d.description}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('star.evidence')}
          </Typography.Title>
          <EvidencePanel evidence={nomination.evidence as Evidence | null} />
        </div>
      </div>
      <Typography.Title level={5}>{t('star.chain')}</Typography.Title>
      <Steps
        size="small"
        current={
          nomination.status === 'approved' || nomination.status === 'announced'
            ? chainSteps.length
            : Math.max(0, current)
        }
        status={nomination.status === 'returned' || nomination.status === 'rejected' ? 'error' : undefined}
        items={chainSteps.map((step) => {
          const last = [...decisions].reverse().find((d) => d.step === step);
          return {
            title: t(`star.step.${step}`),
            description: last
              ? `${t(`star.decision.${last.decision}`)} · ${staff.name(last.decidedBy)} · ${formatTime(lang, last.decidedAt)}${last.comment ? ` · ${last.comment}` : ''}`
              : undefined,
          };
        })}
      />
      {(reviewing || submittable) && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
          {reviewing && (
            <Input.TextArea
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              aria-label={t('star.comment')}
              placeholder={t('star.comment')}
            />
          )}
          <Space wrap>
            {submittable && (
              <Button
                type="primary"
                onClick={() =>
                  void run(
                    () =>
                      data(
                        api.POST('/v1/star/nominations/{id}/submit', {
                          params: {
                            path: { id: nomination.id },
                            header: ifMatch(nomination.version) as never,
                          },
                        }),
                      ),
                    t('star.submitted'),
                  )
                }
              >
                {t('star.submit')}
              </Button>
            )}
            {reviewing && (
              <>
                <Button type="primary" onClick={() => decide('approve')}>
                  {t('star.approve')}
                </Button>
                <Button danger onClick={() => decide('return')}>
                  {t('star.return')}
                </Button>
              </>
            )}
          </Space>
        </Space>
      )}
    </Card>
  );
}

/** 推荐表: project staff propose a colleague with the reasons and their deeds. */
function NominationForm({ onCreated }: { onCreated: (n: Nomination) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const projects = useProjects();
  const staff = useStaffNames();
  const [form] = Form.useForm();
  const save = async (v: {
    projectId: string;
    nomineeId: string;
    nomineeRole: string;
    reasons: string;
    deed?: string;
  }) => {
    try {
      const created = await data(
        api.POST('/v1/star/nominations', {
          params: { header: idempotency() as never },
          body: {
            projectId: v.projectId,
            nomineeId: v.nomineeId,
            nomineeRole: v.nomineeRole,
            reasons: v.reasons,
            deeds: v.deed ? [{ description: v.deed }] : [],
          },
        }),
      );
      form.resetFields();
      message.success(t('star.drafted'));
      onCreated(created);
    } catch (e) {
      form.setFields(fieldErrors(t, e));
      message.error(problemMessage(t, e));
    }
  };
  return (
    <Card size="small" title={t('star.form')}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item
          name="projectId"
          label={t('admin.project')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={projects.data?.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item
          name="nomineeId"
          label={t('star.nominee')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={staff.list.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item
          name="nomineeRole"
          label={t('star.role')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="reasons"
          label={t('star.reasons')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="deed" label={t('star.deed')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit">{t('star.saveDraft')}</Button>
      </Form>
    </Card>
  );
}

/** 服务之星: the quarter's cycle and deadline, nominations and the chain, announcement and winners. */
export function StarPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const staff = useStaffNames();
  const projects = useProjects();
  const [cycleId, setCycleId] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [reward, setReward] = useState('');
  const cycles = useQuery({
    queryKey: ['star', 'cycles'],
    queryFn: () => data(api.GET('/v1/star/cycles', { params: { query: { limit: 50 } } })),
    select: (p) => p.data,
  });
  const chosen = cycleId ?? cycles.data?.[0]?.id;
  const cycle = useQuery({
    queryKey: ['star', 'cycle', chosen],
    enabled: Boolean(chosen),
    queryFn: () => data(api.GET('/v1/star/cycles/{id}', { params: { path: { id: chosen as string } } })),
  });
  const nominations = useQuery({
    queryKey: ['star', 'nominations', chosen],
    queryFn: () =>
      data(
        api.GET('/v1/star/nominations', {
          params: { query: { limit: 100, ...(chosen && { cycleId: chosen }) } },
        }),
      ),
  });
  const branchId = cycle.data?.branchId;
  const board = useQuery({
    queryKey: ['star', 'leaderboard', branchId],
    enabled: Boolean(branchId),
    queryFn: () =>
      data(api.GET('/v1/star/leaderboard', { params: { query: { branchId: branchId as string } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['star'] });
  const rows = nominations.data?.data ?? [];
  const current = rows.find((n) => n.id === selected);
  const approved = rows.filter((n) => n.status === 'approved');
  const nextDeadline = useMemo(
    () => cycle.data?.deadlines?.find((d) => Date.parse(d.at) > Date.now()) ?? null,
    [cycle.data],
  );

  const announce = async (c: Cycle) => {
    try {
      await data(
        api.POST('/v1/star/cycles/{id}/announce', {
          params: { path: { id: c.id }, header: ifMatch(c.version) as never },
          body: {
            winners: approved.map((n) => ({
              nominationId: n.id,
              ...(reward.trim() && { rewardDescription: reward.trim() }),
            })),
          },
        }),
      );
      message.success(t('star.announced'));
      await refresh();
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };

  return (
    <div className="gj-page">
      <ScreenTitle
        title={t('star.title')}
        extra={
          <Select
            style={{ minWidth: 200 }}
            aria-label={t('star.cycle')}
            value={chosen}
            onChange={(id) => {
              setCycleId(id);
              setSelected(undefined);
            }}
            options={cycles.data?.map((c) => ({
              value: c.id,
              label: t('star.cycleName', { year: c.year, quarter: c.quarter }),
            }))}
          />
        }
      />
      <ErrorAlert error={cycles.error ?? nominations.error} />
      {cycles.data && cycles.data.length === 0 && (
        <Card style={{ marginBottom: 12 }}>
          <Empty description={t('star.noCycle')} />
        </Card>
      )}
      {cycle.data && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="star-cycle">
          <Space size={48} wrap align="start">
            <Statistic
              title={t('star.cycle')}
              value={t('star.cycleName', { year: cycle.data.year, quarter: cycle.data.quarter })}
            />
            <div>
              <Typography.Text type="secondary">{t('admin.status')}</Typography.Text>
              <div>
                <Tag color={cycle.data.status === 'announced' ? 'gold' : 'blue'}>
                  {t(`star.cycleStatus.${cycle.data.status}`)}
                </Tag>
              </div>
            </div>
            <div>
              <Typography.Text type="secondary">{t('star.deadline')}</Typography.Text>
              <div>
                {nextDeadline ? (
                  <Space>
                    <Typography.Text strong>{nextDeadline.date}</Typography.Text>
                    <Countdown dueAt={nextDeadline.at} />
                  </Space>
                ) : (
                  <Typography.Text>{t('star.deadlinesPassed')}</Typography.Text>
                )}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('star.deadlineRule')}
              </Typography.Text>
            </div>
          </Space>
        </Card>
      )}
      <div className="gj-two-col" style={{ marginBottom: 12 }}>
        <Card size="small" title={t('star.nominations')}>
          <Table<Nomination>
            rowKey="id"
            size="small"
            pagination={false}
            loading={nominations.isPending}
            dataSource={rows}
            scroll={{ x: true }}
            locale={{ emptyText: t('star.noNominations') }}
            onRow={(n) => ({ onClick: () => setSelected(n.id), style: { cursor: 'pointer' } })}
            rowClassName={(n) => (n.id === selected ? 'ant-table-row-selected' : '')}
            columns={[
              {
                title: t('star.nominee'),
                dataIndex: 'nomineeId',
                render: (id) => <Typography.Link>{staff.name(id)}</Typography.Link>,
              },
              {
                title: t('admin.project'),
                dataIndex: 'projectId',
                render: (id) => projects.data?.find((p) => p.id === id)?.name ?? id,
              },
              {
                title: t('admin.status'),
                dataIndex: 'status',
                render: (s) => <Tag color={statusColor[s]}>{t(`star.status.${s}`)}</Tag>,
              },
              {
                title: t('star.nextStep'),
                dataIndex: 'nextStep',
                render: (s) => (s ? t(`star.step.${s}`) : '—'),
              },
            ]}
          />
          {cycle.data?.status === 'open' && auth.can('star.review') && approved.length > 0 && (
            <Space wrap style={{ marginTop: 12 }}>
              <Input
                style={{ width: 240 }}
                value={reward}
                onChange={(e) => setReward(e.target.value)}
                aria-label={t('star.reward')}
                placeholder={t('star.reward')}
              />
              <Button
                type="primary"
                disabled={!reward.trim()}
                onClick={() => void announce(cycle.data as Cycle)}
              >
                {t('star.announce', { count: approved.length })}
              </Button>
            </Space>
          )}
        </Card>
        {auth.can('star.nominate') ? (
          <NominationForm
            onCreated={(n) => {
              void refresh();
              setSelected(n.id);
            }}
          />
        ) : (
          <span />
        )}
      </div>
      {current && <NominationDetail nomination={current} onChanged={() => void refresh()} />}
      <Card size="small" title={t('star.winners')} style={{ marginTop: 12 }} data-testid="star-winners">
        {cycle.data?.winners && cycle.data.winners.length > 0 && (
          <Space wrap style={{ marginBottom: 12 }}>
            {cycle.data.winners.map((w) => (
              <Tag key={w.nominationId} color="gold" style={{ fontSize: 14, padding: '4px 10px' }}>
                ★ {w.nomineeName ?? staff.name(w.nomineeId)}
                {w.rewardDescription ? ` · ${w.rewardDescription}` : ''}
              </Tag>
            ))}
            {cycle.data.announcedAt && (
              <Typography.Text type="secondary">
                {t('star.announcedAt', { time: formatTime(lang, cycle.data.announcedAt) })}
              </Typography.Text>
            )}
          </Space>
        )}
        <Table
          rowKey={(h) => h.nominationId}
          size="small"
          pagination={false}
          dataSource={board.data?.history}
          scroll={{ x: true }}
          locale={{ emptyText: t('star.noWinners') }}
          columns={[
            {
              title: t('star.cycle'),
              render: (_, h) => t('star.cycleName', { year: h.year, quarter: h.quarter }),
            },
            { title: t('star.nominee'), render: (_, h) => h.nomineeName ?? staff.name(h.nomineeId) },
            {
              title: t('admin.project'),
              dataIndex: 'projectId',
              render: (id) => projects.data?.find((p) => p.id === id)?.name ?? id,
            },
            { title: t('star.rewardCol'), dataIndex: 'rewardDescription', render: (v) => v ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}
