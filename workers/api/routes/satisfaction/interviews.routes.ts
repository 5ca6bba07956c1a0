import { DateTimeString, satisfaction } from '@guanjia/core';
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
import { idempotent } from '../../middleware/idempotency';

/* Owner interviews (访谈) and supervisors' rotations (轮岗): two small registers. */

const tags = ['satisfaction'];
const id = z.string().min(1).max(64);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const InterviewInput = z
  .object({
    ownerId: id,
    unitId: id,
    interviewedOn: localDate,
    livingExperience: z.string().trim().min(1).max(5000).openapi({ description: '居住感受' }),
    productOpinion: z.string().trim().min(1).max(5000).openapi({ description: '对产品的评价、意见' }),
    staffId: id.optional().openapi({
      description: 'Who held the interview; yourself when omitted (another person takes satisfaction.manage)',
    }),
  })
  .strict()
  .openapi('OwnerInterviewInput');

export const OwnerInterview = z
  .object({
    id: z.string(),
    staffId: z.string(),
    departmentId: z.string().nullable(),
    branchId: z.string().nullable(),
    projectId: z.string().nullable(),
    ownerId: z.string(),
    unitId: z.string(),
    interviewedOn: z.string(),
    livingExperience: z.string().openapi({ description: '居住感受' }),
    productOpinion: z.string().openapi({ description: '对产品的评价、意见' }),
    createdAt: DateTimeString,
  })
  .openapi('OwnerInterview');

const InterviewQuery = z.object({
  staffId: id.optional(),
  projectId: id.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
});

export const InterviewProgress = z
  .object({
    year: z.number().int(),
    quota: z.object({ staff: z.number().int(), management: z.number().int() }),
    people: z.array(
      z.object({
        staffId: z.string(),
        name: z.string(),
        departmentId: z.string().openapi({ description: "'' for staff in no department" }),
        departmentName: z.string().nullable(),
        management: z.boolean(),
        quota: z.number().int(),
        done: z.number().int().openapi({ description: 'Distinct owners interviewed this year' }),
        remaining: z.number().int(),
        remind: z.boolean().openapi({ description: "In the year's last quarter with interviews still owed" }),
      }),
    ),
    departments: z.array(
      z.object({
        departmentId: z.string(),
        departmentName: z.string().nullable(),
        quota: z.number().int(),
        done: z.number().int(),
        people: z.number().int(),
        behind: z.number().int(),
        rate: z.number().nullable(),
      }),
    ),
  })
  .openapi('InterviewProgress');

export const RotationInput = z
  .object({
    staffId: id.openapi({ description: 'The newly promoted supervisor' }),
    branchId: id
      .nullable()
      .optional()
      .openapi({ description: "The branch's CS centre; null for the group's" }),
    startsOn: localDate,
  })
  .strict()
  .openapi('SupervisorRotationInput');

export const RotationCasesInput = z
  .object({ caseIds: z.array(id).max(200).openapi({ description: 'The cases followed, the whole list' }) })
  .strict()
  .openapi('SupervisorRotationCases');

export const RotationReportInput = z
  .object({ report: z.string().trim().min(1).max(10_000).openapi({ description: '交流汇报' }) })
  .strict()
  .openapi('SupervisorRotationReport');

export const SupervisorRotation = z
  .object({
    id: z.string(),
    staffId: z.string(),
    branchId: z.string().nullable(),
    startsOn: z.string(),
    endsOn: z.string().openapi({ description: 'The last of the 14 days' }),
    followedCaseIds: z.array(z.string()),
    report: z.string().nullable(),
    reportedAt: DateTimeString.nullable(),
    reportDueAt: DateTimeString.describe('End of the first working day after the two weeks'),
    state: z.enum(satisfaction.deadlineStates),
    warnedAt: DateTimeString.nullable(),
    breachedAt: DateTimeString.nullable(),
    escalatedAt: DateTimeString.nullable(),
    version: z.number().int(),
  })
  .openapi('SupervisorRotation');

const RotationQuery = z.object({
  staffId: id.optional(),
  branchId: id.optional(),
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .openapi({ description: 'Only rotations whose report is not in' }),
});

export const listInterviewsRoute = createRoute({
  method: 'get',
  path: '/satisfaction/interviews',
  operationId: 'listOwnerInterviews',
  tags,
  summary: 'Owner interviews in your reach (without satisfaction.read: your own), newest first',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(InterviewQuery) },
  responses: {
    200: jsonContent(pageSchema(OwnerInterview, 'OwnerInterviewPage'), 'A page'),
    ...commonErrors,
  },
});

export const fileInterviewRoute = createRoute({
  method: 'post',
  path: '/satisfaction/interviews',
  operationId: 'fileOwnerInterview',
  tags,
  summary: 'File an owner interview report (访谈汇报)',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(InterviewInput) },
  responses: { 201: jsonContent(OwnerInterview, 'The interview'), ...writeErrors },
});

export const interviewProgressRoute = createRoute({
  method: 'get',
  path: '/satisfaction/interviews/progress',
  operationId: 'getInterviewProgress',
  tags,
  summary: 'Progress per person and department against the yearly interview quota (12, management 6)',
  security: bearerSecurity,
  request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
  responses: { 200: jsonContent(InterviewProgress, 'The progress'), ...commonErrors },
});

export const listRotationsRoute = createRoute({
  method: 'get',
  path: '/satisfaction/rotations',
  operationId: 'listSupervisorRotations',
  tags,
  summary: "Newly promoted supervisors' rotations (轮岗) in your reach",
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(RotationQuery) },
  responses: {
    200: jsonContent(pageSchema(SupervisorRotation, 'SupervisorRotationPage'), 'A page'),
    ...commonErrors,
  },
});

export const scheduleRotationRoute = createRoute({
  method: 'post',
  path: '/satisfaction/rotations',
  operationId: 'scheduleSupervisorRotation',
  tags,
  summary: "The CS centre schedules a new supervisor's two weeks",
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(RotationInput) },
  responses: { 201: jsonContent(SupervisorRotation, 'The rotation'), ...writeErrors },
});

export const getRotationRoute = createRoute({
  method: 'get',
  path: '/satisfaction/rotations/{id}',
  operationId: 'getSupervisorRotation',
  tags,
  summary: 'Get a rotation with its report deadline state',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(SupervisorRotation, 'The rotation'), ...commonErrors },
});

export const rotationCasesRoute = createRoute({
  method: 'put',
  path: '/satisfaction/rotations/{id}/cases',
  operationId: 'recordSupervisorRotationCases',
  tags,
  summary: 'Record the cases the supervisor followed',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(RotationCasesInput) },
  responses: { 200: jsonContent(SupervisorRotation, 'The rotation'), ...writeErrors },
});

export const rotationReportRoute = createRoute({
  method: 'post',
  path: '/satisfaction/rotations/{id}/report',
  operationId: 'submitSupervisorRotationReport',
  tags,
  summary: 'Submit the exchange report (交流汇报); once',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(RotationReportInput) },
  responses: { 200: jsonContent(SupervisorRotation, 'The rotation, reported'), ...writeErrors },
});
