import { AppError, type Reach } from '@guanjia/core';
import {
  cases,
  departments,
  ownerInterviews,
  ownerUnits,
  projects,
  roleAssignments,
  staffUsers,
  supervisorRotations,
  units,
} from '@guanjia/core/db/schema';
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { branchFilter, inReach, projectFilter } from './reach';
import { keysetPage, type PageRequest, updateVersioned, type VersionedTable } from './records';
import type { TenantScope } from './scope';

/** The interview register (访谈汇报) and the supervisors' rotations (轮岗). */

export type OwnerInterviewRow = typeof ownerInterviews.$inferSelect;
export type SupervisorRotationRow = typeof supervisorRotations.$inferSelect;

/** The unit's place and whether the owner is one of its owners/residents; another tenant's is null. */
export async function unitOfOwner(scope: TenantScope, ownerId: string, unitId: string) {
  const [row] = await scope.db
    .select({ projectId: units.projectId, branchId: projects.branchId })
    .from(ownerUnits)
    .innerJoin(units, and(eq(units.tenantId, ownerUnits.tenantId), eq(units.id, ownerUnits.unitId)))
    .innerJoin(projects, and(eq(projects.tenantId, units.tenantId), eq(projects.id, units.projectId)))
    .where(
      and(
        eq(ownerUnits.tenantId, scope.tenantId),
        eq(ownerUnits.ownerId, ownerId),
        eq(ownerUnits.unitId, unitId),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function insertInterview(scope: TenantScope, row: OwnerInterviewRow) {
  await commit(scope, [
    scope.db.insert(ownerInterviews).values(row),
    auditEntry(scope, 'satisfaction.interviews.create', { type: 'ownerInterview', id: row.id }, null, row),
  ]);
}

export interface InterviewQuery {
  staffId?: string;
  projectId?: string;
  from?: string;
  to?: string;
}

/** Interviews in reach, plus (`ownStaffId`) the caller's own wherever they were held. */
export function listInterviews(scope: TenantScope, reach: Reach, query: InterviewQuery, page: PageRequest) {
  return keysetPage(
    scope,
    ownerInterviews,
    [
      query.staffId ? eq(ownerInterviews.staffId, query.staffId) : undefined,
      query.projectId ? eq(ownerInterviews.projectId, query.projectId) : undefined,
      query.from ? gte(ownerInterviews.interviewedOn, query.from) : undefined,
      query.to ? lte(ownerInterviews.interviewedOn, query.to) : undefined,
      projectFilter(scope, reach, ownerInterviews.projectId),
    ],
    page,
    'newest_first',
  );
}

/** Every interview of a year (who interviewed which owner), for the quota progress. */
export function interviewsOfYear(scope: TenantScope, year: number) {
  return scope.db
    .select({
      staffId: ownerInterviews.staffId,
      ownerId: ownerInterviews.ownerId,
      interviewedOn: ownerInterviews.interviewedOn,
    })
    .from(ownerInterviews)
    .where(
      and(
        eq(ownerInterviews.tenantId, scope.tenantId),
        gte(ownerInterviews.interviewedOn, `${year}-01-01`),
        lte(ownerInterviews.interviewedOn, `${year}-12-31`),
      ),
    );
}

/** The tenant's active staff (not a contractor's) with their role assignments. */
export async function staffWithRoles(scope: TenantScope) {
  const people = await scope.db
    .select({ id: staffUsers.id, name: staffUsers.name, departmentId: staffUsers.departmentId })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.tenantId, scope.tenantId),
        eq(staffUsers.status, 'active'),
        isNull(staffUsers.contractorId),
      ),
    )
    .orderBy(asc(staffUsers.id));
  const grants = await scope.db
    .select({
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.tenantId, scope.tenantId));
  return people.map((p) => ({ ...p, grants: grants.filter((g) => g.userId === p.id) }));
}

export async function insertRotation(scope: TenantScope, row: SupervisorRotationRow) {
  await commit(scope, [
    scope.db.insert(supervisorRotations).values(row),
    auditEntry(scope, 'satisfaction.rotations.create', { type: 'supervisorRotation', id: row.id }, null, row),
  ]);
}

/**
 * A rotation in reach: one of a branch's CS centre by its branch, the group's (no branch) only
 * group-wide; another tenant's or out of reach is 404.
 */
export async function getRotation(scope: TenantScope, reach: Reach, id: string, ownStaffId?: string | null) {
  const row = await scope.db.query.supervisorRotations.findFirst({
    where: and(eq(supervisorRotations.tenantId, scope.tenantId), eq(supervisorRotations.id, id)),
  });
  const reached =
    row &&
    ((ownStaffId && row.staffId === ownStaffId) ||
      (row.branchId ? inReach(reach, { branchId: row.branchId }) : reach.kind === 'tenant'));
  if (!row || !reached) throw new AppError('not_found', `Rotation ${id} not found`);
  return row;
}

export interface RotationQuery {
  staffId?: string;
  branchId?: string;
  open?: boolean;
}

export function listRotations(scope: TenantScope, reach: Reach, query: RotationQuery, page: PageRequest) {
  return keysetPage(
    scope,
    supervisorRotations,
    [
      query.staffId ? eq(supervisorRotations.staffId, query.staffId) : undefined,
      query.branchId ? eq(supervisorRotations.branchId, query.branchId) : undefined,
      query.open ? isNull(supervisorRotations.reportedAt) : undefined,
      branchFilter(scope, reach, supervisorRotations.branchId),
    ],
    page,
  );
}

export function updateRotation(
  scope: TenantScope,
  before: SupervisorRotationRow,
  changes: Partial<SupervisorRotationRow>,
  action: string,
  expectedVersion: number | undefined,
): Promise<SupervisorRotationRow> {
  return updateVersioned(scope, supervisorRotations as unknown as VersionedTable, before, changes, {
    audit: { action, type: 'supervisorRotation' },
    conflict: 'The rotation changed meanwhile',
    expectedVersion,
  });
}

/** Rotations whose report is not in and whose two weeks ended on or before `until` (a local date). */
export function openRotations(scope: TenantScope, until: string) {
  return scope.db
    .select()
    .from(supervisorRotations)
    .where(
      and(
        eq(supervisorRotations.tenantId, scope.tenantId),
        isNull(supervisorRotations.reportedAt),
        lte(supervisorRotations.endsOn, until),
      ),
    )
    .orderBy(asc(supervisorRotations.endsOn))
    .limit(500);
}

/** Marks one deadline notice of a rotation as sent, only if it was not, with its event; whether this call did. */
export async function markRotationNotice(
  scope: TenantScope,
  rotation: SupervisorRotationRow,
  column: 'warnedAt' | 'breachedAt' | 'escalatedAt',
  event: unknown,
): Promise<boolean> {
  const [result] = await commit(scope, [
    scope.db
      .update(supervisorRotations)
      .set({ [column]: scope.now })
      .where(
        and(
          eq(supervisorRotations.tenantId, scope.tenantId),
          eq(supervisorRotations.id, rotation.id),
          isNull(supervisorRotations[column]),
        ),
      ),
    event,
  ]);
  return ((result as D1Result | undefined)?.meta?.changes ?? 0) > 0;
}

/** Which of `ids` are the tenant's cases (another tenant's are not). */
export async function existingCaseIds(scope: TenantScope, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await scope.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.tenantId, scope.tenantId), inArray(cases.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/** The tenant's departments with their kind and heads (部门负责人), for the linkage scorecard. */
export function departmentsWithHeads(scope: TenantScope) {
  return scope.db
    .select({
      id: departments.id,
      name: departments.name,
      kind: departments.kind,
      headIds: departments.headIds,
    })
    .from(departments)
    .where(eq(departments.tenantId, scope.tenantId))
    .orderBy(asc(departments.id))
    .limit(5000);
}
