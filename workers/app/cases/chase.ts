import { cases as core } from '@guanjia/core';
import { writeChase } from '../../data/case-chases';
import { isStaleVersion } from '../../data/case-rows';
import { roleHolders } from '../../data/role-holders';
import type { OwnerLinkContext } from './owner-link';

export type ChaseResult =
  | { chased: true; chaseCount: number }
  | { chased: false; reason: 'finished' }
  | { chased: false; reason: 'too_soon'; nextAt: Date };

/**
 * Who a chase tells: the case's handler (its assignee, else its first-ask owner 首问负责人) and
 * their supervisor (the project's CS supervisor — complaint supervisor for complaints — else the
 * branch's).
 */
async function chaseAudience(ctx: OwnerLinkContext): Promise<string[]> {
  const { row, scope } = ctx;
  const handler = row.assigneeId ?? row.firstAskOwnerId;
  const role = row.kind === 'complaint' ? 'complaint_supervisor' : 'cs_supervisor';
  let supervisors = await roleHolders(scope, {
    roles: [role],
    places: [{ scopeType: 'project', scopeIds: [row.projectId] }],
  });
  if (supervisors.length === 0) {
    supervisors = await roleHolders(scope, {
      roles: [role],
      places: [{ scopeType: 'branch', scopeIds: [row.branchId] }],
    });
  }
  return [...new Set([...(handler ? [handler] : []), ...supervisors.map((s) => s.userId)])];
}

/**
 * 催单 from the owner page: once per case per `chaseIntervalHours` (a case setting, default 4)
 * while the case is open. A chase adds an owner-facing timeline entry, counts on the case and
 * writes `case.chased`, whose reaction puts it in the handler's and the supervisor's inbox.
 */
export async function chaseCase(ctx: OwnerLinkContext): Promise<ChaseResult> {
  const { row, scope, settings } = ctx;
  const verdict = core.chaseVerdict(row, settings.chaseIntervalHours, scope.now);
  if (!verdict.ok) return { chased: false, ...verdict };
  const notBefore = new Date(scope.now.getTime() - settings.chaseIntervalHours * 3_600_000);
  try {
    await writeChase(scope, row, { notBefore, notifyStaffIds: await chaseAudience(ctx) });
  } catch (error) {
    if (!isStaleVersion(error)) throw error;
    // Another chase of the same case won the race: the owner chased already.
    return {
      chased: false,
      reason: 'too_soon',
      nextAt: new Date(scope.now.getTime() + settings.chaseIntervalHours * 3_600_000),
    };
  }
  return { chased: true, chaseCount: row.chaseCount + 1 };
}
