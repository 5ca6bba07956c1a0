import { AppError, type IdKind, newId } from '@guanjia/core';
import { and, asc, desc, eq, gt, lt, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { orgChangeEvent } from './outbox';
import type { TenantScope } from './scope';

/** A tenant-owned, versioned table: every org record has these columns. */
export type RecordTable = SQLiteTable & {
  id: SQLiteColumn;
  tenantId: SQLiteColumn;
  createdAt: SQLiteColumn;
  updatedAt: SQLiteColumn;
  version: SQLiteColumn;
};

export type RecordRow = {
  id: string;
  tenantId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
} & Record<string, unknown>;

// biome-ignore lint/suspicious/noExplicitAny: drizzle's builders are generic over the concrete table
type AnyDb = any;

/** A tenant-owned table keyed by a time-sortable id: all a keyset page needs. */
export type KeyedTable = SQLiteTable & { id: SQLiteColumn; tenantId: SQLiteColumn };

/** Where a keyset page starts (the last id of the previous page) and how many rows it holds. */
export interface PageRequest {
  after?: string;
  limit: number;
}

/**
 * The one keyset list query: a tenant's rows past the cursor by id, oldest first (or newest
 * first, for feeds read from the top), `limit + 1` of them so that `toPage` knows whether another
 * page exists; `filters` carry the query and the caller's reach.
 */
export async function keysetPage<T extends KeyedTable>(
  scope: TenantScope,
  table: T,
  filters: (SQL | undefined)[],
  page: PageRequest,
  order: 'oldest_first' | 'newest_first' = 'oldest_first',
): Promise<T['$inferSelect'][]> {
  const db = scope.db as AnyDb;
  const newest = order === 'newest_first';
  const past = page.after ? (newest ? lt(table.id, page.after) : gt(table.id, page.after)) : undefined;
  return db
    .select()
    .from(table)
    .where(and(eq(table.tenantId, scope.tenantId), past, ...filters))
    .orderBy(newest ? desc(table.id) : asc(table.id))
    .limit(page.limit + 1);
}

/** Keyset page of a tenant's records, oldest first, filtered by the caller's reach. */
export function listRecords(
  scope: TenantScope,
  table: RecordTable,
  filters: (SQL | undefined)[],
  page: PageRequest,
): Promise<RecordRow[]> {
  return keysetPage(scope, table, filters, page) as Promise<RecordRow[]>;
}

/** One record within the tenant and the caller's reach, or 404. */
export async function getRecord(
  scope: TenantScope,
  table: RecordTable,
  id: string,
  filters: (SQL | undefined)[],
  label: string,
): Promise<RecordRow> {
  const db = scope.db as AnyDb;
  const [row] = await db
    .select()
    .from(table)
    .where(and(eq(table.tenantId, scope.tenantId), eq(table.id, id), ...filters))
    .limit(1);
  if (!row) throw new AppError('not_found', `${label} ${id} not found`);
  return row;
}

/** Whether any row of `table` in the tenant points at `id` through `column` (a delete would orphan it). */
export async function hasDependent(
  scope: TenantScope,
  table: SQLiteTable & { tenantId: SQLiteColumn },
  column: SQLiteColumn,
  id: string,
): Promise<boolean> {
  const [used] = await (scope.db as AnyDb)
    .select({ ref: column })
    .from(table)
    .where(and(eq(table.tenantId, scope.tenantId), eq(column, id)))
    .limit(1);
  return Boolean(used);
}

export interface AuditLabel {
  type: string;
  action: string;
}

/** Inserts a record and its audit entry atomically; a unique clash is a 409. */
export async function insertRecord(
  scope: TenantScope,
  table: RecordTable,
  kind: IdKind,
  values: Record<string, unknown>,
  audit: AuditLabel,
  extra: (id: string) => unknown[] = () => [],
): Promise<RecordRow> {
  const db = scope.db as AnyDb;
  const id = newId(kind);
  const row = {
    ...values,
    id,
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await commit(scope, [
    db.insert(table).values(row),
    ...extra(id),
    auditEntry(scope, audit.action, { type: audit.type, id }, null, row),
    ...orgChangeEvent(scope, audit.action, 'created', row),
  ]);
  return row as RecordRow;
}

/** Updates a record if its version still matches (optimistic concurrency), with its audit entry. */
export async function updateRecord(
  scope: TenantScope,
  table: RecordTable,
  before: RecordRow,
  changes: Record<string, unknown>,
  expectedVersion: number | undefined,
  audit: AuditLabel,
  extra: unknown[] = [],
): Promise<RecordRow> {
  const db = scope.db as AnyDb;
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const next = { ...changes, updatedAt: scope.now, version: before.version + 1 };
  const [result] = await commit(scope, [
    db
      .update(table)
      .set(next)
      .where(
        and(eq(table.tenantId, scope.tenantId), eq(table.id, before.id), eq(table.version, before.version)),
      ),
    ...extra,
    auditEntry(scope, audit.action, { type: audit.type, id: before.id }, before, { ...before, ...next }),
    ...orgChangeEvent(scope, audit.action, 'updated', { ...before, ...next }, Object.keys(changes)),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The record changed while you were editing it');
  }
  return { ...before, ...next } as RecordRow;
}

/** A keyed table whose rows carry a version for optimistic concurrency. */
export type VersionedTable = KeyedTable & { updatedAt: SQLiteColumn; version: SQLiteColumn };

export interface VersionedChange<Row> {
  /** The audit log's action and record type (`audits.publish`, `mysteryAudit`). */
  audit: AuditLabel;
  /** From `If-Match`; a mismatch is a 412 before anything is written. */
  expectedVersion: number | undefined;
  /** The 412 detail when another writer won the race between the read and the write. */
  conflict: string;
  /** Statements for the same batch: given, and built from the state after the change (its events). */
  extra?: unknown[];
  afterwards?: (after: Row) => unknown[];
}

/**
 * Changes a row if its version still matches, with its audit entry and `extra` statements in the
 * same batch; answers the row after the change.
 */
export async function updateVersioned<Row extends { id: string; version: number }>(
  scope: TenantScope,
  table: VersionedTable,
  before: Row,
  changes: Partial<Row>,
  change: VersionedChange<Row>,
): Promise<Row> {
  const db = scope.db as AnyDb;
  if (change.expectedVersion !== undefined && change.expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const next = { ...changes, updatedAt: scope.now, version: before.version + 1 };
  const after = { ...before, ...next };
  const [result] = await commit(scope, [
    db
      .update(table)
      .set(next)
      .where(
        and(eq(table.tenantId, scope.tenantId), eq(table.id, before.id), eq(table.version, before.version)),
      ),
    ...(change.extra ?? []),
    ...(change.afterwards?.(after) ?? []),
    auditEntry(scope, change.audit.action, { type: change.audit.type, id: before.id }, before, after),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', change.conflict);
  }
  return after;
}

export async function deleteRecord(
  scope: TenantScope,
  table: RecordTable,
  before: RecordRow,
  audit: AuditLabel,
  extra: unknown[] = [],
): Promise<void> {
  const db = scope.db as AnyDb;
  await commit(scope, [
    db.delete(table).where(and(eq(table.tenantId, scope.tenantId), eq(table.id, before.id))),
    ...extra,
    auditEntry(scope, audit.action, { type: audit.type, id: before.id }, before, null),
    ...orgChangeEvent(scope, audit.action, 'deleted', before),
  ]);
}
