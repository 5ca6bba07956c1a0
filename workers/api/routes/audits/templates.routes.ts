import { audits } from '@guanjia/core';
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
import { time } from './fields';

/** Audit templates (暗访模板): the checklists an audit is planned with. */

export const AuditTemplate = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(audits.auditChannels),
    sections: z.array(audits.AuditSectionSchema).openapi({
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
    channel: z.enum(audits.auditChannels),
    sections: z
      .array(audits.AuditSectionSchema)
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
  request: { query: PageQuerySchema.extend({ channel: z.enum(audits.auditChannels).optional() }) },
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
