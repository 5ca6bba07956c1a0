import { AppError, tenantIdOfSecret, verifyPassword } from '@guanjia/core';
import { staffUsers } from '@guanjia/core/db/schema';
import { and, eq } from 'drizzle-orm';
import { accessTokenTtlSeconds, signAccessToken } from '../../../auth/tokens';
import { type Database, shardDb } from '../../../data/db';
import {
  findStaffByLogin,
  grantsOf,
  issueRefreshToken,
  recordFailedLogin,
  recordSuccessfulLogin,
  refreshTokenPrefix,
  revokeFamily,
  type StaffUser,
  spendRefreshToken,
} from '../../../data/staff-auth';
import { findTenant, findTenantBySlug } from '../../../data/tenants';
import type { Env } from '../../../env';
import { createRouter } from '../../app';
import { rateLimited } from '../../middleware/rate-limit';
import { loginRoute, logoutRoute, refreshRoute } from './auth.routes';

// Compared against when the login is unknown, so timing does not reveal which logins exist.
const decoyHash = 'pbkdf2$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

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
    const ip = c.req.header('CF-Connecting-IP') ?? 'local';
    const limit = await c.env.LOGIN_RATE_LIMITER.limit({
      key: `${input.tenant}:${input.login.toLowerCase()}:${ip}`,
    });
    if (!limit.success) throw rateLimited();
    const now = new Date();
    const tenant = await findTenantBySlug(c.env, input.tenant);
    const db = tenant && tenant.status === 'active' ? shardDb(c.env, tenant.shard) : undefined;
    const user = db && tenant ? await findStaffByLogin(db, tenant.id, input.login) : undefined;
    if (!db || !tenant || !user || user.status !== 'active') {
      await verifyPassword(input.password, decoyHash);
      throw new AppError('invalid_credentials');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      const seconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
      throw new AppError('account_locked', undefined, { extra: { retryAfterSeconds: seconds } });
    }
    if (!(await verifyPassword(input.password, user.passwordHash))) {
      await recordFailedLogin(db, user, now);
      throw new AppError('invalid_credentials');
    }
    await recordSuccessfulLogin(db, user, now);
    c.get('logger').info('login', { tenantId: tenant.id, userId: user.id });
    return c.json(await tokensFor(c.env, db, user, tenant.timeZone, now), 200);
  })
  .openapi(refreshRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    const tenantId = tenantIdOfSecret(refreshTokenPrefix, refreshToken);
    const tenant = tenantId ? await findTenant(c.env, tenantId) : undefined;
    if (tenant?.status !== 'active') throw new AppError('invalid_token');
    const db = shardDb(c.env, tenant.shard);
    const now = new Date();
    const outcome = await spendRefreshToken(db, tenant.id, refreshToken, now);
    if (outcome.kind === 'reused') {
      c.get('logger').warn('refresh token reuse; family revoked', { tenantId: outcome.tenantId });
      throw new AppError('invalid_token', 'This refresh token was already used; sign in again');
    }
    if (outcome.kind === 'invalid') throw new AppError('invalid_token');
    const user = await db.query.staffUsers.findFirst({
      where: and(eq(staffUsers.tenantId, tenant.id), eq(staffUsers.id, outcome.userId)),
    });
    if (user?.status !== 'active') throw new AppError('invalid_token');
    return c.json(await tokensFor(c.env, db, user, tenant.timeZone, now, outcome.familyId), 200);
  })
  .openapi(logoutRoute, async (c) => {
    const { refreshToken } = c.req.valid('json');
    const tenantId = tenantIdOfSecret(refreshTokenPrefix, refreshToken);
    const tenant = tenantId ? await findTenant(c.env, tenantId) : undefined;
    if (tenant) {
      const db = shardDb(c.env, tenant.shard);
      const outcome = await spendRefreshToken(db, tenant.id, refreshToken, new Date());
      if (outcome.kind === 'rotated') await revokeFamily(db, outcome.tenantId, outcome.familyId, new Date());
    }
    return c.body(null, 204);
  });
