import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, ifMatch, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { useAuth } from '../../session/auth';

/* 神秘客户: the audits the caller may see (an auditor only its own; managers those of their projects). */

type Audit = Schemas['Audit'];

const statusColor: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  published: 'success',
};

export function AuditsPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const projects = useProjects();
  const [status, setStatus] = useState<Audit['status'] | undefined>();
  const audits = useQuery({
    queryKey: ['audits', 'list', status ?? 'all'],
    queryFn: () =>
      data(api.GET('/v1/audits', { params: { query: { limit: 100, ...(status ? { status } : {}) } } })),
  });
  const projectName = (id: string) => projects.data?.find((p) => p.id === id)?.name ?? id;
  const manager = auth.can('audits.manage');

  async function publish(audit: Audit) {
    try {
      await data(
        api.POST('/v1/audits/{id}/publish', {
          params: { path: { id: audit.id }, header: ifMatch(audit.version) as never },
        }),
      );
      message.success(t('audits.published'));
      await qc.invalidateQueries({ queryKey: ['audits'] });
    } catch (error) {
      message.error(problemMessage(t, error));
    }
  }

  return (
    <div>
      <ScreenTitle
        title={t('audits.title')}
        extra={
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
        }
      />
      <ErrorAlert error={audits.error} />
      <Table<Audit>
        rowKey="id"
        size="small"
        loading={audits.isLoading}
        dataSource={audits.data?.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('audits.project'), dataIndex: 'projectId', render: (v: string) => projectName(v) },
          {
            title: t('audits.channel'),
            dataIndex: 'channel',
            render: (v: string) => t(`audits.channel.${v}`),
          },
          {
            title: t('audits.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={statusColor[v] ?? 'default'}>{t(`audits.status.${v}`)}</Tag>,
          },
          {
            title: t('audits.score'),
            dataIndex: 'score',
            render: (v: number | null, a) =>
              v === null ? '—' : <Tag color={a.passed ? 'success' : 'error'}>{Math.round(v * 10) / 10}</Tag>,
          },
          {
            title: t('audits.visitedAt'),
            dataIndex: 'visitedAt',
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
          },
          {
            title: '',
            key: 'actions',
            render: (_, a) => (
              <Space>
                {manager && a.status === 'submitted' && (
                  <Button size="small" type="primary" onClick={() => void publish(a)}>
                    {t('audits.publish')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
