import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ifMatch, ScreenTitle } from '../../lib/admin';
import { formatTime } from '../../lib/time';
import { SecretOnce } from './secret-once';

type Webhook = Schemas['Webhook'];
type Delivery = Schemas['WebhookDelivery'];

export const commonEventTypes = [
  '*',
  'case.*',
  'case.created',
  'case.assigned',
  'case.dispatched',
  'case.completed',
  'case.closed',
  'sla.warning',
  'sla.breached',
  'case.escalated',
  'followup.due',
  'notice.published',
  'star.winners_announced',
  'audit.published',
];

const statusColor: Record<string, string> = {
  succeeded: 'green',
  failed: 'orange',
  dead: 'red',
  pending: 'blue',
};

/** The delivery log of one endpoint: status, attempts with their response excerpt, replay. */
function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const deliveries = useQuery({
    queryKey: ['webhooks', webhook.id, 'deliveries'],
    queryFn: () =>
      data(
        api.GET('/v1/webhooks/{id}/deliveries', {
          params: { path: { id: webhook.id }, query: { limit: 50 } },
        }),
      ),
    refetchInterval: 3000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks', webhook.id, 'deliveries'] });
  const replay = async (d: Delivery) => {
    try {
      await data(
        api.POST('/v1/webhooks/{id}/deliveries/{deliveryId}/replay', {
          params: { path: { id: webhook.id, deliveryId: d.id } },
        }),
      );
      message.success(t('admin.webhooks.replayed', { count: 1 }));
      await refresh();
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };
  const replayRange = async () => {
    if (!range) return;
    try {
      const res = await data(
        api.POST('/v1/webhooks/{id}/replay', {
          params: { path: { id: webhook.id } },
          body: { from: range[0].toISOString(), to: range[1].toISOString() },
        }),
      );
      message.success(t('admin.webhooks.replayed', { count: res.queued }));
      await refresh();
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          showTime
          value={range}
          onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)}
          aria-label={t('admin.webhooks.range')}
        />
        <Button disabled={!range} onClick={() => void replayRange()}>
          {t('admin.webhooks.replayRange')}
        </Button>
      </Space>
      <ErrorAlert error={deliveries.error} />
      <Table<Delivery>
        rowKey="id"
        size="small"
        pagination={false}
        loading={deliveries.isPending}
        dataSource={deliveries.data?.data}
        scroll={{ x: true }}
        locale={{ emptyText: t('admin.webhooks.noDeliveries') }}
        expandable={{
          expandedRowRender: (d) => (
            <Table<Schemas['WebhookAttempt']>
              rowKey="attempt"
              size="small"
              pagination={false}
              dataSource={d.attemptLog}
              columns={[
                { title: '#', dataIndex: 'attempt', width: 40 },
                { title: t('admin.time'), dataIndex: 'at', render: (v) => formatTime(lang, v) },
                {
                  title: t('admin.webhooks.trigger'),
                  dataIndex: 'trigger',
                  render: (v) => t(`admin.webhooks.trigger.${v}`),
                },
                { title: 'HTTP', dataIndex: 'statusCode', render: (v) => v ?? '—' },
                { title: t('admin.webhooks.latency'), dataIndex: 'latencyMs', render: (v) => `${v} ms` },
                {
                  title: t('admin.webhooks.response'),
                  render: (_, a) => (
                    <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
                      {a.responseExcerpt ?? a.error ?? '—'}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('admin.time'), dataIndex: 'createdAt', render: (v) => formatTime(lang, v) },
          {
            title: t('admin.webhooks.event'),
            dataIndex: 'eventType',
            render: (v) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('admin.status'),
            dataIndex: 'status',
            render: (s) => <Tag color={statusColor[s]}>{t(`admin.delivery.${s}`)}</Tag>,
          },
          { title: t('admin.webhooks.attempts'), dataIndex: 'attempts' },
          { title: 'HTTP', dataIndex: 'lastStatusCode', render: (v) => v ?? '—' },
          {
            title: '',
            render: (_, d) => (
              <Button size="small" onClick={() => void replay(d)}>
                {t('admin.webhooks.replay')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

/** Webhook endpoints: create (the secret shown once), rotate with overlap, disable, the log, replay. */
export function WebhooksPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const webhooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => data(api.GET('/v1/webhooks', { params: { query: { limit: 100 } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const create = async (v: { url: string; eventTypes: string[]; description?: string }) => {
    try {
      const created = await data(
        api.POST('/v1/webhooks', { params: { header: idempotency() as never }, body: v as never }),
      );
      setCreating(false);
      setSecret(created.secret);
      await refresh();
    } catch (e) {
      form.setFields(fieldErrors(t, e));
      message.error(problemMessage(t, e));
    }
  };
  const act = async (call: () => Promise<unknown>, done?: string) => {
    try {
      const res = await call();
      await refresh();
      if (done) message.success(done);
      return res;
    } catch (e) {
      message.error(problemMessage(t, e));
      return null;
    }
  };
  const rotate = (w: Webhook) =>
    act(async () => {
      const res = await data(
        api.POST('/v1/webhooks/{id}/rotate-secret', {
          params: { path: { id: w.id } },
          body: { overlapSeconds: 86_400 },
        }),
      );
      setSecret(res.secret);
    });
  const ping = (w: Webhook) =>
    act(async () => {
      const attempt = await data(api.POST('/v1/webhooks/{id}/ping', { params: { path: { id: w.id } } }));
      if (attempt.ok)
        message.success(
          t('admin.webhooks.pingOk', { status: attempt.statusCode ?? '—', ms: attempt.latencyMs }),
        );
      else message.error(t('admin.webhooks.pingFailed', { status: attempt.statusCode ?? '—' }));
    });
  const setEnabled = (w: Webhook, enabled: boolean) =>
    act(() =>
      data(
        api.PATCH('/v1/webhooks/{id}', {
          params: { path: { id: w.id }, header: ifMatch(w.version) as never },
          body: { enabled },
        }),
      ),
    );

  return (
    <div className="gj-page">
      <ScreenTitle
        title={t('admin.webhooks.title')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('admin.webhooks.add')}
          </Button>
        }
      />
      <Card size="small">
        <ErrorAlert error={webhooks.error} />
        <Table<Webhook>
          rowKey="id"
          size="small"
          pagination={false}
          loading={webhooks.isPending}
          dataSource={webhooks.data?.data}
          scroll={{ x: true }}
          locale={{ emptyText: t('admin.webhooks.empty') }}
          columns={[
            {
              title: t('admin.webhooks.url'),
              dataIndex: 'url',
              render: (v) => <Typography.Text style={{ wordBreak: 'break-all' }}>{v}</Typography.Text>,
            },
            {
              title: t('admin.webhooks.events'),
              dataIndex: 'eventTypes',
              render: (types: string[]) => types.map((x) => <Tag key={x}>{x}</Tag>),
            },
            {
              title: t('admin.status'),
              render: (_, w) => (
                <Space orientation="vertical" size={0}>
                  <Switch
                    size="small"
                    checked={w.enabled}
                    onChange={(on) => void setEnabled(w, on)}
                    aria-label={t('admin.webhooks.enabled')}
                  />
                  {w.previousSecretExpiresAt && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('admin.webhooks.overlap', { time: formatTime(lang, w.previousSecretExpiresAt) })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: '',
              render: (_, w) => (
                <Space wrap size={4}>
                  <Button size="small" onClick={() => setLog(w)}>
                    {t('admin.webhooks.log')}
                  </Button>
                  <Button size="small" onClick={() => void ping(w)}>
                    {t('admin.webhooks.ping')}
                  </Button>
                  <Popconfirm
                    title={t('admin.webhooks.rotateConfirm')}
                    okText={t('admin.confirm')}
                    cancelText={t('admin.cancel')}
                    onConfirm={() => void rotate(w)}
                  >
                    <Button size="small">{t('admin.webhooks.rotate')}</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('admin.webhooks.add')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} preserve={false}>
          <Form.Item
            name="url"
            label={t('admin.webhooks.url')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="eventTypes"
            label={t('admin.webhooks.events')}
            initialValue={['case.*']}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select mode="tags" options={commonEventTypes.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="description" label={t('admin.webhooks.description')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <SecretOnce title={t('admin.webhooks.secret')} secret={secret} onClose={() => setSecret(null)} />
      {log && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          data-testid="delivery-log"
          title={`${t('admin.webhooks.log')} · ${log.url}`}
          extra={
            <Button size="small" onClick={() => setLog(null)}>
              {t('admin.close')}
            </Button>
          }
        >
          <Deliveries key={log.id} webhook={log} />
        </Card>
      )}
    </div>
  );
}
