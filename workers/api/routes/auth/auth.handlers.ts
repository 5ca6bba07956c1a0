import { AppError, tenantIdOfSecret } from '@guanjia/core';
import { attemptLogin } from '../../../auth/login';
import { accessTokenTtlSeconds, signAccessToken } from '../../../auth/tokens';
import { type Database, shardDb } from '../../../data/db';
import {
  findStaffById,
  grantsOf,
  issueRefreshToken,
  refreshTokenPrefix,
  revokeFamily,
  type StaffUser,
  spendRefreshToken,
} from '../../../data/staff-auth';
import { findTenant } from '../../../data/tenants';
import type { Env } from '../../../env';
import { createRouter } from '../../app';
import { httpEdge } from '../../lib/edge';
import { rateLimited } from '../../middleware/rate-limit';
import { loginRoute, logoutRoute, refreshRoute } from './auth.routes';

async function tokensFor(
  env: Env,
  db: Database,
  user: StaffUser,
  timeZone: string,
  now: Date,
  familyId?: string,
) {
  const grants = await grantsOf(db, user.tenantId, user.id, now, timeZone);
  const accessToken = await signAccessToken(
    env,
    { tenantId: user.tenantId, userId: user.id, grants, contractorId: user.contractorId },
    now,
  );
  const refreshToken = await issueRefreshToken(db, user, now, familyId);
  return { accessToken, tokenType: 'Bearer' as const, expiresIn: accessTokenTtlSeconds, refreshToken };
}

export const authRouter = createRouter()
  .openapi(loginRoute, async (c) => {
    const input = c.req.valid('json');
    const address = c.req.header('CF-Connecting-IP') ?? 'local';
    // Bursts first, before any database work: per source, and per tenant (password spraying
    // from many addresses). The slower, growing back-off per source is in attemptLogin.
    const [perSource, perTenant] = await Promise.all([
      c.env.LOGIN_RATE_LIMITER.limit({ key: `${input.tenant}:${input.login.toLowerCase()}:${address}` }),
      c.env.TENANT_RATE_LIMITER.limit({ key: `login:${input.tenant}` }),
    ]);
    if (!perSource.success || !perTenant.success) throw rateLimited();
    const edge = httpEdge(c);
    const now = edge.now;
    const { tenant, db, user } = await attemptLogin(edge, {
      ...input,
      address,
      requestId: c.get('requestId'),
    });
    c.get('logger').info('login', { tenantId: tenant.id, userId: user.id });
    return c.json(await tokensFor(c.env, db, user, tenant.timeZone, now), 200);
  })
  .openapi(refreshRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    const tenantId = tenantIdOfSecret(refreshTokenPrefix, refreshToken);
    const tenant = tenantId ? await findTenant(c.env, tenantId) : undefined;
    if (tenant?.status !== 'active') throw new AppError('invalid_token');
    const db = shardDb(c.env, tenant.shard);
    const now = httpEdge(c).now;
    const outcome = await spendRefreshToken(db, tenant.id, refreshToken, now);
    if (outcome.kind === 'reused') {
      c.get('logger').warn('refresh token reuse; family revoked', { tenantId: outcome.tenantId });
      throw new AppError('invalid_token', 'This refresh token was already used; sign in again');
    }
    if (outcome.kind === 'invalid') throw new AppError('invalid_token');
    const user = await findStaffById(db, tenant.id, outcome.userId);
    if (user?.status !== 'active') throw new AppError('invalid_token');
    return c.json(await tokensFor(c.env, db, user, tenant.timeZone, now, outcome.familyId), 200);
  })
  .openapi(logoutRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    const tenantId = tenantIdOfSecret(refreshTokenPrefix, refreshToken);
    const tenant = tenantId ? await findTenant(c.env, tenantId) : undefined;
    if (tenant) {
      const db = shardDb(c.env, tenant.shard);
      const now = httpEdge(c).now;
      const outcome = await spendRefreshToken(db, tenant.id, refreshToken, now);
      if (outcome.kind === 'rotated') await revokeFamily(db, outcome.tenantId, outcome.familyId, now);
    }
    return c.body(null, 204);
  });
