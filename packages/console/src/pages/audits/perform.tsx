import type { AuditAnswer } from '@guanjia/core/audits/answers';
import { defaultForbiddenPhrases } from '@guanjia/core/audits/phrases';
import { type AuditScore, type ItemResult, scoreAudit } from '@guanjia/core/audits/scoring';
import {
  type AuditItem,
  type AuditTemplate,
  type StoredAuditTemplate,
  templateOfStored,
} from '@guanjia/core/audits/template';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, InputNumber, Progress, Radio, Space, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api, data, type Schemas } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useI18n } from '../../i18n';
import { ifMatch } from '../../lib/admin';
import { postWithProgress } from '../../lib/upload';
import { type AuditDraft, useAuditDraft } from './draft';

/* 神秘客户 on a phone: the checklist by section, marked item by item, scored live by core's scoreAudit. */

type Audit = Schemas['Audit'];
type Evidence = Schemas['AuditEvidence'];

/** The audit's template snapshot as core reads it, the same reading the Worker scores with. */
export function templateOf(audit: Audit): AuditTemplate {
  return templateOfStored(audit.template as unknown as StoredAuditTemplate, audit.threshold);
}

/** The live score of a partly-filled checklist, or the issue that stops it (never thrown at the screen). */
function liveScore(template: AuditTemplate, answers: AuditAnswer[], projectName: string | undefined) {
  try {
    return scoreAudit(template, answers, { partial: true, ...(projectName ? { projectName } : {}) });
  } catch {
    return null;
  }
}

export function ScoreTag({ score, passed }: { score: number | null; passed: boolean | null }) {
  if (score === null) return <Tag>—</Tag>;
  return <Tag color={passed ? 'success' : 'error'}>{Math.round(score * 10) / 10}</Tag>;
}

const evidenceAccept =
  'image/jpeg,image/png,image/webp,audio/mpeg,audio/mp4,audio/amr,audio/wav,application/pdf';

function EvidenceUpload({
  auditId,
  itemKey,
  onUploaded,
}: {
  auditId: string;
  itemKey?: string;
  onUploaded: (e: Evidence) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  async function send(file: File) {
    setProgress(0);
    try {
      const query = itemKey ? `?itemId=${encodeURIComponent(itemKey)}` : '';
      const stored = await postWithProgress<Evidence>(
        `/v1/audits/${auditId}/evidence${query}`,
        file,
        { 'content-type': file.type || 'application/octet-stream' },
        setProgress,
      );
      onUploaded(stored);
      message.success(t('audits.evidence.uploaded'));
    } catch (error) {
      message.error(problemMessage(t, error));
    } finally {
      setProgress(null);
    }
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <Upload
        accept={evidenceAccept}
        showUploadList={false}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <Button size="small" disabled={progress !== null}>
          {t('audits.evidence.add')}
        </Button>
      </Upload>
      {progress !== null && (
        <Progress
          percent={Math.round(progress * 100)}
          size="small"
          aria-label={t('audits.evidence.progress')}
        />
      )}
    </Space>
  );
}

function PhraseHints({ item, result }: { item: AuditItem; result: ItemResult | undefined }) {
  const { t } = useI18n();
  if (item.type !== 'phrase') return null;
  const phrases = result?.phrases;
  if (item.check === 'forbidden_phrases') {
    const words = item.words ?? [...defaultForbiddenPhrases];
    const heard = new Set(phrases?.forbiddenHeard.map((h) => h.phrase) ?? []);
    return (
      <div>
        <Typography.Text type="secondary">{t('audits.phrases.forbidden')}</Typography.Text>{' '}
        {words.map((w) => (
          <Tag key={w} color={heard.has(w) ? 'error' : 'default'}>
            {w}
          </Tag>
        ))}
        {phrases && heard.size === 0 && <Tag color="success">{t('audits.phrases.noneHeard')}</Tag>}
      </div>
    );
  }
  if (!phrases) return null;
  if (item.check === 'greeting')
    return (
      <Tag color={phrases.greeting.matched ? 'success' : 'error'}>
        {phrases.greeting.matched ? t('audits.phrases.greetingOk') : t('audits.phrases.greetingMissing')}
      </Tag>
    );
  return (
    <div>
      <Typography.Text type="secondary">{t('audits.phrases.politeUsed')}</Typography.Text>{' '}
      {phrases.politeWords.used.map((w) => (
        <Tag key={w} color="success">
          {w}
        </Tag>
      ))}
    </div>
  );
}

function ItemInput({
  item,
  answer,
  onChange,
}: {
  item: AuditItem;
  answer: AuditAnswer | undefined;
  onChange: (a: AuditAnswer | undefined) => void;
}) {
  const { t } = useI18n();
  const na = answer?.kind === 'not_applicable';
  const base = { itemKey: item.key, ...(answer?.evidenceIds ? { evidenceIds: answer.evidenceIds } : {}) };
  const naButton = item.allowNotApplicable && (
    <Radio.Button value="na" checked={na}>
      {t('audits.item.na')}
    </Radio.Button>
  );
  if (item.type === 'yes_no') {
    const value = na ? 'na' : answer?.kind === 'yes_no' ? (answer.value ? 'yes' : 'no') : undefined;
    return (
      <Radio.Group
        value={value}
        optionType="button"
        onChange={(e) =>
          onChange(
            e.target.value === 'na'
              ? { ...base, kind: 'not_applicable' }
              : { ...base, kind: 'yes_no', value: e.target.value === 'yes' },
          )
        }
      >
        <Radio.Button value="yes">{t('audits.item.pass')}</Radio.Button>
        <Radio.Button value="no">{t('audits.item.fail')}</Radio.Button>
        {naButton}
      </Radio.Group>
    );
  }
  if (item.type === 'scale') {
    const steps = Array.from({ length: Math.floor(item.max - item.min) + 1 }, (_, i) => item.min + i);
    const value = na ? 'na' : answer?.kind === 'scale' ? String(answer.value) : undefined;
    return (
      <Radio.Group
        value={value}
        optionType="button"
        onChange={(e) =>
          onChange(
            e.target.value === 'na'
              ? { ...base, kind: 'not_applicable' }
              : { ...base, kind: 'scale', value: Number(e.target.value) },
          )
        }
      >
        {steps.map((s) => (
          <Radio.Button key={s} value={String(s)}>
            {s}
          </Radio.Button>
        ))}
        {naButton}
      </Radio.Group>
    );
  }
  if (item.type === 'timing') {
    return (
      <Space wrap>
        <InputNumber
          min={0}
          value={answer?.kind === 'timing' ? answer.seconds : null}
          addonAfter={t('audits.item.seconds')}
          placeholder={t('audits.item.limit', { seconds: item.limitSeconds })}
          onChange={(v) => onChange(v === null ? undefined : { ...base, kind: 'timing', seconds: Number(v) })}
          style={{ width: 160 }}
        />
        {item.allowNotApplicable && (
          <Button
            size="small"
            type={na ? 'primary' : 'default'}
            onClick={() => onChange({ ...base, kind: 'not_applicable' })}
          >
            {t('audits.item.na')}
          </Button>
        )}
      </Space>
    );
  }
  const phrase = answer?.kind === 'phrase' ? answer : undefined;
  const verdict = na ? 'na' : phrase?.passed === undefined ? undefined : phrase.passed ? 'yes' : 'no';
  const set = (next: { transcript?: string | undefined; passed?: boolean | undefined }) => {
    const transcript = 'transcript' in next ? next.transcript : phrase?.transcript;
    const passed = 'passed' in next ? next.passed : phrase?.passed;
    if (!transcript && passed === undefined) onChange(undefined);
    else
      onChange({
        ...base,
        kind: 'phrase',
        ...(transcript ? { transcript } : {}),
        ...(passed === undefined ? {} : { passed }),
      });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <Input.TextArea
        rows={2}
        value={phrase?.transcript ?? ''}
        placeholder={t('audits.item.transcript')}
        aria-label={t('audits.item.transcript')}
        onChange={(e) => set({ transcript: e.target.value })}
      />
      <Radio.Group
        value={verdict}
        optionType="button"
        onChange={(e) =>
          e.target.value === 'na'
            ? onChange({ ...base, kind: 'not_applicable' })
            : set({ passed: e.target.value === 'yes' })
        }
      >
        <Radio.Button value="yes">{t('audits.item.pass')}</Radio.Button>
        <Radio.Button value="no">{t('audits.item.fail')}</Radio.Button>
        {naButton}
      </Radio.Group>
    </Space>
  );
}

function LiveScore({
  score,
  answered,
  total,
}: {
  score: AuditScore | null;
  answered: number;
  total: number;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      style={{ position: 'sticky', top: 0, zIndex: 5, marginBottom: 12 }}
      aria-label={t('audits.liveScore')}
    >
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <span>
          {t('audits.liveScore')}{' '}
          <Typography.Text strong style={{ fontSize: 20 }} data-testid="live-score">
            {score?.score ?? '—'}
          </Typography.Text>
          {score && score.score !== null && (
            <Tag style={{ marginLeft: 8 }} color={score.passed ? 'success' : 'error'}>
              {score.passed ? t('audits.passed') : t('audits.failed')}
            </Tag>
          )}
          {score?.vetoed && <Tag color="error">{t('audits.vetoed')}</Tag>}
        </span>
        <Typography.Text type="secondary">
          {t('audits.answered', { answered, total })} ·{' '}
          {t('audits.passMark', { mark: score?.threshold ?? 80 })}
        </Typography.Text>
      </Space>
    </Card>
  );
}

/** The assigned auditor performs a draft audit: marks, evidence, then submit. */
export function PerformAudit({ audit }: { audit: Audit }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const template = useMemo(() => templateOf(audit), [audit]);
  const fresh = (): AuditDraft => ({ answers: {}, visitedAt: dayjs().format('YYYY-MM-DDTHH:mm') });
  const { draft, setDraft, clear } = useAuditDraft(audit.id, fresh);
  const [evidence, setEvidence] = useState<Evidence[]>(audit.evidence ?? []);
  const [submitting, setSubmitting] = useState(false);
  const answers = Object.values(draft.answers);
  const score = liveScore(template, answers, audit.projectName ?? undefined);
  const results = new Map(score?.sections.flatMap((s) => s.items.map((i) => [i.itemKey, i])) ?? []);
  const total = template.sections.reduce((n, s) => n + s.items.length, 0);
  const label = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh);

  const setAnswer = (key: string, a: AuditAnswer | undefined) =>
    setDraft((d) => {
      const next = { ...d.answers };
      if (a) next[key] = a;
      else delete next[key];
      return { ...d, answers: next };
    });

  function addEvidence(e: Evidence) {
    setEvidence((list) => [...list, e]);
    const key = e.itemId;
    if (!key) return;
    setDraft((d) => {
      const a = d.answers[key];
      if (!a) return d;
      return {
        ...d,
        answers: { ...d.answers, [key]: { ...a, evidenceIds: [...(a.evidenceIds ?? []), e.id] } },
      };
    });
  }

  async function submit() {
    setSubmitting(true);
    try {
      // Evidence uploaded before its item was marked joins the answer now.
      const withEvidence = answers.map((a) => {
        const ids = evidence.filter((e) => e.itemId === a.itemKey).map((e) => e.id);
        return ids.length ? { ...a, evidenceIds: [...new Set([...(a.evidenceIds ?? []), ...ids])] } : a;
      });
      await data(
        api.POST('/v1/audits/{id}/submit', {
          params: { path: { id: audit.id }, header: ifMatch(audit.version) as never },
          body: { visitedAt: dayjs(draft.visitedAt).toISOString(), answers: withEvidence },
        }),
      );
      clear();
      message.success(t('audits.submitted'));
      await qc.invalidateQueries({ queryKey: ['audits'] });
    } catch (error) {
      message.error(problemMessage(t, error));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div style={{ maxWidth: 720 }}>
      <LiveScore score={score} answered={answers.length} total={total} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span>{t('audits.visitedAt')}</span>
            <Input
              type="datetime-local"
              aria-label={t('audits.visitedAt')}
              value={draft.visitedAt}
              max={dayjs().format('YYYY-MM-DDTHH:mm')}
              onChange={(e) => setDraft((d) => ({ ...d, visitedAt: e.target.value }))}
              style={{ maxWidth: 240 }}
            />
          </Space>
          <Typography.Text type="secondary">{t('audits.draftKept')}</Typography.Text>
          <EvidenceUpload auditId={audit.id} onUploaded={addEvidence} />
          <EvidenceList auditId={audit.id} evidence={evidence.filter((e) => !e.itemId)} />
        </Space>
      </Card>
      {template.sections.map((section) => {
        const sectionScore = score?.sections.find((s) => s.sectionKey === section.key)?.score;
        return (
          <Card
            key={section.key}
            size="small"
            title={label(section.label)}
            extra={<Typography.Text type="secondary">{sectionScore ?? '—'}</Typography.Text>}
            style={{ marginBottom: 12 }}
          >
            {section.items.map((item) => (
              <div
                key={item.key}
                data-item={item.key}
                style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
              >
                <div style={{ marginBottom: 6 }}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{label(item.label)}</Typography.Text>
                    {item.critical && (
                      <Tag color="red">
                        {item.critical === 'fail_audit'
                          ? t('audits.item.veto')
                          : t('audits.item.zeroSection')}
                      </Tag>
                    )}
                    {results.get(item.key)?.passed === false && (
                      <Tag color="error">{t('audits.item.failed')}</Tag>
                    )}
                  </Space>
                </div>
                {item.guidance && (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
                    {item.guidance}
                  </Typography.Paragraph>
                )}
                <ItemInput
                  item={item}
                  answer={draft.answers[item.key]}
                  onChange={(a) => setAnswer(item.key, a)}
                />
                <div style={{ marginTop: 6 }}>
                  <PhraseHints item={item} result={results.get(item.key)} />
                </div>
                <div style={{ marginTop: 6 }}>
                  <EvidenceUpload auditId={audit.id} itemKey={item.key} onUploaded={addEvidence} />
                  <EvidenceList auditId={audit.id} evidence={evidence.filter((e) => e.itemId === item.key)} />
                </div>
              </div>
            ))}
          </Card>
        );
      })}
      <Button type="primary" block size="large" loading={submitting} onClick={() => void submit()}>
        {t('audits.submit')}
      </Button>
    </div>
  );
}

/** Evidence files of an audit, opened through the API (the token rides on the request). */
export function EvidenceList({ auditId, evidence }: { auditId: string; evidence: Evidence[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  if (evidence.length === 0) return null;
  async function open(e: Evidence) {
    try {
      const blob = await data(
        api.GET('/v1/audits/{id}/evidence/{evidenceId}', {
          params: { path: { id: auditId, evidenceId: e.id } },
          parseAs: 'blob',
        }),
      );
      window.open(URL.createObjectURL(blob as Blob), '_blank', 'noopener');
    } catch (error) {
      message.error(problemMessage(t, error));
    }
  }
  return (
    <Space wrap size={4} style={{ marginTop: 4 }}>
      {evidence.map((e) => (
        <Button key={e.id} size="small" type="link" onClick={() => void open(e)}>
          {e.contentType.startsWith('image/') ? t('audits.evidence.photo') : t('audits.evidence.file')} ·{' '}
          {Math.max(1, Math.round(e.sizeBytes / 1024))} KB
        </Button>
      ))}
    </Space>
  );
}
