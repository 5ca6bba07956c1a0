import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { idempotency } from '../../lib/admin';

/**
 * Statuses of a case whose handling is over (the API's `resolvedCaseStatuses`, which answers 400
 * for any other): only those show the button.
 */
const over = new Set([
  'completed',
  'signed_off',
  'resolved',
  'answered',
  'acknowledged',
  'adopted',
  'noted',
  'followed_up',
  'closed',
]);

/** 加入案例库: a resolved case becomes an anonymised example (owner data removed) with the lesson learned. */
export function AddToCaseLibrary({ caseRow }: { caseRow: Schemas['Case'] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<Schemas['CaseExample'] | null>(null);
  const [form] = Form.useForm<{ title: string; lesson: string }>();
  if (!over.has(caseRow.status)) return null;

  const save = async () => {
    setError(null);
    const values = await form.validateFields();
    try {
      const example = await data(
        api.POST('/v1/knowledge/case-examples', {
          params: { header: idempotency() },
          body: {
            caseId: caseRow.id,
            title: values.title,
            lesson: values.lesson,
            categoryCode: null,
            tags: [],
          },
        }),
      );
      setAdded(example);
      setOpen(false);
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };
  const removed = added ? Object.values(added.removed).reduce((a, b) => a + b, 0) : 0;

  return (
    <>
      {added ? (
        <Alert type="success" title={t('knowledge.example.added', { removed })} />
      ) : (
        <Button onClick={() => setOpen(true)}>{t('knowledge.example.add')}</Button>
      )}
      <Modal
        open={open}
        title={t('knowledge.example.add')}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okText={t('knowledge.save')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('knowledge.example.hint')}</Typography.Paragraph>
        {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('knowledge.example.title')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="lesson" label={t('knowledge.example.lesson')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
