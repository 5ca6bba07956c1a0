import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { api, data, type Schemas } from '../../api/client';
import { fieldErrors, problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, idempotency, ScreenTitle } from '../../lib/admin';
import { useProjects } from '../../lib/org';
import { formatTime } from '../../lib/time';

/** 公告: notices to a project's owners, drafted then published through the configured channels. */
export function NoticesPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const projects = useProjects();
  const [form] = Form.useForm();
  const notices = useQuery({
    queryKey: ['notices'],
    queryFn: () => data(api.GET('/v1/notices', { params: { query: { limit: 100 } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notices'] });
  const draft = async (values: { projectId: string; title: string; body: string }) => {
    try {
      await data(api.POST('/v1/notices', { params: { header: idempotency() as never }, body: values }));
      form.resetFields();
      await refresh();
      message.success(t('admin.notices.drafted'));
    } catch (e) {
      form.setFields(fieldErrors(t, e));
      message.error(problemMessage(t, e));
    }
  };
  const publish = async (id: string) => {
    try {
      await data(api.POST('/v1/notices/{id}/publish', { params: { path: { id } } }));
      await refresh();
      message.success(t('admin.notices.published'));
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };
  const projectName = (id: string | null) => projects.data?.find((p) => p.id === id)?.name ?? '—';
  return (
    <div className="gj-page">
      <ScreenTitle title={t('admin.notices.title')} />
      <Card title={t('admin.notices.new')} size="small" style={{ marginBottom: 12 }}>
        <Form form={form} layout="vertical" onFinish={(v) => void draft(v)} style={{ maxWidth: 640 }}>
          <Form.Item
            name="projectId"
            label={t('admin.project')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select options={projects.data?.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('admin.notices.titleField')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('admin.notices.body')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Button htmlType="submit">{t('admin.notices.saveDraft')}</Button>
        </Form>
      </Card>
      <Card size="small">
        <ErrorAlert error={notices.error} />
        <Table<Schemas['Notice']>
          rowKey="id"
          size="small"
          pagination={false}
          loading={notices.isPending}
          dataSource={notices.data?.data}
          scroll={{ x: true }}
          locale={{ emptyText: t('admin.notices.empty') }}
          expandable={{
            expandedRowRender: (n) => (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Paragraph>
            ),
          }}
          columns={[
            { title: t('admin.notices.titleField'), dataIndex: 'title' },
            { title: t('admin.project'), dataIndex: 'projectId', render: projectName },
            {
              title: t('admin.status'),
              dataIndex: 'status',
              render: (s) => (
                <Tag color={s === 'published' ? 'green' : 'default'}>{t(`admin.noticeStatus.${s}`)}</Tag>
              ),
            },
            {
              title: t('admin.notices.publishedAt'),
              dataIndex: 'publishedAt',
              render: (v) => formatTime(lang, v),
            },
            {
              title: t('admin.notices.reads'),
              key: 'reads',
              render: (_, n) =>
                n.status === 'published'
                  ? t('admin.notices.readsOf', {
                      read: n.readCount,
                      audience: n.audienceSize,
                      rate: n.audienceSize > 0 ? Math.round((100 * n.readCount) / n.audienceSize) : 0,
                    })
                  : '—',
            },
            {
              title: '',
              render: (_, n) =>
                n.status === 'draft' && (
                  <Popconfirm
                    title={t('admin.notices.confirmPublish')}
                    okText={t('admin.confirm')}
                    cancelText={t('admin.cancel')}
                    onConfirm={() => void publish(n.id)}
                  >
                    <Button size="small" type="primary">
                      {t('admin.notices.publish')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
