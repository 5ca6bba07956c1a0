import { hashPassword, newId, sla } from '@guanjia/core';
import { auditLog, roleAssignments, slaPolicies, staffUsers, tenants } from '@guanjia/core/db/schema';
import { eq } from 'drizzle-orm';
import type { Env } from '../env';
import { commit } from './commit';
import { type Database, directoryDb } from './db';
import type { TenantScope } from './scope';

export type TenantRecord = typeof tenants.$inferSelect;

const cacheTtlMs = 30_000;
const cache = new Map<string, { at: number; tenant: TenantRecord | undefined }>();

/** Looks a tenant up in the directory; cached briefly per isolate since every request needs it. */
export async function findTenant(
  env: Env,
  tenantId: string,
  now = Date.now(),
): Promise<TenantRecord | undefined> {
  const hit = cache.get(tenantId);
  if (hit && now - hit.at < cacheTtlMs) return hit.tenant;
  const tenant = await directoryDb(env).query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  cache.set(tenantId, { at: now, tenant });
  return tenant;
}

export async function findTenantBySlug(env: Env, slug: string): Promise<TenantRecord | undefined> {
  return directoryDb(env).query.tenants.findFirst({ where: eq(tenants.slug, slug) });
}

export function forgetTenant(tenantId: string): void {
  cache.delete(tenantId);
}

/**
 * The shipped SLA policies (`sla.defaultPolicies`, from the seeds) as rows of the tenant's own,
 * written when the tenant is created: the admin sees and edits what its clocks run on, and a
 * policy added later sits beside them instead of silently replacing them all.
 */
export function defaultPolicyInserts(db: Database, tenantId: string, now: Date, idOf: (n: number) => string) {
  return sla.defaultPolicies.map((policy, i) =>
    db
      .insert(slaPolicies)
      .values({
        id: idOf(i + 1),
        tenantId,
        name: policy.name,
        enabled: policy.enabled,
        priority: policy.priority,
        match: policy.match,
        milestones: policy.milestones,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing(),
  );
}

export interface NewTenant {
  slug: string;
  name: string;
  timeZone: string;
  locale: string;
  admin: { name: string; email: string; phone?: string | null; password: string };
}

/** A property group with its first admin and the default SLA policies, in one batch. */
export async function createTenant(scope: TenantScope, input: NewTenant) {
  const { db, now, requestId } = scope;
  const tenant = {
    id: scope.tenantId,
    slug: input.slug,
    name: input.name,
    timeZone: input.timeZone,
    locale: input.locale,
  };
  const adminId = newId('staff');
  await commit(scope, [
    db.insert(tenants).values({ ...tenant, shard: 'DB', createdAt: now, updatedAt: now }),
    db.insert(staffUsers).values({
      id: adminId,
      tenantId: tenant.id,
      name: input.admin.name,
      email: input.admin.email,
      phone: input.admin.phone ?? null,
      passwordHash: await hashPassword(input.admin.password),
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(roleAssignments).values({
      id: newId('roleAssignment'),
      tenantId: tenant.id,
      userId: adminId,
      role: 'tenant_admin',
      scopeType: 'group',
      scopeId: null,
      createdAt: now,
      updatedAt: now,
    }),
    ...defaultPolicyInserts(db, tenant.id, now, () => newId('slaPolicy')),
    db.insert(auditLog).values({
      id: newId('audit'),
      tenantId: tenant.id,
      actorType: 'platform',
      actorId: null,
      action: 'tenants.create',
      targetType: 'tenant',
      targetId: tenant.id,
      before: null,
      after: tenant,
      requestId,
      at: now,
    }),
  ]);
  return { tenant, adminId };
}
