import { audits } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { idempotent } from '../../middleware/idempotency';
import { id, localDay, time } from './fields';

/** Audit plans (暗访计划): what to audit, by when, by whom. */

export const AuditPlan = z
  .object({
    id: z.string(),
    templateId: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    channel: z.enum(audits.auditChannels),
    dueOn: z.string(),
    auditorId: z.string(),
    status: z.enum(audits.auditPlanStatuses),
    auditId: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: time,
    version: z.number().int(),
  })
  .openapi('AuditPlan');

export const AuditPlanInput = z
  .object({
    templateId: id,
    projectId: id,
    dueOn: localDay,
    auditorId: id,
  })
  .openapi('AuditPlanInput');

const planTags = ['audit-plans'];

export const listPlansRoute = createRoute({
  method: 'get',
  path: '/audit-plans',
  operationId: 'listAuditPlans',
  summary: 'List audit plans in your reach',
  tags: planTags,
  security: bearerSecurity,
  request: {
    query: PageQuerySchema.extend({
      projectId: id.optional(),
      auditorId: id.optional(),
      status: z.enum(audits.auditPlanStatuses).optional(),
    }),
  },
  responses: { 200: jsonContent(pageSchema(AuditPlan, 'AuditPlanPage'), 'A page of plans'), ...commonErrors },
});

export const getPlanRoute = createRoute({
  method: 'get',
  path: '/audit-plans/{id}',
  operationId: 'getAuditPlan',
  summary: 'Get an audit plan',
  tags: planTags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(AuditPlan, 'The plan'), ...commonErrors },
});

export const createPlanRoute = createRoute({
  method: 'post',
  path: '/audit-plans',
  operationId: 'createAuditPlan',
  tags: planTags,
  summary: 'Plans an audit of a project channel with a due date and an assigned auditor (creates the audit)',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(AuditPlanInput) },
  responses: { 201: jsonContent(AuditPlan, 'The new plan'), ...writeErrors },
});
