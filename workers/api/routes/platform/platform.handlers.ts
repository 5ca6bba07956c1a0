import { AppError } from '@guanjia/core';
import { createMiddleware } from 'hono/factory';
import { createPropertyGroup, moveTenant } from '../../../app/platform';
import type { AppEnv } from '../../../env';
import { seedDemoGroup } from '../../../seed/demo';
import { createRouter } from '../../app';
import { httpEdge } from '../../lib/edge';
import { createTenantRoute, moveTenantRoute, seedDemoRoute } from './platform.routes';

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
    const { tenant, adminId, shard } = await createPropertyGroup(httpEdge(c), input, c.get('requestId'));
    return c.json({ ...tenant, status: 'active', shard, adminUserId: adminId }, 201);
  })
  .openapi(moveTenantRoute, async (c) => {
    const { shard, resume } = c.req.valid('json');
    const report = await moveTenant(httpEdge(c), {
      tenantId: c.req.valid('param').tenantId,
      to: shard,
      resume,
      requestId: c.get('requestId'),
    });
    return c.json(report, 200);
  })
  .openapi(seedDemoRoute, async (c) => {
    const { receiverUrl, history } = c.req.valid('query');
    return c.json(await seedDemoGroup(c.env, new Date(), { receiverUrl, history: history === 'true' }), 200);
  });
