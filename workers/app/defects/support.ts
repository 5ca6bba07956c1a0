import { defects as core, type Reach, type sla } from '@guanjia/core';
import type { NewDefect } from '../../data/defects';
import { holdersOf } from '../../data/inbox';
import { tenantSettings } from '../../data/org-lookups';
import { requireReach } from '../../data/reach';
import type { TenantScope } from '../../data/scope';
import { tenantCalendarRows } from '../../data/sla-clock';
import { calendarAt } from '../sla/decide';

/** What the register's edges authorise: reading needs `quality.read`, changing `quality.manage` (403 without). */
export const qualityReader = (scope: TenantScope): Reach => requireReach(scope, 'quality.read');
export const qualityManager = (scope: TenantScope): Reach => requireReach(scope, 'quality.manage');

/** The tenant's `settings.defects`, core's defaults for what is missing or broken. */
export async function defectSettings(scope: TenantScope): Promise<core.DefectSettings> {
  const stored = (await tenantSettings(scope)).defects;
  const parsed = core.DefectSettingsSchema.safeParse(stored && typeof stored === 'object' ? stored : {});
  return parsed.success ? parsed.data : core.parseDefectSettings({});
}

/** The business calendar in force at a project (tenant → branch → project). */
export async function calendarOfPlace(
  scope: TenantScope,
  place: { branchId: string; projectId: string },
): Promise<sla.Calendar> {
  return calendarAt(await tenantCalendarRows(scope), place, scope.timeZone);
}

/** Quality leads of a project: its CS and complaint supervisors, else the branch's CS managers. */
export async function qualityLeads(scope: TenantScope, place: { branchId: string; projectId: string }) {
  const holders = await holdersOf(scope, ['cs_supervisor', 'complaint_supervisor', 'branch_cs_manager'], {
    scopeIds: [place.projectId, place.branchId],
  });
  return [...new Set(holders.map((h) => h.userId))].sort();
}

/** Who an alert step reaches (core's `defectAlertRecipients`): leads, the project manager, the branch GM. */
export async function alertRecipients(
  scope: TenantScope,
  place: { branchId: string; projectId: string },
  kind: core.DefectAlertKind,
): Promise<string[]> {
  const want = core.defectAlertRecipients[kind];
  const ids = new Set<string>();
  if ((want as readonly string[]).includes('responsible_department')) {
    for (const id of await qualityLeads(scope, place)) ids.add(id);
  }
  if ((want as readonly string[]).includes('project_manager')) {
    for (const h of await holdersOf(scope, ['project_manager'], { scopeIds: [place.projectId] }))
      ids.add(h.userId);
  }
  if ((want as readonly string[]).includes('branch_gm')) {
    for (const h of await holdersOf(scope, ['branch_gm'], { scopeIds: [place.branchId] })) ids.add(h.userId);
  }
  return [...ids].sort();
}

/** What whoever registers a defect says of it; the rest starts empty. */
export type RegisteredDefect = Pick<
  NewDefect,
  | 'description'
  | 'category'
  | 'source'
  | 'buildingIds'
  | 'unitTypes'
  | 'householdsAffected'
  | 'risk'
  | 'estimatedLossFen'
  | 'foundAt'
  | 'violatesStandard'
  | 'repeatOfDefectId'
>;

/**
 * A new register row at a project: `accepted` (awaiting its meeting's decision), created by the
 * caller, with no decision, deadlines or suggestion yet; `over` for what differs (a suggestion).
 */
export function acceptedDefect(
  scope: TenantScope,
  place: { branchId: string; projectId: string },
  defect: RegisteredDefect,
  over: Partial<NewDefect> = {},
): NewDefect {
  return {
    branchId: place.branchId,
    projectId: place.projectId,
    ...defect,
    status: 'accepted',
    suggestionKey: null,
    windowStart: null,
    windowEnd: null,
    dismissedReason: null,
    responsibleDepartmentId: null,
    feedbackDeadline: null,
    feedbackAt: null,
    feedback: null,
    completionDeadline: null,
    completedAt: null,
    studiedAt: null,
    createdBy: scope.actor.id,
    ...over,
  };
}
