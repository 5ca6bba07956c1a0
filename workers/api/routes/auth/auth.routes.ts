import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  jsonBody,
  jsonContent,
  noSecurity,
} from '../../lib/openapi';
import { ProblemSchema } from '../../lib/problem';

const tags = ['auth'];
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const LoginInput = z
  .object({
    tenant: z.string().trim().min(1).max(64).openapi({ description: 'Tenant slug', example: 'demo' }),
    login: z
      .string()
      .trim()
      .min(3)
      .max(120)
      .openapi({ description: 'Email or phone', example: 'admin@demo.guanjia.dev' }),
    password: z.string().min(1).max(200),
  })
  .strict()
  .openapi('LoginInput');

export const TokenPair = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
    refreshToken: z.string().openapi({ description: 'Single use; rotated on every refresh' }),
  })
  .openapi('TokenPair');

export const RefreshInput = z
  .object({ refreshToken: z.string().min(10).max(300) })
  .strict()
  .openapi('RefreshInput');

export const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'login',
  security: noSecurity,
  tags,
  summary: 'Staff login with email or phone and password',
  request: { body: jsonBody(LoginInput) },
  responses: {
    200: jsonContent(TokenPair, 'Tokens'),
    400: problem('Validation failed'),
    401: problem('Wrong login or password (the same answer for a login that does not exist)'),
    429: problem(
      'Too many attempts from this address for this login, or for the tenant; see Retry-After. ' +
        'The account itself is never locked.',
    ),
  },
});

export const refreshRoute = createRoute({
  method: 'post',
  path: '/auth/refresh',
  operationId: 'refreshToken',
  security: noSecurity,
  tags,
  summary: 'Rotate a refresh token; a reused token revokes its family',
  request: { body: jsonBody(RefreshInput) },
  responses: {
    200: jsonContent(TokenPair, 'New tokens'),
    400: problem('Validation failed'),
    401: problem('Invalid'),
  },
});

export const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  operationId: 'logout',
  security: noSecurity,
  tags,
  summary: 'Revoke the refresh token family',
  request: { body: jsonBody(RefreshInput) },
  responses: { 204: { description: 'Logged out' }, 400: problem('Validation failed') },
});

export const Me = z
  .object({
    tenantId: z.string(),
    actorType: z.enum(['staff', 'api_key']),
    actorId: z.string(),
    name: z.string().nullable(),
    grants: z.array(z.object({ role: z.string(), scopeType: z.string(), scopeId: z.string().nullable() })),
    permissions: z.array(z.string()).openapi({
      description:
        'Every permission the grants carry (in some scope), sorted: what a client may offer; the reach of each stays per grant',
      example: ['cases.create', 'cases.read'],
    }),
    contractorId: z.string().nullable(),
  })
  .openapi('Me');

export const meRoute = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags,
  summary: 'Who the token belongs to, with its grants',
  security: bearerSecurity,
  responses: { 200: jsonContent(Me, 'The caller'), ...commonErrors },
});
