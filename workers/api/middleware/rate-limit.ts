import { AppError } from '@guanjia/core';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';

/** The period configured on every rate-limit binding in wrangler.toml. */
export const rateLimitPeriodSeconds = 60;

export function rateLimited(): AppError {
  return new AppError('rate_limited', `Slow down; retry after ${rateLimitPeriodSeconds} seconds`, {
    extra: { retryAfterSeconds: rateLimitPeriodSeconds },
  });
}

/** Per-tenant and per-API-key limits, counted by the Workers Rate Limiting bindings. */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get('principal');
  const tenant = await c.env.TENANT_RATE_LIMITER.limit({ key: principal.tenantId });
  if (!tenant.success) throw rateLimited();
  if (principal.actorType === 'api_key') {
    const key = await c.env.API_KEY_RATE_LIMITER.limit({ key: principal.actorId });
    if (!key.success) throw rateLimited();
  }
  await next();
});
