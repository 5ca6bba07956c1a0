import { useQuery } from '@tanstack/react-query';
import { Card, Collapse, Empty, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, data } from '../../api/client';
import { useI18n } from '../../i18n';

/** Waits until the text has stopped changing for `ms` (no request per keystroke). */
function useSettled(value: string, ms = 400): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** 知识推荐: the published articles that best answer a case description, at intake and on a case. */
export function ArticleSuggestions({ description, projectId }: { description: string; projectId?: string }) {
  const { t } = useI18n();
  const text = useSettled(description.trim());
  const suggestions = useQuery({
    queryKey: ['knowledge-suggestions', text, projectId],
    queryFn: () =>
      data(
        api.POST('/v1/knowledge/suggestions', {
          body: { description: text, ...(projectId ? { projectId } : {}), limit: 3 },
        }),
      ),
    enabled: text.length >= 3,
    staleTime: 60_000,
  });
  const items = suggestions.data?.data ?? [];
  return (
    <Card size="small" title={t('knowledge.suggestions')} data-testid="article-suggestions">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.noSuggestions')} />
      ) : (
        <Collapse
          size="small"
          items={items.map((s) => ({
            key: s.article.id,
            label: (
              <span>
                <Tag>{t(`knowledge.kind.${s.article.kind}`)}</Tag>
                {s.article.title}
              </span>
            ),
            children: (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {s.article.body}
              </Typography.Paragraph>
            ),
          }))}
        />
      )}
    </Card>
  );
}
