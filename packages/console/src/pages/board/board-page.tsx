import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { useProjects } from '../../lib/org';
import { Countdown, milestoneLabel } from '../../lib/time';

const finished = new Set([
  'closed',
  'cancelled',
  'signed_off',
  'followed_up',
  'answered',
  'adopted',
  'noted',
]);
const dueHours = 4;

function CaseList({ rows }: { rows: Schemas['CaseListItem'][] }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      dataSource={rows}
      locale={{ emptyText: t('app.empty') }}
      renderItem={(c) => (
        <List.Item>
          <Space size={8} wrap>
            <Link to={`/cases/${c.id}`}>{c.archiveNo}</Link>
            <Tag>{t(`kind.${c.kind}`)}</Tag>
            {c.escalationLevel > 0 && (
              <Tag color="volcano">{t('board.escalated', { level: c.escalationLevel })}</Tag>
            )}
          </Space>
          {c.nextDeadline && (
            <Space size={4}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {milestoneLabel(t, c.nextDeadline.milestone)}
              </Typography.Text>
              <Countdown dueAt={c.nextDeadline.dueAt} breached={c.nextDeadline.status === 'breached'} />
            </Space>
          )}
        </List.Item>
      )}
    />
  );
}

/** 主管看板: breached and escalated cases in reach, what falls due in the next hours, counts per project. */
export function BoardPage() {
  const { t } = useI18n();
  const [now] = useState(() => Date.now());
  const projects = useProjects();
  const breached = useQuery({
    queryKey: ['board', 'breached'],
    queryFn: () => data(api.GET('/v1/cases', { params: { query: { overdue: 'true', limit: 100 } } })),
    select: (p) => p.data,
  });
  const dueSoon = useQuery({
    queryKey: ['board', 'due', now],
    queryFn: () =>
      data(
        api.GET('/v1/cases', {
          params: {
            query: {
              dueBefore: new Date(now + dueHours * 3_600_000).toISOString(),
              overdue: 'false',
              limit: 100,
            },
          },
        }),
      ),
    select: (p) => p.data,
  });
  const recent = useQuery({
    queryKey: ['board', 'recent'],
    queryFn: () => data(api.GET('/v1/cases', { params: { query: { limit: 200 } } })),
    select: (p) => p.data.filter((c) => !finished.has(c.status)),
  });
  const perProject = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of recent.data ?? []) counts.set(c.projectId, (counts.get(c.projectId) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]);
  }, [recent.data]);
  const error = breached.error ?? dueSoon.error ?? recent.error;

  return (
    <div className="gj-page">
      <Typography.Title level={3}>{t('board.title')}</Typography.Title>
      {error && <Alert type="error" role="alert" title={problemMessage(t, error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={
              <Statistic
                title={t('board.breached')}
                value={breached.data?.length ?? 0}
                styles={{ content: { color: '#d4380d' } }}
              />
            }
          >
            <CaseList rows={breached.data ?? []} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={
              <Statistic title={t('board.dueSoon', { hours: dueHours })} value={dueSoon.data?.length ?? 0} />
            }
          >
            <CaseList rows={dueSoon.data ?? []} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('board.perProject')}>
            <List
              size="small"
              dataSource={perProject}
              locale={{ emptyText: t('app.empty') }}
              renderItem={([projectId, count]) => (
                <List.Item>
                  <Link to={`/queue?projectId=${projectId}`}>
                    {projects.data?.find((p) => p.id === projectId)?.name ?? projectId}
                  </Link>
                  <Typography.Text strong>{count}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
