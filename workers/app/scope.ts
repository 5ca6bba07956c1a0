import type { Grant } from '@guanjia/core';
import type { ActorType } from '@guanjia/core/db/schema';
import { shardDb } from '../data/db';
import type { TenantScope } from '../data/scope';
import type { TenantRecord } from '../data/tenants';
import { type Edge, scopeRuntime } from './runtime';

export type ScopeTenant = Pick<TenantRecord, 'id' | 'shard' | 'timeZone'>;

export interface ScopeActor {
  actor: { type: ActorType; id: string | null };
  grants?: readonly Grant[];
  contractorId?: string | null;
  requestId?: string | null;
}

/**
 * The one way to make a tenant scope, at the edge (HTTP request, queue message, cron tick,
 * email, clock alarm): the tenant's shard, who acts, the edge's one reading of the clock
 * (`edge.now`) and the runtime the unit of work reports its commits to.
 */
export function tenantScope(edge: Edge, tenant: ScopeTenant, who: ScopeActor): TenantScope {
  return {
    tenantId: tenant.id,
    shard: tenant.shard,
    db: shardDb(edge.env, tenant.shard),
    actor: who.actor,
    grants: who.grants ?? [],
    contractorId: who.contractorId ?? null,
    requestId: who.requestId ?? null,
    timeZone: tenant.timeZone,
    now: edge.now,
    runtime: scopeRuntime(edge),
  };
}

/** The platform acting for a tenant on its own (queue consumer, cron, email, the SLA clock). */
export function systemScope(edge: Edge, tenant: ScopeTenant): TenantScope {
  return tenantScope(edge, tenant, { actor: { type: 'system', id: null } });
}

/** An owner acting through an owner link or the public intake (no owner id: an anonymous report). */
export function ownerScope(edge: Edge, tenant: ScopeTenant, ownerId: string | null): TenantScope {
  return tenantScope(edge, tenant, { actor: { type: 'owner', id: ownerId } });
}
