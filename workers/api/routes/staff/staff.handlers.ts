import {
  createStaffMember,
  disableStaffMember,
  endLoan,
  getStaff,
  grantStaffRole,
  lendStaff,
  listStaff,
  listStaffLoans,
  listStaffRoles,
  revokeStaffRole,
  updateStaffMember,
} from '../../../app/staff';
import { requireReach } from '../../../data/reach';
import type { AssignmentRow, LoanRow, StaffWithRoles } from '../../../data/staff';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  addRoleRoute,
  createLoanRoute,
  createStaffRoute,
  deleteLoanRoute,
  disableStaffRoute,
  getStaffRoute,
  listLoansRoute,
  listRolesRoute,
  listStaffRoute,
  removeRoleRoute,
  updateStaffRoute,
} from './staff.routes';

const iso = (d: Date) => d.toISOString();

export const assignmentOut = (a: AssignmentRow) => ({
  id: a.id,
  userId: a.userId,
  role: a.role,
  scopeType: a.scopeType,
  scopeId: a.scopeId,
  createdAt: iso(a.createdAt),
});

const loanOut = (l: LoanRow) => ({
  id: l.id,
  userId: l.userId,
  projectId: l.projectId,
  role: l.role,
  startsOn: l.startsOn,
  endsOn: l.endsOn,
  reason: l.reason,
  createdAt: iso(l.createdAt),
});

/** The answer for a staff member: never the password hash or login counters. */
const staffOut = (s: StaffWithRoles) => ({
  id: s.id,
  name: s.name,
  email: s.email,
  phone: s.phone,
  status: s.status,
  locale: s.locale,
  departmentId: s.departmentId,
  contractorId: s.contractorId,
  lastLoginAt: s.lastLoginAt ? iso(s.lastLoginAt) : null,
  roles: s.roles.map(assignmentOut),
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
  version: s.version,
});

/** Staff (people, their roles and their loans). Reads need `staff.read`, changes `staff.manage`. */
export const staffRouter = createRouter()
  .openapi(listStaffRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.read');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await listStaff(scope, reach, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(staffOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getStaffRoute, async (c) => {
    const scope = c.get('scope');
    const staff = await getStaff(scope, requireReach(scope, 'staff.read'), c.req.valid('param').id);
    c.header('ETag', etagOf(staff.version));
    return c.json(staffOut(staff), 200);
  })
  .openapi(createStaffRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const { staff, oneTimePassword } = await createStaffMember(scope, reach, c.req.valid('json'));
    c.header('ETag', etagOf(staff.version));
    c.header('Location', `/v1/staff/${staff.id}`);
    return c.json({ ...staffOut(staff), ...(oneTimePassword ? { oneTimePassword } : {}) }, 201);
  })
  .openapi(updateStaffRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const staff = await updateStaffMember(scope, reach, {
      id: c.req.valid('param').id,
      changes: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(staff.version));
    return c.json(staffOut(staff), 200);
  })
  .openapi(disableStaffRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const staff = await disableStaffMember(scope, reach, {
      id: c.req.valid('param').id,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(staff.version));
    return c.json(staffOut(staff), 200);
  })
  .openapi(listRolesRoute, async (c) => {
    const scope = c.get('scope');
    const rows = await listStaffRoles(scope, requireReach(scope, 'staff.read'), c.req.valid('param').id);
    return c.json({ data: rows.map(assignmentOut) }, 200);
  })
  .openapi(addRoleRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const row = await grantStaffRole(scope, reach, c.req.valid('param').id, c.req.valid('json'));
    c.header('Location', `/v1/staff/${row.userId}/roles/${row.id}`);
    return c.json(assignmentOut(row), 201);
  })
  .openapi(removeRoleRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const { id, assignmentId } = c.req.valid('param');
    await revokeStaffRole(scope, reach, { staffId: id, assignmentId });
    return c.body(null, 204);
  })
  .openapi(listLoansRoute, async (c) => {
    const scope = c.get('scope');
    const rows = await listStaffLoans(scope, requireReach(scope, 'staff.read'), c.req.valid('param').id);
    return c.json({ data: rows.map(loanOut) }, 200);
  })
  .openapi(createLoanRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const loan = await lendStaff(scope, reach, c.req.valid('param').id, c.req.valid('json'));
    c.header('Location', `/v1/staff/${loan.userId}/loans/${loan.id}`);
    return c.json(loanOut(loan), 201);
  })
  .openapi(deleteLoanRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const { id, loanId } = c.req.valid('param');
    await endLoan(scope, reach, { staffId: id, loanId });
    return c.body(null, 204);
  });
