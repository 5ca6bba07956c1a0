import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, data } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { Countdown, formatTime, milestoneLabel } from '../../lib/time';

/** 部门待办: complaints waiting for the department's feedback, and today's end-of-day report. */
export function DepartmentPage() {
  const { t, lang } = useI18n();
  const due = useQuery({
    queryKey: ['department', 'feedback-due'],
    queryFn: () =>
      data(
        api.GET('/v1/cases', {
          params: { query: { kind: 'complaint', status: 'assigned', limit: 100, sort: 'oldest' } },
        }),
      ),
    select: (page) => page.data,
  });
  const report = useQuery({
    queryKey: ['department', 'daily'],
    queryFn: () => data(api.GET('/v1/reports/department-daily', { params: { query: {} } })),
  });
  return (
    <div className="gj-page">
      <Typography.Title level={3}>{t('department.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('department.feedbackDue')}>
            {due.isError && <Alert type="error" title={problemMessage(t, due.error)} />}
            <List
              loading={due.isPending}
              dataSource={due.data ?? []}
              locale={{ emptyText: t('app.empty') }}
              renderItem={(c) => (
                <List.Item>
                  <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                    <Link to={`/cases/${c.id}`}>{c.archiveNo}</Link>
                    <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                      {c.description}
                    </Typography.Text>
                  </Space>
                  {c.nextDeadline && (
                    <Space orientation="vertical" size={0} style={{ textAlign: 'right' }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {milestoneLabel(t, c.nextDeadline.milestone)}
                      </Typography.Text>
                      <Countdown
                        dueAt={c.nextDeadline.dueAt}
                        breached={c.nextDeadline.status === 'breached'}
                      />
                    </Space>
                  )}
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('department.report')}
            extra={report.data && <Typography.Text type="secondary">{report.data.date}</Typography.Text>}
          >
            {report.isError && <Alert type="error" title={problemMessage(t, report.error)} />}
            <List
              loading={report.isPending}
              dataSource={report.data?.departments ?? []}
              locale={{ emptyText: t('department.report.none') }}
              renderItem={(d) => (
                <List.Item>
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Space>
                      <Typography.Text strong>{d.departmentName ?? '—'}</Typography.Text>
                      <Tag>{t('department.report.handling', { count: d.cases.length })}</Tag>
                    </Space>
                    {d.cases.map((c) => (
                      <Typography.Text key={c.id}>
                        <Link to={`/cases/${c.id}`}>{c.archiveNo}</Link> · {t(`status.${c.status}`)} ·{' '}
                        {formatTime(lang, c.lastUpdateAt ?? c.receivedAt)}
                      </Typography.Text>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
