import type { star } from '@guanjia/core';
import { caseMilestones, cases, caseTimeline } from '@guanjia/core/db/schema';
import { and, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { TenantScope } from './scope';

/**
 * The facts core's `star.computeEvidence` reads for a staff member and a window [from, to):
 * the cases they took in (first-ask owner) or are assigned to, received before `to` and
 * received or resolved from `from` on. Handlers are the assignee and the staff on the case's
 * timeline; SLA outcomes are the case's milestones that were met or breached; a follow-up
 * rated 5 (the top of the scale) is a commendation (表扬) of the nominee at its follow-up.
 */
export async function evidenceFacts(
  scope: TenantScope,
  staffId: string,
  from: Date,
  to: Date,
): Promise<{ cases: star.CaseFact[]; commendations: star.CommendationFact[] }> {
  const resolved = sql`coalesce(${cases.resolvedAt}, ${cases.completedAt}, ${cases.closedAt})`;
  const rows = await scope.db
    .select({
      id: cases.id,
      firstAskOwnerId: cases.firstAskOwnerId,
      assigneeId: cases.assigneeId,
      receivedAt: cases.receivedAt,
      resolvedAt: sql<number | null>`${resolved}`,
      satisfaction: cases.satisfaction,
      followedUpAt: cases.followedUpAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        or(eq(cases.firstAskOwnerId, staffId), eq(cases.assigneeId, staffId)),
        lt(cases.receivedAt, to),
        or(gte(cases.receivedAt, from), sql`${resolved} >= ${from.getTime()}`),
      ),
    )
    .limit(5000);
  const ids = rows.map((r) => r.id);
  const actors = new Map<string, Set<string>>();
  const outcomes = new Map<string, ('met' | 'breached')[]>();
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const [timeline, milestones] = await Promise.all([
      scope.db
        .selectDistinct({ caseId: caseTimeline.caseId, actorId: caseTimeline.actorId })
        .from(caseTimeline)
        .where(
          and(
            eq(caseTimeline.tenantId, scope.tenantId),
            inArray(caseTimeline.caseId, chunk),
            eq(caseTimeline.actorType, 'staff'),
          ),
        ),
      scope.db
        .select({
          caseId: caseMilestones.caseId,
          status: caseMilestones.status,
          breachedAt: caseMilestones.breachedAt,
        })
        .from(caseMilestones)
        .where(and(eq(caseMilestones.tenantId, scope.tenantId), inArray(caseMilestones.caseId, chunk))),
    ]);
    for (const t of timeline) {
      if (t.actorId) actors.set(t.caseId, (actors.get(t.caseId) ?? new Set()).add(t.actorId));
    }
    for (const m of milestones) {
      const outcome =
        m.status === 'met' ? 'met' : m.status === 'breached' || m.breachedAt ? 'breached' : null;
      if (outcome) outcomes.set(m.caseId, [...(outcomes.get(m.caseId) ?? []), outcome]);
    }
  }
  return {
    cases: rows.map((r) => ({
      caseId: r.id,
      receivedById: r.firstAskOwnerId,
      handlerIds: [...new Set([...(r.assigneeId ? [r.assigneeId] : []), ...(actors.get(r.id) ?? [])])],
      receivedAt: r.receivedAt.getTime(),
      resolvedAt: r.resolvedAt === null ? null : Number(r.resolvedAt),
      slaOutcomes: outcomes.get(r.id) ?? [],
      satisfaction: r.satisfaction,
    })),
    commendations: rows
      .filter((r) => r.satisfaction !== null && r.satisfaction >= 5 && r.followedUpAt)
      .map((r) => ({ staffId, at: (r.followedUpAt as Date).getTime() })),
  };
}
