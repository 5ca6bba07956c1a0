import { AppError, localDate } from '@guanjia/core';
import type { AuditChannel } from '@guanjia/core/db/schema';
import { z } from '@hono/zod-openapi';
import type { AuditRow, CorrectiveRow, TemplateValues } from '../../../data/audits';
import { outboxEvent } from '../../../data/outbox';
import type { TenantScope } from '../../../data/scope';

/**
 * The edge's side of the mystery-shopper rules: evidence limits, settings, events, and the
 * adapters onto core's `audits` rules (template schema, scoring, findings, aggregation).
 */

// ---------------------------------------------------------------------------
// Evidence

export const maxEvidenceBytes = 20 * 1024 * 1024;

export const evidenceTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'audio/mpeg',
  'audio/mp4',
  'audio/amr',
  'audio/wav',
  'application/pdf',
] as const;

export function acceptedEvidenceType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const normalised = type === 'audio/x-wav' || type === 'audio/wave' ? 'audio/wav' : type;
  if (!(evidenceTypes as readonly string[]).includes(normalised)) {
    throw new AppError('unsupported_media_type', `Evidence must be one of ${evidenceTypes.join(', ')}`, {
      extra: { accepted: evidenceTypes },
    });
  }
  return normalised;
}

export const tooLarge = () =>
  new AppError('payload_too_large', `Evidence files are limited to ${maxEvidenceBytes / 1024 / 1024} MB`);

/** Reads a body, giving up (413) as soon as it passes `limit` bytes. */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Settings and events

function auditSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const a = settings.audits;
  return a && typeof a === 'object' ? (a as Record<string, unknown>) : {};
}

/** The tenant's pass mark (default 80). */
export function tenantThreshold(settings: Record<string, unknown>): number {
  const t = auditSettings(settings).threshold;
  return typeof t === 'number' && t >= 0 && t <= 100 ? t : 80;
}

/** Corrective actions are due this many days after publication (default 7). */
export function correctiveDeadline(now: Date, settings: Record<string, unknown>): Date {
  const d = auditSettings(settings).correctiveActionDays;
  const days = typeof d === 'number' && d > 0 && d <= 365 ? d : 7;
  return new Date(now.getTime() + days * 86_400_000);
}

/** The outbox rows of a publication: the result for the project, and each corrective action for its owner. */
export function publicationEvents(scope: TenantScope, audit: AuditRow, actions: CorrectiveRow[]): unknown[] {
  const place = { branchId: audit.branchId, projectId: audit.projectId };
  return [
    outboxEvent(
      scope,
      'audit.published',
      {
        auditId: audit.id,
        branchId: audit.branchId,
        projectId: audit.projectId,
        channel: audit.channel,
        score: audit.score,
        passed: audit.passed,
        correctiveActionIds: actions.map((a) => a.id),
        actor: { type: scope.actor.type, id: scope.actor.id },
      },
      place,
    ),
    ...actions.map((a) =>
      outboxEvent(
        scope,
        'corrective_action.created',
        {
          correctiveActionId: a.id,
          auditId: a.auditId,
          branchId: a.branchId,
          projectId: a.projectId,
          ownerId: a.ownerId,
          description: a.description,
          deadline: a.deadline.toISOString(),
        },
        place,
      ),
    ),
  ];
}

// ---------------------------------------------------------------------------
// Templates

const Phrase = z.object({
  mode: z.enum(['greeting', 'polite', 'forbidden']),
  phrases: z.array(z.string().min(1).max(200)).min(1).max(50),
});

const Item = z.object({
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(500),
  kind: z.enum(['yes_no', 'scale', 'timing', 'phrase']),
  weight: z.number().positive().max(1000),
  critical: z.boolean().default(false),
  max: z.number().int().min(1).max(100).optional(),
  limitSeconds: z.number().positive().max(86_400).optional(),
  phrase: Phrase.optional(),
});

const Section = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  weight: z.number().positive().max(1000),
  /** What a failed critical item does: zero this section, or fail the whole audit. */
  onCritical: z.enum(['zero_section', 'fail_audit']).default('fail_audit'),
  items: z.array(Item).min(1).max(100),
});
export type TemplateSection = z.infer<typeof Section>;

export function parseSections(input: unknown[]): TemplateSection[] {
  const parsed = z.array(Section).safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'The sections do not follow the template schema', {
      issues: parsed.error.issues.map((i) => ({
        path: ['sections', ...i.path].join('.'),
        message: i.message,
      })),
    });
  }
  const issues: { path: string; message: string }[] = [];
  for (const [si, s] of parsed.data.entries()) {
    for (const [ii, item] of s.items.entries()) {
      const path = `sections.${si}.items.${ii}`;
      if (item.kind === 'scale' && !item.max)
        issues.push({ path: `${path}.max`, message: 'A scale needs max' });
      if (item.kind === 'timing' && !item.limitSeconds)
        issues.push({ path: `${path}.limitSeconds`, message: 'A timing item needs limitSeconds' });
      if (item.kind === 'phrase' && !item.phrase)
        issues.push({ path: `${path}.phrase`, message: 'A phrase check needs phrase' });
    }
  }
  if (issues.length > 0) throw new AppError('validation_failed', 'See issues', { issues });
  return parsed.data;
}

const greeting = '您好，这里是[小区名称]物业服务中心，请问有什么可以帮您？';
const politeWords = ['您好', '对不起', '请原谅', '谢谢', '请问', '不客气', '请稍等', '再见'];
const forbidden = ['不清楚', '不知道', '没办法解决', '我们不管'];

const languageSection = (first: string): TemplateSection => ({
  id: 'language',
  title: '服务用语',
  weight: 40,
  onCritical: 'zero_section',
  items: [
    {
      id: 'greeting',
      label: first,
      kind: 'phrase',
      weight: 2,
      critical: false,
      phrase: { mode: 'greeting', phrases: ['您好'] },
    },
    {
      id: 'polite',
      label: '使用礼貌用语',
      kind: 'phrase',
      weight: 2,
      critical: false,
      phrase: { mode: 'polite', phrases: politeWords },
    },
    {
      id: 'forbidden',
      label: '未使用禁语（不清楚/不知道/没办法解决/我们不管）',
      kind: 'phrase',
      weight: 3,
      critical: true,
      phrase: { mode: 'forbidden', phrases: forbidden },
    },
  ],
});

export function defaultTemplates(): TemplateValues[] {
  const t = (key: AuditChannel, name: string, sections: TemplateSection[]): TemplateValues => ({
    name,
    channel: key,
    sections,
    threshold: null,
    defaultKey: key,
  });
  return [
    t('hotline', '热线神秘客户检查', [
      {
        id: 'response',
        title: '接听',
        weight: 30,
        onCritical: 'fail_audit',
        items: [
          {
            id: 'answered_fast',
            label: '三声内（10秒内）接听',
            kind: 'timing',
            weight: 1,
            critical: false,
            limitSeconds: 10,
          },
        ],
      },
      languageSection(`标准问候语：${greeting}`),
      {
        id: 'handling',
        title: '处理',
        weight: 30,
        onCritical: 'fail_audit',
        items: [
          { id: 'recorded', label: '准确记录诉求并告知处理时限', kind: 'yes_no', weight: 1, critical: false },
          { id: 'accuracy', label: '答复准确专业', kind: 'scale', weight: 1, critical: false, max: 5 },
        ],
      },
    ]),
    t('front_desk', '前台神秘客户检查', [
      {
        id: 'appearance',
        title: '仪容仪表与环境',
        weight: 20,
        onCritical: 'fail_audit',
        items: [
          { id: 'standing', label: '起身迎客，着装规范', kind: 'yes_no', weight: 1, critical: false },
          { id: 'tidy', label: '前台整洁', kind: 'scale', weight: 1, critical: false, max: 5 },
        ],
      },
      languageSection('主动问候“您好”'),
      {
        id: 'handling',
        title: '处理',
        weight: 40,
        onCritical: 'fail_audit',
        items: [
          { id: 'first_ask', label: '首问负责，不推诿', kind: 'yes_no', weight: 2, critical: true },
          { id: 'registered', label: '登记诉求并告知时限', kind: 'yes_no', weight: 1, critical: false },
        ],
      },
    ]),
    t('sales_office', '售楼处神秘客户检查', [
      {
        id: 'reception',
        title: '接待',
        weight: 30,
        onCritical: 'fail_audit',
        items: [
          {
            id: 'greeted_fast',
            label: '进门30秒内有人接待',
            kind: 'timing',
            weight: 1,
            critical: false,
            limitSeconds: 30,
          },
          { id: 'no_snobbery', label: '一视同仁，无看人下菜碟', kind: 'yes_no', weight: 2, critical: true },
        ],
      },
      languageSection('主动问候“您好”'),
      {
        id: 'promises',
        title: '承诺',
        weight: 30,
        onCritical: 'fail_audit',
        items: [
          { id: 'no_false_promise', label: '无虚假承诺', kind: 'yes_no', weight: 2, critical: true },
          { id: 'knowledge', label: '产品介绍准确', kind: 'scale', weight: 1, critical: false, max: 5 },
        ],
      },
    ]),
    t('online_chat', '在线客服神秘客户检查', [
      {
        id: 'response',
        title: '响应',
        weight: 30,
        onCritical: 'fail_audit',
        items: [
          {
            id: 'first_reply',
            label: '60秒内首次响应',
            kind: 'timing',
            weight: 1,
            critical: false,
            limitSeconds: 60,
          },
        ],
      },
      languageSection('标准问候语'),
      {
        id: 'handling',
        title: '处理',
        weight: 30,
        onCritical: 'fail_audit',
        items: [
          { id: 'answered', label: '简单问题一次答复完整', kind: 'yes_no', weight: 1, critical: false },
          { id: 'eta', label: '复杂问题给出预计时间', kind: 'yes_no', weight: 1, critical: false },
        ],
      },
    ]),
  ];
}

// ---------------------------------------------------------------------------
// Scoring

const Answer = z.object({
  itemId: z.string().min(1).max(64),
  notApplicable: z.boolean().optional(),
  value: z.union([z.boolean(), z.number()]).optional(),
  seconds: z.number().min(0).optional(),
  transcript: z.string().max(20_000).optional(),
  note: z.string().max(2000).optional(),
});
export type AuditAnswer = z.infer<typeof Answer>;

interface ItemOutcome {
  itemId: string;
  label: string;
  sectionId: string;
  fraction: number | null;
  criticalFailed: boolean;
  found?: string[];
}

function itemFraction(
  item: TemplateSection['items'][number],
  a: AuditAnswer,
): { fraction: number; found?: string[] } {
  switch (item.kind) {
    case 'yes_no':
      return { fraction: a.value === true ? 1 : 0 };
    case 'scale':
      return { fraction: Math.max(0, Math.min(1, Number(a.value ?? 0) / (item.max ?? 1))) };
    case 'timing':
      return { fraction: a.seconds !== undefined && a.seconds <= (item.limitSeconds ?? 0) ? 1 : 0 };
    case 'phrase': {
      const text = a.transcript ?? '';
      const found = (item.phrase?.phrases ?? []).filter((p) => text.includes(p));
      if (item.phrase?.mode === 'forbidden') return { fraction: found.length === 0 ? 1 : 0, found };
      return { fraction: found.length > 0 ? 1 : 0, found };
    }
  }
}

export function score(audit: AuditRow, rawAnswers: unknown[]) {
  const sections = (audit.template.sections ?? []) as TemplateSection[];
  const parsed = z.array(Answer).safeParse(rawAnswers);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'See issues', {
      issues: parsed.error.issues.map((i) => ({
        path: ['answers', ...i.path].join('.'),
        message: i.message,
      })),
    });
  }
  const answers = new Map(parsed.data.map((a) => [a.itemId, a]));
  const known = new Set(sections.flatMap((s) => s.items.map((i) => i.id)));
  const issues = [
    ...parsed.data
      .map((a, i) =>
        known.has(a.itemId) ? null : { path: `answers.${i}.itemId`, message: `Unknown item ${a.itemId}` },
      )
      .filter((x) => x !== null),
    ...sections.flatMap((s) =>
      s.items
        .filter((i) => !answers.has(i.id))
        .map((i) => ({ path: 'answers', message: `Item ${i.id} is not answered` })),
    ),
  ];
  if (issues.length > 0) throw new AppError('validation_failed', 'See issues', { issues });
  let failedAudit = false;
  let total = 0;
  let base = 0;
  const outcomes: ItemOutcome[] = [];
  const sectionResults = sections.map((s) => {
    let got = 0;
    let max = 0;
    let zeroed = false;
    for (const item of s.items) {
      const a = answers.get(item.id) as AuditAnswer;
      if (a.notApplicable) {
        outcomes.push({
          itemId: item.id,
          label: item.label,
          sectionId: s.id,
          fraction: null,
          criticalFailed: false,
        });
        continue;
      }
      const { fraction, found } = itemFraction(item, a);
      const criticalFailed = item.critical && fraction < 1;
      if (criticalFailed) {
        if (s.onCritical === 'fail_audit') failedAudit = true;
        else zeroed = true;
      }
      got += fraction * item.weight;
      max += item.weight;
      outcomes.push({ itemId: item.id, label: item.label, sectionId: s.id, fraction, criticalFailed, found });
    }
    const sectionScore = max === 0 ? null : zeroed ? 0 : (got / max) * 100;
    if (sectionScore !== null) {
      total += sectionScore * s.weight;
      base += s.weight;
    }
    return {
      sectionId: s.id,
      title: s.title,
      score: sectionScore === null ? null : round(sectionScore),
      zeroed,
    };
  });
  const finalScore = failedAudit ? 0 : base === 0 ? 100 : round(total / base);
  const threshold = audit.threshold ?? 80;
  return {
    answers: parsed.data,
    score: finalScore,
    passed: !failedAudit && finalScore >= threshold,
    result: { sections: sectionResults, items: outcomes, failedByCritical: failedAudit, threshold },
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Below the threshold: one corrective action per item that lost points (or one for the audit). */
export function correctiveFindings(audit: AuditRow): { itemId: string | null; description: string }[] {
  if (audit.passed !== false) return [];
  const items = ((audit.result?.items ?? []) as ItemOutcome[]).filter(
    (o) => o.fraction !== null && (o.fraction < 1 || o.criticalFailed),
  );
  if (items.length === 0) {
    return [{ itemId: null, description: `得分 ${audit.score} 低于合格线 ${audit.threshold}` }];
  }
  return items.map((o) => ({
    itemId: o.itemId,
    description: `${o.label}${o.found?.length ? `（${o.found.join('、')}）` : ''}`,
  }));
}

// ---------------------------------------------------------------------------
// Results

export function aggregate(rows: AuditRow[], groupBy: 'project' | 'branch', timeZone: string) {
  const groups = new Map<string, AuditRow[]>();
  for (const r of rows) {
    const key = groupBy === 'project' ? r.projectId : r.branchId;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const avg = (list: AuditRow[]) => {
    const scored = list.filter((r) => r.score !== null);
    return scored.length === 0 ? null : round(scored.reduce((s, r) => s + (r.score ?? 0), 0) / scored.length);
  };
  const list = [...groups.entries()].map(([key, audits]) => {
    const months = new Map<string, AuditRow[]>();
    for (const a of audits) {
      const month = localDate(a.visitedAt ?? a.createdAt, timeZone).slice(0, 7);
      months.set(month, [...(months.get(month) ?? []), a]);
    }
    return {
      key,
      audits: audits.length,
      averageScore: avg(audits),
      passed: audits.filter((a) => a.passed).length,
      failed: audits.filter((a) => a.passed === false).length,
      trend: [...months.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, m]) => ({ month, audits: m.length, averageScore: avg(m) })),
    };
  });
  list.sort((a, b) => (b.averageScore ?? -1) - (a.averageScore ?? -1) || a.key.localeCompare(b.key));
  let rank = 0;
  return list.map((g, i) => {
    if (i === 0 || list[i - 1]?.averageScore !== g.averageScore) rank = i + 1;
    return { ...g, rank };
  });
}
