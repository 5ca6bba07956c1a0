import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { formatTime } from '../../lib/time';
import { useAuth } from '../../session/auth';

type Article = Schemas['KnowledgeArticle'];
const kinds = ['standard_answer', 'procedure', 'script', 'case_example'] as const;

/** 知识库: search, read, and (for editors) write and edit articles; each save is a version. */
export function KnowledgePage() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const editor = auth.can('knowledge.manage');
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<(typeof kinds)[number] | undefined>();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Article | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();

  const categories = useQuery({
    queryKey: ['knowledge-categories'],
    queryFn: () => data(api.GET('/v1/knowledge/categories')),
  });
  const list = useQuery({
    queryKey: ['knowledge', q, kind],
    queryFn: () =>
      data(
        api.GET('/v1/knowledge/articles', {
          params: { query: { limit: 100, ...(q ? { q } : {}), ...(kind ? { kind } : {}) } },
        }),
      ),
  });
  const article = list.data?.data.find((a) => a.id === selected) ?? list.data?.data[0];
  const versions = useQuery({
    queryKey: ['knowledge-versions', article?.id],
    queryFn: () =>
      data(
        api.GET('/v1/knowledge/articles/{id}/versions', { params: { path: { id: article?.id as string } } }),
      ),
    enabled: Boolean(article),
  });
  const categoryLabel = (code: string | null) => {
    const c = categories.data?.data.find((x) => x.code === code);
    return c ? (lang === 'en' ? c.labelEn : c.labelZh) : code;
  };

  const openEditor = (a: Article | 'new') => {
    setError(null);
    setEditing(a);
    form.setFieldsValue(
      a === 'new'
        ? { kind: 'standard_answer', title: '', body: '', categoryCode: undefined, tags: [] }
        : {
            kind: a.kind,
            title: a.title,
            body: a.body,
            categoryCode: a.categoryCode ?? undefined,
            tags: a.tags,
          },
    );
  };
  const save = async () => {
    const f = await form.validateFields();
    const body = {
      kind: f.kind,
      title: f.title,
      body: f.body,
      categoryCode: f.categoryCode ?? null,
      tags: f.tags ?? [],
    };
    try {
      if (editing === 'new') {
        const created = await data(api.POST('/v1/knowledge/articles', { body: { ...body, publish: true } }));
        setSelected(created.id);
      } else if (editing) {
        await data(
          api.PATCH('/v1/knowledge/articles/{id}', {
            params: { path: { id: editing.id } },
            body,
          }),
        );
      }
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: ['knowledge'] });
      await queryClient.invalidateQueries({ queryKey: ['knowledge-versions'] });
    } catch (e) {
      setError(problemMessage(t, e));
    }
  };

  return (
    <div className="gj-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} align="baseline">
        <Typography.Title level={3}>{t('knowledge.title')}</Typography.Title>
        {editor && (
          <Button type="primary" onClick={() => openEditor('new')}>
            {t('knowledge.new')}
          </Button>
        )}
      </Space>
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('knowledge.search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 320 }}
          aria-label={t('knowledge.search')}
        />
        <Select
          allowClear
          placeholder={t('knowledge.kind')}
          style={{ width: 160 }}
          value={kind}
          onChange={setKind}
          options={kinds.map((k) => ({ value: k, label: t(`knowledge.kind.${k}`) }))}
        />
      </Space>
      {list.isError && <Alert type="error" title={problemMessage(t, list.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card size="small">
            <List
              dataSource={list.data?.data ?? []}
              locale={{ emptyText: <Empty description={t('app.empty')} /> }}
              renderItem={(a) => (
                <List.Item
                  onClick={() => setSelected(a.id)}
                  style={{ cursor: 'pointer', background: a.id === article?.id ? '#e6f4ff' : undefined }}
                >
                  <List.Item.Meta
                    title={a.title}
                    description={
                      <Space size={4} wrap>
                        <Tag>{t(`knowledge.kind.${a.kind}`)}</Tag>
                        {a.categoryCode && <Tag color="blue">{categoryLabel(a.categoryCode)}</Tag>}
                        {a.status !== 'published' && (
                          <Tag color="orange">{t(`knowledge.status.${a.status}`)}</Tag>
                        )}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {article ? (
            <Card
              size="small"
              title={article.title}
              extra={
                editor && (
                  <Button size="small" onClick={() => openEditor(article)}>
                    {t('knowledge.edit')}
                  </Button>
                )
              }
            >
              <Space size={4} wrap style={{ marginBottom: 8 }}>
                <Tag>{t(`knowledge.kind.${article.kind}`)}</Tag>
                <Tag>{t(`knowledge.scope.${article.scope.level}`)}</Tag>
                {article.tags.map((tag) => (
                  <Tag key={tag} color="geekblue">
                    {tag}
                  </Tag>
                ))}
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{article.body}</Typography.Paragraph>
              {article.kind === 'script' && (
                <>
                  <Typography.Text strong>{t('knowledge.polite')}</Typography.Text>{' '}
                  {(article.politePhrases ?? []).map((p) => (
                    <Tag key={p} color="green">
                      {p}
                    </Tag>
                  ))}
                  <br />
                  <Typography.Text strong>{t('knowledge.forbidden')}</Typography.Text>{' '}
                  {(article.forbiddenPhrases ?? []).map((p) => (
                    <Tag key={p} color="red">
                      {p}
                    </Tag>
                  ))}
                </>
              )}
              {article.lesson && (
                <Alert
                  style={{ marginTop: 12 }}
                  type="info"
                  title={t('knowledge.lesson')}
                  description={article.lesson}
                />
              )}
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('knowledge.versions')}
              </Typography.Title>
              <Timeline
                items={(versions.data?.data ?? []).map((v) => ({
                  content: t('knowledge.versionLine', {
                    version: v.version,
                    time: formatTime(lang, v.changedAt),
                    fields: v.changedFields.join(', '),
                  }),
                }))}
              />
            </Card>
          ) : (
            <Card>
              <Empty description={t('app.empty')} />
            </Card>
          )}
        </Col>
      </Row>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('knowledge.new') : t('knowledge.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={t('knowledge.save')}
        width={720}
      >
        {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('knowledge.kind')} rules={[{ required: true }]}>
            <Select options={kinds.map((k) => ({ value: k, label: t(`knowledge.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('knowledge.articleTitle')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="categoryCode" label={t('knowledge.category')}>
            <Select
              allowClear
              options={(categories.data?.data ?? []).map((c) => ({
                value: c.code,
                label: categoryLabel(c.code),
              }))}
            />
          </Form.Item>
          <Form.Item name="tags" label={t('knowledge.tags')}>
            <Select mode="tags" />
          </Form.Item>
          <Form.Item name="body" label={t('knowledge.body')} rules={[{ required: true }]}>
            <Input.TextArea rows={8} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
