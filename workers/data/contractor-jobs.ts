import type { contractors as core, Reach } from '@guanjia/core';
import { caseMilestones, cases, contractorScoringRules } from '@guanjia/core/db/schema';
import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { projectFilter } from './reach';
import type { TenantScope } from './scope';

/**
 * The contractor scorecard's facts (core's `JobFact`): every repair of the period a contractor
 * held (received in [from, to)), and every repair it forfeited (放弃维修机会), with the 30-minute
 * contact milestone, first-time fix, rework, sign-off and the 回访 result; and the tenant's rules.
 */

export type ScoringRulesRow = typeof contractorScoringRules.$inferSelect;

const followUpOf = (s: number | null): core.FollowUpResult | null =>
  s === null
    ? null
    : s >= 5
      ? 'very_satisfied'
      : s === 4
        ? 'satisfied'
        : s === 3
          ? 'neutral'
          : 'dissatisfied';

export async function contractorJobs(
  scope: TenantScope,
  reach: Reach,
  window: { from: Date; to: Date },
): Promise<core.JobFact[]> {
  const rows = await scope.db
    .select({
      id: cases.id,
      contractorId: cases.contractorId,
      forfeited: cases.forfeitedContractorIds,
      completedAt: cases.completedAt,
      reopenCount: cases.reopenCount,
      reworked: sql<number | null>`json_extract(${cases.state}, '$.reworked')`,
      signedOffAt: cases.signedOffAt,
      satisfaction: cases.satisfaction,
      receivedAt: cases.receivedAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        eq(cases.kind, 'repair'),
        gte(cases.receivedAt, window.from),
        lt(cases.receivedAt, window.to),
        or(sql`${cases.contractorId} is not null`, sql`${cases.forfeitedContractorIds} != '[]'`),
        projectFilter(scope, reach, cases.projectId),
      ),
    )
    .limit(20_000);
  const contact = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 90) {
    const ms = await scope.db
      .select({ caseId: caseMilestones.caseId, status: caseMilestones.status })
      .from(caseMilestones)
      .where(
        and(
          eq(caseMilestones.tenantId, scope.tenantId),
          eq(caseMilestones.milestone, 'contractor_contact'),
          inArray(
            caseMilestones.caseId,
            rows.slice(i, i + 90).map((r) => r.id),
          ),
        ),
      )
      .orderBy(desc(caseMilestones.cycle));
    for (const m of ms) if (!contact.has(m.caseId)) contact.set(m.caseId, m.status);
  }
  const facts: core.JobFact[] = [];
  for (const r of rows) {
    for (const contractorId of new Set(r.forfeited)) {
      facts.push({
        caseId: r.id,
        contractorId,
        contactMet: false,
        forfeited: true,
        firstTimeFixed: false,
        reworked: false,
        ownerSignedOff: false,
        followUp: null,
      });
    }
    if (!r.contractorId) continue;
    const status = contact.get(r.id);
    facts.push({
      caseId: r.id,
      contractorId: r.contractorId,
      contactMet: status === 'met' ? true : status === 'breached' || status === 'met_late' ? false : null,
      forfeited: false,
      firstTimeFixed: r.completedAt !== null && r.reopenCount === 0 && !r.reworked,
      reworked: Boolean(r.reworked),
      ownerSignedOff: r.signedOffAt !== null,
      followUp: followUpOf(r.satisfaction),
      resolutionMinutes: r.completedAt ? (r.completedAt.getTime() - r.receivedAt.getTime()) / 60_000 : null,
    });
  }
  return facts;
}

export async function scoringRules(scope: TenantScope): Promise<ScoringRulesRow | undefined> {
  return scope.db.query.contractorScoringRules.findFirst({
    where: and(
      eq(contractorScoringRules.tenantId, scope.tenantId),
      eq(contractorScoringRules.scopeKey, 'tenant'),
    ),
  });
}

/** Stores the tenant's rules (insert or a version-checked replace), with its audit entry. */
export async function saveScoringRules(
  scope: TenantScope,
  before: ScoringRulesRow | undefined,
  row: ScoringRulesRow,
): Promise<void> {
  const write = before
    ? scope.db
        .update(contractorScoringRules)
        .set({ rules: row.rules, version: row.version, updatedAt: scope.now })
        .where(
          and(
            eq(contractorScoringRules.tenantId, scope.tenantId),
            eq(contractorScoringRules.id, before.id),
            eq(contractorScoringRules.version, before.version),
          ),
        )
    : scope.db.insert(contractorScoringRules).values(row);
  await commit(scope, [
    write,
    auditEntry(
      scope,
      'contractors.scoring_rules.save',
      { type: 'contractorScoringRules', id: row.id },
      before ?? null,
      row,
    ),
  ]);
}
