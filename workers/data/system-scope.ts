import type { Env } from '../env';
import { shardDb } from './db';
import type { TenantScope } from './scope';
import type { TenantRecord } from './tenants';

/** The scope of work the platform does for a tenant on its own (queue consumer, cron). */
export function systemScope(
  env: Env,
  tenant: Pick<TenantRecord, 'id' | 'shard' | 'timeZone'>,
  now: Date,
): TenantScope {
  return {
    tenantId: tenant.id,
    db: shardDb(env, tenant.shard),
    actor: { type: 'system', id: null },
    grants: [],
    contractorId: null,
    requestId: null,
    timeZone: tenant.timeZone,
    now,
  };
}
