import { owners, ownerUnits, projects } from '@guanjia/core/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { staffAddresses } from '../../data/notify-recipients';
import type { TenantScope } from '../../data/scope';
import type { Recipient } from '../../notify/send';

/* Who an event's provider messages go to: owners and staff as channel recipients, a notice's owners. */

export async function ownerRecipients(scope: TenantScope, ownerIds: string[]): Promise<Recipient[]> {
  const found: Recipient[] = [];
  for (let i = 0; i < ownerIds.length; i += 90) {
    const rows = await scope.db
      .select({
        id: owners.id,
        phone: owners.phone,
        email: owners.email,
        wechatOpenId: owners.wechatOpenId,
      })
      .from(owners)
      .where(and(eq(owners.tenantId, scope.tenantId), inArray(owners.id, ownerIds.slice(i, i + 90))));
    found.push(...rows.map((r) => ({ type: 'owner' as const, ...r })));
  }
  return found;
}

/** Staff as channel recipients: phone, email, and the WeChat OpenID of their own preferences. */
export async function staffRecipients(scope: TenantScope, ids: string[]): Promise<Recipient[]> {
  return (await staffAddresses(scope, [...new Set(ids)])).map((r) => ({ type: 'staff' as const, ...r }));
}

/** Owners of a notice's project, or of every project of its branch. */
export async function noticeAudience(
  scope: TenantScope,
  branchId: string,
  projectId: string | null,
): Promise<string[]> {
  const projectIds = projectId
    ? [projectId]
    : (
        await scope.db
          .select({ id: projects.id })
          .from(projects)
          .where(and(eq(projects.tenantId, scope.tenantId), eq(projects.branchId, branchId)))
      ).map((p) => p.id);
  if (projectIds.length === 0) return [];
  const rows = await scope.db
    .selectDistinct({ ownerId: ownerUnits.ownerId })
    .from(ownerUnits)
    .where(
      and(eq(ownerUnits.tenantId, scope.tenantId), inArray(ownerUnits.projectId, projectIds.slice(0, 90))),
    );
  return rows.map((r) => r.ownerId);
}
