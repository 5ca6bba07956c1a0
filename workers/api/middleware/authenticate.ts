import { AppError } from '@guanjia/core';
import { createMiddleware } from 'hono/factory';
import { apiKeyPrefix, principalOfApiKey } from '../../app/api-keys';
import { tenantScope } from '../../app/scope';
import { verifyAccessToken } from '../../auth/tokens';
import { findTenant } from '../../data/tenants';
import type { AppEnv, Env, Principal } from '../../env';
import { profileMark } from '../../lib/profile';
import { httpEdge } from '../lib/edge';

/**
 * Resolves the caller (staff JWT or integrator API key) into a principal and
 * a tenant scope. Every /v1 route sits behind it.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new AppError('unauthenticated', 'Send a Bearer access token or API key');
  const token = match[1];
  const edge = httpEdge(c);
  const now = edge.now;
  const principal = token.startsWith(`${apiKeyPrefix}_`)
    ? await principalOfApiKey(c.env, token, now, (work) => c.executionCtx.waitUntil(work))
    : await principalFromAccessToken(c.env, token);
  const tenant = await findTenant(c.env, principal.tenantId);
  if (tenant?.status !== 'active') throw new AppError('invalid_token');
  c.set('principal', principal);
  c.set('logger', c.get('logger').with({ tenantId: tenant.id }));
  c.set(
    'scope',
    tenantScope({ ...edge, logger: c.get('logger') }, tenant, {
      actor: { type: principal.actorType, id: principal.actorId },
      grants: principal.grants,
      contractorId: principal.contractorId,
      requestId: c.get('requestId'),
    }),
  );
  profileMark('authenticated');
  await next();
});

async function principalFromAccessToken(env: Env, token: string): Promise<Principal> {
  const claims = await verifyAccessToken(env, token);
  return {
    tenantId: claims.tenantId,
    actorType: 'staff',
    actorId: claims.userId,
    grants: claims.grants,
    contractorId: claims.contractorId,
  };
}
