import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { useProjects } from '../../lib/org';
import { useAuth } from '../../session/auth';
import { ChecklistTemplateButton } from './checklist-template';
import { HandoverInspections } from './handover-inspections';

type Item = Schemas['HandoverChecklistItem'];
const stateColour = {
  done: 'green',
  on_track: 'blue',
  unplanned: 'gold',
  too_close: 'orange',
  overdue: 'red',
} as const;

/** 交付: a batch's readiness checklist (risk per item) and the handover-day targets against the actuals. */
export function HandoverPage() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const manager = auth.can('quality.manage');
  const queryClient = useQueryClient();
  const projects = useProjects();
  const [projectId, setProjectId] = useState<string | undefined>();
  const [planId, setPlanId] = useState<string | undefined>();
  const [editing, setEditing] = useState<Item | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const [dayForm] = Form.useForm();
  const project = projectId ?? projects.data?.[0]?.id;
  const plans = useQuery({
    queryKey: ['handover-plans', project],
    queryFn: () =>
      data(api.GET('/v1/handover-plans', { params: { query: { limit: 50, projectId: project as string } } })),
    enabled: Boolean(project),
  });
  const selected = planId ?? plans.data?.data[0]?.id;
  const plan = useQuery({
    queryKey: ['handover-plan', selected],
    queryFn: () => data(api.GET('/v1/handover-plans/{id}', { params: { path: { id: selected as string } } })),
    enabled: Boolean(selected),
  });
  const p = plan.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['handover-plan', selected] });

  const saveItem = async () => {
    if (!editing || !p) return;
    const f = form.getFieldsValue();
    try {
      await data(
        api.POST('/v1/handover-plans/{id}/items/{key}', {
          params: { path: { id: p.id, key: editing.key } },
          body: { plannedOn: f.plannedOn || null, actualOn: f.actualOn || null, notes: f.notes ?? '' },
        }),
      );
      setEditing(null);
      await refresh();
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };
  const saveDay = async () => {
    if (!p) return;
    try {
      await data(
        api.POST('/v1/handover-plans/{id}/handover-day', {
          params: { path: { id: p.id } },
          body: dayForm.getFieldsValue(),
        }),
      );
      await refresh();
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };
  const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

  return (
    <div className="gj-page">
      <Typography.Title level={3}>{t('handover.title')}</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          style={{ width: 200 }}
          value={project}
          onChange={(v) => {
            setProjectId(v);
            setPlanId(undefined);
          }}
          aria-label={t('defects.project')}
          options={(projects.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select
          style={{ width: 200 }}
          value={selected}
          onChange={setPlanId}
          placeholder={t('handover.batch')}
          options={(plans.data?.data ?? []).map((x) => ({
            value: x.id,
            label: `${x.batch} · ${x.handoverOn}`,
          }))}
        />
        {manager && <ChecklistTemplateButton />}
      </Space>
      {error && (
        <Alert
          type="error"
          title={error}
          style={{ marginBottom: 12 }}
          closable
          onClose={() => setError(null)}
        />
      )}
      {!p ? (
        <Card>
          <Empty description={t('app.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Card
              size="small"
              title={t('handover.checklist', { batch: p.batch, date: p.handoverOn })}
              extra={<Tag>{t(`handover.phase.${p.phase}`)}</Tag>}
            >
              <Typography.Paragraph type="secondary">
                {t('handover.opens', { date: p.opensOn, households: p.households })}
              </Typography.Paragraph>
              <Table<Item>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={p.items ?? []}
                columns={[
                  { title: t('handover.item'), render: (_, i) => (lang === 'en' ? i.labelEn : i.labelZh) },
                  {
                    title: t('handover.plannedOn'),
                    dataIndex: 'plannedOn',
                    width: 110,
                    render: (v) => v ?? '—',
                  },
                  {
                    title: t('handover.actualOn'),
                    dataIndex: 'actualOn',
                    width: 110,
                    render: (v) => v ?? '—',
                  },
                  {
                    title: t('handover.state'),
                    width: 110,
                    render: (_, i) => (
                      <Tag color={stateColour[i.state]}>{t(`handover.state.${i.state}`)}</Tag>
                    ),
                  },
                  { title: t('handover.notes'), dataIndex: 'notes', ellipsis: true },
                  ...(manager
                    ? [
                        {
                          title: '',
                          width: 70,
                          render: (_: unknown, i: Item) => (
                            <Button
                              size="small"
                              onClick={() => {
                                setEditing(i);
                                form.setFieldsValue({
                                  plannedOn: i.plannedOn,
                                  actualOn: i.actualOn,
                                  notes: i.notes,
                                });
                              }}
                            >
                              {t('knowledge.edit')}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={9}>
            <Card size="small" title={t('handover.targets')}>
              <Row gutter={[12, 12]}>
                {(p.targets ?? []).map((x) => (
                  <Col span={12} key={x.key}>
                    <Statistic
                      title={`${lang === 'en' ? x.labelEn : x.labelZh} (${x.comparison === 'at_least' ? '≥' : '≤'} ${
                        x.key.endsWith('rate') ? percent(x.target) : x.target
                      })`}
                      value={x.key.endsWith('rate') ? percent(x.actual) : (x.actual ?? '—')}
                      valueStyle={{
                        color:
                          x.met === null || (p.phase !== 'handed_over' && p.acceptedHouseholds === 0)
                            ? undefined
                            : x.met
                              ? '#3f8600'
                              : '#cf1322',
                      }}
                    />
                  </Col>
                ))}
              </Row>
            </Card>
            {manager && (
              <Card size="small" title={t('handover.day')} style={{ marginTop: 16 }}>
                <Form
                  form={dayForm}
                  layout="vertical"
                  initialValues={{
                    acceptedHouseholds: p.acceptedHouseholds,
                    handoverIssues: p.handoverIssues,
                    groupIncidents: p.groupIncidents,
                  }}
                  key={p.id}
                >
                  <Form.Item name="acceptedHouseholds" label={t('handover.accepted')}>
                    <InputNumber min={0} max={p.households} />
                  </Form.Item>
                  <Form.Item name="handoverIssues" label={t('handover.issues')}>
                    <InputNumber min={0} />
                  </Form.Item>
                  <Form.Item name="groupIncidents" label={t('handover.incidents')}>
                    <InputNumber min={0} />
                  </Form.Item>
                  <Button type="primary" onClick={() => void saveDay()}>
                    {t('knowledge.save')}
                  </Button>
                </Form>
              </Card>
            )}
          </Col>
        </Row>
      )}
      {p && <HandoverInspections key={p.id} planId={p.id} projectId={p.projectId} manager={manager} />}
      <Modal
        open={editing !== null}
        title={editing ? (lang === 'en' ? editing.labelEn : editing.labelZh) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => void saveItem()}
        okText={t('knowledge.save')}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="plannedOn" label={t('handover.plannedOn')}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="actualOn" label={t('handover.actualOn')}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="notes" label={t('handover.notes')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
