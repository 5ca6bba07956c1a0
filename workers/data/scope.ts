import type { Grant } from '@guanjia/core';
import type { ActorType } from '@guanjia/core/db/schema';
import type { Database } from './db';
import type { OutboxRow } from './outbox';

/**
 * The only way into tenant data: every data-access function takes a scope
 * first and filters by its tenantId, so a handler cannot reach a table without one.
 */
export interface TenantScope {
  readonly tenantId: string;
  /** The D1 shard binding the tenant's rows live in (the tenant directory's entry). */
  readonly shard: string;
  readonly db: Database;
  readonly actor: { type: ActorType; id: string | null };
  readonly grants: readonly Grant[];
  readonly contractorId: string | null;
  readonly requestId: string | null;
  readonly timeZone: string;
  /** The one time of the work this scope does, read once by the edge that made the scope. */
  readonly now: Date;
  /** What follows a commit, supplied by the edge that made the scope (app/runtime.ts). */
  readonly runtime: ScopeRuntime;
}

/**
 * The port through which `commit` (data/commit.ts) reaches the runtime after a batch has
 * committed; implemented by the use-case layer (app/runtime.ts), so data/ imports nothing above
 * it. Never rejects: a committed change is never turned into an error by what follows it.
 */
export interface ScopeRuntime {
  afterCommit(
    scope: TenantScope,
    committed: {
      /** The outbox rows the batch wrote, as committed. */
      events: readonly OutboxRow[];
      caseIds: readonly string[];
      /**
       * Clocks whose milestones the batch wrote itself: set each to wake then (null: disarm), no
       * re-read, unless the clock already holds the case at `caseVersion` or later.
       */
      wakes: readonly { caseId: string; wakeAt: number | null; caseVersion: number }[];
    },
  ): Promise<void>;
}
