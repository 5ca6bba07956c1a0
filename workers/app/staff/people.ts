import { AppError, type Reach, randomSecret } from '@guanjia/core';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import * as staff from '../../data/staff';
import { checkGrant, type GrantInput } from '../../data/staff-grants';

/* Staff members: reads need `staff.read`, changes `staff.manage` over the person's places. */

export function listStaff(scope: TenantScope, reach: Reach, query: staff.StaffQuery, page: PageRequest) {
  return staff.listStaff(scope, reach, query, page);
}

export function getStaff(scope: TenantScope, reach: Reach, id: string) {
  return staff.getStaff(scope, reach, id);
}

/**
 * A new staff member with their first roles (never `integrator`; within the caller's reach, at
 * least one unless the caller is group-wide) and a password, or a one-time password answered once.
 */
export async function createStaffMember(
  scope: TenantScope,
  reach: Reach,
  input: Omit<staff.NewStaff, 'password'> & { roles: GrantInput[]; password?: string },
) {
  const { roles, password, ...rest } = input;
  const grants = [];
  for (const [i, grant] of roles.entries()) {
    grants.push(await checkGrant(scope, reach, grant, `roles.${i}`, { forbiddenRoles: ['integrator'] }));
  }
  if (reach.kind !== 'tenant' && grants.length === 0) {
    // Otherwise the new person would be outside the creator's own reach at once.
    throw new AppError('validation_failed', 'Give at least one role within your reach', {
      issues: [{ path: 'roles', message: 'At least one role assignment is required' }],
    });
  }
  await staff.checkStaffRefs(scope, reach, rest);
  const oneTimePassword = password ? undefined : randomSecret('gj', 12).slice(3);
  const created = await staff.createStaff(
    scope,
    { ...rest, password: password ?? (oneTimePassword as string) } as staff.NewStaff,
    grants,
  );
  return { staff: created, oneTimePassword };
}

export async function updateStaffMember(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; changes: staff.StaffChanges; expectedVersion?: number },
) {
  const before = await staff.getManageableStaff(scope, reach, input.id);
  await staff.checkStaffRefs(scope, reach, input.changes);
  return staff.updateStaff(scope, before, input.changes, input.expectedVersion);
}

/** Disables a person (their login and refresh stop); disabling a disabled one changes nothing. */
export async function disableStaffMember(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; expectedVersion?: number },
) {
  const before = await staff.getManageableStaff(scope, reach, input.id);
  return before.status === 'disabled'
    ? before
    : staff.updateStaff(scope, before, { status: 'disabled' }, input.expectedVersion, 'staff.disable');
}
