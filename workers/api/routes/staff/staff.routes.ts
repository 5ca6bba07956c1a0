import { roles, scopeTypes } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { updateSchemaOf } from '../../lib/update-schema';
import { idempotent } from '../../middleware/idempotency';
import { phone, recordFields } from '../org/schemas';

const tags = ['staff'];
const instant = z.string().openapi({ type: 'string', format: 'date-time' });
const ref = (example: string) => z.string().min(1).max(64).openapi({ example });

export const GrantInput = z
  .object({
    role: z.enum(roles),
    scopeType: z.enum(scopeTypes),
    scopeId: ref('br_01jd8x6v3kf2q9w7t5r4e3d2c1')
      .nullish()
      .openapi({ description: 'The branch or project id; null or absent for a group-wide grant' }),
  })
  .strict()
  .openapi('GrantInput');

export const RoleAssignment = z
  .object({
    id: z.string(),
    userId: z.string(),
    role: z.enum(roles),
    scopeType: z.enum(scopeTypes),
    scopeId: z.string().nullable(),
    createdAt: instant,
  })
  .openapi('RoleAssignment');

export const Staff = z
  .object({
    ...recordFields,
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    locale: z.string().nullable(),
    departmentId: z.string().nullable(),
    contractorId: z.string().nullable(),
    lastLoginAt: instant.nullable(),
    roles: z.array(RoleAssignment),
  })
  .openapi('Staff');

export const CreatedStaff = Staff.extend({
  oneTimePassword: z.string().optional().openapi({
    description: 'Present only when no password was given: shown once, never again; hand it over privately',
  }),
}).openapi('CreatedStaff');

const email = z.string().trim().toLowerCase().email().max(120);

export const StaffInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: email.nullish(),
    phone: phone.nullish(),
    password: z
      .string()
      .min(10, 'At least 10 characters')
      .max(200)
      .optional()
      .openapi({ description: 'Absent: a one-time password is generated and returned once' }),
    locale: z.string().trim().min(2).max(16).nullish(),
    departmentId: ref('dept_01jd8x6v3kf2q9w7t5r4e3d2c1').nullish(),
    contractorId: ref('ctr_01jd8x6v3kf2q9w7t5r4e3d2c1')
      .nullish()
      .openapi({ description: 'For the staff of a contractor (施工单位)' }),
    roles: z.array(GrantInput).max(20).default([]),
  })
  .strict()
  .refine((v) => !!v.email || !!v.phone, {
    message: 'Give an email or a phone number to log in with',
    path: ['email'],
  })
  .openapi('StaffInput');

export const StaffUpdate = updateSchemaOf(
  z.object({
    name: z.string().trim().min(1).max(100),
    email: email.nullable(),
    phone: phone.nullable(),
    status: z.enum(['active', 'disabled']),
    locale: z.string().trim().min(2).max(16).nullable(),
    departmentId: ref('dept_01jd8x6v3kf2q9w7t5r4e3d2c1').nullable(),
  }),
).openapi('StaffUpdate');

export const StaffQuery = z.object({
  branchId: z
    .string()
    .optional()
    .openapi({ description: 'Holds a role in this branch or one of its projects' }),
  projectId: z.string().optional().openapi({ description: 'Holds a role in this project' }),
  role: z.enum(roles).optional(),
});

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A local date YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'Not a calendar date',
    },
  );

export const maxLoanDays = 366;

export const LoanInput = z
  .object({
    projectId: ref('prj_01jd8x6v3kf2q9w7t5r4e3d2c1'),
    role: z.enum(roles).refine((r) => r !== 'tenant_admin' && r !== 'integrator', {
      message: 'A loan grants a project role',
    }),
    startsOn: localDate,
    endsOn: localDate,
    reason: z.string().trim().max(200).nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const days = (Date.parse(v.endsOn) - Date.parse(v.startsOn)) / 86_400_000 + 1;
    if (Number.isNaN(days)) return;
    if (days < 1)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'endsOn must not be before startsOn' });
    else if (days > maxLoanDays) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `A loan lasts at most ${maxLoanDays} days` });
    }
  })
  .openapi('LoanInput');

export const Loan = z
  .object({
    id: z.string(),
    userId: z.string(),
    projectId: z.string(),
    role: z.enum(roles),
    startsOn: z.string().openapi({ description: 'Local date (tenant time zone), inclusive' }),
    endsOn: z.string().openapi({ description: 'Local date (tenant time zone), inclusive' }),
    reason: z.string().nullable(),
    createdAt: instant,
  })
  .openapi('Loan');

const StaffParam = IdParamSchema;
const AssignmentParam = IdParamSchema.extend({
  assignmentId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'assignmentId', in: 'path' } }),
});
const LoanParam = IdParamSchema.extend({
  loanId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'loanId', in: 'path' } }),
});

export const listStaffRoute = createRoute({
  method: 'get',
  path: '/staff',
  operationId: 'listStaff',
  tags,
  summary: 'Staff holding a role within your staff.read reach',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(StaffQuery) },
  responses: { 200: jsonContent(pageSchema(Staff, 'StaffPage'), 'A page of staff'), ...commonErrors },
});

export const getStaffRoute = createRoute({
  method: 'get',
  path: '/staff/{id}',
  operationId: 'getStaff',
  summary: 'Get a staff member',
  tags,
  security: bearerSecurity,
  request: { params: StaffParam },
  responses: { 200: jsonContent(Staff, 'The staff member'), ...commonErrors },
});

export const createStaffRoute = createRoute({
  method: 'post',
  path: '/staff',
  operationId: 'createStaff',
  tags,
  summary: 'Create a staff login with its first role assignments',
  description:
    'Not idempotent by key on purpose: a replay would have to store the one-time password. ' +
    'Email and phone are unique per tenant, so a repeated create answers 409.',
  security: bearerSecurity,
  request: { body: jsonBody(StaffInput) },
  responses: { 201: jsonContent(CreatedStaff, 'The new staff member'), ...writeErrors },
});

export const updateStaffRoute = createRoute({
  method: 'patch',
  path: '/staff/{id}',
  operationId: 'updateStaff',
  summary: 'Update a staff member',
  tags,
  security: bearerSecurity,
  request: { params: StaffParam, headers: IfMatchHeaderSchema, body: jsonBody(StaffUpdate) },
  responses: { 200: jsonContent(Staff, 'The updated staff member'), ...writeErrors },
});

export const disableStaffRoute = createRoute({
  method: 'delete',
  path: '/staff/{id}',
  operationId: 'disableStaff',
  tags,
  summary: 'Disable a staff login (staff are never hard-deleted: the audit trail names them)',
  security: bearerSecurity,
  request: { params: StaffParam, headers: IfMatchHeaderSchema },
  responses: { 200: jsonContent(Staff, 'The disabled staff member'), ...writeErrors },
});

export const listRolesRoute = createRoute({
  method: 'get',
  path: '/staff/{id}/roles',
  operationId: 'listStaffRoles',
  summary: "List a staff member's role assignments",
  tags,
  security: bearerSecurity,
  request: { params: StaffParam },
  responses: {
    200: jsonContent(
      z.object({ data: z.array(RoleAssignment) }).openapi('RoleAssignmentList'),
      'Assignments',
    ),
    ...commonErrors,
  },
});

export const addRoleRoute = createRoute({
  method: 'post',
  path: '/staff/{id}/roles',
  operationId: 'addStaffRole',
  summary: 'Assign a role to a staff member',
  tags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { params: StaffParam, headers: IdempotencyHeaderSchema, body: jsonBody(GrantInput) },
  responses: { 201: jsonContent(RoleAssignment, 'The new assignment'), ...writeErrors },
});

export const removeRoleRoute = createRoute({
  method: 'delete',
  path: '/staff/{id}/roles/{assignmentId}',
  operationId: 'removeStaffRole',
  summary: "Remove a staff member's role assignment",
  tags,
  security: bearerSecurity,
  request: { params: AssignmentParam },
  responses: { 204: { description: 'Removed' }, ...writeErrors },
});

export const listLoansRoute = createRoute({
  method: 'get',
  path: '/staff/{id}/loans',
  operationId: 'listStaffLoans',
  summary: "List a staff member's loans to other branches or projects",
  tags,
  security: bearerSecurity,
  request: { params: StaffParam },
  responses: {
    200: jsonContent(z.object({ data: z.array(Loan) }).openapi('LoanList'), 'Loans, past and future'),
    ...commonErrors,
  },
});

export const createLoanRoute = createRoute({
  method: 'post',
  path: '/staff/{id}/loans',
  operationId: 'createStaffLoan',
  tags,
  summary: 'Lend a staff member to a project of their branch for a date range',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { params: StaffParam, headers: IdempotencyHeaderSchema, body: jsonBody(LoanInput) },
  responses: { 201: jsonContent(Loan, 'The new loan'), ...writeErrors },
});

export const deleteLoanRoute = createRoute({
  method: 'delete',
  path: '/staff/{id}/loans/{loanId}',
  operationId: 'deleteStaffLoan',
  summary: "End a staff member's loan",
  tags,
  security: bearerSecurity,
  request: { params: LoanParam },
  responses: { 204: { description: 'Ended and removed' }, ...writeErrors },
});
