import { audits as core, DateTimeString } from '@guanjia/core';
import {
  auditChannels,
  auditPlanStatuses,
  auditStatuses,
  correctiveActionStatuses,
} from '@guanjia/core/db/schema';
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
  problem,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { updateSchemaOf } from '../../lib/update-schema';
import { idempotent } from '../../middleware/idempotency';

const id = z.string().min(1).max(64);
const time = DateTimeString;
const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

// ---------------------------------------------------------------------------
// Templates

export const AuditTemplate = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(auditChannels),
    sections: z.array(core.AuditSectionSchema).openapi({
      description:
        'Sections of weighted items: `{ key, label: { zh, en }, weight, items }`; items `{ key, label, weight, type: yes_no | scale | timing | phrase, critical: zero_section | fail_audit | null, ... }`',
    }),
    threshold: z
      .number()
      .nullable()
      .openapi({ description: 'Pass mark 0-100; null uses the tenant setting' }),
    defaultKey: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int().openapi({ description: 'Template revision; audits record the one they used' }),
    createdAt: time,
    updatedAt: time,
  })
  .openapi('AuditTemplate');

export const AuditTemplateInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    channel: z.enum(auditChannels),
    sections: z
      .array(core.AuditSectionSchema)
      .min(1)
      .max(50)
      .openapi({ description: 'Sections of weighted items; item keys are unique across the template' }),
    threshold: z.number().min(0).max(100).nullable().optional(),
    active: z.boolean().optional(),
  })
  .openapi('AuditTemplateInput');

const templateTags = ['audit-templates'];

export const listTemplatesRoute = createRoute({
  method: 'get',
  path: '/audit-templates',
  operationId: 'listAuditTemplates',
  tags: templateTags,
  summary:
    'Checklists of the tenant; the defaults (hotline, front desk, sales office, online chat) appear on first use',
  security: bearerSecurity,
  request: { query: PageQuerySchema.extend({ channel: z.enum(auditChannels).optional() }) },
  responses: {
    200: jsonContent(pageSchema(AuditTemplate, 'AuditTemplatePage'), 'A page of templates'),
    ...commonErrors,
  },
});

export const getTemplateRoute = createRoute({
  method: 'get',
  path: '/audit-templates/{id}',
  operationId: 'getAuditTemplate',
  summary: 'Get an audit template',
  tags: templateTags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(AuditTemplate, 'The template'), ...commonErrors },
});

export const createTemplateRoute = createRoute({
  method: 'post',
  path: '/audit-templates',
  operationId: 'createAuditTemplate',
  summary: 'Create an audit template (sections, items, weights)',
  tags: templateTags,
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(AuditTemplateInput) },
  responses: { 201: jsonContent(AuditTemplate, 'The new template'), ...writeErrors },
});

export const seedTemplatesRoute = createRoute({
  method: 'post',
  path: '/audit-templates/defaults',
  operationId: 'seedDefaultAuditTemplates',
  tags: templateTags,
  summary: 'Adds the default templates the tenant does not have yet (seeding twice changes nothing)',
  security: bearerSecurity,
  responses: {
    200: jsonContent(
      z.object({ created: z.number().int() }).openapi('SeededTemplates'),
      'How many were added',
    ),
    ...writeErrors,
  },
});

export const updateTemplateRoute = createRoute({
  method: 'patch',
  path: '/audit-templates/{id}',
  operationId: 'updateAuditTemplate',
  summary: 'Update an audit template',
  tags: templateTags,
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(updateSchemaOf(AuditTemplateInput).openapi('AuditTemplateUpdate')),
  },
  responses: { 200: jsonContent(AuditTemplate, 'The new revision'), ...writeErrors },
});

export const deleteTemplateRoute = createRoute({
  method: 'delete',
  path: '/audit-templates/{id}',
  operationId: 'deleteAuditTemplate',
  summary: 'Delete an audit template',
  tags: templateTags,
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
  responses: { 204: { description: 'Deleted' }, ...writeErrors },
});

// ---------------------------------------------------------------------------
// Plans

export const AuditPlan = z
  .object({
    id: z.string(),
    templateId: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    channel: z.enum(auditChannels),
    dueOn: z.string(),
    auditorId: z.string(),
    status: z.enum(auditPlanStatuses),
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
      status: z.enum(auditPlanStatuses).optional(),
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

// ---------------------------------------------------------------------------
// Audits

export const Evidence = z
  .object({
    id: z.string(),
    itemId: z.string().nullable(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    uploadedBy: z.string().nullable(),
    createdAt: time,
  })
  .openapi('AuditEvidence');

export const Audit = z
  .object({
    id: z.string(),
    planId: z.string(),
    templateId: z.string(),
    templateVersion: z.number().int(),
    template: z.record(z.string(), z.unknown()),
    branchId: z.string(),
    projectId: z.string(),
    channel: z.enum(auditChannels),
    auditorId: z.string(),
    status: z.enum(auditStatuses),
    visitedAt: time.nullable(),
    answers: z.array(core.AuditAnswerSchema),
    score: z.number().nullable(),
    passed: z.boolean().nullable(),
    threshold: z.number().nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
    submittedAt: time.nullable(),
    publishedAt: time.nullable(),
    evidence: z.array(Evidence).optional(),
    version: z.number().int(),
  })
  .openapi('Audit');

export const AuditSubmitInput = z
  .object({
    visitedAt: time,
    answers: z.array(core.AuditAnswerSchema).min(1).max(500).openapi({
      description:
        "One per item: `{ itemKey, kind: 'yes_no', value }`, `{ kind: 'scale', value }`, `{ kind: 'timing', seconds }`, `{ kind: 'phrase', transcript?, passed? }` or `{ kind: 'not_applicable' }` (leaves the base)",
    }),
  })
  .openapi('AuditSubmitInput');

const auditTags = ['audits'];

export const listAuditsRoute = createRoute({
  method: 'get',
  path: '/audits',
  operationId: 'listAudits',
  tags: auditTags,
  summary:
    'Managers see the audits of their projects; an auditor only its own; project staff only published ones',
  security: bearerSecurity,
  request: {
    query: PageQuerySchema.extend({
      projectId: id.optional(),
      branchId: id.optional(),
      planId: id.optional(),
      status: z.enum(auditStatuses).optional(),
    }),
  },
  responses: { 200: jsonContent(pageSchema(Audit, 'AuditPage'), 'A page of audits'), ...commonErrors },
});

export const ResultsQuery = z.object({
  groupBy: z.enum(['project', 'branch']).default('project'),
  from: time.optional().openapi({ description: 'Visited at or after' }),
  to: time.optional().openapi({ description: 'Visited before' }),
});

export const AuditResults = z
  .object({
    groupBy: z.enum(['project', 'branch']),
    groups: z.array(
      z.object({
        key: z.string().openapi({ description: 'projectId or branchId' }),
        rank: z
          .number()
          .int()
          .openapi({ description: 'By mean score, best first; equal means share a rank' }),
        count: z.number().int(),
        mean: z.number(),
        min: z.number(),
        max: z.number(),
        passRate: z.number().openapi({ description: 'Share of audits that passed, 0..1' }),
        trend: z.array(
          z.object({
            period: z.string().openapi({ description: 'Local month, YYYY-MM' }),
            count: z.number().int(),
            mean: z.number(),
            passRate: z.number(),
          }),
        ),
      }),
    ),
  })
  .openapi('AuditResults');

export const resultsRoute = createRoute({
  method: 'get',
  path: '/audits/results',
  operationId: 'getAuditResults',
  tags: auditTags,
  summary: 'Published results per project or branch: average score, ranking and the monthly trend',
  security: bearerSecurity,
  request: { query: ResultsQuery },
  responses: { 200: jsonContent(AuditResults, 'Results'), ...commonErrors },
});

export const getAuditRoute = createRoute({
  method: 'get',
  path: '/audits/{id}',
  operationId: 'getAudit',
  summary: 'Get an audit with its answers and score',
  tags: auditTags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(Audit, 'The audit with its evidence'), ...commonErrors },
});

export const submitAuditRoute = createRoute({
  method: 'post',
  path: '/audits/{id}/submit',
  operationId: 'submitAudit',
  tags: auditTags,
  summary: 'The assigned auditor submits the answers and the visit time; the platform scores it',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(AuditSubmitInput) },
  responses: { 200: jsonContent(Audit, 'The scored audit'), ...writeErrors },
});

export const EvidenceQuery = z.object({ itemId: z.string().max(64).optional() });

export const uploadEvidenceRoute = createRoute({
  method: 'post',
  path: '/audits/{id}/evidence',
  operationId: 'uploadAuditEvidence',
  tags: auditTags,
  summary:
    'Raw body upload (image/jpeg|png|webp, audio/mpeg|mp4|amr|wav, application/pdf; at most 20 MB) by the assigned auditor',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    query: EvidenceQuery,
    body: {
      required: true,
      content: {
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    201: jsonContent(Evidence, 'The stored evidence'),
    415: problem('Content type not accepted'),
    ...writeErrors,
  },
});

export const getEvidenceRoute = createRoute({
  method: 'get',
  path: '/audits/{id}/evidence/{evidenceId}',
  operationId: 'getAuditEvidence',
  tags: auditTags,
  summary: 'The stored file, for whoever may see the audit',
  security: bearerSecurity,
  request: {
    params: IdParamSchema.extend({
      evidenceId: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'evidenceId', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'The file',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...commonErrors,
  },
});

export const publishAuditRoute = createRoute({
  method: 'post',
  path: '/audits/{id}/publish',
  operationId: 'publishAudit',
  tags: auditTags,
  summary: 'Shows the result to the audited project; below the threshold it creates corrective actions',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
  responses: { 200: jsonContent(Audit, 'The published audit'), ...writeErrors },
});

// ---------------------------------------------------------------------------
// Corrective actions

export const CorrectiveAction = z
  .object({
    id: z.string(),
    auditId: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    itemId: z.string().nullable(),
    description: z.string(),
    ownerId: z.string(),
    deadline: time,
    overdue: z.boolean(),
    status: z.enum(correctiveActionStatuses),
    resolution: z.string().nullable(),
    doneAt: time.nullable(),
    verifiedBy: z.string().nullable(),
    verifiedAt: time.nullable(),
    version: z.number().int(),
  })
  .openapi('CorrectiveAction');

const correctiveTags = ['corrective-actions'];

export const listCorrectiveRoute = createRoute({
  method: 'get',
  path: '/corrective-actions',
  operationId: 'listCorrectiveActions',
  summary: 'List corrective actions in your reach',
  tags: correctiveTags,
  security: bearerSecurity,
  request: {
    query: PageQuerySchema.extend({
      projectId: id.optional(),
      auditId: id.optional(),
      status: z.enum(correctiveActionStatuses).optional(),
      overdue: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'true: past the deadline and not verified' }),
    }),
  },
  responses: {
    200: jsonContent(pageSchema(CorrectiveAction, 'CorrectiveActionPage'), 'A page of corrective actions'),
    ...commonErrors,
  },
});

export const getCorrectiveRoute = createRoute({
  method: 'get',
  path: '/corrective-actions/{id}',
  operationId: 'getCorrectiveAction',
  summary: 'Get a corrective action',
  tags: correctiveTags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(CorrectiveAction, 'The corrective action'), ...commonErrors },
});

export const completeCorrectiveRoute = createRoute({
  method: 'post',
  path: '/corrective-actions/{id}/complete',
  operationId: 'completeCorrectiveAction',
  tags: correctiveTags,
  summary: 'The owner reports the fix; a supervisor then verifies it',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(
      z.object({ resolution: z.string().trim().min(1).max(2000) }).openapi('CorrectiveCompleteInput'),
    ),
  },
  responses: { 200: jsonContent(CorrectiveAction, 'Done, waiting for verification'), ...writeErrors },
});

export const verifyCorrectiveRoute = createRoute({
  method: 'post',
  path: '/corrective-actions/{id}/verify',
  operationId: 'verifyCorrectiveAction',
  tags: correctiveTags,
  summary:
    'A supervisor (audits.manage, not the owner) accepts the fix, closing the action, or sends it back',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(
      z
        .object({ accepted: z.boolean(), comment: z.string().trim().max(2000).optional() })
        .openapi('CorrectiveVerifyInput'),
    ),
  },
  responses: { 200: jsonContent(CorrectiveAction, 'Verified or reopened'), ...writeErrors },
});
