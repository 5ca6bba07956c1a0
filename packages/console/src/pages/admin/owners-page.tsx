import { useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { ErrorAlert, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';

/** 业主: search by name or phone within a project. */
export function OwnersPage() {
  const { t } = useI18n();
  const projects = useProjects();
  const [projectId, setProjectId] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const phone = /^[\d +-]{3,}$/.test(search.trim()) ? search.trim() : undefined;
  const name = search.trim() && !phone ? search.trim() : undefined;
  const owners = useQuery({
    queryKey: ['owners', projectId, search],
    queryFn: () =>
      data(
        api.GET('/v1/owners', {
          params: {
            query: {
              limit: 100,
              ...(projectId && { projectId }),
              ...(phone && { phone }),
              ...(name && { name }),
            },
          },
        }),
      ),
  });
  return (
    <div className="gj-page">
      <ScreenTitle title={t('admin.owners.title')} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            style={{ minWidth: 200 }}
            aria-label={t('admin.project')}
            placeholder={t('admin.project')}
            value={projectId}
            onChange={setProjectId}
            options={projects.data?.map((p) => ({ value: p.id, label: p.name }))}
          />
          <Input.Search
            allowClear
            style={{ width: 280 }}
            aria-label={t('admin.owners.search')}
            placeholder={t('admin.owners.search')}
            onSearch={setSearch}
          />
        </Space>
        <ErrorAlert error={owners.error} />
        <Table<Schemas['Owner']>
          rowKey="id"
          size="small"
          loading={owners.isPending}
          dataSource={owners.data?.data}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('app.empty') }}
          columns={[
            { title: t('admin.name'), dataIndex: 'name' },
            { title: t('admin.phone'), dataIndex: 'phone' },
            { title: t('admin.email'), dataIndex: 'email', render: (v) => v ?? '—' },
            {
              title: t('admin.owners.units'),
              dataIndex: 'units',
              render: (units: Schemas['Owner']['units']) =>
                units.map((u) => (
                  <Tag key={u.unitId}>
                    {t(`admin.relation.${u.relation}`)} · {u.number}
                  </Tag>
                )),
            },
          ]}
        />
      </Card>
    </div>
  );
}
