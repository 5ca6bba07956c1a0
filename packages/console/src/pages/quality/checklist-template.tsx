import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ifMatch } from '../../lib/admin';

type TemplateItem = Schemas['HandoverChecklistTemplate']['items'][number];
const groups = ['contract_documents', 'intermediate_documents'] as const;

/** 交付风险表模板: the tenant's readiness checklist a new plan copies (the seed's list until edited). */
export function ChecklistTemplateButton() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ items: TemplateItem[] }>();
  const template = useQuery({
    queryKey: ['handover-template'],
    queryFn: () => data(api.GET('/v1/handover-template')),
    enabled: open,
  });

  const save = async () => {
    if (!template.data) return;
    setError(null);
    try {
      await data(
        api.PUT('/v1/handover-template', {
          params: { header: ifMatch(template.data.version) },
          body: { items: form.getFieldsValue().items ?? [] },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['handover-template'] });
      setOpen(false);
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('handover.template.edit')}</Button>
      <Modal
        open={open}
        title={t('handover.template.title')}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okText={t('knowledge.save')}
        okButtonProps={{ disabled: !template.data }}
        width={900}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('handover.template.hint')}</Typography.Paragraph>
        {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
        {template.data && (
          <Form form={form} initialValues={{ items: template.data.items }}>
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="start" wrap style={{ marginBottom: 4 }}>
                      <Form.Item name={[field.name, 'label', 'zh']} style={{ marginBottom: 4 }}>
                        <Input style={{ width: 220 }} placeholder={t('handover.template.zh')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'label', 'en']} style={{ marginBottom: 4 }}>
                        <Input style={{ width: 220 }} placeholder={t('handover.template.en')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'group']} style={{ marginBottom: 4 }}>
                        <Select
                          style={{ width: 150 }}
                          options={groups.map((g) => ({ value: g, label: t(`handover.group.${g}`) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'key']} style={{ marginBottom: 4 }}>
                        <Input style={{ width: 150 }} placeholder={t('handover.template.key')} />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)}>{t('handover.template.remove')}</Button>
                    </Space>
                  ))}
                  <Button
                    onClick={() =>
                      add({
                        key: `item_${fields.length + 1}`,
                        group: 'intermediate_documents',
                        label: { zh: '', en: '' },
                      })
                    }
                  >
                    {t('handover.template.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form>
        )}
      </Modal>
    </>
  );
}
