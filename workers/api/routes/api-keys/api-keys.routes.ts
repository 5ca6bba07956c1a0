import { DateTimeString, roles, scopeTypes } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdParamSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { GrantInput } from '../staff/staff.routes';

const tags = ['api-keys'];
const instant = z.string().openapi({ type: 'string', format: 'date-time' });

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to recognise it' }),
    grants: z.array(
      z.object({ role: z.enum(roles), scopeType: z.enum(scopeTypes), scopeId: z.string().nullable() }),
    ),
    status: z.enum(['active', 'expired', 'revoked']),
    createdBy: z.string().nullable(),
    createdAt: instant,
    expiresAt: instant.nullable(),
    lastUsedAt: instant.nullable(),
    revokedAt: instant.nullable(),
  })
  .openapi('ApiKey');

export const CreatedApiKey = ApiKey.extend({
  key: z.string().openapi({ description: 'The secret, shown once: store it now; only its hash is kept' }),
}).openapi('CreatedApiKey');

export const ApiKeyInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    grants: z
      .array(GrantInput)
      .min(1)
      .max(20)
      .openapi({ description: 'Usually one `integrator` grant on a project, a branch or the group' }),
    expiresAt: DateTimeString.nullish(),
  })
  .strict()
  .openapi('ApiKeyInput');

export const listApiKeysRoute = createRoute({
  method: 'get',
  path: '/api-keys',
  operationId: 'listApiKeys',
  tags,
  summary: 'Integrator keys, newest first (never their secret)',
  security: bearerSecurity,
  request: { query: PageQuerySchema },
  responses: { 200: jsonContent(pageSchema(ApiKey, 'ApiKeyPage'), 'A page of keys'), ...commonErrors },
});

export const getApiKeyRoute = createRoute({
  method: 'get',
  path: '/api-keys/{id}',
  operationId: 'getApiKey',
  summary: 'Get an API key (never its secret)',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(ApiKey, 'The key'), ...commonErrors },
});

export const createApiKeyRoute = createRoute({
  method: 'post',
  path: '/api-keys',
  operationId: 'createApiKey',
  tags,
  summary: 'Create an integrator key; the answer carries the secret once',
  description:
    'Takes no Idempotency-Key on purpose: replaying the first answer would mean storing the secret. ' +
    'A duplicate key is harmless and can be revoked.',
  security: bearerSecurity,
  request: { body: jsonBody(ApiKeyInput) },
  responses: { 201: jsonContent(CreatedApiKey, 'The new key with its secret'), ...writeErrors },
});

export const revokeApiKeyRoute = createRoute({
  method: 'post',
  path: '/api-keys/{id}/revoke',
  operationId: 'revokeApiKey',
  tags,
  summary: 'Revoke a key: it answers 401 from the next request on',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(ApiKey, 'The revoked key'), ...writeErrors },
});
