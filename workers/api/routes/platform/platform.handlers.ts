import { AppError, hashPassword, newId } from '@guanjia/core';
import { auditLog, roleAssignments, staffUsers, tenants } from '@guanjia/core/db/schema';
import { createMiddleware } from 'hono/factory';
import { directoryDb } from '../../../data/db';
import { runBatch } from '../../../data/records';
import type { AppEnv } from '../../../env';
import { seedDemoGroup } from '../../../seed/demo';
import { createRouter } from '../../app';
import { createTenantRoute, seedDemoRoute } from './platform.routes';

function timingSafeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Platform operator endpoints take the PLATFORM_SECRET as a Bearer token. */
export const requirePlatformSecret = createMiddleware<AppEnv>(async (c, next) => {
  const given = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
  if (!c.env.PLATFORM_SECRET || !timingSafeEqual(given, c.env.PLATFORM_SECRET)) {
    throw new AppError('unauthenticated', 'Platform secret required');
  }
  await next();
});

export const platformRouter = createRouter();
platformRouter.use('/platform/*', requirePlatformSecret);
platformRouter
  .openapi(createTenantRoute, async (c) => {
    const input = c.req.valid('json');
    const now = new Date();
    const tenantId = newId('tenant');
    const adminId = newId('staff');
    const db = directoryDb(c.env);
    const tenant = {
      id: tenantId,
      slug: input.slug,
      name: input.name,
      timeZone: input.timeZone,
      locale: input.locale,
    };
    await runBatch(db, [
      db.insert(tenants).values({ ...tenant, shard: 'DB', createdAt: now, updatedAt: now }),
      db.insert(staffUsers).values({
        id: adminId,
        tenantId,
        name: input.admin.name,
        email: input.admin.email,
        phone: input.admin.phone ?? null,
        passwordHash: await hashPassword(input.admin.password),
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(roleAssignments).values({
        id: newId('roleAssignment'),
        tenantId,
        userId: adminId,
        role: 'tenant_admin',
        scopeType: 'group',
        scopeId: null,
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(auditLog).values({
        id: newId('audit'),
        tenantId,
        actorType: 'platform',
        actorId: null,
        action: 'tenants.create',
        targetType: 'tenant',
        targetId: tenantId,
        before: null,
        after: tenant,
        requestId: c.get('requestId'),
        at: now,
      }),
    ]);
    return c.json({ ...tenant, status: 'active', adminUserId: adminId }, 201);
  })
  .openapi(seedDemoRoute, async (c) => c.json(await seedDemoGroup(c.env, new Date()), 200));
