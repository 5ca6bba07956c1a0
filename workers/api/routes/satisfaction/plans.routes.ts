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

/* Improvement plans (提高计划) of the bottom three and their quarterly re-checks (复核). */

const tags = ['satisfaction'];
const id = z.string().min(1).max(64);

export const PlanMeasure = satisfaction.MeasureSchema;

export const PlanInput = z
  .object({
    campaignId: id,
    subject: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('project'), projectId: id }),
        z.object({ kind: z.literal('department'), projectId: id, department: z.string().min(1).max(60) }),
      ])
      .openapi({ description: "The project's own plan, or one of its departments'" }),
    ownerId: id.openapi({ description: 'Who answers for the plan' }),
    measures: z.array(PlanMeasure).min(1).max(50).openapi({
      description: 'Each measure names its indicator (e.g. dimension:repairs), action, owner and date',
    }),
  })
  .openapi('ImprovementPlanInput');

export const PlanRevision = z
  .object({ ownerId: id, measures: z.array(PlanMeasure).min(1).max(50) })
  .openapi('ImprovementPlanRevision');

export const PlanStepInput = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('submit') }),
    z.object({ type: z.literal('approve') }),
    z.object({ type: z.literal('return'), reason: z.string().trim().min(1).max(2000) }),
    z.object({
      type: z.literal('present'),
      presentedTo: id.openapi({ description: 'The GM the plan was presented to' }),
      presentedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
    z.object({ type: z.literal('close') }),
  ])
  .openapi('ImprovementPlanStep');

export const RecheckInput = z
  .object({
    progress: z
      .array(
        z.object({
          measureId: z.string().min(1),
          status: z.enum(['not_started', 'in_progress', 'done', 'dropped']),
          note: z.string().max(2000).optional(),
        }),
      )
      .min(1)
      .max(50),
  })
  .openapi('PlanRecheckInput');

export const PlanRecheck = z
  .object({
    id: z.string(),
    year: z.number().int(),
    quarter: z.number().int(),
    dueOn: z.string().openapi({ description: "The quarter's last working day on the tenant calendar" }),
    checkedBy: z.string().nullable(),
    checkedAt: DateTimeString.nullable(),
    progress: z
      .array(z.object({ measureId: z.string(), status: z.string(), note: z.string().optional() }))
      .nullable(),
    warnedAt: DateTimeString.nullable(),
    breachedAt: DateTimeString.nullable(),
    escalatedAt: DateTimeString.nullable(),
  })
  .openapi('PlanRecheck');

export const ImprovementPlan = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    department: z.string().openapi({ description: "'' for the project's own plan" }),
    ownerId: z.string(),
    measures: z.array(PlanMeasure),
    status: z.enum(satisfaction.planStatuses),
    allowedSteps: z.array(z.enum(['submit', 'approve', 'return', 'present', 'close'])),
    submittedAt: DateTimeString.nullable(),
    reviewedBy: z.string().nullable(),
    reviewedAt: DateTimeString.nullable(),
    returnReason: z.string().nullable(),
    presentedTo: z.string().nullable(),
    presentedOn: z.string().nullable(),
    closedAt: DateTimeString.nullable(),
    rechecks: z.array(PlanRecheck),
    version: z.number().int(),
  })
  .openapi('ImprovementPlan');

const PlanQuery = z.object({
  campaignId: id.optional(),
  projectId: id.optional(),
  status: z.enum(satisfaction.planStatuses).optional(),
});
const RecheckParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
  recheckId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'recheckId', in: 'path' } }),
});

export const listPlansRoute = createRoute({
  method: 'get',
  path: '/satisfaction/plans',
  operationId: 'listImprovementPlans',
  tags,
  summary: 'Improvement plans within your reach',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(PlanQuery) },
  responses: {
    200: jsonContent(pageSchema(ImprovementPlan, 'ImprovementPlanPage'), 'A page'),
    ...commonErrors,
  },
});

export const filePlanRoute = createRoute({
  method: 'post',
  path: '/satisfaction/plans',
  operationId: 'fileImprovementPlan',
  tags,
  summary: 'A bottom-three project files its improvement plan (a draft)',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(PlanInput) },
  responses: { 201: jsonContent(ImprovementPlan, 'The draft plan'), ...writeErrors },
});

export const getPlanRoute = createRoute({
  method: 'get',
  path: '/satisfaction/plans/{id}',
  operationId: 'getImprovementPlan',
  tags,
  summary: 'Get an improvement plan with its re-checks',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(ImprovementPlan, 'The plan'), ...commonErrors },
});

export const revisePlanRoute = createRoute({
  method: 'put',
  path: '/satisfaction/plans/{id}/measures',
  operationId: 'reviseImprovementPlan',
  tags,
  summary: 'Revise a draft or returned plan: its owner and measures',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(PlanRevision) },
  responses: { 200: jsonContent(ImprovementPlan, 'The revised plan'), ...writeErrors },
});

export const planStepRoute = createRoute({
  method: 'post',
  path: '/satisfaction/plans/{id}/steps',
  operationId: 'stepImprovementPlan',
  tags,
  summary: 'Submit, approve, return (with a reason), present to the GM, or close a plan',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(PlanStepInput) },
  responses: { 200: jsonContent(ImprovementPlan, 'The plan after the step'), ...writeErrors },
});

export const recordRecheckRoute = createRoute({
  method: 'post',
  path: '/satisfaction/plans/{id}/rechecks/{recheckId}',
  operationId: 'recordPlanRecheck',
  tags,
  summary: "The CS centre records a quarter's re-check (复核): progress per measure",
  security: bearerSecurity,
  request: { params: RecheckParams, body: jsonBody(RecheckInput) },
  responses: { 200: jsonContent(ImprovementPlan, 'The plan with the re-check'), ...writeErrors },
});
