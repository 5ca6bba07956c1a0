import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { formatTime } from '../../lib/time';
import { SecretOnce } from './secret-once';

/** API keys of integrators: created once (the secret shown once), scoped by grant, revoked. */
export function ApiKeysPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const projects = useProjects();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => data(api.GET('/v1/api-keys', { params: { query: { limit: 100 } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['api-keys'] });
  const create = async (v: { name: string; projectId?: string; expiresAt?: Dayjs }) => {
    try {
      const created = await data(
        api.POST('/v1/api-keys', {
          params: { header: idempotency() as never },
          body: {
            name: v.name,
            grants: [
              v.projectId
                ? { role: 'integrator', scopeType: 'project', scopeId: v.projectId }
                : { role: 'integrator', scopeType: 'group' },
            ],
            expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
          },
        }),
      );
      setCreating(false);
      setSecret(created.key);
      await refresh();
    } catch (e) {
      form.setFields(fieldErrors(t, e));
      message.error(problemMessage(t, e));
    }
  };
  const revoke = async (k: Schemas['ApiKey']) => {
    try {
      await data(api.POST('/v1/api-keys/{id}/revoke', { params: { path: { id: k.id } } }));
      await refresh();
      message.success(t('admin.apiKeys.revoked'));
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };
  const placeOf = (g: Schemas['ApiKey']['grants'][number]) =>
    g.scopeType === 'group'
      ? t('admin.scope.group')
      : (projects.data?.find((p) => p.id === g.scopeId)?.name ?? g.scopeId);
  return (
    <div className="gj-page">
      <ScreenTitle
        title={t('admin.apiKeys.title')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('admin.apiKeys.add')}
          </Button>
        }
      />
      <Card size="small">
        <ErrorAlert error={keys.error} />
        <Table<Schemas['ApiKey']>
          rowKey="id"
          size="small"
          pagination={false}
          loading={keys.isPending}
          dataSource={keys.data?.data}
          scroll={{ x: true }}
          locale={{ emptyText: t('admin.apiKeys.empty') }}
          columns={[
            { title: t('admin.name'), dataIndex: 'name' },
            { title: t('admin.apiKeys.prefix'), dataIndex: 'prefix', render: (v) => <code>{v}…</code> },
            {
              title: t('admin.apiKeys.scope'),
              dataIndex: 'grants',
              render: (gs: Schemas['ApiKey']['grants']) =>
                gs.map((g, i) => (
                  <Tag key={i}>
                    {t(`role.${g.role}`)} · {placeOf(g)}
                  </Tag>
                )),
            },
            {
              title: t('admin.status'),
              dataIndex: 'status',
              render: (s) => (
                <Tag color={s === 'active' ? 'green' : 'default'}>{t(`admin.keyStatus.${s}`)}</Tag>
              ),
            },
            {
              title: t('admin.apiKeys.lastUsed'),
              dataIndex: 'lastUsedAt',
              render: (v) => formatTime(lang, v),
            },
            { title: t('admin.apiKeys.expires'), dataIndex: 'expiresAt', render: (v) => formatTime(lang, v) },
            {
              title: '',
              render: (_, k) =>
                k.status === 'active' && (
                  <Popconfirm
                    title={t('admin.apiKeys.revokeConfirm')}
                    okText={t('admin.confirm')}
                    cancelText={t('admin.cancel')}
                    onConfirm={() => void revoke(k)}
                  >
                    <Button size="small" danger>
                      {t('admin.apiKeys.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('admin.apiKeys.add')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} preserve={false}>
          <Form.Item
            name="name"
            label={t('admin.name')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="projectId" label={t('admin.apiKeys.scope')} extra={t('admin.apiKeys.scopeHint')}>
            <Select allowClear options={projects.data?.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('admin.apiKeys.expires')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
      <SecretOnce title={t('admin.apiKeys.secret')} secret={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
