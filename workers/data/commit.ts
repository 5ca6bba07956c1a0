import { AppError } from '@guanjia/core';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { profileMark } from '../lib/profile';
import type { Database } from './db';
import { committedEventsQuery, EventWrite, type OutboxRow } from './outbox';
import type { TenantScope } from './scope';
import { forgetTenant } from './tenants';

/*
 * The unit of work: every write of the Worker goes through `commit(scope, writes)`. The write
 * list declares its own side effects: an outbox event (`outboxEvent`, data/outbox.ts) is a
 * tagged write that carries its event id with its insert, and `clockChanged(caseId)` names a
 * case whose SLA clock must be re-armed (no SQL). `commit` runs every statement in one D1
 * batch (one transaction: all or nothing), then hands the committed event ids and changed
 * cases to the scope's runtime (`scope.runtime`, set once where the scope is made, see
 * app/runtime.ts), which arms the clocks before the edge answers and publishes the events.
 */

/** A write with no SQL: this case's milestones changed, re-arm its clock once committed. */
export class ClockChanged {
  constructor(readonly caseId: string) {}
}

/** Notes, inside a write list, that the batch changes a case's SLA milestones. */
export const clockChanged = (caseId: string) => new ClockChanged(caseId);

/**
 * A write with no SQL: the batch itself writes this case's milestones (the use case evaluated
 * the clock on what it is writing, e.g. at intake), so once committed the clock only has to be
 * told when to wake (`wakeAt`, epoch ms; null disarms): no re-read of the case from D1.
 * `caseVersion` is the case's version as the batch writes it: the clock ignores the wake when it
 * already holds what it read at that version or a later one (the wake runs after the answer and
 * may arrive after a later arm).
 */
export class ClockWake {
  constructor(
    readonly caseId: string,
    readonly wakeAt: number | null,
    readonly caseVersion: number,
  ) {}
}

export const clockWake = (caseId: string, wakeAt: number | null, caseVersion: number) =>
  new ClockWake(caseId, wakeAt, caseVersion);

/** A drizzle statement, an outbox event or a clock note. */
export type Write = unknown;

/**
 * Commits `writes` in one atomic D1 batch (constraint failures become 409s, never 500s), then
 * the scope's runtime arms the changed clocks and publishes the committed events. Answers the
 * results in the order of `writes` (`undefined` for a clock note).
 */
export async function commit(scope: TenantScope, writes: readonly Write[]): Promise<unknown[]> {
  const statements: unknown[] = [];
  const positions: number[] = [];
  const eventIds: string[] = [];
  const caseIds = new Set<string>();
  const wakes = new Map<string, ClockWake>();
  writes.forEach((write, i) => {
    if (write instanceof ClockChanged) {
      caseIds.add(write.caseId);
      return;
    }
    if (write instanceof ClockWake) {
      wakes.set(write.caseId, write);
      return;
    }
    if (write instanceof EventWrite) eventIds.push(write.eventId);
    statements.push(write instanceof EventWrite ? write.statement : write);
    positions.push(i);
  });
  profileMark('commit batch');
  // The committed outbox rows are read back after every write of the batch (e.g. an archive
  // number set into a payload), so publishing needs no round trip; the write guard stays last.
  if (eventIds.length > 0) statements.push(committedEventsQuery(scope, eventIds));
  const all = statements.length > 0 ? await runStatements(scope, [...statements, writeGuard(scope)]) : [];
  const events = eventIds.length > 0 ? (all.pop() as OutboxRow[]) : [];
  const results = all;
  profileMark('committed');
  const answer = new Array<unknown>(writes.length);
  positions.forEach((at, k) => {
    answer[at] = results[k];
  });
  await scope.runtime.afterCommit(scope, {
    events,
    caseIds: [...caseIds],
    // A case both changed and woken is re-armed from D1 (the full evaluation wins).
    wakes: [...wakes.values()]
      .filter((w) => !caseIds.has(w.caseId))
      .map(({ caseId, wakeAt, caseVersion }) => ({ caseId, wakeAt, caseVersion })),
  });
  return answer;
}

/**
 * Several reads in one D1 round trip (no read depends on another). Reads only: a write goes
 * through `commit`, so its events and clocks follow it.
 */
export function readBatch<Reads extends Parameters<Database['batch']>[0]>(db: Database, reads: Reads) {
  return db.batch(reads);
}

/** Seconds a writer is asked to wait while its tenant moves between shards (the move takes seconds). */
export const tenantMovingRetrySeconds = 5;

/**
 * The last statement of every batch: aborts it unless this shard holds the tenant for writing
 * (its own `tenants` row names the shard and no move is under way; the `tenant_write_guard`
 * view's trigger, migration 0020). A writer routed by a stale directory entry to a shard the
 * tenant is leaving or has left writes nothing there, so a move never loses or splits a write.
 */
function writeGuard(scope: TenantScope) {
  return scope.db.insert(tenantWriteGuard).values({ tenantId: scope.tenantId, shard: scope.shard });
}

/** The guard view (not a table: its INSTEAD OF trigger stores nothing), outside the drizzle schema. */
const tenantWriteGuard = sqliteTable('tenant_write_guard', {
  tenantId: text('tenant_id').notNull(),
  shard: text('shard').notNull(),
});

// biome-ignore lint/suspicious/noExplicitAny: drizzle's batch is generic over the concrete builders
type AnyDb = any;

async function runStatements(scope: TenantScope, statements: unknown[]): Promise<unknown[]> {
  try {
    const results: unknown[] = await (scope.db as AnyDb).batch(statements);
    return results.slice(0, -1);
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    const cause = String((error as { cause?: Error })?.cause?.message ?? '');
    if (/tenant_moving/.test(message + cause)) {
      // This isolate's directory entry may be stale (the tenant has moved): the retry re-reads it.
      forgetTenant(scope.tenantId);
      throw new AppError(
        'tenant_moving',
        'This property group is moving to another database; retry shortly',
        {
          extra: { retryAfterSeconds: tenantMovingRetrySeconds },
        },
      );
    }
    const unique = /UNIQUE constraint failed: ([\w., ]+)/i.exec(`${message}\n${cause}`);
    if (unique || /UNIQUE constraint failed/i.test(message + cause)) {
      // SQLite names the index's columns; the caller is told the API fields they come from.
      const fields = uniqueFields(unique?.[1] ?? '');
      throw new AppError(
        'conflict',
        fields.length
          ? `A record with the same ${fields.join(', ')} already exists`
          : 'A record with the same unique fields already exists',
        fields.length ? { extra: { fields } } : {},
      );
    }
    throw error;
  }
}

/**
 * The API fields behind a unique column whose API name is not its camelCase: a derived key
 * (`scope_key` is made from `branchId` and `projectId`; neither means the whole tenant), or
 * a secret's hash that no caller ever sent (named by nothing).
 */
const apiFieldsOfColumn: Readonly<Record<string, readonly string[]>> = {
  'business_calendars.scope_key': ['branchId', 'projectId'],
  'escalation_rungs.scope_key': ['branchId', 'projectId'],
  'role_assignments.user_id': [],
  'project_channel_keys.key_hash': [],
  'api_keys.key_hash': [],
  'refresh_tokens.token_hash': [],
};
const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The API fields a unique index names (`owners.tenant_id, owners.wechat_open_id` → `wechatOpenId`). */
export function uniqueFields(columns: string): string[] {
  const fields = columns
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c.split('.').pop() !== 'tenant_id')
    .flatMap((c) => apiFieldsOfColumn[c] ?? [camelCase(c.split('.').pop() ?? '')]);
  return [...new Set(fields.filter(Boolean))];
}
