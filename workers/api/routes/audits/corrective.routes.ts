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
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { id, time } from './fields';

/** Corrective actions (整改) of published audits. */

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
    status: z.enum(audits.correctiveActionStatuses),
    resolution: z.string().nullable(),
    doneAt: time.nullable(),
    verifiedBy: z.string().nullable(),
    verifiedAt: time.nullable(),
    returnReason: z.string().nullable().openapi({
      description: 'Why the supervisor last sent the fix back; null once verified or never sent back',
    }),
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
      status: z.enum(audits.correctiveActionStatuses).optional(),
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
    'A supervisor (audits.manage, not the owner) accepts the fix, closing the action, or sends it back with a reason',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(
      z
        .object({
          accepted: z.boolean(),
          comment: z.string().trim().max(2000).optional().openapi({
            description: 'Required when sending back (accepted: false): the reason the owner reads',
          }),
        })
        .openapi('CorrectiveVerifyInput'),
    ),
  },
  responses: { 200: jsonContent(CorrectiveAction, 'Verified or reopened'), ...writeErrors },
});
