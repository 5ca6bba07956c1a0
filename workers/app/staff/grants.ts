import type { Reach } from '@guanjia/core';
import type { TenantScope } from '../../data/scope';
import { getManageableStaff, getStaff } from '../../data/staff';
import {
  addAssignment,
  checkGrant,
  type GrantInput,
  listAssignments,
  removeAssignment,
} from '../../data/staff-grants';

/* A staff member's role assignments: the grant rules are those of `checkGrant` (never `integrator` to a person). */

export async function listStaffRoles(scope: TenantScope, reach: Reach, staffId: string) {
  const staff = await getStaff(scope, reach, staffId);
  return listAssignments(scope, staff.id);
}

export async function grantStaffRole(scope: TenantScope, reach: Reach, staffId: string, input: GrantInput) {
  const staff = await getManageableStaff(scope, reach, staffId);
  const grant = await checkGrant(scope, reach, input, '', { forbiddenRoles: ['integrator'] });
  return addAssignment(scope, staff, grant);
}

export async function revokeStaffRole(
  scope: TenantScope,
  reach: Reach,
  input: { staffId: string; assignmentId: string },
) {
  const staff = await getManageableStaff(scope, reach, input.staffId);
  await removeAssignment(scope, reach, staff, input.assignmentId);
}
