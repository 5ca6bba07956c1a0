import {
  AppError,
  cases as core,
  type Grant,
  type Reach,
  type reachOf,
  rolePermissions,
} from '@guanjia/core';
import { cases, tenants } from '@guanjia/core/db/schema';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { projectFilter, requireReach } from './reach';
import type { TenantScope } from './scope';

/** Helpers the case data functions share: rows ↔ snapshots, who sees a case, who is acting, settings. */

export type CaseRow = typeof cases.$inferSelect;

/** A `cases` row as core's `CaseSnapshot` (field names match). */
export function snapshotOf(row: CaseRow): core.CaseSnapshot {
  return {
    id: row.id,
    kind: row.kind as core.CaseKind,
    status: row.status as core.CaseStatus,
    urgency: row.urgency as core.Urgency,
    severity: (row.severity ?? null) as core.ComplaintSeverity | null,
    category: row.category,
    projectId: row.projectId,
    unitId: row.unitId,
    ownerId: row.ownerId,
    firstAskOwnerId: row.firstAskOwnerId,
    assigneeId: row.assigneeId,
    departmentId: row.departmentId,
    contractorId: row.contractorId,
    forfeitedContractorIds: row.forfeitedContractorIds ?? [],
    claimAmountFen: row.claimAmountFen,
    claimApprovedBy: row.claimApprovedBy,
    reopenCount: row.reopenCount,
    reworkOfCaseId: row.reworkOfCaseId,
    satisfaction: row.satisfaction,
    lowRatingReason: (row.lowRatingReason ?? null) as core.LowRatingReason | null,
    receivedAt: row.receivedAt,
    dispatchedAt: row.dispatchedAt,
    contactedAt: row.contactedAt,
    visitBookedFor: row.visitBookedFor,
    arrivedAt: row.arrivedAt,
    completedAt: row.completedAt,
    signedOffAt: row.signedOffAt,
    firstReplyAt: row.firstReplyAt,
    lastDepartmentFeedbackAt: row.lastDepartmentFeedbackAt,
    resolvedAt: row.resolvedAt,
    followupDueAt: row.followupDueAt,
    followedUpAt: row.followedUpAt,
    closedAt: row.closedAt,
    state: (row.state ?? {}) as core.CaseFlowState,
  };
}

const never = sql`0`;

/**
 * Which cases the caller sees for a permission: the reached projects, and for contractor staff
 * only the jobs their company holds now (a forfeited job is gone for good).
 */
export function caseVisibility(scope: TenantScope, reach: Reach): SQL | undefined {
  if (reach.kind === 'none') return never;
  const contractor = scope.contractorId
    ? and(
        eq(cases.contractorId, scope.contractorId),
        sql`instr(${cases.forfeitedContractorIds}, ${JSON.stringify(scope.contractorId)}) = 0`,
      )
    : undefined;
  return and(projectFilter(scope, reach, cases.projectId), contractor);
}

/** The visibility for reading cases; a caller without `cases.read` anywhere gets 403. */
export function readableCases(scope: TenantScope): SQL | undefined {
  return caseVisibility(scope, requireReach(scope, 'cases.read'));
}

/** Whether a grant applies at the case's place (group, its branch or its project). */
function grantReaches(grant: Grant, place: { branchId: string; projectId: string }): boolean {
  if (grant.scopeType === 'group') return true;
  if (grant.scopeType === 'branch') return grant.scopeId === place.branchId;
  return grant.scopeId === place.projectId;
}

/**
 * The core actor of the caller, at a case's place: only the roles granted there count (a
 * front desk of Xixi who is cr_manager in Ningbo does not approve Xixi's claims).
 */
export function actorOf(scope: TenantScope, place: { branchId: string; projectId: string }): core.Actor {
  const roles = [...new Set(scope.grants.filter((g) => grantReaches(g, place)).map((g) => g.role))];
  if (scope.actor.type === 'system') return core.systemActor;
  const id = scope.actor.id ?? 'unknown';
  if (scope.actor.type === 'owner') return { kind: 'owner', id, roles: [] };
  if (scope.actor.type === 'api_key') return { kind: 'integrator', id, roles };
  if (scope.contractorId) return { kind: 'contractor', id, roles, contractorId: scope.contractorId };
  return { kind: 'staff', id, roles };
}

/** Whether the caller holds a permission at a place. */
export function mayAt(
  scope: TenantScope,
  permission: Parameters<typeof reachOf>[1],
  place: { branchId: string; projectId: string },
): boolean {
  return scope.grants.some((g) => rolePermissions[g.role].includes(permission) && grantReaches(g, place));
}

/** Where a tenant's case settings live: the `cases` key of `tenants.settings`. */
export const caseSettingsKey = 'cases';

/** The read of the tenant's stored settings, to run alone or in a batch; `caseSettingsOf` parses it. */
export function caseSettingsQuery(scope: TenantScope) {
  return scope.db
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId))
    .limit(1);
}

/** The case settings of `caseSettingsQuery`'s rows, every default filled in (a stored bad value falls back to defaults). */
export function caseSettingsOf(
  scope: TenantScope,
  rows: readonly { settings: Record<string, unknown> | null }[],
): core.CaseSettings {
  const stored = rows[0]?.settings?.[caseSettingsKey] as Record<string, unknown> | undefined;
  const parsed = core.CaseSettingsSchema.safeParse({ timeZone: scope.timeZone, ...(stored ?? {}) });
  return parsed.success ? parsed.data : core.parseCaseSettings({ timeZone: scope.timeZone });
}

/** The tenant's case settings with every default filled in (a stored bad value falls back to defaults). */
export async function loadCaseSettings(scope: TenantScope): Promise<core.CaseSettings> {
  return caseSettingsOf(scope, await caseSettingsQuery(scope));
}

/** One visible case row, or 404 (another tenant's, out of reach, or not a job of this contractor). */
export async function findVisibleCase(
  scope: TenantScope,
  caseId: string,
  visibility: SQL | undefined,
): Promise<CaseRow> {
  const [row] = await scope.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, caseId), visibility))
    .limit(1);
  if (!row) throw new AppError('not_found', `Case ${caseId} not found`);
  return row;
}

/** Statuses in which a case is finished: lists of open work leave them out. */
export const finishedStatuses = ['closed', 'cancelled'] as const;

/** Replaces the tenant's case settings (already validated), with its audit entry, in one batch. */
export async function saveCaseSettings(
  scope: TenantScope,
  settings: core.CaseSettings,
  expectedVersion: number | undefined,
): Promise<{ settings: core.CaseSettings; version: number }> {
  const [row] = await scope.db
    .select({ settings: tenants.settings, version: tenants.version })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId))
    .limit(1);
  if (!row) throw new AppError('not_found', 'Tenant not found');
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new AppError('precondition_failed', `Current version is ${row.version}`);
  }
  const before = row.settings?.[caseSettingsKey] ?? null;
  const [updated] = await commit(scope, [
    scope.db
      .update(tenants)
      .set({
        settings: sql`json_set(${tenants.settings}, ${`$.${caseSettingsKey}`}, json(${JSON.stringify(settings)}))`,
        version: row.version + 1,
        updatedAt: scope.now,
      })
      .where(and(eq(tenants.id, scope.tenantId), eq(tenants.version, row.version))),
    auditEntry(scope, 'settings.cases.update', { type: 'tenant', id: scope.tenantId }, before, settings),
  ]);
  if ((updated as unknown as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The settings changed while you were editing them');
  }
  return { settings, version: row.version + 1 };
}

/** The tenant's settings version (the ETag of the case settings). */
export async function caseSettingsVersion(scope: TenantScope): Promise<number> {
  const [row] = await scope.db
    .select({ version: tenants.version })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId))
    .limit(1);
  return row?.version ?? 1;
}
