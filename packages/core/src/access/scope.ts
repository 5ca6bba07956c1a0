import type { Grant, Permission } from './roles';
import { rolePermissions } from './roles';

/** Where a permission reaches: the whole tenant, or some branches and projects. */
export type Reach =
  | { kind: 'tenant' }
  | { kind: 'some'; branchIds: ReadonlySet<string>; projectIds: ReadonlySet<string> }
  | { kind: 'none' };

/** Resolves a permission against the caller's grants. Branch grants reach every project of the branch. */
export function reachOf(grants: readonly Grant[], permission: Permission): Reach {
  const branchIds = new Set<string>();
  const projectIds = new Set<string>();
  for (const grant of grants) {
    if (!rolePermissions[grant.role].includes(permission)) continue;
    if (grant.scopeType === 'group') return { kind: 'tenant' };
    if (grant.scopeId === null) continue;
    if (grant.scopeType === 'branch') branchIds.add(grant.scopeId);
    else projectIds.add(grant.scopeId);
  }
  if (branchIds.size === 0 && projectIds.size === 0) return { kind: 'none' };
  return { kind: 'some', branchIds, projectIds };
}

/** Whether a record placed in a branch (and optionally a project) is within reach. */
export function reaches(
  reach: Reach,
  place: { branchId: string | null; projectId?: string | null },
): boolean {
  if (reach.kind === 'tenant') return true;
  if (reach.kind === 'none') return false;
  if (place.branchId && reach.branchIds.has(place.branchId)) return true;
  return !!place.projectId && reach.projectIds.has(place.projectId);
}

export function hasPermission(grants: readonly Grant[], permission: Permission): boolean {
  return reachOf(grants, permission).kind !== 'none';
}

export interface Loan {
  role: Grant['role'];
  projectId: string;
  startsOn: string;
  endsOn: string;
}

/** Grants a staff member holds today: standing assignments plus the loans that cover `today` (local date). */
export function effectiveGrants(
  assignments: readonly Grant[],
  loans: readonly Loan[],
  today: string,
): Grant[] {
  const lent = loans
    .filter((loan) => loan.startsOn <= today && today <= loan.endsOn)
    .map((loan): Grant => ({ role: loan.role, scopeType: 'project', scopeId: loan.projectId }));
  return [...assignments, ...lent];
}
