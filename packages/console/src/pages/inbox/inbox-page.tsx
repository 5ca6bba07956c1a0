import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Card, Checkbox, Collapse, Empty, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, data } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { formatTime } from '../../lib/time';

/** 消息: notifications and the daily complaint digest; opening one records its read receipt. */
export function InboxPage() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useQuery({
    queryKey: ['inbox', unreadOnly],
    queryFn: () =>
      data(
        api.GET('/v1/inbox', {
          params: { query: { limit: 100, ...(unreadOnly && { unread: 'true' as const }) } },
        }),
      ),
  });

  const open = async (ids: string[]) => {
    for (const id of ids) {
      const message = inbox.data?.data.find((m) => m.id === id);
      if (!message || message.readAt) continue;
      // The digest's one-hour read check counts this receipt.
      await data(api.POST('/v1/inbox/{id}/read', { params: { path: { id } } })).catch(() => undefined);
      await queryClient.invalidateQueries({ queryKey: ['inbox'] });
    }
  };

  return (
    <div className="gj-page" style={{ maxWidth: 960 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} align="baseline">
        <Typography.Title level={3}>{t('inbox.title')}</Typography.Title>
        <Checkbox checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)}>
          {t('inbox.unreadOnly')}
        </Checkbox>
      </Space>
      {inbox.isError && <Alert type="error" role="alert" title={problemMessage(t, inbox.error)} />}
      {inbox.isPending && <Skeleton active />}
      {inbox.data?.data.length === 0 && (
        <Card>
          <Empty description={t('inbox.empty')} />
        </Card>
      )}
      {inbox.data && inbox.data.data.length > 0 && (
        <Collapse
          onChange={(keys) => void open(Array.isArray(keys) ? keys : [keys])}
          items={inbox.data.data.map((m) => {
            const caseId = typeof m.data.caseId === 'string' ? m.data.caseId : null;
            return {
              key: m.id,
              label: (
                <Space>
                  <Badge status={m.readAt ? 'default' : 'processing'} />
                  <Typography.Text strong={!m.readAt}>{m.title}</Typography.Text>
                </Space>
              ),
              extra: (
                <Typography.Text type="secondary">
                  {m.readAt ? t('inbox.read', { time: formatTime(lang, m.readAt) }) : t('inbox.unread')} ·{' '}
                  {formatTime(lang, m.createdAt)}
                </Typography.Text>
              ),
              children: (
                <Space orientation="vertical">
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {m.body}
                  </Typography.Paragraph>
                  {caseId && <Link to={`/cases/${caseId}`}>{t('inbox.openCase')}</Link>}
                </Space>
              ),
            };
          })}
        />
      )}
    </div>
  );
}
