import { isValidTimeZone } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import { createRoute, jsonBody, jsonContent } from '../../lib/openapi';
import { ProblemSchema } from '../../lib/problem';

const tags = ['platform'];
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const CreateTenantInput = z
  .object({
    slug: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/,
        'Lower-case letters, digits and dashes, 3 to 40 characters',
      ),
    name: z.string().trim().min(1).max(100),
    timeZone: z.string().default('Asia/Shanghai').refine(isValidTimeZone, 'Unknown IANA time zone'),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    shard: z
      .string()
      .optional()
      .describe('The D1 shard binding to hold the tenant (default: the shard with the fewest tenants)'),
    admin: z
      .object({
        name: z.string().trim().min(1).max(60),
        email: z.string().email().toLowerCase(),
        phone: z.string().trim().max(20).optional(),
        password: z.string().min(10, 'At least 10 characters').max(200),
      })
      .strict(),
  })
  .strict()
  .openapi('CreateTenantInput');

export const Tenant = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    timeZone: z.string(),
    locale: z.string(),
    status: z.string(),
    shard: z.string().describe('The D1 shard binding holding the tenant'),
    adminUserId: z.string(),
  })
  .openapi('Tenant');

export const MoveTenantInput = z
  .object({
    shard: z.string().min(1).describe('The D1 shard binding to move the tenant to (e.g. DB2)'),
    resume: z
      .boolean()
      .default(false)
      .describe('Take over a move of this tenant to the same shard that is under way or died midway'),
  })
  .strict()
  .openapi('MoveTenantInput');

const TableTally = z.object({
  table: z.string(),
  rows: z.number().int(),
  checksum: z.string().describe('Order-independent checksum of the rows, equal on source and target'),
});

export const TenantMove = z
  .object({
    tenantId: z.string(),
    from: z.string(),
    to: z.string(),
    moved: z.boolean().describe('False when the tenant was already on the shard (leftovers cleaned up)'),
    tables: z.array(TableTally).describe('Every tenant table copied and verified'),
    clocksRearmed: z.number().int(),
    eventsPublished: z.number().int().describe('Outbox events never sent, published from the new shard'),
    sourceDeletedAfter: z
      .string()
      .optional()
      .describe(
        'When the cron deletes the old copy (it refuses writes, and serves isolates that cached the old entry)',
      ),
  })
  .openapi('TenantMove');

export const moveTenantRoute = createRoute({
  method: 'post',
  path: '/platform/tenants/{tenantId}/move',
  operationId: 'moveTenant',
  tags,
  summary: 'Platform operator: move a tenant to another D1 shard',
  description:
    "Fences the tenant's writes (503 + Retry-After meanwhile; reads continue from the source), copies every tenant table, verifies counts and checksums per table, switches the directory entry, re-arms the clocks and publishes unsent events; the cron deletes the source rows a minute later. Safe to repeat.",
  security: [{ platformSecret: [] }],
  request: {
    params: z.object({ tenantId: z.string().min(1) }),
    body: jsonBody(MoveTenantInput),
  },
  responses: {
    200: jsonContent(TenantMove, 'The tenant is on the shard'),
    400: problem('Unknown shard'),
    401: problem('Wrong platform secret'),
    404: problem('No such tenant'),
    409: problem('A move of this tenant is under way'),
    500: problem('The copy failed verification; the tenant stays on its shard'),
  },
});

export const createTenantRoute = createRoute({
  method: 'post',
  path: '/platform/tenants',
  operationId: 'createTenant',
  tags,
  summary: 'Platform operator: create a property group with its first admin',
  security: [{ platformSecret: [] }],
  request: { body: jsonBody(CreateTenantInput) },
  responses: {
    201: jsonContent(Tenant, 'The new tenant'),
    400: problem('Validation failed'),
    401: problem('Wrong platform secret'),
    409: problem('Slug taken'),
  },
});

export const seedDemoRoute = createRoute({
  method: 'post',
  path: '/platform/demo-seed',
  operationId: 'seedDemo',
  tags,
  summary: 'Platform operator: create or refresh the demo property group (idempotent)',
  security: [{ platformSecret: [] }],
  request: {
    query: z.object({
      receiverUrl: z.string().url().max(500).optional().openapi({
        description:
          "Local development: point the demo tenant's SMS, WeChat and email channels at this receiver (scripts/dev-receiver.mjs), give the demo contractor's staff a WeChat OpenID and the demo owners of 西溪花园 theirs",
      }),
      history: z.enum(['true', 'false']).optional().openapi({
        description:
          'Local development: also six weeks of closed cases across kinds, channels and projects, so the dashboard has a history (fixed ids: seeding again adds nothing)',
      }),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({
        tenantId: z.string(),
        slug: z.string(),
        logins: z.array(z.object({ role: z.string(), login: z.string(), password: z.string() })),
      }),
      'Demo logins',
    ),
    400: problem('Validation failed'),
    401: problem('Wrong platform secret'),
  },
});
