import { AppError, hashPassword, newId, sla } from '@guanjia/core';
import { auditLog, roleAssignments, slaPolicies, staffUsers, tenants } from '@guanjia/core/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { Env } from '../env';
import { commit } from './commit';
import { type Database, directoryDb, directoryShard, shardBindings } from './db';
import type { TenantScope } from './scope';

export type TenantRecord = typeof tenants.$inferSelect;

/** How long an isolate trusts its copy of a directory entry (a moved tenant's old copy outlives it). */
export const directoryCacheMs = 30_000;
const cacheTtlMs = directoryCacheMs;
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

/** The directory entry as it is now (not the per-isolate cache): what a move decides on. */
export async function readDirectoryEntry(env: Env, tenantId: string): Promise<TenantRecord | undefined> {
  return directoryDb(env).query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
}

/** Tenants per shard in the directory, every shard named (0 when it holds none). */
export async function tenantsPerShard(env: Env): Promise<Record<string, number>> {
  const rows = await directoryDb(env)
    .select({ shard: tenants.shard, n: sql<number>`count(*)` })
    .from(tenants)
    .groupBy(tenants.shard);
  const out: Record<string, number> = Object.fromEntries(shardBindings.map((s) => [s, 0]));
  for (const r of rows) out[r.shard] = Number(r.n);
  return out;
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

/**
 * A property group with its first admin and the default SLA policies, in one batch on the
 * scope's shard. A tenant of another shard than the directory's gets its directory entry
 * first (the slug is unique there), removed again if the shard's batch fails.
 */
export async function createTenant(scope: TenantScope, input: NewTenant, directory: Database) {
  const { db, now, requestId } = scope;
  const tenant = {
    id: scope.tenantId,
    slug: input.slug,
    name: input.name,
    timeZone: input.timeZone,
    locale: input.locale,
  };
  const row = { ...tenant, shard: scope.shard, createdAt: now, updatedAt: now };
  const elsewhere = scope.shard !== directoryShard;
  if (elsewhere) {
    const taken = await directory.query.tenants.findFirst({ where: eq(tenants.slug, input.slug) });
    if (taken)
      throw new AppError('conflict', 'A record with the same slug already exists', {
        extra: { fields: ['slug'] },
      });
    // The directory entry alone (settings live in the shard's own row): not a tenant write, no guard.
    await directory.insert(tenants).values(row).run();
  }
  const adminId = newId('staff');
  try {
    await commit(scope, [
      db.insert(tenants).values(row),
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
  } catch (error) {
    if (elsewhere) await directory.delete(tenants).where(eq(tenants.id, tenant.id)).run();
    throw error;
  }
  return { tenant, adminId };
}
