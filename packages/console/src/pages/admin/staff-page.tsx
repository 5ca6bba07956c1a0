import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';

export const roleNames = [
  'tenant_admin',
  'cr_manager',
  'cs_supervisor',
  'cs_specialist',
  'complaint_supervisor',
  'complaint_specialist',
  'hotline_agent',
  'front_desk',
  'project_manager',
  'branch_cs_manager',
  'branch_gm',
  'branch_hr',
  'engineer',
  'security_guard',
  'contractor_staff',
  'mystery_shopper',
  'integrator',
] as const;
type Role = (typeof roleNames)[number];

function useBranches() {
  return useQuery({
    queryKey: ['branches'],
    queryFn: () => data(api.GET('/v1/branches', { params: { query: { limit: 200 } } })),
    select: (p) => p.data,
  });
}

/** One staff member's grants by scope and loans (借调) with their date windows. */
function StaffGrants({ staff }: { staff: Schemas['Staff'] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const projects = useProjects();
  const branches = useBranches();
  const [roleForm] = Form.useForm();
  const [loanForm] = Form.useForm();
  const roles = useQuery({
    queryKey: ['staff', staff.id, 'roles'],
    queryFn: () => data(api.GET('/v1/staff/{id}/roles', { params: { path: { id: staff.id } } })),
  });
  const loans = useQuery({
    queryKey: ['staff', staff.id, 'loans'],
    queryFn: () => data(api.GET('/v1/staff/{id}/loans', { params: { path: { id: staff.id } } })),
  });
  const placeName = (type: string, id: string | null) =>
    type === 'group'
      ? t('admin.scope.group')
      : type === 'branch'
        ? (branches.data?.find((b) => b.id === id)?.name ?? id)
        : (projects.data?.find((p) => p.id === id)?.name ?? id);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['staff'] });
  const run = async (call: () => Promise<unknown>) => {
    try {
      await call();
      await refresh();
      message.success(t('admin.saved'));
      return true;
    } catch (e) {
      message.error(problemMessage(t, e));
      return false;
    }
  };
  const scopeType = Form.useWatch('scopeType', roleForm) as string | undefined;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} title={t('admin.staff.grants')} />
      <ErrorAlert error={roles.error ?? loans.error} />
      <Space wrap>
        {roles.data?.data.map((r) => (
          <Tag
            key={r.id}
            closable
            onClose={(e) => {
              e.preventDefault();
              void run(() =>
                data(
                  api.DELETE('/v1/staff/{id}/roles/{assignmentId}', {
                    params: { path: { id: staff.id, assignmentId: r.id } },
                  }),
                ),
              );
            }}
          >
            {t(`role.${r.role}`)} · {placeName(r.scopeType, r.scopeId)}
          </Tag>
        ))}
      </Space>
      <Form
        form={roleForm}
        layout="inline"
        onFinish={async (v: { role: Role; scopeType: 'group' | 'branch' | 'project'; scopeId?: string }) => {
          const ok = await run(() =>
            data(
              api.POST('/v1/staff/{id}/roles', {
                params: { path: { id: staff.id } },
                body: {
                  role: v.role,
                  scopeType: v.scopeType,
                  scopeId: v.scopeType === 'group' ? null : v.scopeId,
                },
              }),
            ),
          );
          if (ok) roleForm.resetFields();
        }}
      >
        <Form.Item name="role" rules={[{ required: true, message: t('form.required') }]}>
          <Select
            style={{ width: 160 }}
            placeholder={t('admin.staff.role')}
            aria-label={t('admin.staff.role')}
            options={roleNames.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="scopeType" initialValue="project">
          <Select
            style={{ width: 110 }}
            aria-label={t('admin.staff.scope')}
            options={(['group', 'branch', 'project'] as const).map((s) => ({
              value: s,
              label: t(`admin.scope.${s}`),
            }))}
          />
        </Form.Item>
        {scopeType !== 'group' && (
          <Form.Item name="scopeId" rules={[{ required: true, message: t('form.required') }]}>
            <Select
              style={{ width: 180 }}
              placeholder={t('admin.staff.place')}
              aria-label={t('admin.staff.place')}
              options={(scopeType === 'branch' ? branches.data : projects.data)?.map((p) => ({
                value: p.id,
                label: p.name,
              }))}
            />
          </Form.Item>
        )}
        <Button htmlType="submit">{t('admin.staff.grant')}</Button>
      </Form>

      <Descriptions size="small" column={1} title={t('admin.staff.loans')} style={{ marginTop: 12 }} />
      <Table<Schemas['Loan']>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={loans.data?.data}
        locale={{ emptyText: t('admin.staff.noLoans') }}
        columns={[
          { title: t('admin.project'), dataIndex: 'projectId', render: (id) => placeName('project', id) },
          { title: t('admin.staff.role'), dataIndex: 'role', render: (r) => t(`role.${r}`) },
          { title: t('admin.staff.window'), render: (_, l) => `${l.startsOn} ~ ${l.endsOn}` },
          { title: t('admin.staff.reason'), dataIndex: 'reason', render: (v) => v ?? '—' },
          {
            title: '',
            render: (_, l) => (
              <Popconfirm
                title={t('admin.staff.endLoan')}
                okText={t('admin.confirm')}
                cancelText={t('admin.cancel')}
                onConfirm={() =>
                  void run(() =>
                    data(
                      api.DELETE('/v1/staff/{id}/loans/{loanId}', {
                        params: { path: { id: staff.id, loanId: l.id } },
                      }),
                    ),
                  )
                }
              >
                <Button size="small" type="link">
                  {t('admin.staff.endLoan')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form
        form={loanForm}
        layout="inline"
        onFinish={async (v: { projectId: string; role: Role; window: [Dayjs, Dayjs]; reason?: string }) => {
          const ok = await run(() =>
            data(
              api.POST('/v1/staff/{id}/loans', {
                params: { path: { id: staff.id } },
                body: {
                  projectId: v.projectId,
                  role: v.role,
                  startsOn: v.window[0].format('YYYY-MM-DD'),
                  endsOn: v.window[1].format('YYYY-MM-DD'),
                  reason: v.reason || null,
                },
              }),
            ),
          );
          if (ok) loanForm.resetFields();
        }}
      >
        <Form.Item name="projectId" rules={[{ required: true, message: t('form.required') }]}>
          <Select
            style={{ width: 160 }}
            placeholder={t('admin.project')}
            aria-label={t('admin.staff.loanProject')}
            options={projects.data?.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="role" rules={[{ required: true, message: t('form.required') }]}>
          <Select
            style={{ width: 140 }}
            placeholder={t('admin.staff.role')}
            aria-label={t('admin.staff.loanRole')}
            options={roleNames.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="window" rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker.RangePicker aria-label={t('admin.staff.window')} />
        </Form.Item>
        <Form.Item name="reason">
          <Input placeholder={t('admin.staff.reason')} style={{ width: 140 }} />
        </Form.Item>
        <Button htmlType="submit">{t('admin.staff.lend')}</Button>
      </Form>
    </Space>
  );
}

/** 员工: staff with their grants, by branch or role. */
export function StaffPage() {
  const { t } = useI18n();
  const branches = useBranches();
  const [filters] = Form.useForm();
  const branchId = Form.useWatch('branchId', filters) as string | undefined;
  const role = Form.useWatch('role', filters) as Role | undefined;
  const staff = useQuery({
    queryKey: ['staff', 'list', branchId, role],
    queryFn: () =>
      data(
        api.GET('/v1/staff', {
          params: { query: { limit: 100, ...(branchId && { branchId }), ...(role && { role }) } },
        }),
      ),
  });
  return (
    <div className="gj-page">
      <ScreenTitle title={t('admin.staff.title')} />
      <Card>
        <Form form={filters} layout="inline" style={{ marginBottom: 12 }}>
          <Form.Item name="branchId">
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('admin.org.branch')}
              aria-label={t('admin.org.branch')}
              options={branches.data?.map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
          <Form.Item name="role">
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('admin.staff.role')}
              aria-label={t('admin.staff.role')}
              options={roleNames.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
          </Form.Item>
        </Form>
        <ErrorAlert error={staff.error} />
        <Table<Schemas['Staff']>
          rowKey="id"
          size="small"
          loading={staff.isPending}
          dataSource={staff.data?.data}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('app.empty') }}
          expandable={{ expandedRowRender: (s) => <StaffGrants staff={s} /> }}
          columns={[
            { title: t('admin.name'), dataIndex: 'name' },
            { title: t('admin.email'), dataIndex: 'email', render: (v) => v ?? '—' },
            { title: t('admin.phone'), dataIndex: 'phone', render: (v) => v ?? '—' },
            {
              title: t('admin.staff.roles'),
              dataIndex: 'roles',
              render: (roles: Schemas['Staff']['roles']) =>
                roles.map((r, i) => <Tag key={`${r.role}${i}`}>{t(`role.${r.role}`)}</Tag>),
            },
            {
              title: t('admin.status'),
              dataIndex: 'status',
              render: (s) => (
                <Tag color={s === 'active' ? 'green' : 'default'}>{t(`admin.staffStatus.${s}`)}</Tag>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
