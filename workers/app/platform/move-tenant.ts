import { AppError } from '@guanjia/core';
import { armCaseClocks } from '../../clocks/arm';
import { auditEntry } from '../../data/audit-log';
import { commit } from '../../data/commit';
import { isShard, shardBindings } from '../../data/db';
import { committedEventsQuery, publishCommitted } from '../../data/outbox';
import {
  clearMovedFrom,
  copyTable,
  copyTenantRow,
  deleteTenantRows,
  fenceTenant,
  movedCopiesDue,
  openCaseIds,
  shardTenantRow,
  switchTenant,
  type TableTally,
  tallyTable,
  tenantRowCount,
  tenantTables,
  unfenceTenant,
  unsentEventIds,
} from '../../data/tenant-moves';
import { directoryCacheMs, forgetTenant, readDirectoryEntry, type TenantRecord } from '../../data/tenants';
import type { Edge } from '../runtime';
import { systemScope, tenantScope } from '../scope';

export interface MoveReport {
  tenantId: string;
  from: string;
  to: string;
  /** False when the tenant was already on `to` (a repeated call only cleans up leftovers). */
  moved: boolean;
  tables: TableTally[];
  clocksRearmed: number;
  eventsPublished: number;
  /** When the cron deletes the source's copy (kept, refusing writes, while isolates may still read it). */
  sourceDeletedAfter?: string;
}

/**
 * Moves a tenant to another D1 shard, safe to repeat after a failure at any step:
 *
 * 1. fence: the directory entry (and the source's own row) name the target in `moving_to`, so
 *    the write guard of every commit refuses the tenant's writes with 503 + Retry-After; reads
 *    go on from the source, which nothing changes from here;
 * 2. copy: whatever an earlier attempt left on the target is deleted, then every tenant table
 *    is copied page by page;
 * 3. verify: row counts and checksums per table, source against target; a difference deletes
 *    the copy, lifts the fence and answers `tenant_move_failed`: the tenant stays on the source;
 * 4. switch: the target's row opens for writes and the directory names the target;
 * 5. follow: the open cases' clocks are re-armed (they read the case through the directory, so
 *    from the target now), the events never sent are published from the target (sent ones not
 *    yet handled are re-sent by the cron sweep; the consumer is idempotent by event id);
 * 6. the source's copy, which takes no write any more, is deleted by the cron
 *    (`removeMovedCopies`) once every isolate's cached directory entry has expired, so a reader
 *    still routed there meanwhile reads the tenant as it was at the switch rather than nothing.
 *
 * A move already under way (another call, or one that died midway) answers 409 unless the
 * operator sends `resume: true` with the same target: then this call takes it over from step 2.
 */
export async function moveTenant(
  edge: Edge,
  input: { tenantId: string; to: string; resume?: boolean; requestId?: string | null },
): Promise<MoveReport> {
  const { env } = edge;
  const { to } = input;
  if (!isShard(to) || !env[to]) {
    throw new AppError('validation_failed', `Unknown shard ${to}`, {
      issues: [{ path: 'shard', message: `One of ${shardBindings.join(', ')}` }],
    });
  }
  const tenant = await readDirectoryEntry(env, input.tenantId);
  if (!tenant) throw new AppError('not_found', 'No such tenant');
  const base = { tenantId: tenant.id, to, tables: [] as TableTally[], clocksRearmed: 0, eventsPublished: 0 };

  if (!tenant.movingTo && tenant.shard === to) {
    // Already there (a repeat, or a move that switched and then died): the operator asks for the
    // leftovers on other shards to go now.
    await removeLeftovers(edge, tenant.id, to);
    if (tenant.movedFrom) await clearMovedFrom(env, tenant.id, tenant.movedFrom);
    return { ...base, from: to, moved: false };
  }
  if (tenant.movingTo && !input.resume) {
    throw new AppError('conflict', `A move of this tenant to ${tenant.movingTo} is under way`, {
      extra: { movingTo: tenant.movingTo, hint: 'Send resume: true with the same shard to finish it' },
    });
  }
  if (tenant.movingTo && tenant.movingTo !== to) {
    throw new AppError('conflict', `This tenant is moving to ${tenant.movingTo}, not ${to}`, {
      extra: { movingTo: tenant.movingTo },
    });
  }
  const from = tenant.shard;
  if (tenant.movedFrom && !tenant.movingTo) {
    // The old copy of the previous move goes before a new one starts (it may be this target).
    if (tenant.movedFrom !== from) await deleteTenantRows(env, tenant.movedFrom, tenant.id);
    await clearMovedFrom(env, tenant.id, tenant.movedFrom);
  }
  if (!(await fenceTenant(env, tenant, to, Boolean(tenant.movingTo)))) {
    throw new AppError('conflict', 'Another move of this tenant has just started', {
      extra: { movingTo: to },
    });
  }
  forgetTenant(tenant.id);
  edge.logger.info('tenant move fenced', { tenantId: tenant.id, from, to });

  let tables: TableTally[];
  const source = await shardTenantRow(env, from, tenant.id);
  try {
    if (!source) throw new Error(`The tenant has no row on its shard ${from}`);
    tables = await copyAndVerify(edge, tenant, from, to, source);
  } catch (error) {
    // The source is untouched: drop the copy, lift the fence, the tenant stays where it was.
    await deleteTenantRows(env, to, tenant.id).catch(() => undefined);
    await unfenceTenant(env, tenant);
    forgetTenant(tenant.id);
    edge.logger.error('tenant move failed', { tenantId: tenant.id, from, to, error: String(error) });
    if (error instanceof AppError) throw error;
    throw new AppError('tenant_move_failed', `The copy to ${to} failed; the tenant stays on ${from}`, {
      extra: { from, to },
    });
  }

  await switchTenant(env, tenant.id, source, from, to, edge.now);
  forgetTenant(tenant.id);
  edge.logger.info('tenant move switched', { tenantId: tenant.id, from, to });
  const scope = systemScope(edge, { id: tenant.id, shard: to, timeZone: tenant.timeZone });
  const caseIds = await openCaseIds(env, to, tenant.id);
  await armCaseClocks(env, tenant.id, caseIds);
  const unsent = await unsentEventIds(env, to, tenant.id);
  const eventsPublished = unsent.length
    ? await publishCommitted(env, scope, await committedEventsQuery(scope, unsent))
    : 0;
  const platform = tenantScope(
    edge,
    { id: tenant.id, shard: to, timeZone: tenant.timeZone },
    { actor: { type: 'platform', id: null }, requestId: input.requestId ?? null },
  );
  const summary = {
    from,
    to,
    tables: tables.map((t) => ({ table: t.table, rows: t.rows })).filter((t) => t.rows > 0),
  };
  await commit(platform, [
    auditEntry(platform, 'tenants.move', { type: 'tenant', id: tenant.id }, { shard: from }, summary),
  ]);
  return {
    ...base,
    from,
    moved: true,
    tables,
    clocksRearmed: caseIds.length,
    eventsPublished,
    sourceDeletedAfter: new Date(edge.now.getTime() + oldCopyKeptMs).toISOString(),
  };
}

/**
 * How long the old copy of a moved tenant outlives the switch: every isolate's cached directory
 * entry (`directoryCacheMs`) has expired by then, so no reader still goes to it.
 */
export const oldCopyKeptMs = 2 * directoryCacheMs;

/**
 * Deletes the old copies of finished moves once no isolate can still read them (the cron, every
 * minute). Answers how many were deleted; one that fails is retried on the next tick.
 */
export async function removeMovedCopies(edge: Edge): Promise<number> {
  let removed = 0;
  for (const due of await movedCopiesDue(edge.env, new Date(edge.now.getTime() - oldCopyKeptMs))) {
    try {
      if (due.movedFrom !== due.shard) await deleteTenantRows(edge.env, due.movedFrom, due.id);
      await clearMovedFrom(edge.env, due.id, due.movedFrom);
      removed += 1;
    } catch (error) {
      edge.logger.error('old copy of a moved tenant not deleted', { tenantId: due.id, error: String(error) });
    }
  }
  return removed;
}

async function copyAndVerify(
  edge: Edge,
  tenant: TenantRecord,
  from: string,
  to: string,
  source: Record<string, unknown>,
): Promise<TableTally[]> {
  const { env } = edge;
  await deleteTenantRows(env, to, tenant.id);
  await copyTenantRow(env, source, to);
  const tallies: TableTally[] = [];
  const differences: { table: string; source: TableTally; target: TableTally }[] = [];
  for (const table of tenantTables) {
    const copied = await copyTable(env, from, to, table, tenant.id);
    const landed = await tallyTable(env, to, table, tenant.id);
    if (copied.rows !== landed.rows || copied.checksum !== landed.checksum) {
      differences.push({ table: table.name, source: copied, target: landed });
    }
    tallies.push(copied);
  }
  if (differences.length > 0) {
    throw new AppError(
      'tenant_move_failed',
      `The copy on ${to} differs from ${from} in ${differences.map((d) => d.table).join(', ')}; the tenant stays on ${from}`,
      { extra: { from, to, differences } },
    );
  }
  return tallies;
}

/** Deletes what the tenant left on shards other than its own (a move that died after its switch). */
async function removeLeftovers(edge: Edge, tenantId: string, home: string): Promise<void> {
  for (const shard of shardBindings) {
    if (shard === home || !edge.env[shard]) continue;
    if ((await tenantRowCount(edge.env, shard, tenantId)) > 0) {
      edge.logger.warn('tenant move leftovers removed', { tenantId, shard });
      await deleteTenantRows(edge.env, shard, tenantId);
    }
  }
}
