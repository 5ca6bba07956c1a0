import { createMiddleware } from 'hono/factory';
import { publishWritten } from '../../data/outbox';
import type { AppEnv } from '../../env';

/**
 * After the response, sends the outbox events the request committed to the EVENTS queue and
 * marks them published (waitUntil). Anything that fails here is re-sent by the cron sweep.
 */
export const publishEvents = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const scope = c.get('scope');
  if (!scope) return;
  c.executionCtx.waitUntil(
    publishWritten(c.env, scope).catch((error) =>
      c.get('logger')?.warn('outbox publish failed; the sweep will re-send', { error: String(error) }),
    ),
  );
});
