import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ScreenTitle } from '../../lib/admin';

const departmentKinds = [
  'customer_service',
  'engineering',
  'security',
  'cleaning',
  'landscaping',
  'sales',
  'hr',
  'finance',
  'other',
] as const;

/** 部门与施工单位: the departments of each branch or project, and the contractors of the group. */
export function DepartmentsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<'department' | 'contractor' | null>(null);
  const branches = useQuery({
    queryKey: ['branches'],
    queryFn: () => data(api.GET('/v1/branches', { params: { query: { limit: 200 } } })),
  });
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => data(api.GET('/v1/departments', { params: { query: { limit: 200 } } })),
  });
  const contractors = useQuery({
    queryKey: ['contractors'],
    queryFn: () => data(api.GET('/v1/contractors', { params: { query: { limit: 200 } } })),
  });
  const branchName = (id: string | null) => branches.data?.data.find((b) => b.id === id)?.name ?? '—';

  const save = async (values: Record<string, unknown>) => {
    try {
      if (open === 'department') {
        await data(api.POST('/v1/departments', { params: { header: idempotency() }, body: values as never }));
      } else {
        const trades = String(values.trades ?? '')
          .split(/[,，\s]+/)
          .filter(Boolean);
        await data(
          api.POST('/v1/contractors', {
            params: { header: idempotency() },
            body: { ...values, trades } as never,
          }),
        );
      }
      await queryClient.invalidateQueries({
        queryKey: [open === 'department' ? 'departments' : 'contractors'],
      });
      message.success(t('admin.saved'));
      setOpen(null);
      form.resetFields();
    } catch (e) {
      form.setFields(fieldErrors(t, e));
      message.error(problemMessage(t, e));
    }
  };

  return (
    <div className="gj-page">
      <ScreenTitle title={t('admin.departments.title')} />
      <ErrorAlert error={departments.error ?? contractors.error} />
      <Card>
        <Tabs
          items={[
            {
              key: 'departments',
              label: t('admin.departments.departments'),
              children: (
                <>
                  <Button style={{ marginBottom: 12 }} onClick={() => setOpen('department')}>
                    {t('admin.departments.add')}
                  </Button>
                  <Table<Schemas['Department']>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    loading={departments.isPending}
                    dataSource={departments.data?.data}
                    locale={{ emptyText: t('app.empty') }}
                    scroll={{ x: true }}
                    columns={[
                      { title: t('admin.name'), dataIndex: 'name' },
                      { title: t('admin.kind'), dataIndex: 'kind', render: (k) => t(`admin.deptKind.${k}`) },
                      { title: t('admin.org.branch'), dataIndex: 'branchId', render: branchName },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'contractors',
              label: t('admin.departments.contractors'),
              children: (
                <>
                  <Button style={{ marginBottom: 12 }} onClick={() => setOpen('contractor')}>
                    {t('admin.contractors.add')}
                  </Button>
                  <Table<Schemas['Contractor']>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    loading={contractors.isPending}
                    dataSource={contractors.data?.data}
                    locale={{ emptyText: t('app.empty') }}
                    scroll={{ x: true }}
                    columns={[
                      { title: t('admin.name'), dataIndex: 'name' },
                      {
                        title: t('admin.contractors.trades'),
                        dataIndex: 'trades',
                        render: (trades: string[]) => trades.map((x) => <Tag key={x}>{x}</Tag>),
                      },
                      { title: t('admin.phone'), dataIndex: 'phone', render: (v) => v ?? '—' },
                      {
                        title: t('admin.status'),
                        dataIndex: 'status',
                        render: (s) => (
                          <Tag color={s === 'active' ? 'green' : 'default'}>
                            {t(`admin.contractorStatus.${s}`)}
                          </Tag>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={open !== null}
        title={open === 'department' ? t('admin.departments.add') : t('admin.contractors.add')}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false}>
          <Form.Item
            name="name"
            label={t('admin.name')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
          {open === 'department' ? (
            <>
              <Form.Item
                name="kind"
                label={t('admin.kind')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <Select
                  options={departmentKinds.map((k) => ({ value: k, label: t(`admin.deptKind.${k}`) }))}
                />
              </Form.Item>
              <Form.Item name="branchId" label={t('admin.org.branch')}>
                <Select
                  allowClear
                  options={branches.data?.data.map((b) => ({ value: b.id, label: b.name }))}
                />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="trades" label={t('admin.contractors.trades')}>
                <Input placeholder={t('admin.contractors.tradesHint')} />
              </Form.Item>
              <Form.Item name="phone" label={t('admin.phone')}>
                <Input />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
