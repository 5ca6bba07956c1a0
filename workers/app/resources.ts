import { AppError, type IdKind, type Permission, type Reach } from '@guanjia/core';
import type { SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { requireReach } from '../data/reach';
import {
  deleteRecord,
  getRecord,
  hasDependent,
  insertRecord,
  listRecords,
  type RecordRow,
  type RecordTable,
  updateRecord,
} from '../data/records';
import type { TenantScope } from '../data/scope';

/*
 * The five operations of a configuration resource (branches, projects, units, owners, SLA
 * policies, calendars, rungs, ...): the same reach filtering, reference checks and audit trail
 * for each. An area's rules (`app/org/resources.ts`, `app/sla/settings.ts`, `app/owners/`) say
 * what is particular to one resource; the edge (`api/routes/org/resource.ts`) adds the HTTP.
 */

/** Another table whose rows point at this record; deleting while they exist is a 409. */
export interface Dependent {
  table: SQLiteTable & { tenantId: SQLiteColumn };
  column: SQLiteColumn;
  label: string;
}

/** What is particular to one resource: its table, its reach, its references and side writes. */
// biome-ignore lint/suspicious/noExplicitAny: each resource reads its own parsed query
export interface ResourceRules<Query = any> {
  /** The resource's name: URL segment, OpenAPI tag and audit action prefix, e.g. `branches`. */
  path: string;
  /** Singular name for messages and operation ids, e.g. `Branch`. */
  label: string;
  idKind: IdKind;
  table: RecordTable;
  readPermission: Permission;
  managePermission: Permission;
  /** The reach filter: which rows the caller may see (`read`) or change (`manage`). */
  reachFilter(scope: TenantScope, reach: Reach, mode: 'read' | 'manage'): SQL | undefined;
  /** Extra list filters (e.g. `projectId`), applied on top of reach. */
  queryFilters?(query: Query, scope: TenantScope): (SQL | undefined)[];
  /**
   * Checks the references of new or changed values (parents in this tenant and
   * within the manage reach) and returns extra columns derived from them.
   */
  resolveRefs?(
    scope: TenantScope,
    manageReach: Reach,
    values: Record<string, unknown>,
    before?: RecordRow,
  ): Promise<Record<string, unknown>>;
  /** Whether creating needs the whole tenant in reach (e.g. a new branch). */
  createNeedsTenantReach?: boolean;
  dependents?: Dependent[];
  /** Body fields that are not columns of the table (e.g. an owner's `units`); kept for `extraWrites`. */
  nonColumnFields?: readonly string[];
  /**
   * Statements written in the same batch as the record and its audit entry (e.g. link rows).
   * Runs after `resolveRefs` and may throw (a bad link answers 400). Gets the whole body,
   * `nonColumnFields` included, and answers a builder that receives the record's id.
   * On update the batch runs them even when a concurrent write makes the versioned update
   * match nothing, so update statements must themselves be guarded on the version.
   */
  extraWrites?(
    scope: TenantScope,
    manageReach: Reach,
    op: 'create' | 'update' | 'delete',
    input: Record<string, unknown>,
    before?: RecordRow,
  ): Promise<(id: string) => unknown[]>;
  /** Adds related data to records before output (e.g. an owner's units), a page at a time. */
  expand?(scope: TenantScope, rows: RecordRow[]): Promise<RecordRow[]>;
}

const noWrites = async () => () => [] as unknown[];

const expanded = async (rules: ResourceRules, scope: TenantScope, rows: RecordRow[]) =>
  rules.expand ? rules.expand(scope, rows) : rows;
const expandedOne = async (rules: ResourceRules, scope: TenantScope, row: RecordRow) =>
  (await expanded(rules, scope, [row]))[0] as RecordRow;

function columnsOf(rules: ResourceRules, values: Record<string, unknown>) {
  if (!rules.nonColumnFields) return values;
  const columns = { ...values };
  for (const field of rules.nonColumnFields) delete columns[field];
  return columns;
}

const visible = (rules: ResourceRules, scope: TenantScope) =>
  rules.reachFilter(scope, requireReach(scope, rules.readPermission), 'read');

/** A page of the resource in the caller's read reach (`limit + 1` rows: the edge cuts the page). */
export async function listResource<Q>(
  scope: TenantScope,
  rules: ResourceRules<Q>,
  query: Q,
  page: { after?: string; limit: number },
): Promise<RecordRow[]> {
  const rows = await listRecords(
    scope,
    rules.table,
    [visible(rules, scope), ...(rules.queryFilters?.(query, scope) ?? [])],
    page,
  );
  return rows.length > page.limit
    ? [...(await expanded(rules, scope, rows.slice(0, page.limit))), rows[page.limit]!]
    : expanded(rules, scope, rows);
}

export async function getResource(scope: TenantScope, rules: ResourceRules, id: string) {
  const row = await getRecord(scope, rules.table, id, [visible(rules, scope)], rules.label);
  return expandedOne(rules, scope, row);
}

export async function createResource(
  scope: TenantScope,
  rules: ResourceRules,
  values: Record<string, unknown>,
) {
  const reach = requireReach(scope, rules.managePermission);
  if (rules.createNeedsTenantReach && reach.kind !== 'tenant') {
    throw new AppError('forbidden', `Creating a ${rules.label} needs a group-wide role`);
  }
  const derived = (await rules.resolveRefs?.(scope, reach, values)) ?? {};
  const extra = await (rules.extraWrites ?? noWrites)(scope, reach, 'create', values);
  const row = await insertRecord(
    scope,
    rules.table,
    rules.idKind,
    { ...columnsOf(rules, values), ...derived },
    { type: rules.idKind, action: `${rules.path}.create` },
    extra,
  );
  return expandedOne(rules, scope, row);
}

export async function updateResource(
  scope: TenantScope,
  rules: ResourceRules,
  input: { id: string; changes: Record<string, unknown>; expectedVersion?: number },
) {
  const reach = requireReach(scope, rules.managePermission);
  const before = await getRecord(
    scope,
    rules.table,
    input.id,
    [rules.reachFilter(scope, reach, 'manage')],
    rules.label,
  );
  const derived = (await rules.resolveRefs?.(scope, reach, input.changes, before)) ?? {};
  const extra = await (rules.extraWrites ?? noWrites)(scope, reach, 'update', input.changes, before);
  const row = await updateRecord(
    scope,
    rules.table,
    before,
    { ...columnsOf(rules, input.changes), ...derived },
    input.expectedVersion,
    { type: rules.idKind, action: `${rules.path}.update` },
    extra(before.id),
  );
  return expandedOne(rules, scope, row);
}

export async function deleteResource(
  scope: TenantScope,
  rules: ResourceRules,
  input: { id: string; expectedVersion?: number },
): Promise<void> {
  const reach = requireReach(scope, rules.managePermission);
  const before = await getRecord(
    scope,
    rules.table,
    input.id,
    [rules.reachFilter(scope, reach, 'manage')],
    rules.label,
  );
  if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
    throw new AppError('precondition_failed');
  }
  for (const dependent of rules.dependents ?? []) {
    if (await hasDependent(scope, dependent.table, dependent.column, before.id)) {
      throw new AppError('conflict', `${rules.label} still has ${dependent.label}; remove them first`);
    }
  }
  const extra = await (rules.extraWrites ?? noWrites)(scope, reach, 'delete', {}, before);
  await deleteRecord(
    scope,
    rules.table,
    before,
    { type: rules.idKind, action: `${rules.path}.delete` },
    extra(before.id),
  );
}
