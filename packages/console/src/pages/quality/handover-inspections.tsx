import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';

type UnitRow = {
  unitId: string;
  buildingId: string;
  number: string;
  status: 'not_inspected' | 'passed' | 'failed';
  inspection: { issues: unknown[] } | null;
};
const statusColour = { not_inspected: 'default', passed: 'green', failed: 'red' } as const;

/** 分户查验: the plan's units with their inspection result, progress per building, and the form to record one. */
export function HandoverInspections({ planId, manager }: { planId: string; manager: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [unit, setUnit] = useState<UnitRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['handover-inspections', planId],
    queryFn: () => data(api.GET('/v1/handover-plans/{id}/inspections', { params: { path: { id: planId } } })),
  });
  const buildingNames = new Map((list.data?.progress ?? []).map((b, i) => [b.buildingId, `#${i + 1}`]));

  const save = async () => {
    if (!unit) return;
    const f = form.getFieldsValue() as {
      findings: { item: string; passed: boolean; category?: string; description?: string }[];
    };
    try {
      await data(
        api.POST('/v1/handover-plans/{id}/inspections', {
          params: { path: { id: planId } },
          body: {
            unitId: unit.unitId,
            findings: (f.findings ?? []).map((x) => ({
              item: x.item,
              passed: Boolean(x.passed),
              ...(x.passed ? {} : { category: x.category, description: x.description ?? '' }),
            })),
          },
        }),
      );
      setUnit(null);
      await queryClient.invalidateQueries({ queryKey: ['handover-inspections', planId] });
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };

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
      <Space direction="vertical" style={{ marginBottom: 8 }}>
        {(list.data?.progress ?? []).map((b) => (
          <Typography.Text key={b.buildingId} type="secondary">
            {t('handover.inspections.progress', {
              building: buildingNames.get(b.buildingId) ?? b.buildingId,
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
          { title: t('handover.inspections.unit'), dataIndex: 'number' },
          {
            title: t('handover.inspections.status'),
            render: (_, u) => (
              <Tag color={statusColour[u.status]}>{t(`handover.inspections.status.${u.status}`)}</Tag>
            ),
          },
          { title: t('handover.inspections.issues'), render: (_, u) => u.inspection?.issues.length ?? '—' },
          ...(manager
            ? [
                {
                  title: '',
                  width: 120,
                  render: (_: unknown, u: UnitRow) =>
                    u.status === 'not_inspected' ? (
                      <Button
                        size="small"
                        onClick={() => {
                          setUnit(u);
                          form.setFieldsValue({ findings: [{ item: '', passed: true }] });
                        }}
                      >
                        {t('handover.inspections.record')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={unit !== null}
        title={`${t('handover.inspections.record')} · ${unit?.number ?? ''}`}
        onCancel={() => setUnit(null)}
        onOk={() => void save()}
        okText={t('knowledge.save')}
        width={720}
      >
        <Typography.Paragraph type="secondary">{t('handover.inspections.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.List name="findings">
            {(fields, { add }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item name={[field.name, 'item']} label={t('handover.inspections.item')}>
                      <Input style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'passed']}
                      label={t('handover.inspections.passed')}
                      valuePropName="checked"
                    >
                      <Switch />
                    </Form.Item>
                    <Form.Item name={[field.name, 'category']} label={t('handover.inspections.category')}>
                      <Input style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'description']}
                      label={t('handover.inspections.description')}
                    >
                      <Input style={{ width: 200 }} />
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
    </Card>
  );
}
