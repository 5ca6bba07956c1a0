/* The staff area's use cases (people, their roles, their loans): what an edge may call. */
export { grantStaffRole, listStaffRoles, revokeStaffRole } from './grants';
export { endLoan, lendStaff, listStaffLoans } from './loans';
export {
  getMyNotificationPreferences,
  getStaffNotificationPreferences,
  setMyNotificationPreferences,
  setStaffNotificationPreferences,
} from './notification-preferences';
export {
  createStaffMember,
  disableStaffMember,
  getStaff,
  listStaff,
  updateStaffMember,
} from './people';
