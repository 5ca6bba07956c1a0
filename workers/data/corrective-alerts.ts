import { AppError, newId } from '@guanjia/core';
import { correctiveActions, correctiveAlerts } from '@guanjia/core/db/schema';
import { supervisorRoles, supervisorsOfUnread } from '@guanjia/core/digest/index';
import { and, asc, eq, inArray, lte, notExists, sql } from 'drizzle-orm';
import { commit } from './commit';
import type { CorrectiveRow } from './corrective-actions';
import { holdersOf, type InboxItem, inboxInserts } from './inbox';
import type { TenantScope } from './scope';

/**
 * Open corrective actions whose deadline falls before `until` (now plus the warning lead) and
 * whose breach is not recorded yet, with the alert keys already recorded for them. Served by
 * the (tenant, status, deadline) index; an action whose breach is recorded is not read again.
 */
export async function correctiveOnTheClock(
  scope: TenantScope,
  until: Date,
  limit = 500,
): Promise<{ actions: CorrectiveRow[]; recorded: Set<string> }> {
  const actions = await scope.db
    .select()
    .from(correctiveActions)
    .where(
      and(
        eq(correctiveActions.tenantId, scope.tenantId),
        eq(correctiveActions.status, 'open'),
        lte(correctiveActions.deadline, until),
        notExists(
          scope.db
            .select({ one: sql`1` })
            .from(correctiveAlerts)
            .where(
              and(
                eq(correctiveAlerts.tenantId, correctiveActions.tenantId),
                eq(correctiveAlerts.key, sql`${correctiveActions.id} || ':breach'`),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(correctiveActions.deadline))
    .limit(limit);
  const recorded = new Set<string>();
  for (let i = 0; i < actions.length; i += 90) {
    const rows = await scope.db
      .select({ key: correctiveAlerts.key })
      .from(correctiveAlerts)
      .where(
        and(
          eq(correctiveAlerts.tenantId, scope.tenantId),
          inArray(
            correctiveAlerts.correctiveActionId,
            actions.slice(i, i + 90).map((a) => a.id),
          ),
        ),
      );
    for (const r of rows) recorded.add(r.key);
  }
  return { actions, recorded };
}

/**
 * The supervisors of a corrective action's owner, as core's `digest.supervisorsOfUnread` reads
 * supervision: holders of `cs_supervisor` or `branch_cs_manager` on the action's project, or at
 * its branch (they also verify it); never the owner.
 */
export async function correctiveSupervisors(scope: TenantScope, action: CorrectiveRow): Promise<string[]> {
  const holders = await holdersOf(scope, [...supervisorRoles], {
    scopeIds: [action.projectId, action.branchId],
  });
  const found = supervisorsOfUnread(
    action.branchId,
    [{ userId: action.ownerId, scopes: [{ scopeType: 'project', scopeId: action.projectId }] }],
    holders.map((h) => ({ ...h, scopeType: h.scopeType as 'group' | 'branch' | 'project' })),
  );
  return [...found.keys()].sort();
}

/**
 * Records one alert, its outbox event and its inbox rows in one batch. The key is unique per tenant and the
 * insert has no ON CONFLICT: a second pass (or two passes side by side) fails the batch (runBatch
 * answers `conflict`), so the event is not written twice either. Answers whether this call recorded it.
 */
export async function recordCorrectiveAlert(
  scope: TenantScope,
  alert: { key: string; kind: 'warning' | 'breach'; correctiveActionId: string; deadline: number },
  event: unknown,
  inbox: InboxItem[],
): Promise<boolean> {
  try {
    await commit(scope, [
      scope.db.insert(correctiveAlerts).values({
        id: newId('correctiveAlert'),
        tenantId: scope.tenantId,
        key: alert.key,
        kind: alert.kind,
        correctiveActionId: alert.correctiveActionId,
        deadline: new Date(alert.deadline),
        at: scope.now,
      }),
      event,
      ...inboxInserts(scope, inbox),
    ]);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return false;
    throw error;
  }
}
