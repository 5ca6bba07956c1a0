import { DateTimeString } from '@guanjia/core';
import { actorTypes } from '@guanjia/core/vocabulary';
import { z } from '@hono/zod-openapi';
import { bearerSecurity, commonErrors, createRoute, IdParamSchema, jsonContent } from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';

const tags = ['audit-log'];

export const AuditEntry = z
  .object({
    id: z.string().openapi({ description: 'Sorts by time' }),
    actorType: z.enum(actorTypes),
    actorId: z.string().nullable(),
    action: z.string().openapi({ example: 'staff.roles.add' }),
    targetType: z.string().openapi({ example: 'roleAssignment' }),
    targetId: z.string(),
    before: z.unknown().openapi({ description: 'The record before the change; null for a creation' }),
    after: z.unknown().openapi({ description: 'The record after the change; null for a deletion' }),
    requestId: z.string().nullable(),
    at: z.string().openapi({ type: 'string', format: 'date-time' }),
  })
  .openapi('AuditEntry');

const time = DateTimeString;

export const AuditQuery = z.object({
  targetType: z.string().max(40).optional().openapi({ example: 'staff' }),
  targetId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(80).optional().openapi({ example: 'staff.update' }),
  from: time.optional().openapi({ description: 'Entries at or after this instant' }),
  to: time.optional().openapi({ description: 'Entries before this instant' }),
});

export const listAuditRoute = createRoute({
  method: 'get',
  path: '/audit-log',
  operationId: 'listAuditLog',
  tags,
  summary: 'Every change, newest first',
  description:
    'Group-wide readers see every entry. Branch- and project-scoped readers see the entries whose ' +
    'target they can attribute to a branch or project within their reach (org records, owners, ' +
    'staff, role assignments, loans); entries without a place (tenant, zones, contractors, API keys) ' +
    'are for group-wide readers only.',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(AuditQuery) },
  responses: { 200: jsonContent(pageSchema(AuditEntry, 'AuditPage'), 'A page of entries'), ...commonErrors },
});

export const getAuditRoute = createRoute({
  method: 'get',
  path: '/audit-log/{id}',
  operationId: 'getAuditEntry',
  summary: 'Get one audit-log entry with the record before and after',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(AuditEntry, 'The entry'), ...commonErrors },
});
