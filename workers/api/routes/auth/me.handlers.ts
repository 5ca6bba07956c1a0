import { rolePermissions } from '@guanjia/core';
import { findStaffById } from '../../../data/staff-auth';
import { createRouter } from '../../app';
import { meRoute } from './auth.routes';

export const meRouter = createRouter().openapi(meRoute, async (c) => {
  const principal = c.get('principal');
  const scope = c.get('scope');
  const user =
    principal.actorType === 'staff'
      ? await findStaffById(scope.db, scope.tenantId, principal.actorId)
      : undefined;
  const permissions = [...new Set(principal.grants.flatMap((g) => rolePermissions[g.role] ?? []))].sort();
  return c.json({ ...principal, name: user?.name ?? null, permissions }, 200);
});
