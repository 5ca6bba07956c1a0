import { useQuery } from '@tanstack/react-query';
import { Button, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { ErrorAlert, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { useAuth } from '../../session/auth';
import { CorrectiveActions } from './corrective';
import { ScoreTag } from './perform';
import { AuditRanking } from './ranking';
import { AuditTemplates } from './templates';

/* 神秘客户: the audits the caller may see (an auditor only its own), the ranking, corrective actions and templates. */

type Audit = Schemas['Audit'];

export const auditStatusColor: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  published: 'success',
};

/** Project and branch names for the caller (an auditor reads no organisation: ids stay ids). */
export function useOrgNames() {
  const auth = useAuth();
  const projects = useProjects();
  const branches = useQuery({
    queryKey: ['branches'],
    enabled: auth.can('org.read'),
    queryFn: () => data(api.GET('/v1/branches', { params: { query: { limit: 200 } } })),
    staleTime: 60 * 60_000,
  });
  return useCallback(
    (kind: 'project' | 'branch', id: string) =>
      (kind === 'project'
        ? projects.data?.find((p) => p.id === id)?.name
        : branches.data?.data.find((b) => b.id === id)?.name) ?? id,
    [projects.data, branches.data],
  );
}

function AuditList() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const nameOf = useOrgNames();
  const [status, setStatus] = useState<Audit['status'] | undefined>();
  const audits = useQuery({
    queryKey: ['audits', 'list', status ?? 'all'],
    queryFn: () =>
      data(api.GET('/v1/audits', { params: { query: { limit: 100, ...(status ? { status } : {}) } } })),
  });
  const projectOf = (a: Audit) => a.projectName ?? nameOf('project', a.projectId);
  const rows = audits.data?.data ?? [];
  const mine = rows.filter((a) => a.status === 'draft' && a.auditorId === auth.me?.actorId);
  return (
    <div>
      {mine.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('audits.assigned')}</Typography.Text>}
          bordered
          style={{ marginBottom: 16 }}
          dataSource={mine}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Link key="go" to={`/audits/${a.id}`}>
                  <Button type="primary" size="small">
                    {t('audits.perform')}
                  </Button>
                </Link>,
              ]}
            >
              <List.Item.Meta title={projectOf(a)} description={t(`audits.channel.${a.channel}`)} />
            </List.Item>
          )}
        />
      )}
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('audits.status')}
          value={status}
          onChange={setStatus}
          options={['draft', 'submitted', 'published'].map((s) => ({
            value: s,
            label: t(`audits.status.${s}`),
          }))}
        />
      </Space>
      <ErrorAlert error={audits.error} />
      <Table<Audit>
        rowKey="id"
        size="small"
        loading={audits.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        onRow={(a) => ({ onClick: () => navigate(`/audits/${a.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('audits.project'),
            dataIndex: 'projectId',
            render: (_: string, a) => <Link to={`/audits/${a.id}`}>{projectOf(a)}</Link>,
          },
          {
            title: t('audits.channel'),
            dataIndex: 'channel',
            render: (v: string) => t(`audits.channel.${v}`),
          },
          {
            title: t('audits.status'),
            dataIndex: 'status',
            render: (v: string) => (
              <Tag color={auditStatusColor[v] ?? 'default'}>{t(`audits.status.${v}`)}</Tag>
            ),
          },
          {
            title: t('audits.score'),
            dataIndex: 'score',
            render: (v: number | null, a) => <ScoreTag score={v} passed={a.passed} />,
          },
          {
            title: t('audits.visitedAt'),
            dataIndex: 'visitedAt',
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
          },
        ]}
      />
    </div>
  );
}

export function AuditsPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const nameOf = useOrgNames();
  const [params, setParams] = useSearchParams();
  const manager = auth.can('audits.manage');
  const tab = params.get('tab') ?? 'audits';
  const items = [
    { key: 'audits', label: t('audits.tab.audits'), children: <AuditList /> },
    ...(manager
      ? [
          { key: 'ranking', label: t('audits.tab.ranking'), children: <AuditRanking nameOf={nameOf} /> },
          {
            key: 'corrective',
            label: t('audits.tab.corrective'),
            children: <CorrectiveActions projectName={(id) => nameOf('project', id)} />,
          },
          { key: 'templates', label: t('audits.tab.templates'), children: <AuditTemplates /> },
        ]
      : []),
  ];
  return (
    <div>
      <ScreenTitle title={t('audits.title')} />
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={items} destroyOnHidden />
    </div>
  );
}
