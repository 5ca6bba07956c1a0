import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';

type Channel = Schemas['NotificationChannel'];
type Result = Schemas['NotificationChannelTestResult'];

/** 测试发送: one real message through a configured channel, with what the provider answered. */
export function ChannelTestPanel({ channels }: { channels: Channel[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [result, setResult] = useState<Result | null>(null);
  const [sending, setSending] = useState(false);
  const channelId = Form.useWatch('channelId', form);
  const kind = channels.find((c) => c.id === channelId)?.kind ?? 'sms';
  const send = async (v: { channelId: string; to: string }) => {
    setSending(true);
    setResult(null);
    try {
      const answer = await data(
        api.POST('/v1/notification-channels/{id}/test', {
          params: { path: { id: v.channelId } },
          body: { to: v.to },
        }),
      );
      setResult(answer);
      await queryClient.invalidateQueries({ queryKey: ['notifications'] });
    } catch (e) {
      form.setFields(fieldErrors(t, e));
      message.error(problemMessage(t, e));
    } finally {
      setSending(false);
    }
  };
  return (
    <Card size="small" title={t('admin.channels.test')} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">{t('admin.channels.testHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => void send(v)}
        initialValues={{ channelId: channels[0]?.id }}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="channelId"
          label={t('admin.channels.testChannel')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            style={{ minWidth: 160 }}
            options={channels.map((c) => ({ value: c.id, label: t(`admin.channelKind.${c.kind}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="to"
          label={t('admin.channels.testTo')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input style={{ minWidth: 240 }} placeholder={t(`admin.channels.testToHint.${kind}`)} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={sending} disabled={channels.length === 0}>
          {t('admin.channels.testSend')}
        </Button>
      </Form>
      {result && (
        <div style={{ marginTop: 12 }}>
          <Alert
            type={result.ok ? 'success' : 'error'}
            showIcon
            message={result.ok ? t('admin.channels.testOk') : t('admin.channels.testFailed')}
            style={{ marginBottom: 8 }}
          />
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('admin.channels.address')}>{result.to}</Descriptions.Item>
            <Descriptions.Item label={t('admin.channels.testStatus')}>
              {result.statusCode ?? '—'}
            </Descriptions.Item>
            {result.reason && (
              <Descriptions.Item label={t('admin.channels.testReason')}>{result.reason}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('admin.channels.testResponse')}>
              <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {result.responseExcerpt || '—'}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Card>
  );
}
