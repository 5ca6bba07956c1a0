import { audits } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  problem,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { id, time } from './fields';

/** Mystery-shopper audits: reading, findings, evidence, publication and the results ranking. */

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
    projectName: z
      .string()
      .nullable()
      .openapi({ description: 'The audited project, for an auditor who reads no organisation' }),
    channel: z.enum(audits.auditChannels),
    auditorId: z.string(),
    status: z.enum(audits.auditStatuses),
    visitedAt: time.nullable(),
    answers: z.array(audits.AuditAnswerSchema),
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
    answers: z.array(audits.AuditAnswerSchema).min(1).max(500).openapi({
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
      status: z.enum(audits.auditStatuses).optional(),
    }),
  },
  responses: { 200: jsonContent(pageSchema(Audit, 'MysteryAuditPage'), 'A page of audits'), ...commonErrors },
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
