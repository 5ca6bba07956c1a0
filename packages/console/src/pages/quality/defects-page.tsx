import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  InputNumber,
  Progress,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { useCategories, useProjects } from '../../lib/org';
import { formatTime } from '../../lib/time';
import { useAuth } from '../../session/auth';
import { DefectMeetingModal } from './defect-meeting';

type Defect = Schemas['Defect'];
const statuses = [
  'suggested',
  'accepted',
  'decided',
  'rectifying',
  'overdue',
  'rectified',
  'closed',
  'dismissed',
] as const;
const riskColour = { high: 'red', medium: 'orange', low: 'default' } as const;

/** 产品缺陷: the register of a project and its 100-point scorecard of the year. */
export function DefectsPage() {
  const { t, lang } = useI18n();
  const projects = useProjects();
  const [projectId, setProjectId] = useState<string | undefined>();
  const [status, setStatus] = useState<(typeof statuses)[number] | undefined>();
  const [year, setYear] = useState(new Date().getFullYear());
  const [meeting, setMeeting] = useState(false);
  const auth = useAuth();
  const project = projectId ?? projects.data?.[0]?.id;
  const list = useQuery({
    queryKey: ['defects', project, status],
    queryFn: () =>
      data(
        api.GET('/v1/defects', {
          params: {
            query: { limit: 100, ...(project ? { projectId: project } : {}), ...(status ? { status } : {}) },
          },
        }),
      ),
    enabled: Boolean(project),
  });
  const meetings = useQuery({
    queryKey: ['defect-meetings', project],
    queryFn: () =>
      data(
        api.GET('/v1/defect-meetings', { params: { query: { limit: 20, projectId: project as string } } }),
      ),
    enabled: Boolean(project),
  });
  const card = useQuery({
    queryKey: ['defect-scorecard', project, year],
    queryFn: () =>
      data(api.GET('/v1/defects/scorecard', { params: { query: { projectId: project as string, year } } })),
    enabled: Boolean(project),
  });

  return (
    <div className="gj-page">
      <Typography.Title level={3}>{t('defects.title')}</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          style={{ width: 200 }}
          value={project}
          onChange={setProjectId}
          aria-label={t('defects.project')}
          options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('defects.status')}
          value={status}
          onChange={setStatus}
          options={statuses.map((s) => ({ value: s, label: t(`defects.status.${s}`) }))}
        />
        <InputNumber
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          aria-label={t('defects.year')}
        />
        {auth.can('quality.manage') && project && (
          <Button type="primary" onClick={() => setMeeting(true)}>
            {t('defects.meeting.record')}
          </Button>
        )}
      </Space>
      {project && <DefectMeetingModal projectId={project} open={meeting} onClose={() => setMeeting(false)} />}
      {list.isError && <Alert type="error" title={problemMessage(t, list.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('defects.register')}>
            <Table<Defect>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={list.data?.data ?? []}
              locale={{ emptyText: <Empty description={t('app.empty')} /> }}
              columns={[
                {
                  title: t('defects.description'),
                  dataIndex: 'description',
                  render: (v: string, d) => <Link to={`/quality/defects/${d.id}`}>{v}</Link>,
                },
                {
                  title: t('defects.status'),
                  dataIndex: 'status',
                  width: 100,
                  render: (s: Defect['status']) => <Tag>{t(`defects.status.${s}`)}</Tag>,
                },
                {
                  title: t('defects.risk'),
                  width: 80,
                  render: (_, d) => (
                    <Tag color={riskColour[d.impact.risk]}>{t(`defects.risk.${d.impact.risk}`)}</Tag>
                  ),
                },
                { title: t('defects.households'), width: 80, render: (_, d) => d.impact.householdsAffected },
                { title: t('defects.foundAt'), width: 150, render: (_, d) => formatTime(lang, d.foundAt) },
              ]}
            />
          </Card>
          <Card size="small" title={t('defects.meetings')} style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={meetings.data?.data ?? []}
              locale={{ emptyText: <Empty description={t('app.empty')} /> }}
              columns={[
                {
                  title: t('defects.meeting.heldAt'),
                  width: 150,
                  render: (_, m) => formatTime(lang, m.heldAt),
                },
                {
                  title: t('defects.meeting.minutes'),
                  dataIndex: 'minutes',
                  // Long minutes wrap to two lines in the card (the whole text on hover), never past it.
                  render: (v: string) => (
                    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ marginBottom: 0 }}>
                      {v || '—'}
                    </Typography.Paragraph>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('defects.scorecard', { year })}
            extra={
              card.data && (
                <Typography.Text strong>{t('defects.total', { total: card.data.total })}</Typography.Text>
              )
            }
          >
            {card.data?.indicators.map((i) => (
              <div key={i.indicator} style={{ marginBottom: 12 }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text>{lang === 'en' ? i.labelEn : i.labelZh}</Typography.Text>
                  <Typography.Text>
                    {i.score} / {i.full}
                  </Typography.Text>
                </Space>
                <Progress percent={Math.round((i.score / i.full) * 100)} showInfo={false} size="small" />
                {i.taken.map((p, k) => (
                  <Typography.Text
                    key={`${i.indicator}-${k}`}
                    type="secondary"
                    style={{ display: 'block', fontSize: 12 }}
                  >
                    −{p.points} {t(`defects.fact.${p.fact}`)}
                    {p.defectId && (
                      <>
                        {' · '}
                        <Link to={`/quality/defects/${p.defectId}`}>{p.defectDescription}</Link>
                      </>
                    )}
                  </Typography.Text>
                ))}
              </div>
            ))}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** One defect: what was registered, its cases, the meeting's decision, and the next step. */
export function DefectPage() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const categories = useCategories(lang);
  const defect = useQuery({
    queryKey: ['defect', id],
    queryFn: () => data(api.GET('/v1/defects/{id}', { params: { path: { id: id as string } } })),
  });
  if (defect.isError)
    return <Alert className="gj-page" type="error" title={problemMessage(t, defect.error)} />;
  const d = defect.data;
  if (!d) return null;
  const manager = auth.can('quality.manage');
  const step = async (path: 'accept' | 'dismiss' | 'close' | 'feedback' | 'complete' | 'study') => {
    setError(null);
    try {
      const params = { params: { path: { id: d.id } } };
      if (path === 'feedback')
        await data(api.POST('/v1/defects/{id}/feedback', { ...params, body: { feedback: text } }));
      else if (path === 'complete')
        await data(api.POST('/v1/defects/{id}/complete', { ...params, body: text ? { note: text } : {} }));
      else if (path === 'study') await data(api.POST('/v1/defects/{id}/study', { ...params, body: {} }));
      else if (path === 'dismiss')
        await data(api.POST('/v1/defects/{id}/dismiss', { ...params, body: text ? { reason: text } : {} }));
      else if (path === 'accept') await data(api.POST('/v1/defects/{id}/accept', { ...params, body: {} }));
      else await data(api.POST('/v1/defects/{id}/close', { ...params, body: {} }));
      setText('');
      await queryClient.invalidateQueries({ queryKey: ['defect', id] });
      await queryClient.invalidateQueries({ queryKey: ['defects'] });
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };
  const steps: ('accept' | 'dismiss' | 'close' | 'feedback' | 'complete' | 'study')[] = [
    ...(d.allowedSteps.filter((s) => ['accept', 'dismiss', 'close'].includes(s)) as (
      | 'accept'
      | 'dismiss'
      | 'close'
    )[]),
    ...(['decided', 'overdue'].includes(d.status) && !d.feedbackAt ? (['feedback'] as const) : []),
    ...(['decided', 'rectifying', 'overdue'].includes(d.status) ? (['complete'] as const) : []),
    ...(!d.studiedAt && !['suggested', 'dismissed'].includes(d.status) ? (['study'] as const) : []),
  ];
  return (
    <div className="gj-page" style={{ maxWidth: 1100 }}>
      <Typography.Title level={3}>
        {t('defects.defect')} <Tag>{t(`defects.status.${d.status}`)}</Tag>
      </Typography.Title>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small">
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('defects.description')} span={2}>
                {d.description}
              </Descriptions.Item>
              <Descriptions.Item label={t('defects.category')}>
                {categories.data?.label(d.category) ?? d.category}
              </Descriptions.Item>
              <Descriptions.Item label={t('defects.source')}>
                {t(`defects.source.${d.source}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('defects.risk')}>
                {t(`defects.risk.${d.impact.risk}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('defects.households')}>
                {d.impact.householdsAffected}
              </Descriptions.Item>
              <Descriptions.Item label={t('defects.loss')}>
                ¥{(d.impact.estimatedLossFen / 100).toFixed(2)}
              </Descriptions.Item>
              <Descriptions.Item label={t('defects.foundAt')}>
                {formatTime(lang, d.foundAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('defects.unitTypes')}>
                {d.unitTypes.join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('defects.flags')}>
                {d.violatesStandard && <Tag color="red">{t('defects.violatesStandard')}</Tag>}
                {d.repeatOfDefectId && <Tag color="orange">{t('defects.repeated')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('defects.cases')} span={2}>
                {d.caseIds.length === 0
                  ? '—'
                  : d.caseIds.map((c) => (
                      <Link key={c} to={`/cases/${c}`} style={{ marginRight: 8 }}>
                        {c.slice(-6)}
                      </Link>
                    ))}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('defects.decision')}>
            {d.decision ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('defects.prevention')}>
                  {d.decision.preventionMeasure}
                </Descriptions.Item>
                <Descriptions.Item label={t('defects.feedbackDeadline')}>
                  {formatTime(lang, d.feedbackDeadline)}{' '}
                  {d.feedbackAt && <Tag color="green">{t('defects.done')}</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label={t('defects.completionDeadline')}>
                  {formatTime(lang, d.completionDeadline)}{' '}
                  {d.completedAt && <Tag color="green">{t('defects.done')}</Tag>}
                </Descriptions.Item>
                {d.feedback && (
                  <Descriptions.Item label={t('defects.feedback')}>{d.feedback}</Descriptions.Item>
                )}
              </Descriptions>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('defects.awaitingMeeting')} />
            )}
          </Card>
          {manager && steps.length > 0 && (
            <Card size="small" title={t('defects.next')} style={{ marginTop: 16 }}>
              <Input.TextArea
                rows={3}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t('defects.note')}
              />
              <Space wrap style={{ marginTop: 8 }}>
                {steps.map((s) => (
                  <Button
                    key={s}
                    onClick={() => void step(s)}
                    type={s === 'feedback' || s === 'accept' ? 'primary' : 'default'}
                  >
                    {t(`defects.step.${s}`)}
                  </Button>
                ))}
              </Space>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
