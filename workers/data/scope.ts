import type { Grant } from '@guanjia/core';
import type { ActorType } from '@guanjia/core/db/schema';
import type { Database } from './db';

/**
 * The only way into tenant data: every data-access function takes a scope
 * first and filters by its tenantId, so a handler cannot reach a table without one.
 */
export interface TenantScope {
  readonly tenantId: string;
  readonly db: Database;
  readonly actor: { type: ActorType; id: string | null };
  readonly grants: readonly Grant[];
  readonly contractorId: string | null;
  readonly requestId: string | null;
  readonly timeZone: string;
  readonly now: Date;
}
