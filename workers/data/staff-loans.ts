import { AppError, newId, type Reach, type Role, reaches } from '@guanjia/core';
import { projects, staffLoans } from '@guanjia/core/db/schema';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import type { TenantScope } from './scope';
import { fieldError, type LoanRow, type StaffWithRoles } from './staff';

/* Loans: a staff member lent to a project of their branch for a while (staff users themselves are in staff.ts). */

export async function listLoans(scope: TenantScope, userId: string): Promise<LoanRow[]> {
  return scope.db
    .select()
    .from(staffLoans)
    .where(and(eq(staffLoans.tenantId, scope.tenantId), eq(staffLoans.userId, userId)))
    .orderBy(asc(staffLoans.id));
}

export interface LoanInput {
  projectId: string;
  role: Role;
  startsOn: string;
  endsOn: string;
  reason?: string | null;
}

/**
 * A branch lends its staff to any of its projects: the project must be in a branch the
 * caller manages as a whole, and in the same branch as one of the person's own
 * branch or project assignments.
 */
export async function createLoan(
  scope: TenantScope,
  manageReach: Reach,
  staff: StaffWithRoles,
  input: LoanInput,
): Promise<LoanRow> {
  const project = await scope.db.query.projects.findFirst({
    where: and(eq(projects.tenantId, scope.tenantId), eq(projects.id, input.projectId)),
  });
  const coversBranch =
    manageReach.kind === 'tenant' ||
    (manageReach.kind === 'some' && !!project && manageReach.branchIds.has(project.branchId));
  if (!project || !coversBranch) throw fieldError('projectId', `Project ${input.projectId} not found`);
  const homeProjects = staff.roles
    .filter((r) => r.scopeType === 'project' && r.scopeId)
    .map((r) => r.scopeId as string);
  const homeBranches = new Set(
    staff.roles.filter((r) => r.scopeType === 'branch' && r.scopeId).map((r) => r.scopeId as string),
  );
  if (homeProjects.length > 0) {
    const rows = await scope.db
      .select({ branchId: projects.branchId })
      .from(projects)
      .where(and(eq(projects.tenantId, scope.tenantId), inArray(projects.id, homeProjects)));
    for (const r of rows) homeBranches.add(r.branchId);
  }
  if (!homeBranches.has(project.branchId)) {
    throw fieldError('projectId', 'A staff member can only be lent to a project of a branch they work in');
  }
  const row: LoanRow = {
    id: newId('loan'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    userId: staff.id,
    projectId: project.id,
    role: input.role,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    reason: input.reason ?? null,
  };
  await commit(scope, [
    scope.db.insert(staffLoans).values(row),
    auditEntry(scope, 'staff.loans.create', { type: 'loan', id: row.id }, null, row),
  ]);
  return row;
}

/** Ends a loan by deleting it; a loan to a project outside the caller's manage reach is 404. */
export async function deleteLoan(
  scope: TenantScope,
  manageReach: Reach,
  staff: StaffWithRoles,
  loanId: string,
): Promise<void> {
  const row = await scope.db.query.staffLoans.findFirst({
    where: and(
      eq(staffLoans.tenantId, scope.tenantId),
      eq(staffLoans.userId, staff.id),
      eq(staffLoans.id, loanId),
    ),
  });
  const project = row
    ? await scope.db.query.projects.findFirst({
        where: and(eq(projects.tenantId, scope.tenantId), eq(projects.id, row.projectId)),
      })
    : undefined;
  if (!row || !project || !reaches(manageReach, { branchId: project.branchId, projectId: project.id })) {
    throw new AppError('not_found', `Loan ${loanId} not found`);
  }
  await commit(scope, [
    scope.db
      .delete(staffLoans)
      .where(and(eq(staffLoans.tenantId, scope.tenantId), eq(staffLoans.id, row.id))),
    auditEntry(scope, 'staff.loans.delete', { type: 'loan', id: row.id }, row, null),
  ]);
}
