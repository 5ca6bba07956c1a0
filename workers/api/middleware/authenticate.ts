import { AppError, sha256Hex, tenantIdOfSecret } from '@guanjia/core';
import { apiKeys } from '@guanjia/core/db/schema';
import { and, eq, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { tenantScope } from '../../app/scope';
import { verifyAccessToken } from '../../auth/tokens';
import { shardDb } from '../../data/db';
import { findTenant } from '../../data/tenants';
import type { AppEnv, Env, Principal } from '../../env';
import { httpEdge } from '../lib/edge';

export const apiKeyPrefix = 'gjk';

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
    ? await principalFromApiKey(c.env, token, now, (work) => c.executionCtx.waitUntil(work))
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

async function principalFromApiKey(
  env: Env,
  key: string,
  now: Date,
  waitUntil: (work: Promise<unknown>) => void,
): Promise<Principal> {
  const tenantId = tenantIdOfSecret(apiKeyPrefix, key);
  const tenant = tenantId ? await findTenant(env, tenantId) : undefined;
  if (!tenant) throw new AppError('invalid_token');
  const db = shardDb(env, tenant.shard);
  const keyHash = await sha256Hex(key);
  const row = await db.query.apiKeys.findFirst({
    where: and(eq(apiKeys.tenantId, tenant.id), eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)),
  });
  if (!row || (row.expiresAt && row.expiresAt <= now)) throw new AppError('invalid_token');
  waitUntil(
    db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.tenantId, tenant.id), eq(apiKeys.id, row.id)))
      .run(),
  );
  return {
    tenantId: row.tenantId,
    actorType: 'api_key',
    actorId: row.id,
    grants: row.grants,
    contractorId: null,
  };
}
