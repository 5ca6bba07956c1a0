import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ifMatch, ScreenTitle } from '../../lib/admin';
import { formatTime } from '../../lib/time';
import { ChannelTestPanel } from './channel-test-panel';

/** 通知渠道: the SMS, WeChat and email providers (one per kind), their credentials write-only. */
export function ChannelsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => data(api.GET('/v1/notification-channels', { params: { query: { limit: 10 } } })),
  });
  const sent = useQuery({
    queryKey: ['notifications'],
    queryFn: () => data(api.GET('/v1/notifications', { params: { query: { limit: 20 } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['channels'] });
  const create = async (v: { kind: 'sms' | 'wechat' | 'email'; endpointUrl: string; apiKey: string }) => {
    const credentials = v.kind === 'wechat' ? { accessToken: v.apiKey } : { apiKey: v.apiKey };
    try {
      await data(
        api.POST('/v1/notification-channels', {
          params: { header: idempotency() as never },
          body: { kind: v.kind, endpointUrl: v.endpointUrl, credentials } as never,
        }),
      );
      setOpen(false);
      await refresh();
      message.success(t('admin.saved'));
    } catch (e) {
      form.setFields(fieldErrors(t, e));
      message.error(problemMessage(t, e));
    }
  };
  const toggle = async (c: Schemas['NotificationChannel'], enabled: boolean) => {
    try {
      await data(
        api.PATCH('/v1/notification-channels/{id}', {
          params: { path: { id: c.id }, header: ifMatch(c.version) as never },
          body: { enabled } as never,
        }),
      );
      await refresh();
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };
  return (
    <div className="gj-page">
      <ScreenTitle
        title={t('admin.channels.title')}
        extra={<Button onClick={() => setOpen(true)}>{t('admin.channels.add')}</Button>}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <ErrorAlert error={channels.error} />
        <Table<Schemas['NotificationChannel']>
          rowKey="id"
          size="small"
          pagination={false}
          loading={channels.isPending}
          dataSource={channels.data?.data}
          scroll={{ x: true }}
          locale={{ emptyText: t('admin.channels.empty') }}
          columns={[
            { title: t('admin.kind'), dataIndex: 'kind', render: (k) => t(`admin.channelKind.${k}`) },
            { title: t('admin.channels.endpoint'), dataIndex: 'endpointUrl' },
            {
              title: t('admin.channels.credentials'),
              dataIndex: 'hasCredentials',
              render: (v) =>
                v ? (
                  <Tag color="green">{t('admin.channels.set')}</Tag>
                ) : (
                  <Tag>{t('admin.channels.unset')}</Tag>
                ),
            },
            {
              title: t('admin.sla.enabled'),
              dataIndex: 'enabled',
              render: (v: boolean, c) => (
                <Switch
                  size="small"
                  checked={v}
                  onChange={(on) => void toggle(c, on)}
                  aria-label={t('admin.sla.enabled')}
                />
              ),
            },
          ]}
        />
      </Card>
      {channels.data && channels.data.data.length > 0 && <ChannelTestPanel channels={channels.data.data} />}
      <Card size="small" title={t('admin.channels.sent')}>
        <ErrorAlert error={sent.error} />
        <Table<Schemas['Notification']>
          rowKey="id"
          size="small"
          pagination={false}
          loading={sent.isPending}
          dataSource={sent.data?.data}
          scroll={{ x: true }}
          locale={{ emptyText: t('app.empty') }}
          columns={[
            { title: t('admin.time'), dataIndex: 'createdAt', render: (v) => formatTime(lang, v) },
            { title: t('admin.kind'), dataIndex: 'kind', render: (k) => t(`admin.channelKind.${k}`) },
            { title: t('admin.channels.message'), dataIndex: 'template' },
            { title: t('admin.channels.address'), dataIndex: 'address', render: (v) => v ?? '—' },
            {
              title: t('admin.status'),
              dataIndex: 'status',
              render: (s) => (
                <Tag color={s === 'sent' ? 'green' : s === 'failed' ? 'red' : 'default'}>
                  {t(`admin.sendStatus.${s}`)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={open}
        title={t('admin.channels.add')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} preserve={false}>
          <Form.Item
            name="kind"
            label={t('admin.kind')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              options={(['sms', 'wechat', 'email'] as const).map((k) => ({
                value: k,
                label: t(`admin.channelKind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="endpointUrl"
            label={t('admin.channels.endpoint')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="apiKey"
            label={t('admin.channels.secret')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
