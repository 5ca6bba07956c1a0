import { AppError } from '@guanjia/core';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { AppEnv } from '../env';
import { createLogger } from './lib/logger';
import { issuesFromZod, problemResponse, toAppError } from './lib/problem';
import { securityHeaders } from './middleware/security-headers';

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
];
const hasOwnBodyLimit = (method: string, path: string) =>
  method === 'POST' && ownBodyLimitRoutes.some((route) => route.test(path));

/** A router whose request validation failures become problem+json with field issues. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = issuesFromZod(result.error, result.target === 'json' ? '' : result.target);
        return problemResponse(
          c,
          new AppError('validation_failed', 'See issues for the fields to correct', { issues }),
        );
      }
    },
  });
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
