import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useParams } from 'react-router';
import { api, data } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { type Translate, useI18n } from '../../i18n';
import { useCategories } from '../../lib/org';
import { placeText } from '../../lib/place';
import { Countdown, formatTime, milestoneLabel } from '../../lib/time';
import { useAuth } from '../../session/auth';
import { ArticleSuggestions } from '../knowledge/article-suggestions';
import { AddToCaseLibrary } from '../knowledge/case-example';
import { ActionPanel } from './action-panel';

const running = new Set(['pending', 'warned']);
const milestoneColor: Record<string, string> = {
  met: 'green',
  breached: 'red',
  warned: 'orange',
  pending: 'blue',
  paused: 'default',
  cancelled: 'default',
  ended: 'default',
};

/** A timeline entry's name: a step of the flow, or one of the entries the platform writes itself. */
function timelineLabel(t: Translate, action: string): string {
  for (const key of [`timeline.${action}`, `action.${action}`]) {
    const label = t(key);
    if (label !== key) return label;
  }
  return t('timeline.other');
}

/** 工单详情: the case, its deadlines, history, attachments and the steps the caller may take. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const path = { params: { path: { id } } };
  const caseQuery = useQuery({
    queryKey: ['case', id],
    queryFn: () => data(api.GET('/v1/cases/{id}', path)),
  });
  const allowed = useQuery({
    queryKey: ['case', id, 'allowed'],
    queryFn: () => data(api.GET('/v1/cases/{id}/allowed-actions', path)),
  });
  const sla = useQuery({
    queryKey: ['case', id, 'sla'],
    queryFn: () => data(api.GET('/v1/cases/{id}/sla', path)),
  });
  const timeline = useQuery({
    queryKey: ['case', id, 'timeline'],
    queryFn: () => data(api.GET('/v1/cases/{id}/timeline', path)),
  });
  const files = useQuery({
    queryKey: ['case', id, 'attachments'],
    queryFn: () => data(api.GET('/v1/cases/{id}/attachments', path)),
  });
  const categories = useCategories(lang);
  const auth = useAuth();
  const reload = () =>
    Promise.all([caseQuery.refetch(), allowed.refetch(), sla.refetch(), timeline.refetch(), files.refetch()]);

  if (caseQuery.isError)
    return <Alert className="gj-page" type="error" role="alert" title={problemMessage(t, caseQuery.error)} />;
  const c = caseQuery.data;
  if (!c) return <Skeleton active className="gj-page" />;

  const download = async (attachmentId: string, fileName: string) => {
    const { data: blob } = await api.GET('/v1/cases/{id}/attachments/{attachmentId}', {
      params: { path: { id, attachmentId } },
      parseAs: 'blob',
    });
    if (!blob) return;
    const url = URL.createObjectURL(blob as Blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="gj-page">
      <Space align="baseline" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('case.archiveNo')} {c.archiveNo}
        </Typography.Title>
        <Tag color="blue" data-testid="case-status">
          {t(`status.${c.status}`)}
        </Tag>
        <Tag>{t(`kind.${c.kind}`)}</Tag>
        {c.urgency !== 'normal' && <Tag color="red">{t(`urgency.${c.urgency}`)}</Tag>}
        {c.escalationLevel > 0 && (
          <Tag color="volcano">{t('board.escalated', { level: c.escalationLevel })}</Tag>
        )}
        {c.chaseCount > 0 && (
          <Tag color="orange" data-testid="case-chases">
            {t('case.chased', { count: c.chaseCount })}
          </Tag>
        )}
        {auth.can('knowledge.manage') && <AddToCaseLibrary caseRow={c} />}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t('case.owner')}>{c.contact.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('case.phone')}>{c.contact.phone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('case.unit')}>{placeText(c.place)}</Descriptions.Item>
                <Descriptions.Item label={t('case.category')}>
                  {categories.data?.label(c.category) ?? c.category}
                </Descriptions.Item>
                <Descriptions.Item label={t('case.channel')}>{t(`channel.${c.channel}`)}</Descriptions.Item>
                <Descriptions.Item label={t('case.received')}>
                  {formatTime(lang, c.receivedAt)}
                </Descriptions.Item>
                {c.visitBookedFor && (
                  <Descriptions.Item label={t('case.visitBookedFor')}>
                    {formatTime(lang, c.visitBookedFor)}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('case.description')} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {c.description}
                  </Typography.Paragraph>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            {allowed.data && <ActionPanel caseRow={c} allowed={allowed.data.data} reload={reload} />}
            <Card size="small" title={t('case.timeline')}>
              {timeline.isPending ? (
                <Skeleton active />
              ) : (
                <Timeline
                  items={(timeline.data?.data ?? []).map((e) => ({
                    color: e.visibility === 'owner' ? 'green' : 'gray',
                    content: (
                      <div>
                        <Space size={8} wrap>
                          <Typography.Text strong>{timelineLabel(t, e.action)}</Typography.Text>
                          <Tag color={e.visibility === 'owner' ? 'green' : undefined}>
                            {t(e.visibility === 'owner' ? 'case.timeline.owner' : 'case.timeline.internal')}
                          </Tag>
                          <Typography.Text type="secondary">{formatTime(lang, e.at)}</Typography.Text>
                        </Space>
                        {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                      </div>
                    ),
                  }))}
                />
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {auth.can('knowledge.read') && (
              <ArticleSuggestions description={c.description} projectId={c.projectId} />
            )}
            <Card size="small" title={t('case.milestones')}>
              <List
                size="small"
                loading={sla.isPending}
                locale={{ emptyText: t('case.milestones.none') }}
                dataSource={sla.data?.milestones ?? []}
                renderItem={(m) => (
                  <List.Item data-testid={`milestone-${m.milestone}`}>
                    <Space orientation="vertical" size={0}>
                      <Space>
                        <Typography.Text>{milestoneLabel(t, m.milestone)}</Typography.Text>
                        <Tag color={milestoneColor[m.status]}>{t(`milestoneStatus.${m.status}`)}</Tag>
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {m.metAt
                          ? t('case.met', { time: formatTime(lang, m.metAt) })
                          : m.breachedAt
                            ? t('case.breached', { time: formatTime(lang, m.breachedAt) })
                            : m.dueAt
                              ? t('case.due', { time: formatTime(lang, m.dueAt) })
                              : ''}
                      </Typography.Text>
                    </Space>
                    {running.has(m.status) && m.dueAt && <Countdown dueAt={m.dueAt} />}
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={t('case.attachments')}>
              <List
                size="small"
                loading={files.isPending}
                locale={{ emptyText: t('case.attachments.none') }}
                dataSource={files.data?.data ?? []}
                renderItem={(f) => (
                  <List.Item>
                    <Button type="link" onClick={() => void download(f.id, f.fileName)}>
                      {f.fileName}
                    </Button>
                    <Typography.Text type="secondary">{Math.ceil(f.sizeBytes / 1024)} KB</Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
