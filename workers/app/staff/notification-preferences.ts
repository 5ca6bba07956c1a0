import { AppError, notify, type Reach } from '@guanjia/core';
import type { TenantScope } from '../../data/scope';
import { getStaff } from '../../data/staff';
import { getPreferences, savePreferences } from '../../data/staff-preferences';

/*
 * Staff notification preferences: everyone reads and sets their own; a manager (`staff.manage`
 * over the person's places) reads and sets others'. Another tenant's person, or one out of reach,
 * answers 404.
 */

function me(scope: TenantScope): string {
  if (scope.actor.type !== 'staff' || !scope.actor.id) {
    throw new AppError('forbidden', 'Notification preferences belong to a staff member (not an API key)');
  }
  return scope.actor.id;
}

function parse(input: unknown): notify.StaffNotificationPreferences {
  return notify.StaffNotificationPreferencesSchema.parse(input);
}

export function getMyNotificationPreferences(scope: TenantScope) {
  return getPreferences(scope, me(scope));
}

export function setMyNotificationPreferences(
  scope: TenantScope,
  input: { preferences: notify.StaffNotificationPreferences; expectedVersion?: number },
) {
  return savePreferences(scope, me(scope), parse(input.preferences), input.expectedVersion);
}

export async function getStaffNotificationPreferences(scope: TenantScope, reach: Reach, userId: string) {
  await getStaff(scope, reach, userId);
  return getPreferences(scope, userId);
}

export async function setStaffNotificationPreferences(
  scope: TenantScope,
  reach: Reach,
  input: { userId: string; preferences: notify.StaffNotificationPreferences; expectedVersion?: number },
) {
  await getStaff(scope, reach, input.userId);
  return savePreferences(scope, input.userId, parse(input.preferences), input.expectedVersion);
}
