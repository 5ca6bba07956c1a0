import type { satisfaction } from '@guanjia/core';
import { caseMilestones, cases, units } from '@guanjia/core/db/schema';
import { and, count, eq, exists, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { TenantScope } from './scope';

/**
 * The period's repair and complaint figures of each project (core's `PeriodFigures`), which the
 * survey results are read against for the short boards (短板): households, repairs and those
 * fixed the first time (completed, never reopened nor reworked), cases with a breached milestone,
 * complaints. Cases received in [from, to).
 */
export async function periodFigures(
  scope: TenantScope,
  projectIds: readonly string[],
  window: { from: Date; to: Date },
): Promise<satisfaction.PeriodFigures[]> {
  if (projectIds.length === 0) return [];
  const ids = [...projectIds].slice(0, 500);
  const households = await scope.db
    .select({ projectId: units.projectId, n: count() })
    .from(units)
    .where(and(eq(units.tenantId, scope.tenantId), inArray(units.projectId, ids)))
    .groupBy(units.projectId);
  const breached = exists(
    scope.db
      .select({ one: sql`1` })
      .from(caseMilestones)
      .where(
        and(
          eq(caseMilestones.tenantId, cases.tenantId),
          eq(caseMilestones.caseId, cases.id),
          isNotNull(caseMilestones.breachedAt),
        ),
      ),
  );
  const rows = await scope.db
    .select({
      projectId: cases.projectId,
      repairs: sql<number>`sum(case when ${cases.kind} = 'repair' then 1 else 0 end)`,
      firstTimeFixed: sql<number>`sum(case when ${cases.kind} = 'repair' and ${cases.completedAt} is not null and ${cases.reopenCount} = 0 and coalesce(json_extract(${cases.state}, '$.reworked'), 0) = 0 then 1 else 0 end)`,
      complaints: sql<number>`sum(case when ${cases.kind} = 'complaint' then 1 else 0 end)`,
      breaches: sql<number>`sum(case when ${breached} then 1 else 0 end)`,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        inArray(cases.projectId, ids),
        gte(cases.receivedAt, window.from),
        lt(cases.receivedAt, window.to),
      ),
    )
    .groupBy(cases.projectId);
  const byProject = new Map(rows.map((r) => [r.projectId, r]));
  const homes = new Map(households.map((h) => [h.projectId, h.n]));
  return ids.map((projectId) => {
    const r = byProject.get(projectId);
    return {
      projectId,
      households: homes.get(projectId) ?? 0,
      repairs: Number(r?.repairs ?? 0),
      firstTimeFixed: Number(r?.firstTimeFixed ?? 0),
      breaches: Number(r?.breaches ?? 0),
      complaints: Number(r?.complaints ?? 0),
    };
  });
}
