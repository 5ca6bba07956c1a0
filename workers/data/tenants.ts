import { tenants } from '@guanjia/core/db/schema';
import { eq } from 'drizzle-orm';
import type { Env } from '../env';
import { directoryDb } from './db';

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
