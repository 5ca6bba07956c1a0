import { AppError, randomSecret } from '@guanjia/core';
import { requireReach } from '../../../data/reach';
import {
  type AssignmentRow,
  checkStaffRefs,
  createStaff,
  getManageableStaff,
  getStaff,
  type LoanRow,
  listStaff,
  type StaffWithRoles,
  updateStaff,
} from '../../../data/staff';
import { addAssignment, checkGrant, listAssignments, removeAssignment } from '../../../data/staff-grants';
import { createLoan, deleteLoan, listLoans } from '../../../data/staff-loans';
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
    const { roles, password, ...input } = c.req.valid('json');
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
    await checkStaffRefs(scope, reach, input);
    const oneTimePassword = password ? undefined : randomSecret('gj', 12).slice(3);
    const staff = await createStaff(
      scope,
      { ...input, password: password ?? (oneTimePassword as string) },
      grants,
    );
    c.header('ETag', etagOf(staff.version));
    c.header('Location', `/v1/staff/${staff.id}`);
    return c.json({ ...staffOut(staff), ...(oneTimePassword ? { oneTimePassword } : {}) }, 201);
  })
  .openapi(updateStaffRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const before = await getManageableStaff(scope, reach, c.req.valid('param').id);
    const changes = c.req.valid('json');
    await checkStaffRefs(scope, reach, changes);
    const staff = await updateStaff(scope, before, changes, expectedVersion(c));
    c.header('ETag', etagOf(staff.version));
    return c.json(staffOut(staff), 200);
  })
  .openapi(disableStaffRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const before = await getManageableStaff(scope, reach, c.req.valid('param').id);
    const staff =
      before.status === 'disabled'
        ? before
        : await updateStaff(scope, before, { status: 'disabled' }, expectedVersion(c), 'staff.disable');
    c.header('ETag', etagOf(staff.version));
    return c.json(staffOut(staff), 200);
  })
  .openapi(listRolesRoute, async (c) => {
    const scope = c.get('scope');
    const staff = await getStaff(scope, requireReach(scope, 'staff.read'), c.req.valid('param').id);
    return c.json({ data: (await listAssignments(scope, staff.id)).map(assignmentOut) }, 200);
  })
  .openapi(addRoleRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const staff = await getManageableStaff(scope, reach, c.req.valid('param').id);
    const grant = await checkGrant(scope, reach, c.req.valid('json'), '', { forbiddenRoles: ['integrator'] });
    const row = await addAssignment(scope, staff, grant);
    c.header('Location', `/v1/staff/${staff.id}/roles/${row.id}`);
    return c.json(assignmentOut(row), 201);
  })
  .openapi(removeRoleRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const { id, assignmentId } = c.req.valid('param');
    const staff = await getManageableStaff(scope, reach, id);
    await removeAssignment(scope, reach, staff, assignmentId);
    return c.body(null, 204);
  })
  .openapi(listLoansRoute, async (c) => {
    const scope = c.get('scope');
    const staff = await getStaff(scope, requireReach(scope, 'staff.read'), c.req.valid('param').id);
    return c.json({ data: (await listLoans(scope, staff.id)).map(loanOut) }, 200);
  })
  .openapi(createLoanRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const staff = await getManageableStaff(scope, reach, c.req.valid('param').id);
    const loan = await createLoan(scope, reach, staff, c.req.valid('json'));
    c.header('Location', `/v1/staff/${staff.id}/loans/${loan.id}`);
    return c.json(loanOut(loan), 201);
  })
  .openapi(deleteLoanRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'staff.manage');
    const { id, loanId } = c.req.valid('param');
    const staff = await getManageableStaff(scope, reach, id);
    await deleteLoan(scope, reach, staff, loanId);
    return c.body(null, 204);
  });
