import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { idempotency, ifMatch } from '../../lib/admin';
import { useBuildings, useCategories } from '../../lib/org';

/** A unit of the list (the generated type reads the nullable inspection as an empty record). */
type UnitRow = Omit<Schemas['UnitInspectionList']['data'][number], 'inspection'> & {
  inspection: Schemas['UnitInspection'] | null;
};
type Issue = Schemas['InspectionIssue'];
type FindingFields = {
  item: string;
  passed: boolean;
  category?: string;
  description?: string;
  nature?: Schemas['InspectionFinding']['nature'];
  photos?: { response?: { id: string } }[];
};
const statusColour = { not_inspected: 'default', passed: 'green', failed: 'red' } as const;

/**
 * 分户查验: the plan's units with their result, progress per building (by name), the form to
 * record an inspection or a re-inspection (复查) with photos, and each issue with where it went
 * (the unit's repair case or a defect) and its resolution.
 */
export function HandoverInspections({
  planId,
  projectId,
  manager,
}: {
  planId: string;
  projectId: string;
  manager: boolean;
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const buildings = useBuildings(projectId);
  const categories = useCategories(lang);
  const [unit, setUnit] = useState<UnitRow | null>(null);
  const [resolving, setResolving] = useState<Issue | null>(null);
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['handover-inspections', planId],
    queryFn: () => data(api.GET('/v1/handover-plans/{id}/inspections', { params: { path: { id: planId } } })),
  });
  const buildingName = new Map((buildings.data ?? []).map((b) => [b.id, b.name]));
  const reload = () => queryClient.invalidateQueries({ queryKey: ['handover-inspections', planId] });

  const uploadPhoto = (file: File) =>
    data(
      api.POST('/v1/handover-plans/{id}/inspection-photos', {
        params: { path: { id: planId } },
        body: file as never,
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { 'content-type': file.type || 'application/octet-stream' },
      }),
    );

  const save = async () => {
    if (!unit) return;
    const f = form.getFieldsValue() as { findings?: FindingFields[] };
    const findings = (f.findings ?? []).map((x) => ({
      item: x.item,
      passed: Boolean(x.passed),
      ...(x.passed
        ? {}
        : {
            category: x.category,
            description: x.description ?? '',
            nature: x.nature ?? 'workmanship',
            photoKeys: (x.photos ?? []).flatMap((p) => (p.response?.id ? [p.response.id] : [])),
          }),
    }));
    try {
      if (unit.inspection) {
        await data(
          api.POST('/v1/handover-plans/{id}/inspections/{inspectionId}/reinspect', {
            params: {
              path: { id: planId, inspectionId: unit.inspection.id },
              header: ifMatch(unit.inspection.version),
            },
            body: { findings },
          }),
        );
      } else {
        await data(
          api.POST('/v1/handover-plans/{id}/inspections', {
            params: { path: { id: planId }, header: idempotency() },
            body: { unitId: unit.unitId, findings },
          }),
        );
      }
      setUnit(null);
      await reload();
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };

  const resolve = async () => {
    if (!resolving) return;
    try {
      await data(
        api.POST('/v1/handover-plans/{id}/inspection-issues/{issueId}/resolve', {
          params: { path: { id: planId, issueId: resolving.id }, header: ifMatch(resolving.version) },
          body: { resolution },
        }),
      );
      setResolving(null);
      setResolution('');
      await reload();
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };

  const openForm = (u: UnitRow) => {
    setUnit(u);
    const open = (u.inspection?.issues ?? []).filter((i) => !i.resolvedAt);
    form.setFieldsValue({
      findings: open.length
        ? open.map((i) => ({ item: i.item, passed: true, category: i.category, description: i.description }))
        : [{ item: '', passed: true }],
    });
  };

  const issueList = (u: UnitRow) => (
    <Space orientation="vertical" size={2}>
      {(u.inspection?.issues ?? []).map((i) => (
        <Space key={i.id} size={6} wrap>
          <Typography.Text>
            {i.item || (categories.data?.label(i.category) ?? i.category)}：{i.description}
          </Typography.Text>
          {i.route === 'repair_case' && i.caseId && (
            <Link to={`/cases/${i.caseId}`}>
              <Tag color="blue">{t('handover.inspections.route.repair_case')}</Tag>
            </Link>
          )}
          {i.route === 'defect' && i.defectId && (
            <Link to={`/quality/defects/${i.defectId}`}>
              <Tag color="purple">{t('handover.inspections.route.defect')}</Tag>
            </Link>
          )}
          {i.photoKeys.length > 0 && <Tag>{t('handover.inspections.photos', { n: i.photoKeys.length })}</Tag>}
          {i.resolvedAt ? (
            <Tag color="green">{t('handover.inspections.resolved')}</Tag>
          ) : (
            manager && (
              <Button size="small" type="link" onClick={() => setResolving(i)}>
                {t('handover.inspections.resolve')}
              </Button>
            )
          )}
        </Space>
      ))}
    </Space>
  );

  return (
    <Card size="small" title={t('handover.inspections')} style={{ marginTop: 16 }}>
      {error && (
        <Alert
          type="error"
          title={error}
          style={{ marginBottom: 12 }}
          closable
          onClose={() => setError(null)}
        />
      )}
      <Space orientation="vertical" style={{ marginBottom: 8 }}>
        {(list.data?.progress ?? []).map((b) => (
          <Typography.Text key={b.buildingId} type="secondary">
            {t('handover.inspections.progress', {
              building: buildingName.get(b.buildingId) ?? '…',
              inspected: b.inspected,
              units: b.units,
              issues: b.issues,
              open: b.openIssues,
            })}
          </Typography.Text>
        ))}
      </Space>
      <Table<UnitRow>
        size="small"
        rowKey="unitId"
        loading={list.isLoading}
        pagination={{ pageSize: 20 }}
        dataSource={(list.data?.data ?? []) as UnitRow[]}
        columns={[
          {
            title: t('handover.inspections.unit'),
            width: 160,
            render: (_, u) => `${buildingName.get(u.buildingId) ?? ''} ${u.number}`,
          },
          {
            title: t('handover.inspections.status'),
            width: 120,
            render: (_, u) => (
              <Space size={4}>
                <Tag color={statusColour[u.status]}>{t(`handover.inspections.status.${u.status}`)}</Tag>
                {(u.inspection?.round ?? 1) > 1 && (
                  <Tag>{t('handover.inspections.round', { n: u.inspection?.round ?? 1 })}</Tag>
                )}
              </Space>
            ),
          },
          { title: t('handover.inspections.issues'), render: (_, u) => (u.inspection ? issueList(u) : '—') },
          ...(manager
            ? [
                {
                  title: '',
                  width: 110,
                  render: (_: unknown, u: UnitRow) => (
                    <Button size="small" onClick={() => openForm(u)}>
                      {t(u.inspection ? 'handover.inspections.reinspect' : 'handover.inspections.record')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={unit !== null}
        title={`${t(unit?.inspection ? 'handover.inspections.reinspect' : 'handover.inspections.record')} · ${
          unit ? `${buildingName.get(unit.buildingId) ?? ''} ${unit.number}` : ''
        }`}
        onCancel={() => setUnit(null)}
        onOk={() => void save()}
        okText={t('knowledge.save')}
        width={900}
      >
        <Typography.Paragraph type="secondary">{t('handover.inspections.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.List name="findings">
            {(fields, { add }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item name={[field.name, 'item']} label={t('handover.inspections.item')}>
                      <Input style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'passed']}
                      label={t('handover.inspections.passed')}
                      valuePropName="checked"
                    >
                      <Switch />
                    </Form.Item>
                    <Form.Item name={[field.name, 'category']} label={t('handover.inspections.category')}>
                      <TreeSelect
                        style={{ width: 150 }}
                        treeData={categories.data?.options ?? []}
                        aria-label={t('handover.inspections.category')}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'nature']} label={t('handover.inspections.nature')}>
                      <Select
                        style={{ width: 100 }}
                        aria-label={t('handover.inspections.nature')}
                        options={(['workmanship', 'material', 'design'] as const).map((n) => ({
                          value: n,
                          label: t(`handover.inspections.nature.${n}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'description']}
                      label={t('handover.inspections.description')}
                    >
                      <Input style={{ width: 180 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'photos']}
                      label={t('handover.inspections.photo')}
                      valuePropName="fileList"
                      getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList}
                    >
                      <Upload
                        accept="image/jpeg,image/png,image/webp"
                        maxCount={5}
                        customRequest={({ file, onSuccess, onError }) => {
                          uploadPhoto(file as File)
                            .then((photo) => onSuccess?.(photo))
                            .catch((e: unknown) => {
                              setError(problemMessage(t, e));
                              onError?.(e as Error);
                            });
                        }}
                      >
                        <Button size="small">{t('handover.inspections.upload')}</Button>
                      </Upload>
                    </Form.Item>
                  </Space>
                ))}
                <Button onClick={() => add({ item: '', passed: true })}>
                  {t('handover.inspections.addItem')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
      <Modal
        open={resolving !== null}
        title={`${t('handover.inspections.resolve')} · ${resolving?.item ?? ''}`}
        onCancel={() => setResolving(null)}
        onOk={() => void resolve()}
        okText={t('knowledge.save')}
      >
        <Input.TextArea
          rows={3}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
          placeholder={t('handover.inspections.resolution')}
          aria-label={t('handover.inspections.resolution')}
        />
      </Modal>
    </Card>
  );
}
