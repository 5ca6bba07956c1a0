import * as schema from '@guanjia/core/db/schema';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Env } from '../env';
import { directoryShard, shardD1 } from './db';
import type { TenantRecord } from './tenants';

/*
 * The rows of one tenant, shard to shard: the platform's move (app/platform/move-tenant.ts).
 * Not tenant writes: the copy, the clean-up and the directory switch are the platform's, on raw
 * D1 batches, and never pass the write guard that fences the tenant's own writes meanwhile.
 */

/** A table holding tenant rows: every drizzle table with a `tenant_id` column, `tenants` apart. */
export interface TenantTable {
  name: string;
  columns: string[];
}

/** Every tenant-owned table of the schema (search indexes follow their tables by trigger). */
export const tenantTables: readonly TenantTable[] = (Object.values(schema) as unknown[])
  .filter((value): value is SQLiteTable => is(value, SQLiteTable))
  .map((table) => getTableConfig(table))
  .filter((config) => config.name !== 'tenants' && config.columns.some((c) => c.name === 'tenant_id'))
  .map((config) => ({ name: config.name, columns: config.columns.map((c) => c.name) }))
  .sort((a, b) => a.name.localeCompare(b.name));

const pageSize = 100;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface TableTally {
  table: string;
  rows: number;
  /** Sum (mod 2^64) of the first 8 bytes of each row's SHA-256: independent of row order. */
  checksum: string;
}

type Row = Record<string, unknown>;

function canonicalValue(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { blob: [...new Uint8Array(value)] };
  if (ArrayBuffer.isView(value))
    return { blob: [...new Uint8Array(value.buffer, value.byteOffset, value.byteLength)] };
  return value ?? null;
}

async function rowHash(table: TenantTable, row: Row): Promise<bigint> {
  const text = JSON.stringify(table.columns.map((c) => canonicalValue(row[c])));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let n = 0n;
  for (let i = 0; i < 8; i++) n = (n << 8n) | BigInt(digest[i] ?? 0);
  return n;
}

const mask = (1n << 64n) - 1n;

/** Reads the tenant's rows of `table` on `shard` page by page (rowid order); `each` sees every page. */
async function scanTable(
  env: Env,
  shard: string,
  table: TenantTable,
  tenantId: string,
  each: (rows: Row[]) => Promise<void>,
): Promise<TableTally> {
  const d1 = shardD1(env, shard);
  const columns = table.columns.map(quote).join(', ');
  let after = -Infinity;
  let rows = 0;
  let sum = 0n;
  for (;;) {
    const { results } = await d1
      .prepare(
        `SELECT rowid AS "__rowid", ${columns} FROM ${quote(table.name)} WHERE tenant_id = ? AND rowid > ? ORDER BY rowid LIMIT ${pageSize}`,
      )
      .bind(tenantId, Number.isFinite(after) ? after : -9_007_199_254_740_991)
      .all<Row>();
    if (results.length === 0) break;
    for (const row of results) sum = (sum + (await rowHash(table, row))) & mask;
    rows += results.length;
    await each(results);
    after = Number(results[results.length - 1]?.__rowid);
    if (results.length < pageSize) break;
  }
  return { table: table.name, rows, checksum: sum.toString(16).padStart(16, '0') };
}

/** Copies the tenant's rows of `table` from one shard to another; answers the source's tally. */
export async function copyTable(env: Env, from: string, to: string, table: TenantTable, tenantId: string) {
  const target = shardD1(env, to);
  const insert = `INSERT INTO ${quote(table.name)} (${table.columns.map(quote).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`;
  return scanTable(env, from, table, tenantId, async (rows) => {
    await target.batch(
      rows.map((row) => target.prepare(insert).bind(...table.columns.map((c) => row[c] ?? null))),
    );
  });
}

/** Counts and checksums the tenant's rows of `table` on `shard`. */
export function tallyTable(env: Env, shard: string, table: TenantTable, tenantId: string) {
  return scanTable(env, shard, table, tenantId, async () => {});
}

/**
 * Deletes every row of the tenant on `shard`: each tenant table, and its own `tenants` row
 * unless the shard is the directory's (there that row is the directory entry).
 */
export async function deleteTenantRows(env: Env, shard: string, tenantId: string): Promise<void> {
  const d1 = shardD1(env, shard);
  const statements = tenantTables.map((t) =>
    d1.prepare(`DELETE FROM ${quote(t.name)} WHERE tenant_id = ?`).bind(tenantId),
  );
  if (shard !== directoryShard)
    statements.push(d1.prepare('DELETE FROM tenants WHERE id = ?').bind(tenantId));
  await d1.batch(statements);
}

/** Rows the tenant still has on `shard` (the directory entry not counted): 0 once it has left. */
export async function tenantRowCount(env: Env, shard: string, tenantId: string): Promise<number> {
  const d1 = shardD1(env, shard);
  const counts = await d1.batch<{ n: number }>([
    ...tenantTables.map((t) =>
      d1.prepare(`SELECT count(*) AS n FROM ${quote(t.name)} WHERE tenant_id = ?`).bind(tenantId),
    ),
    d1
      .prepare(`SELECT count(*) AS n FROM tenants WHERE id = ? AND ? <> ?`)
      .bind(tenantId, shard, directoryShard),
  ]);
  return counts.reduce((sum, r) => sum + Number(r.results[0]?.n ?? 0), 0);
}

/** The tenant's own row on `shard` (settings, version), or undefined. */
export async function shardTenantRow(env: Env, shard: string, tenantId: string) {
  return (
    (await shardD1(env, shard).prepare('SELECT * FROM tenants WHERE id = ?').bind(tenantId).first<Row>()) ??
    undefined
  );
}

/**
 * Fences the tenant's writes for the move to `to`: the directory entry (only if no move is under
 * way: answers false when another has it) and, on another shard, the source's own row.
 */
export async function fenceTenant(env: Env, tenant: TenantRecord, to: string, takeOver: boolean) {
  const directory = shardD1(env, directoryShard);
  const claimed = takeOver
    ? await directory
        .prepare('UPDATE tenants SET moving_to = ? WHERE id = ? AND shard = ? AND moving_to = ?')
        .bind(to, tenant.id, tenant.shard, to)
        .run()
    : await directory
        .prepare('UPDATE tenants SET moving_to = ? WHERE id = ? AND shard = ? AND moving_to IS NULL')
        .bind(to, tenant.id, tenant.shard)
        .run();
  if (claimed.meta.changes !== 1) return false;
  if (tenant.shard !== directoryShard) {
    await shardD1(env, tenant.shard)
      .prepare('UPDATE tenants SET moving_to = ? WHERE id = ?')
      .bind(to, tenant.id)
      .run();
  }
  return true;
}

/** Lifts the fence of a move that did not switch: the tenant writes on its source again. */
export async function unfenceTenant(env: Env, tenant: TenantRecord): Promise<void> {
  await shardD1(env, directoryShard)
    .prepare('UPDATE tenants SET moving_to = NULL WHERE id = ? AND shard = ?')
    .bind(tenant.id, tenant.shard)
    .run();
  if (tenant.shard !== directoryShard) {
    await shardD1(env, tenant.shard)
      .prepare('UPDATE tenants SET moving_to = NULL WHERE id = ?')
      .bind(tenant.id)
      .run();
  }
}

/**
 * Puts the tenant's own row on the target, still fenced (`moving_to` set) until the switch; on
 * the directory's shard that row is the directory entry, brought up to date at the switch.
 */
export async function copyTenantRow(env: Env, source: Row, to: string): Promise<void> {
  if (to === directoryShard) return;
  const columns = Object.keys(source);
  const values = columns.map((c) => (c === 'shard' ? to : c === 'moving_to' ? to : source[c]));
  await shardD1(env, to)
    .prepare(
      `INSERT INTO tenants (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    )
    .bind(...values.map((v) => v ?? null))
    .run();
}

/**
 * The switch: the target's own row opens for writes, then the directory names the target (on
 * the directory's shard, one statement doing both) and notes the source in `moved_from`. From
 * here the source's copy takes no write; it is deleted once no isolate can still read it.
 */
export async function switchTenant(
  env: Env,
  tenantId: string,
  source: Row,
  from: string,
  to: string,
  at: Date,
): Promise<void> {
  if (to !== directoryShard) {
    await shardD1(env, to)
      .prepare('UPDATE tenants SET moving_to = NULL, shard = ? WHERE id = ?')
      .bind(to, tenantId)
      .run();
    await shardD1(env, directoryShard)
      .prepare('UPDATE tenants SET shard = ?, moving_to = NULL, moved_from = ?, updated_at = ? WHERE id = ?')
      .bind(to, from, at.getTime(), tenantId)
      .run();
    return;
  }
  // Back to the directory's shard: its entry takes the settings the tenant kept on its shard.
  await shardD1(env, directoryShard)
    .prepare(
      'UPDATE tenants SET shard = ?, moving_to = NULL, moved_from = ?, settings = ?, version = ?, name = ?, locale = ?, time_zone = ?, updated_at = ? WHERE id = ?',
    )
    .bind(
      to,
      from,
      source.settings ?? '{}',
      source.version ?? 1,
      source.name,
      source.locale,
      source.time_zone,
      at.getTime(),
      tenantId,
    )
    .run();
}

/** Ids of the tenant's cases that are not closed: the clocks to re-arm on the new shard. */
export async function openCaseIds(env: Env, shard: string, tenantId: string): Promise<string[]> {
  const { results } = await shardD1(env, shard)
    .prepare("SELECT id FROM cases WHERE tenant_id = ? AND status <> 'closed' ORDER BY id")
    .bind(tenantId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Ids of the tenant's outbox rows never sent: published from the new shard after the switch. */
export async function unsentEventIds(env: Env, shard: string, tenantId: string): Promise<string[]> {
  const { results } = await shardD1(env, shard)
    .prepare(
      'SELECT id FROM outbox_events WHERE tenant_id = ? AND published_at IS NULL AND dead_at IS NULL ORDER BY id',
    )
    .bind(tenantId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Tenants whose move switched before `before` and whose old copy is still to be deleted. */
export async function movedCopiesDue(env: Env, before: Date) {
  const { results } = await shardD1(env, directoryShard)
    .prepare(
      'SELECT id, shard, moved_from AS movedFrom FROM tenants WHERE moved_from IS NOT NULL AND moving_to IS NULL AND updated_at <= ? LIMIT 100',
    )
    .bind(before.getTime())
    .all<{ id: string; shard: string; movedFrom: string }>();
  return results;
}

/** Forgets the old copy of a finished move (once deleted), unless another move has begun since. */
export async function clearMovedFrom(env: Env, tenantId: string, movedFrom: string): Promise<void> {
  await shardD1(env, directoryShard)
    .prepare('UPDATE tenants SET moved_from = NULL WHERE id = ? AND moved_from = ? AND moving_to IS NULL')
    .bind(tenantId, movedFrom)
    .run();
}
