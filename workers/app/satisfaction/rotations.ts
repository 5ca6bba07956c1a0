import { AppError, fieldError, newId, type Reach, reachOf, satisfaction, sla } from '@guanjia/core';
import type { SupervisorRotationRow } from '../../data/interviews';
import * as register from '../../data/interviews';
import { activeStaff, findBranch } from '../../data/org-lookups';
import { outboxEvent } from '../../data/outbox';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import { roleHolders } from '../../data/role-holders';
import type { TenantScope } from '../../data/scope';
import { satisfactionSettings, tenantCalendar } from './settings';

export type { SupervisorRotationRow } from '../../data/interviews';

/*
 * The newly promoted supervisor's rotation (轮岗), seed 000: two weeks of exchange in the CS
 * centre, following cases, then an exchange report (交流汇报) due on the first working day after
 * the two weeks, warned before, overdue after and escalated to the branch GM like any deadline.
 */

export interface RotationView {
  rotation: SupervisorRotationRow;
  reportDueAt: Date;
  state: satisfaction.DeadlineState;
}

async function viewOf(scope: TenantScope, rotation: SupervisorRotationRow): Promise<RotationView> {
  const due = await scheduleOf(scope, rotation.startsOn);
  return {
    rotation,
    reportDueAt: due.reportDeadline.dueAt,
    state: satisfaction.rotationState(due, scope.now, rotation.reportedAt),
  };
}

async function scheduleOf(scope: TenantScope, startsOn: string) {
  const settings = (await satisfactionSettings(scope)).rotation;
  return satisfaction.rotationSchedule(
    startsOn,
    await tenantCalendar(scope),
    settings.warnWorkingDays,
    settings.escalateWorkingDays,
  );
}

const placeOf = (r: SupervisorRotationRow) => (r.branchId ? { branchId: r.branchId } : null);

/** A rotation of a branch's CS centre is in a reach by its branch; the group's only tenant-wide. */
function reaches(reach: Reach, rotation: SupervisorRotationRow): boolean {
  const place = placeOf(rotation);
  return place ? inReach(reach, place) : reach.kind === 'tenant';
}

export function rotationReach(scope: TenantScope): { read: Reach; manage: Reach } {
  const read = reachOf(scope.grants, 'satisfaction.read');
  if (read.kind === 'none') throw new AppError('forbidden', 'Missing permission satisfaction.read');
  return { read, manage: reachOf(scope.grants, 'satisfaction.manage') };
}

/** The CS centre schedules a supervisor's two weeks (in its branch's CS centre, or the group's). */
export async function scheduleRotation(
  scope: TenantScope,
  input: { staffId: string; branchId?: string | null | undefined; startsOn: string },
): Promise<RotationView> {
  const manage = reachOf(scope.grants, 'satisfaction.manage');
  if (manage.kind === 'none') throw new AppError('forbidden', 'Missing permission satisfaction.manage');
  const branchId = input.branchId ?? null;
  if (branchId) {
    const branch = await findBranch(scope, branchId).catch(() => null);
    if (!branch || !inReach(manage, { branchId }))
      throw fieldError('branchId', `Branch ${branchId} not found`);
  } else if (manage.kind !== 'tenant') {
    throw fieldError(
      'branchId',
      "A rotation in the group's CS centre is scheduled group-wide; name your branch",
    );
  }
  await activeStaff(scope, input.staffId, 'staffId');
  const due = await scheduleOf(scope, input.startsOn);
  const row: SupervisorRotationRow = {
    id: newId('supervisorRotation'),
    tenantId: scope.tenantId,
    staffId: input.staffId,
    branchId,
    startsOn: due.startsOn,
    endsOn: due.endsOn,
    followedCaseIds: [],
    report: null,
    reportedAt: null,
    warnedAt: null,
    breachedAt: null,
    escalatedAt: null,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await register.insertRotation(scope, row);
  return viewOf(scope, row);
}

export async function getRotation(scope: TenantScope, id: string): Promise<RotationView> {
  return viewOf(scope, await register.getRotation(scope, rotationReach(scope).read, id, scope.actor.id));
}

export async function listRotations(scope: TenantScope, query: register.RotationQuery, page: PageRequest) {
  const rows = await register.listRotations(scope, rotationReach(scope).read, query, page);
  const calendar = await tenantCalendar(scope);
  const settings = (await satisfactionSettings(scope)).rotation;
  return rows
    .filter((r) => r.branchId !== null || rotationReach(scope).read.kind === 'tenant')
    .map((rotation) => {
      const due = satisfaction.rotationSchedule(
        rotation.startsOn,
        calendar,
        settings.warnWorkingDays,
        settings.escalateWorkingDays,
      );
      return {
        rotation,
        reportDueAt: due.reportDeadline.dueAt,
        state: satisfaction.rotationState(due, scope.now, rotation.reportedAt),
      };
    });
}

/** Who writes to a rotation: the supervisor themself, or the CS centre that holds it. */
async function writable(scope: TenantScope, id: string) {
  const { read, manage } = rotationReach(scope);
  const before = await register.getRotation(scope, read, id, scope.actor.id);
  if (before.staffId !== scope.actor.id && !reaches(manage, before)) {
    throw new AppError(
      'forbidden',
      'Only the supervisor or the CS centre (satisfaction.manage) writes to a rotation',
    );
  }
  if (before.reportedAt)
    throw new AppError('illegal_transition', 'The rotation report is in; the rotation is closed');
  return before;
}

/** The cases the supervisor followed during the two weeks (the whole list, replacing the last). */
export async function recordRotationCases(
  scope: TenantScope,
  input: { id: string; caseIds: string[]; expectedVersion: number | undefined },
): Promise<RotationView> {
  const before = await writable(scope, input.id);
  const unique = [...new Set(input.caseIds)];
  const known = await register.existingCaseIds(scope, unique);
  unique.forEach((c) => {
    if (!known.has(c)) throw fieldError(`caseIds.${input.caseIds.indexOf(c)}`, `Case ${c} not found`);
  });
  const after = await register.updateRotation(
    scope,
    before,
    { followedCaseIds: unique },
    'satisfaction.rotations.cases',
    input.expectedVersion,
  );
  return viewOf(scope, after);
}

/** The exchange report (交流汇报), once; not before the rotation has started. */
export async function submitRotationReport(
  scope: TenantScope,
  input: { id: string; report: string; expectedVersion: number | undefined },
): Promise<RotationView> {
  const before = await writable(scope, input.id);
  if (sla.localDateOf(scope.now.getTime(), scope.timeZone) < before.startsOn) {
    throw new AppError('illegal_transition', `The rotation starts on ${before.startsOn}; report after it`);
  }
  const after = await register.updateRotation(
    scope,
    before,
    { report: input.report, reportedAt: scope.now },
    'satisfaction.rotations.report',
    input.expectedVersion,
  );
  return viewOf(scope, after);
}

const noticeColumn = { warning: 'warnedAt', overdue: 'breachedAt', escalated: 'escalatedAt' } as const;
const states = ['warning', 'overdue', 'escalated'] as const;

/**
 * The cron's step: each rotation whose report is not in is warned before the report falls due,
 * marked overdue after, and escalated to the branch GM later; each notice once (its column), in
 * order even when the cron missed a state.
 */
export async function raiseRotationDeadlines(scope: TenantScope): Promise<number> {
  const calendar = await tenantCalendar(scope);
  const settings = (await satisfactionSettings(scope)).rotation;
  // A generous bound: the report is due a working day after the end; the deadline decides.
  const horizon = sla.localDateOf(
    scope.now.getTime() + (settings.warnWorkingDays * 3 + 7) * 86_400_000,
    scope.timeZone,
  );
  let raised = 0;
  for (const rotation of await register.openRotations(scope, horizon)) {
    const due = satisfaction.rotationSchedule(
      rotation.startsOn,
      calendar,
      settings.warnWorkingDays,
      settings.escalateWorkingDays,
    );
    const state = satisfaction.rotationState(due, scope.now, rotation.reportedAt);
    if (state === 'pending' || state === 'done') continue;
    for (const s of states.slice(0, states.indexOf(state) + 1)) {
      if (rotation[noticeColumn[s]]) continue;
      const centre = await roleHolders(scope, {
        roles: ['cr_manager', 'branch_cs_manager'],
        places: [
          { scopeType: 'group' },
          ...(rotation.branchId ? [{ scopeType: 'branch' as const, scopeIds: [rotation.branchId] }] : []),
        ],
      });
      const gms =
        s === 'escalated' && rotation.branchId
          ? await roleHolders(scope, {
              roles: ['branch_gm'],
              places: [{ scopeType: 'branch', scopeIds: [rotation.branchId] }],
            })
          : [];
      const event = outboxEvent(
        scope,
        'supervisor_rotation.deadline',
        {
          rotationId: rotation.id,
          staffId: rotation.staffId,
          branchId: rotation.branchId,
          startsOn: rotation.startsOn,
          endsOn: rotation.endsOn,
          reportDue: due.reportDeadline.dueAt.toISOString(),
          state: s,
          notifyStaffIds: [
            ...new Set([rotation.staffId, ...centre.map((h) => h.userId), ...gms.map((h) => h.userId)]),
          ],
        },
        rotation.branchId ? { branchId: rotation.branchId } : {},
      );
      if (await register.markRotationNotice(scope, rotation, noticeColumn[s], event)) raised += 1;
    }
  }
  return raised;
}
