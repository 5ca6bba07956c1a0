import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Progress, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../lib/admin';
import { formatTime } from '../../lib/time';
import { useAuth } from '../../session/auth';
import { FileInterview, RotationReport, ScheduleRotation } from './register-forms';

type QuotaProgress = Schemas['InterviewProgress'];
const stateColor: Record<string, string> = {
  pending: 'default',
  warning: 'warning',
  overdue: 'error',
  escalated: 'error',
  done: 'success',
};

function useDepartmentName() {
  const auth = useAuth();
  const departments = useQuery({
    queryKey: ['departments', 'all'],
    queryFn: () => data(api.GET('/v1/departments', { params: { query: { limit: 200 } } })),
    enabled: auth.can('org.read'),
  });
  return (id: string) => departments.data?.data.find((d) => d.id === id)?.name ?? id;
}

/** 访谈: each person's and department's owners interviewed this year against the quota (12, managers 6). */
function InterviewProgress() {
  const { t } = useI18n();
  const department = useDepartmentName();
  const [year, setYear] = useState<Dayjs>(() => dayjs());
  const progress = useQuery({
    queryKey: ['satisfaction', 'interviews', 'progress', year.year()],
    queryFn: () =>
      data(api.GET('/v1/satisfaction/interviews/progress', { params: { query: { year: year.year() } } })),
  });
  const p = progress.data as QuotaProgress | undefined;
  const percent = (done: number, quota: number) =>
    quota > 0 ? Math.min(100, Math.round((done / quota) * 100)) : 100;
  return (
    <Card
      size="small"
      title={t('sat.interviewProgress')}
      extra={
        <Space>
          <FileInterview />
          <DatePicker
            picker="year"
            value={year}
            allowClear={false}
            onChange={(d) => d && setYear(d)}
            aria-label={t('sat.year')}
          />
        </Space>
      }
    >
      <ErrorAlert error={progress.error} />
      {p && (
        <Typography.Paragraph type="secondary">
          {t('sat.quotaNote', { staff: p.quota.staff, management: p.quota.management })}
        </Typography.Paragraph>
      )}
      <Table<QuotaProgress['people'][number]>
        rowKey="staffId"
        size="small"
        loading={progress.isPending}
        dataSource={p?.people ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('sat.staff'),
            render: (_, r) => (
              <Space size={4}>
                {r.name}
                {r.management && <Tag>{t('sat.management')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('reports.department'),
            render: (_, r) => r.departmentName ?? (r.departmentId ? department(r.departmentId) : '—'),
          },
          { title: t('sat.quota'), dataIndex: 'quota' },
          { title: t('sat.done'), dataIndex: 'done' },
          {
            title: t('sat.remaining'),
            render: (_, r) => (
              <Space size={4}>
                {r.remaining}
                {r.remind && <Tag color="warning">{t('sat.remind')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('sat.rate'),
            render: (_, r) => (
              <Progress percent={percent(r.done, r.quota)} size="small" style={{ width: 120 }} />
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('sat.byDepartment')}</Typography.Title>
      <Table<QuotaProgress['departments'][number]>
        rowKey="departmentId"
        size="small"
        pagination={false}
        loading={progress.isPending}
        dataSource={p?.departments ?? []}
        scroll={{ x: true }}
        columns={[
          {
            title: t('reports.department'),
            render: (_, d) =>
              d.departmentName ?? (d.departmentId ? department(d.departmentId) : t('sat.noDepartment')),
          },
          { title: t('sat.people'), dataIndex: 'people' },
          { title: t('sat.quota'), dataIndex: 'quota' },
          { title: t('sat.done'), dataIndex: 'done' },
          { title: t('sat.behind'), dataIndex: 'behind' },
          {
            title: t('sat.rate'),
            render: (_, d) => (d.rate === null ? '—' : `${Math.round(d.rate * 1000) / 10}%`),
          },
        ]}
      />
    </Card>
  );
}

/** 轮岗: newly promoted supervisors' two weeks in the CS centre, with the report's deadline state. */
function Rotations({ staffName }: { staffName: (id: string) => string }) {
  const { t, lang } = useI18n();
  const [openOnly, setOpenOnly] = useState(false);
  const rotations = useQuery({
    queryKey: ['satisfaction', 'rotations', openOnly],
    queryFn: () =>
      data(
        api.GET('/v1/satisfaction/rotations', {
          params: { query: { limit: 100, ...(openOnly ? { open: 'true' as const } : {}) } },
        }),
      ),
  });
  return (
    <Card
      size="small"
      title={t('sat.rotations')}
      style={{ marginTop: 16 }}
      extra={
        <Space>
          <ScheduleRotation />
          {t('sat.openOnly')}
          <Switch size="small" checked={openOnly} onChange={setOpenOnly} aria-label={t('sat.openOnly')} />
        </Space>
      }
    >
      <ErrorAlert error={rotations.error} />
      <Table<Schemas['SupervisorRotation']>
        rowKey="id"
        size="small"
        pagination={false}
        loading={rotations.isPending}
        dataSource={rotations.data?.data ?? []}
        scroll={{ x: true }}
        expandable={{
          rowExpandable: (r) => Boolean(r.report),
          expandedRowRender: (r) => <span style={{ whiteSpace: 'pre-wrap' }}>{r.report}</span>,
        }}
        columns={[
          { title: t('sat.staff'), render: (_, r) => staffName(r.staffId) },
          { title: t('sat.rotationDates'), render: (_, r) => `${r.startsOn} ~ ${r.endsOn}` },
          { title: t('sat.followedCases'), render: (_, r) => r.followedCaseIds.length },
          { title: t('sat.reportDue'), render: (_, r) => formatTime(lang, r.reportDueAt) },
          {
            title: t('admin.status'),
            render: (_, r) => (
              <Tag color={stateColor[r.state]}>
                {r.state === 'done' ? t('sat.reported') : t(`sat.deadline.${r.state}`)}
              </Tag>
            ),
          },
          { key: 'report', render: (_, r) => <RotationReport rotation={r} /> },
        ]}
      />
    </Card>
  );
}

export function InterviewsTab({ staffName }: { staffName: (id: string) => string }) {
  return (
    <>
      <InterviewProgress />
      <Rotations staffName={staffName} />
    </>
  );
}
