import { AppError, audits as core } from '@guanjia/core';
import { z } from 'zod';
import type { TemplateValues } from '../../data/audit-templates';
import type { AuditRow } from '../../data/mystery-audits';

type AuditChannel = core.AuditChannel;

/**
 * The adapters onto core's `audits` rules: a template row or an audit's snapshot as
 * core's `AuditTemplate`, answers checked with `AuditAnswerSchema`, scores from `scoreAudit`,
 * corrective actions from `correctiveActions`, and results from `aggregateAudits`,
 * `rankAggregates` and `auditTrend`. No scoring maths lives here.
 */

/** What the edge keeps of a template: a row, or the snapshot an audit was planned with. */
export type StoredTemplate = core.StoredAuditTemplate;

/** Core's template of a stored one (labels from the name; the pass mark from the template or the audit). */
export const coreTemplate = core.templateOfStored;

const issuesOf = (error: z.ZodError, prefix: (string | number)[]) =>
  error.issues.map((i) => ({ path: [...prefix, ...i.path].join('.'), message: i.message }));

/** Sections in core's schema (defaults filled in), or a 400 naming each bad field as `sections.<i>...`. */
export function parseSections(channel: AuditChannel, input: unknown[]): core.AuditSection[] {
  const parsed = core.AuditTemplateSchema.safeParse({
    key: 'tenant_template',
    channel,
    label: { zh: 'template', en: 'template' },
    sections: input,
  });
  if (!parsed.success) {
    throw new AppError('validation_failed', 'The sections do not follow the template schema', {
      issues: issuesOf(parsed.error, []),
    });
  }
  return parsed.data.sections;
}

/** The platform's default templates (hotline, front desk, sales office, online chat), to seed a tenant. */
export function defaultTemplates(): TemplateValues[] {
  return Object.entries(core.defaultAuditTemplates).map(([channel, t]) => ({
    name: t.label.zh,
    channel: channel as AuditChannel,
    sections: t.sections,
    threshold: t.passThreshold,
    defaultKey: channel,
  }));
}

/**
 * Scores an audit's answers against the template it was planned with. A 400 with the field
 * issues (`answers.2.value`, `answers`) when the answers do not fit it.
 */
export function scoreAnswers(audit: AuditRow, rawAnswers: unknown[], projectName: string) {
  const parsed = z.array(core.AuditAnswerSchema).safeParse(rawAnswers);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'The answers do not follow the answer schema', {
      issues: issuesOf(parsed.error, ['answers']),
    });
  }
  const template = coreTemplate(audit.template as unknown as StoredTemplate, audit.threshold);
  const score = core.scoreAudit(template, parsed.data, { projectName });
  return { answers: parsed.data, score };
}

/** The tenant's audit settings (`settings.audits`) with core's defaults, in the tenant's zone. */
export function auditSettings(settings: Record<string, unknown>, timeZone: string): core.AuditSettings {
  const stored = settings.audits && typeof settings.audits === 'object' ? settings.audits : {};
  const parsed = core.AuditSettingsSchema.safeParse({ ...stored, timeZone });
  return parsed.success ? parsed.data : core.parseAuditSettings({ timeZone });
}

/** Corrective actions (整改) a published audit needs: none unless it failed. */
export function correctiveDrafts(
  audit: AuditRow,
  settings: core.AuditSettings,
): core.CorrectiveActionDraft[] {
  if (!audit.result || !audit.visitedAt) return [];
  return core.correctiveActions({
    template: coreTemplate(audit.template as unknown as StoredTemplate, audit.threshold),
    score: audit.result as unknown as core.AuditScore,
    visitedAt: audit.visitedAt.getTime(),
    settings,
  });
}

/** Published results per project or branch: ranked aggregates, each with its monthly trend. */
export function results(rows: AuditRow[], by: 'project' | 'branch', timeZone: string) {
  const records: core.AuditResultRecord[] = rows.map((r) => ({
    auditId: r.id,
    projectId: r.projectId,
    branchId: r.branchId,
    channel: r.channel,
    visitedAt: (r.visitedAt ?? r.createdAt).getTime(),
    score: r.score,
    passed: r.passed,
  }));
  const trend = core.auditTrend(records, { period: 'month', timeZone, by });
  return core.rankAggregates(core.aggregateAudits(records, by)).map((a) => ({
    ...a,
    trend: trend
      .filter((t) => t.key === a.key)
      .map((t) => ({ period: t.period, count: t.count, mean: t.mean, passRate: t.passRate })),
  }));
}
