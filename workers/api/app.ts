import { AppError, type FieldIssue, unknownFieldIssues, unknownFields } from '@guanjia/core';
import { type Hook, OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { AppEnv } from '../env';
import { createLogger } from '../lib/logger';
import { issuesFromZod, problemResponse, toAppError } from './lib/problem';
import { securityHeaders } from './middleware/security-headers';
import { textBody } from './middleware/text-body';

/** Largest JSON body the API accepts; CSV imports have their own, larger limit. */
export const maxJsonBodyBytes = 256 * 1024;

/**
 * POSTs that apply their own, larger body limit in their route (CSV imports);
 * every other request keeps the JSON limit.
 */
export const ownBodyLimitRoutes = [
  /^\/v1\/cases\/[^/]+\/attachments$/, // case files up to 10 MB, checked by the route
  /^\/v1\/projects\/[^/]+\/imports\/[a-z-]+$/,
  /^\/v1\/audits\/[^/]+\/evidence$/,
  /^\/v1\/handover-plans\/[^/]+\/inspection-photos$/, // finding photos up to 20 MB, checked by the route
  /^\/report\/[^/]+\/[^/]+\/[^/]+\/submit$/, // the report page's photos: six of 10 MB, checked by the route
];
const hasOwnBodyLimit = (method: string, path: string) =>
  method === 'POST' && ownBodyLimitRoutes.some((route) => route.test(path));

const validationFailed = (issues: FieldIssue[]) =>
  new AppError('validation_failed', 'See issues for the fields to correct', { issues });

const jsonBodySchemaOf = (route: RouteConfig): z.ZodType | undefined => {
  const media = route.request?.body?.content?.['application/json'];
  const schema = media && 'schema' in media ? media.schema : undefined;
  return schema && typeof schema === 'object' && '_zod' in schema ? (schema as z.ZodType) : undefined;
};

/**
 * A router whose request validation failures become problem+json with field issues, and
 * whose JSON bodies may hold only the fields their schema declares: an unknown field is a
 * 400 naming it (`unrecognized_keys`), never silently dropped.
 */
export function createRouter() {
  const defaultHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
    if (!result.success) {
      const issues = issuesFromZod(result.error, result.target === 'json' ? '' : result.target);
      return problemResponse(c, validationFailed(issues));
    }
  };
  const router = new OpenAPIHono<AppEnv>({ defaultHook });
  const register = router.openapi;
  router.openapi = ((route, handler, hook) => {
    const body = jsonBodySchemaOf(route);
    const strictHook: Hook<unknown, AppEnv, string, unknown> = async (result, c) => {
      if (result.target === 'json' && body) {
        const unknown = unknownFieldIssues(unknownFields(body, await c.req.json().catch(() => undefined)));
        if (unknown.length > 0) {
          // With the schema's own issues, if any; a strict object already names its unknown keys.
          const own = result.success ? [] : issuesFromZod(result.error);
          // A field the schema already refused (a retired setting, a strict object's key) is
          // named once, with the schema's reason.
          const seen = new Set(own.map((i) => i.path));
          return problemResponse(c, validationFailed([...own, ...unknown.filter((i) => !seen.has(i.path))]));
        }
      }
      // biome-ignore lint/suspicious/noExplicitAny: hono's hook types are per route
      return (hook ?? defaultHook)(result as any, c as any);
    };
    return register(route, handler, strictHook as typeof hook);
  }) as typeof router.openapi;
  return router;
}

/** The app shell: security headers, request id, structured logs, body limit, uniform errors. */
export function createApp() {
  const app = createRouter();
  // Outermost, so error pages and 404s carry the headers too.
  app.use(securityHeaders);
  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(async (c, next) => {
    const logger = createLogger({ requestId: c.get('requestId') }, c.env.LOG_LEVEL ?? 'info');
    c.set('logger', logger);
    const started = Date.now();
    await next();
    const principal = c.get('principal');
    logger.info('request', {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Date.now() - started,
      tenantId: principal?.tenantId,
      actor: principal?.actorId,
    });
  });
  const jsonBodyLimit = bodyLimit({
    maxSize: maxJsonBodyBytes,
    onError: () => {
      throw new AppError('payload_too_large', `Bodies are limited to ${maxJsonBodyBytes} bytes`);
    },
  });
  app.use((c, next) => (hasOwnBodyLimit(c.req.method, c.req.path) ? next() : jsonBodyLimit(c, next)));
  app.use((c, next) => (hasOwnBodyLimit(c.req.method, c.req.path) ? next() : textBody(c, next)));
  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.code === 'internal') {
      c.get('logger')?.error('unhandled error', { error: String(error), stack: (error as Error)?.stack });
    }
    return problemResponse(c, appError);
  });
  app.notFound((c) => problemResponse(c, new AppError('not_found', 'No such route')));
  return app;
}
