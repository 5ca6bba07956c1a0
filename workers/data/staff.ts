import {
  AppError,
  type Grant,
  hashPassword,
  localDate,
  newId,
  notify,
  type Reach,
  type Role,
  reaches,
} from '@guanjia/core';
import {
  contractors,
  departments,
  projects,
  refreshTokens,
  roleAssignments,
  staffLoans,
  staffUsers,
} from '@guanjia/core/db/schema';
import { and, asc, eq, gt, gte, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { projectFilter } from './reach';
import type { TenantScope } from './scope';
import { assignmentRow } from './staff-grants';

export type StaffRow = typeof staffUsers.$inferSelect;
/** A staff row as it may leave the data layer: never the password hash. */
export type StaffRecord = Omit<StaffRow, 'passwordHash'>;
export type AssignmentRow = typeof roleAssignments.$inferSelect;
export type LoanRow = typeof staffLoans.$inferSelect;

export const never = sql`0`;

/** Strips the password hash; used for answers and audit before/after alike. */
export function publicStaff(row: StaffRow | StaffRecord): StaffRecord {
  const { passwordHash: _hash, ...rest } = row as StaffRow;
  return rest;
}

export function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { issues: [{ path, message }] });
}

// ---------------------------------------------------------------------------
// Reach over people

/**
 * SQL: the role assignment lies inside the reach. Branch assignments count for
 * a reached branch; project assignments for a reached project or any project of
 * a reached branch; group assignments only for a tenant-wide reach.
 */
export function assignmentInReach(scope: TenantScope, reach: Reach): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  if (reach.kind === 'none') return never;
  const branchPart =
    reach.branchIds.size > 0
      ? and(eq(roleAssignments.scopeType, 'branch'), inArray(roleAssignments.scopeId, [...reach.branchIds]))
      : undefined;
  const projectPart = and(
    eq(roleAssignments.scopeType, 'project'),
    projectFilter(scope, reach, roleAssignments.scopeId),
  );
  return or(branchPart, projectPart);
}

/**
 * SQL on staff_users: the person holds at least one assignment inside the reach,
 * or is lent (today or later) to a project inside it. Tenant-wide reach sees everyone.
 */
export function staffInReach(scope: TenantScope, reach: Reach): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  if (reach.kind === 'none') return never;
  const today = localDate(scope.now, scope.timeZone);
  return or(
    inArray(
      staffUsers.id,
      scope.db
        .select({ id: roleAssignments.userId })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.tenantId, scope.tenantId), assignmentInReach(scope, reach))),
    ),
    inArray(
      staffUsers.id,
      scope.db
        .select({ id: staffLoans.userId })
        .from(staffLoans)
        .where(
          and(
            eq(staffLoans.tenantId, scope.tenantId),
            gte(staffLoans.endsOn, today),
            projectFilter(scope, reach, staffLoans.projectId),
          ),
        ),
    ),
  );
}

export interface StaffQuery {
  branchId?: string;
  projectId?: string;
  role?: string;
}

/** SQL on staff_users: holds an assignment matching every given filter (on the same assignment). */
function staffQueryFilter(scope: TenantScope, query: StaffQuery): SQL | undefined {
  if (!query.branchId && !query.projectId && !query.role) return undefined;
  const parts: (SQL | undefined)[] = [eq(roleAssignments.tenantId, scope.tenantId)];
  if (query.role) parts.push(eq(roleAssignments.role, query.role as Role));
  if (query.projectId) {
    parts.push(eq(roleAssignments.scopeType, 'project'), eq(roleAssignments.scopeId, query.projectId));
  }
  if (query.branchId) {
    parts.push(
      or(
        and(eq(roleAssignments.scopeType, 'branch'), eq(roleAssignments.scopeId, query.branchId)),
        and(
          eq(roleAssignments.scopeType, 'project'),
          inArray(
            roleAssignments.scopeId,
            scope.db
              .select({ id: projects.id })
              .from(projects)
              .where(and(eq(projects.tenantId, scope.tenantId), eq(projects.branchId, query.branchId))),
          ),
        ),
      ),
    );
  }
  return inArray(
    staffUsers.id,
    scope.db
      .select({ id: roleAssignments.userId })
      .from(roleAssignments)
      .where(and(...parts)),
  );
}

// ---------------------------------------------------------------------------
// Staff users

export type StaffWithRoles = StaffRecord & { roles: AssignmentRow[] };

async function withRoles(scope: TenantScope, rows: StaffRow[]): Promise<StaffWithRoles[]> {
  if (rows.length === 0) return [];
  const assignments = await scope.db
    .select()
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.tenantId, scope.tenantId),
        inArray(
          roleAssignments.userId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(roleAssignments.id));
  return rows.map((row) => ({
    ...publicStaff(row),
    roles: assignments.filter((a) => a.userId === row.id),
  }));
}

/** A keyset page of the staff the caller may read, oldest first. */
export async function listStaff(
  scope: TenantScope,
  readReach: Reach,
  query: StaffQuery,
  page: { after?: string; limit: number },
): Promise<StaffWithRoles[]> {
  const rows = await scope.db
    .select()
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.tenantId, scope.tenantId),
        page.after ? gt(staffUsers.id, page.after) : undefined,
        staffInReach(scope, readReach),
        staffQueryFilter(scope, query),
      ),
    )
    .orderBy(asc(staffUsers.id))
    .limit(page.limit + 1);
  return withRoles(scope, rows);
}

/** One staff member within the reach (read or manage), or 404. */
export async function getStaff(scope: TenantScope, reach: Reach, id: string): Promise<StaffWithRoles> {
  const [row] = await scope.db
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, scope.tenantId), eq(staffUsers.id, id), staffInReach(scope, reach)))
    .limit(1);
  if (!row) throw new AppError('not_found', `Staff ${id} not found`);
  const [staff] = await withRoles(scope, [row]);
  return staff as StaffWithRoles;
}

/**
 * The staff member the caller is about to change: within the manage reach (else 404),
 * never the caller themselves, and someone holding a group-wide role only by a group-wide manager.
 */
export async function getManageableStaff(
  scope: TenantScope,
  manageReach: Reach,
  id: string,
): Promise<StaffWithRoles> {
  const staff = await getStaff(scope, manageReach, id);
  if (scope.actor.type === 'staff' && scope.actor.id === staff.id) {
    throw new AppError('forbidden', 'You cannot change your own account, roles or loans');
  }
  if (manageReach.kind !== 'tenant' && staff.roles.some((r) => r.scopeType === 'group')) {
    throw new AppError('forbidden', 'Staff with a group-wide role are managed by a group-wide administrator');
  }
  return staff;
}

export interface NewStaff {
  name: string;
  email?: string | null;
  phone?: string | null;
  password: string;
  locale?: string | null;
  departmentId?: string | null;
  contractorId?: string | null;
}

/** Checks a department and contractor reference: in the tenant, and a department within manage reach. */
export async function checkStaffRefs(
  scope: TenantScope,
  manageReach: Reach,
  values: { departmentId?: string | null; contractorId?: string | null },
): Promise<void> {
  if (typeof values.departmentId === 'string') {
    const dept = await scope.db.query.departments.findFirst({
      where: and(eq(departments.tenantId, scope.tenantId), eq(departments.id, values.departmentId)),
    });
    const groupLevel = dept && !dept.branchId && !dept.projectId;
    if (
      !dept ||
      (!groupLevel && !reaches(manageReach, { branchId: dept.branchId, projectId: dept.projectId }))
    ) {
      throw fieldError('departmentId', `Department ${values.departmentId} not found`);
    }
  }
  if (typeof values.contractorId === 'string') {
    const contractor = await scope.db.query.contractors.findFirst({
      where: and(eq(contractors.tenantId, scope.tenantId), eq(contractors.id, values.contractorId)),
    });
    if (!contractor) throw fieldError('contractorId', `Contractor ${values.contractorId} not found`);
  }
}

/** Creates a staff member with their first role assignments and the audit entries, in one batch. */
export async function createStaff(
  scope: TenantScope,
  input: NewStaff,
  grants: readonly Grant[],
): Promise<StaffWithRoles> {
  const id = newId('staff');
  const row: StaffRow = {
    id,
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
    name: input.name,
    email: input.email?.trim().toLowerCase() || null,
    phone: input.phone?.trim() || null,
    passwordHash: await hashPassword(input.password),
    status: 'active',
    locale: input.locale ?? null,
    departmentId: input.departmentId ?? null,
    contractorId: input.contractorId ?? null,
    lastLoginAt: null,
  };
  const assignments = grants.map((g) => assignmentRow(scope, id, g));
  await commit(scope, [
    scope.db.insert(staffUsers).values(row),
    auditEntry(scope, 'staff.create', { type: 'staff', id }, null, publicStaff(row)),
    ...assignments.flatMap((a) => [
      scope.db.insert(roleAssignments).values(a),
      auditEntry(scope, 'staff.roles.add', { type: 'roleAssignment', id: a.id }, null, a),
    ]),
  ]);
  return { ...publicStaff(row), roles: assignments };
}

export type StaffChanges = Partial<
  Pick<StaffRow, 'name' | 'email' | 'phone' | 'status' | 'departmentId' | 'locale'>
>;

/**
 * Updates a staff member if the version still matches; the audit entry never carries the
 * password hash. Disabling also revokes every refresh token, so the person is signed out
 * once the current access token lapses.
 */
export async function updateStaff(
  scope: TenantScope,
  before: StaffWithRoles,
  changes: StaffChanges,
  expectedVersion: number | undefined,
  action = 'staff.update',
): Promise<StaffWithRoles> {
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const normalized: StaffChanges = { ...changes };
  if (typeof changes.email === 'string') normalized.email = changes.email.trim().toLowerCase();
  if (typeof changes.phone === 'string') normalized.phone = changes.phone.trim();
  const next = { ...normalized, updatedAt: scope.now, version: before.version + 1 };
  const { roles, ...beforeRecord } = before;
  const after = { ...beforeRecord, ...next };
  const disabling = changes.status === 'disabled' && before.status !== 'disabled';
  const [result] = await commit(scope, [
    scope.db
      .update(staffUsers)
      .set(next)
      .where(
        and(
          eq(staffUsers.tenantId, scope.tenantId),
          eq(staffUsers.id, before.id),
          eq(staffUsers.version, before.version),
        ),
      ),
    ...(disabling
      ? [
          scope.db
            .update(refreshTokens)
            .set({ revokedAt: scope.now })
            .where(
              and(
                eq(refreshTokens.tenantId, scope.tenantId),
                eq(refreshTokens.userId, before.id),
                isNull(refreshTokens.revokedAt),
              ),
            ),
        ]
      : []),
    auditEntry(scope, action, { type: 'staff', id: before.id }, beforeRecord, after),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The record changed while you were editing it');
  }
  return { ...after, roles };
}

/** The language each of these staff reads (`notify.staffLocaleOf` of their stored locale). */
export async function staffLocales(
  scope: TenantScope,
  userIds: readonly string[],
): Promise<Map<string, notify.StaffLocale>> {
  const ids = [...new Set(userIds)].filter(Boolean);
  const out = new Map<string, notify.StaffLocale>();
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await scope.db
      .select({ id: staffUsers.id, locale: staffUsers.locale })
      .from(staffUsers)
      .where(and(eq(staffUsers.tenantId, scope.tenantId), inArray(staffUsers.id, ids.slice(i, i + 90))));
    for (const r of rows) out.set(r.id, notify.staffLocaleOf(r.locale));
  }
  return out;
}
