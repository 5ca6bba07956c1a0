import { rolePermissions } from '@guanjia/core';
import { staffUsers } from '@guanjia/core/db/schema';
import { and, eq } from 'drizzle-orm';
import { createRouter } from '../../app';
import { meRoute } from './auth.routes';

export const meRouter = createRouter().openapi(meRoute, async (c) => {
  const principal = c.get('principal');
  const scope = c.get('scope');
  const user =
    principal.actorType === 'staff'
      ? await scope.db.query.staffUsers.findFirst({
          where: and(eq(staffUsers.tenantId, scope.tenantId), eq(staffUsers.id, principal.actorId)),
          columns: { name: true },
        })
      : undefined;
  const permissions = [...new Set(principal.grants.flatMap((g) => rolePermissions[g.role] ?? []))].sort();
  return c.json({ ...principal, name: user?.name ?? null, permissions }, 200);
});
