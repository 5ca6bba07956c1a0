import { createRoute as honoCreateRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { ProblemSchema } from './problem';

export const IdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** A problem+json error response. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Error responses every authenticated route can give. */
export const commonErrors = {
  400: problem('Validation failed; `issues` lists the fields'),
  401: problem('Missing or invalid credentials'),
  403: problem('The caller lacks the permission'),
  404: problem('No such record in your reach'),
  429: problem('Rate limit exceeded; see Retry-After'),
} as const;

export const writeErrors = {
  ...commonErrors,
  409: problem('Conflicts with existing data or state'),
  412: problem('If-Match does not match the current version'),
  413: problem('Body too large'),
  422: problem('Idempotency-Key reused with a different body, or unprocessable content'),
} as const;

export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(255)
    .optional()
    .openapi({ description: 'Replays return the first response' }),
});

export const IfMatchHeaderSchema = z.object({
  'if-match': z.string().optional().openapi({ description: 'ETag from a previous read; 412 when stale' }),
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const bearerSecurity = [{ bearer: [] }];

/** The Standard Webhooks signature the receiver of an event checks (see docs/webhooks.md). */
export const webhookSignatureSecurity = [{ webhookSignature: [] }];
/** Routes anyone may call: their own credential (an owner-link token, a channel key) is in the path. */
export const noSecurity: Record<string, string[]>[] = [];

/**
 * `createRoute` with what every operation of the document must say: a short English `summary`
 * (what it does, e.g. "File a case") and its `security` (`bearerSecurity`, the platform secret, or
 * `noSecurity` for the public routes). Redocly's recommended rules refuse an operation without
 * them; requiring them here makes a new route without them a type error, not a lint failure later.
 */
export const createRoute = <
  P extends string,
  R extends Omit<RouteConfig, 'path'> & {
    path: P;
    summary: string;
    security: NonNullable<RouteConfig['security']>;
  },
>(
  config: R,
) => honoCreateRoute(config);

/** A raw file, as an upload's body or a download's answer. */
export const binaryContent = (description: string) => ({
  description,
  content: {
    'application/octet-stream': {
      schema: z
        .string()
        .openapi({ format: 'binary', description: "The file's bytes; Content-Type is its type" }),
    },
  },
});
