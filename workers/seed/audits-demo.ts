import { audits as core, sla } from '@guanjia/core';
import {
  auditPlans,
  auditTemplates,
  correctiveActions,
  audits as mysteryAudits,
} from '@guanjia/core/db/schema';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { directoryDb } from '../data/db';
import { demoId, demoProjects } from './demo-data';

type Db = ReturnType<typeof directoryDb>;

const DAY = 86_400_000;
const zone = 'Asia/Shanghai';
const shopper = demoId('stf', 16);
const crManager = demoId('stf', 2);

/** Months of audits per project: how often a non-critical item fails, oldest month first. */
const failRates: Record<string, number[]> = {
  [demoId('prj', 1)]: [12, 10, 8, 6, 4], // 西溪花园: steady and improving
  [demoId('prj', 2)]: [8, 10, 6, 8, 5], // 钱江府: the best
  [demoId('prj', 3)]: [30, 26, 20, 14, 8], // 滨江悦城: weak, catching up after its corrective actions
  [demoId('prj', 4)]: [26, 30, 32, 22, 14], // 东湖湾: below the mark, a forbidden phrase two months ago
  [demoId('prj', 5)]: [18, 22, 14, 16, 12], // 三江名邸
};

/** Who owns the corrective actions of a project's audits (the demo has a project manager only at 西溪花园). */
const ownerOf = (projectId: string, branchId: string) =>
  projectId === demoId('prj', 1)
    ? demoId('stf', 9)
    : branchId === demoId('br', 1)
      ? demoId('stf', 10)
      : demoId('stf', 18);

/** A deterministic 0..99 for the n-th item of the k-th audit. */
const roll = (k: number, n: number) => (((k * 7919 + n * 104_729) * 2_654_435_761) >>> 0) % 100;

/** The shopper's answers: each non-critical item fails at `failRate` %, critical ones only when `veto`. */
function answersFor(template: core.AuditTemplate, k: number, failRate: number, veto: boolean) {
  return core.templateItems(template).map(({ item }, n): core.AuditAnswer => {
    const fail = item.critical ? veto : roll(k, n) < failRate;
    const key = item.key;
    if (item.type === 'yes_no') return { itemKey: key, kind: 'yes_no', value: !fail };
    if (item.type === 'scale') {
      const value = fail ? item.min : roll(k, n + 50) < 40 ? item.max - 1 : item.max;
      return { itemKey: key, kind: 'scale', value: Math.max(value, item.min) };
    }
    if (item.type === 'timing') {
      const seconds = fail
        ? (item.zeroAtSeconds ?? item.limitSeconds * 3)
        : Math.round(item.limitSeconds / 2);
      return { itemKey: key, kind: 'timing', seconds };
    }
    return { itemKey: key, kind: 'phrase', passed: !fail };
  });
}

/**
 * The demo's mystery-shopper programme (fixed ids, ON CONFLICT DO NOTHING): the four default
 * templates, five months of published audits of every project (scored by core,
 * so the ranking and its trend have something to show), corrective actions of the failed ones
 * verified, done, open, overdue and sent back, and two audits assigned to the mystery shopper
 * and not yet performed. Templates the tenant already has (listed before) are reused.
 */
export async function demoAuditStatements(db: Db, tenantId: string, now: Date): Promise<unknown[]> {
  const stamp = { tenantId, createdAt: now, updatedAt: now };
  const existing = await db
    .select({ id: auditTemplates.id, defaultKey: auditTemplates.defaultKey })
    .from(auditTemplates)
    .where(and(eq(auditTemplates.tenantId, tenantId), isNotNull(auditTemplates.defaultKey)));
  const statements: unknown[] = [];
  const templates = new Map<core.AuditChannel, { id: string; snapshot: core.StoredAuditTemplate }>();
  // All four defaults, as the first list would add them; the demo's audits use two.
  Object.entries(core.defaultAuditTemplates).forEach(([key, t], i) => {
    const channel = key as core.AuditChannel;
    if (!t) return;
    const id = existing.find((e) => e.defaultKey === channel)?.id ?? demoId('atpl', i + 1);
    const snapshot = { name: t.label.zh, channel, sections: t.sections, defaultKey: channel, version: 1 };
    templates.set(channel, { id, snapshot });
    statements.push(
      db
        .insert(auditTemplates)
        .values({ id, ...snapshot, threshold: t.passThreshold, active: true, ...stamp })
        .onConflictDoNothing(),
    );
  });
  const settings = core.parseAuditSettings({ timeZone: zone });

  let k = 0;
  let actionN = 0;
  const audit = (input: {
    project: (typeof demoProjects)[number];
    channel: core.AuditChannel;
    visitedAt: Date | null;
    failRate: number;
    veto?: boolean;
  }) => {
    k += 1;
    const tpl = templates.get(input.channel);
    if (!tpl) return;
    const template = core.templateOfStored(tpl.snapshot, settings.passThreshold);
    const planId = demoId('apln', k);
    const auditId = demoId('maud', k);
    const visitedAt = input.visitedAt;
    const dueOn = sla.localDateOf((visitedAt ?? new Date(now.getTime() + 7 * DAY)).getTime(), zone);
    statements.push(
      db
        .insert(auditPlans)
        .values({
          id: planId,
          templateId: tpl.id,
          branchId: input.project.branchId,
          projectId: input.project.id,
          channel: input.channel,
          dueOn,
          auditorId: shopper,
          status: visitedAt ? 'done' : 'planned',
          createdBy: crManager,
          ...stamp,
        })
        .onConflictDoNothing(),
    );
    const base = {
      id: auditId,
      planId,
      templateId: tpl.id,
      templateVersion: 1,
      template: tpl.snapshot as unknown as Record<string, unknown>,
      branchId: input.project.branchId,
      projectId: input.project.id,
      channel: input.channel,
      auditorId: shopper,
      threshold: settings.passThreshold,
      ...stamp,
    };
    if (!visitedAt) {
      statements.push(
        db
          .insert(mysteryAudits)
          .values({ ...base, status: 'draft' })
          .onConflictDoNothing(),
      );
      return;
    }
    const answers = answersFor(template, k, input.failRate, input.veto ?? false);
    const score = core.scoreAudit(template, answers, { projectName: input.project.name });
    const publishedAt = new Date(visitedAt.getTime() + 2 * DAY);
    statements.push(
      db
        .insert(mysteryAudits)
        .values({
          ...base,
          status: 'published',
          visitedAt,
          answers,
          score: score.score,
          passed: score.passed,
          result: score as unknown as Record<string, unknown>,
          submittedAt: new Date(visitedAt.getTime() + 3 * 3600_000),
          publishedAt,
          publishedBy: crManager,
        })
        .onConflictDoNothing(),
    );
    const drafts = core.correctiveActions({ template, score, visitedAt: visitedAt.getTime(), settings });
    const recent = now.getTime() - visitedAt.getTime() < 75 * DAY;
    drafts.forEach((d) => {
      actionN += 1;
      // Older actions are closed; the last two months' show every state a supervisor meets.
      const state = recent ? (['open', 'done', 'returned', 'verified'] as const)[actionN % 4] : 'verified';
      const deadline = new Date(d.deadline);
      const doneAt = new Date(Math.min(deadline.getTime() - DAY, now.getTime() - DAY));
      statements.push(
        db
          .insert(correctiveActions)
          .values({
            id: demoId('cact', actionN),
            auditId,
            branchId: input.project.branchId,
            projectId: input.project.id,
            itemId: d.itemKey,
            description: d.description.zh,
            ownerId: ownerOf(input.project.id, input.project.branchId),
            deadline,
            status: state === 'returned' ? 'open' : state,
            resolution: state === 'open' ? null : '已组织班组培训并现场复查',
            doneAt: state === 'done' || state === 'verified' ? doneAt : null,
            verifiedBy: state === 'verified' ? crManager : null,
            verifiedAt: state === 'verified' ? new Date(doneAt.getTime() + 3600_000) : null,
            returnReason: state === 'returned' ? '复查时问题仍在，请补充整改照片' : null,
            ...stamp,
          })
          .onConflictDoNothing(),
      );
    });
  };

  for (let month = 0; month < 5; month++) {
    demoProjects.forEach((project, p) => {
      const back = (5 - month) * 30 - p * 3;
      const visitedAt = new Date(now.getTime() - back * DAY + 2 * 3600_000);
      audit({
        project,
        channel: (month + p) % 2 === 0 ? 'hotline' : 'front_desk',
        visitedAt,
        failRate: failRates[project.id]?.[month] ?? 10,
        // One forbidden phrase heard at 东湖湾 two months ago: 一票否决.
        veto: p === 3 && month === 3,
      });
    });
  }
  // Assigned to the mystery shopper, not yet performed.
  const [xixi, qianjiang] = demoProjects;
  if (xixi) audit({ project: xixi, channel: 'hotline', visitedAt: null, failRate: 0 });
  if (qianjiang) audit({ project: qianjiang, channel: 'front_desk', visitedAt: null, failRate: 0 });
  return statements;
}
