import type { Context } from 'hono';
import { openOwnerLink } from '../../../app/cases';
import type { AppEnv } from '../../../env';
import { httpEdge } from '../../lib/edge';
import { rateLimited } from '../../middleware/rate-limit';

/*
 * The owner link (a signed, expiring token, see auth/owner-link.ts) as one context that both the
 * JSON API (/public/v1/owner-link) and the owner's page (/owner-link) read and act through
 * (the use cases in app/cases/owner-link.ts); this edge adds the per-link rate limit.
 */

/** Opens the link for this request; a burst on one link answers 429. */
export function linkContext(c: Context<AppEnv>, token: string) {
  return openOwnerLink(httpEdge(c), token, async (key) => {
    const limit = await c.env.PUBLIC_INTAKE_RATE_LIMITER.limit({ key });
    if (!limit.success) throw rateLimited();
  });
}
