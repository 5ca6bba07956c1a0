import { Alert, Button, Card, Form, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { uploadAttachment } from '../../lib/attachments';
import { ActionFieldInput, actionBody, actionFields } from './action-fields';

interface Props {
  caseRow: Schemas['Case'];
  allowed: Schemas['AllowedCaseAction'][];
  /** Reads the case again (after a step, or to take someone else's change in). */
  reload: () => Promise<unknown>;
}

/** Only the steps `allowed-actions` returns, each with its own form. */
export function ActionPanel({ caseRow, allowed: all, reload }: Props) {
  const { t } = useI18n();
  // Steps without a form here (linking further parties) are the management console's.
  const allowed = all.filter((a) => a.action in actionFields);
  const [active, setActive] = useState<string | undefined>(allowed[0]?.action);
  if (allowed.length === 0) {
    return (
      <Card title={t('case.actions')} size="small">
        <Typography.Text type="secondary">{t('case.actions.none')}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card title={t('case.actions')} size="small">
      <Tabs
        activeKey={allowed.some((a) => a.action === active) ? active : allowed[0]?.action}
        onChange={setActive}
        items={allowed.map((a) => ({
          key: a.action,
          label: t(`action.${a.action}`),
          children: <ActionForm action={a.action} caseRow={caseRow} reload={reload} />,
        }))}
      />
    </Card>
  );
}

function ActionForm({
  action,
  caseRow,
  reload,
}: {
  action: string;
  caseRow: Schemas['Case'];
  reload: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const fields = actionFields[action];
  const upload = async (file: File) => (await uploadAttachment(caseRow.id, file)).id;

  if (!fields) return <Typography.Text type="secondary">{t('form.notSupported')}</Typography.Text>;

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await data(
        api.POST('/v1/cases/{id}/actions', {
          params: { path: { id: caseRow.id }, header: { 'if-match': `"${caseRow.version}"` } },
          body: actionBody(action, values) as Schemas['CaseAction'],
        }),
      );
      form.resetFields();
      setDone(true);
      await reload();
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'precondition_failed') setStale(true);
      else {
        setError(problemMessage(t, e));
        form.setFields(fieldErrors(t, e) as never);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} name={`action-${action}`} layout="vertical" onFinish={submit} preserve>
      {stale && (
        <Alert
          type="warning"
          role="alert"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('case.stale')}
          action={
            <Button
              size="small"
              onClick={async () => {
                // The form keeps what was typed: only the case (and its version) is read again.
                await reload();
                setStale(false);
              }}
            >
              {t('case.stale.reload')}
            </Button>
          }
        />
      )}
      {error && <Alert type="error" role="alert" showIcon style={{ marginBottom: 12 }} title={error} />}
      {done && (
        <Alert
          type="success"
          role="status"
          style={{ marginBottom: 12 }}
          title={t('case.done', { action: t(`action.${action}`) })}
        />
      )}
      {fields.map((f) => (
        <ActionFieldInput key={f.name} field={f} t={t} upload={upload} />
      ))}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} disabled={stale}>
          {t(`action.${action}`)}
        </Button>
      </Space>
    </Form>
  );
}
