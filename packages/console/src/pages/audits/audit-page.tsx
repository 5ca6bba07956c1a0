import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ErrorAlert, ifMatch, ScreenTitle } from '../../lib/admin';
import { useAuth } from '../../session/auth';
import { auditStatusColor, useOrgNames } from './audits-page';
import { CorrectiveActions } from './corrective';
import { EvidenceList, PerformAudit, ScoreTag, templateOf } from './perform';

/* One audit: the auditor performs its draft here; afterwards its score by section, evidence, publication and 整改. */

type Audit = Schemas['Audit'];
interface StoredResult {
  sections?: { sectionKey: string; score: number | null; zeroed: boolean }[];
  failedItems?: { itemKey: string }[];
  vetoed?: boolean;
}

function AuditResult({ audit }: { audit: Audit }) {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nameOf = useOrgNames();
  const template = useMemo(() => templateOf(audit), [audit]);
  const result = (audit.result ?? {}) as StoredResult;
  const failed = new Set(result.failedItems?.map((i) => i.itemKey) ?? []);
  const label = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh);
  const manager = auth.can('audits.manage');

  async function publish() {
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
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 900 }}>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('audits.score')}>
            <ScoreTag score={audit.score} passed={audit.passed} />
            {result.vetoed && <Tag color="error">{t('audits.vetoed')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('audits.passMarkLabel')}>{audit.threshold ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('audits.visitedAt')}>
            {audit.visitedAt ? dayjs(audit.visitedAt).format('YYYY-MM-DD HH:mm') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('audits.status')}>
            <Tag color={auditStatusColor[audit.status]}>{t(`audits.status.${audit.status}`)}</Tag>
          </Descriptions.Item>
        </Descriptions>
        {manager && audit.status === 'submitted' && (
          <Button type="primary" onClick={() => void publish()}>
            {t('audits.publish')}
          </Button>
        )}
      </Card>
      {template.sections.map((s) => {
        const r = result.sections?.find((x) => x.sectionKey === s.key);
        return (
          <Card
            key={s.key}
            size="small"
            title={label(s.label)}
            extra={<Typography.Text strong>{r?.score ?? '—'}</Typography.Text>}
          >
            {s.items.map((item) => (
              <div key={item.key} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span>{label(item.label)}</span>
                {failed.has(item.key) ? (
                  <Tag color="error">{t('audits.item.failed')}</Tag>
                ) : (
                  <Tag color="success">{t('audits.item.ok')}</Tag>
                )}
              </div>
            ))}
          </Card>
        );
      })}
      {(audit.evidence?.length ?? 0) > 0 && (
        <Card size="small" title={t('audits.evidence.title')}>
          <EvidenceList auditId={audit.id} evidence={audit.evidence ?? []} />
        </Card>
      )}
      {audit.status === 'published' && (
        <Card size="small" title={t('audits.tab.corrective')}>
          <CorrectiveActions auditId={audit.id} projectName={(id) => nameOf('project', id)} />
        </Card>
      )}
    </Space>
  );
}

export function AuditPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const { id = '' } = useParams();
  const audit = useQuery({
    queryKey: ['audits', 'one', id],
    queryFn: () => data(api.GET('/v1/audits/{id}', { params: { path: { id } } })),
  });
  const a = audit.data;
  const title = a ? `${a.projectName ?? ''} · ${t(`audits.channel.${a.channel}`)}` : t('audits.title');
  return (
    <div>
      <ScreenTitle title={title} extra={<Link to="/audits">{t('audits.back')}</Link>} />
      <ErrorAlert error={audit.error} />
      {audit.isLoading && <Spin />}
      {a &&
        (a.status === 'draft' && a.auditorId === auth.me?.actorId ? (
          <PerformAudit key={a.id} audit={a} />
        ) : (
          <AuditResult audit={a} />
        ))}
    </div>
  );
}
