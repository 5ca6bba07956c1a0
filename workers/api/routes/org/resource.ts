import { AppError, type IdKind, type Permission, type Reach } from '@guanjia/core';
import type { z } from '@hono/zod-openapi';
import { and, eq, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { requireReach } from '../../../data/reach';
import {
  deleteRecord,
  getRecord,
  insertRecord,
  listRecords,
  type RecordRow,
  type RecordTable,
  updateRecord,
} from '../../../data/records';
import type { TenantScope } from '../../../data/scope';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { decodeCursor, PageQuerySchema, pageSchema, toPage } from '../../lib/pagination';
import { idempotent } from '../../middleware/idempotency';

/** Another table whose rows point at this record; deleting while they exist is a 409. */
export interface Dependent {
  table: SQLiteTable & { tenantId: SQLiteColumn };
  column: SQLiteColumn;
  label: string;
}

/**
 * One org resource (branches, projects, units, ...): the same five operations,
 * the same reach filtering and the same audit trail for each.
 */
export interface OrgResource<
  Out extends z.ZodObject,
  Create extends z.ZodObject,
  Update extends z.ZodObject,
  Query extends z.ZodObject,
> {
  /** URL segment and OpenAPI tag, e.g. `branches`. */
  path: string;
  /** Singular name for messages and operation ids, e.g. `Branch`. */
  label: string;
  idKind: IdKind;
  table: RecordTable;
  schema: Out;
  createSchema: Create;
  updateSchema: Update;
  /** Extra list filters (e.g. `projectId`), applied on top of reach. */
  querySchema: Query;
  readPermission: Permission;
  managePermission: Permission;
  /** The reach filter: which rows the caller may see (`read`) or change (`manage`). */
  reachFilter(scope: TenantScope, reach: Reach, mode: 'read' | 'manage'): SQL | undefined;
  queryFilters?(query: z.infer<Query>, scope: TenantScope): (SQL | undefined)[];
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
  toOutput?(row: RecordRow): unknown;
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

/** `ContractorContact` → `contractor contact`, `SlaPolicy` → `SLA policy`: the noun of summaries. */
export function nounOf(label: string) {
  const words = label.split(/(?=[A-Z])/).map((w) => (w === 'Sla' ? 'SLA' : w.toLowerCase()));
  const one = words.join(' ');
  const many = one.endsWith('y') ? `${one.slice(0, -1)}ies` : /(ch|s)$/.test(one) ? `${one}es` : `${one}s`;
  return { one, many, a: `${/^([aeiou]|SLA)/.test(one) ? 'an' : 'a'} ${one}` };
}

export function orgResourceRouter<
  Out extends z.ZodObject,
  Create extends z.ZodObject,
  Update extends z.ZodObject,
  Query extends z.ZodObject,
>(def: OrgResource<Out, Create, Update, Query>) {
  const router = createRouter();
  const tags = [def.path];
  const auditType = def.idKind;
  const noun = nounOf(def.label);
  const output = (row: RecordRow) => (def.toOutput ? def.toOutput(row) : row) as z.infer<Out>;
  const expanded = async (scope: TenantScope, rows: RecordRow[]) =>
    def.expand ? def.expand(scope, rows) : rows;
  const expandedOne = async (scope: TenantScope, row: RecordRow) =>
    (await expanded(scope, [row]))[0] as RecordRow;
  const columnsOf = (values: Record<string, unknown>) => {
    if (!def.nonColumnFields) return values;
    const columns = { ...values };
    for (const field of def.nonColumnFields) delete columns[field];
    return columns;
  };
  const noWrites = async () => () => [] as unknown[];
  const extraWrites = def.extraWrites ?? noWrites;
  const visible = (scope: TenantScope, permission: Permission) =>
    def.reachFilter(scope, requireReach(scope, permission), 'read');

  const listRoute = createRoute({
    method: 'get',
    path: `/${def.path}`,
    operationId: `list${def.label}s`,
    summary: `List the ${noun.many} in your reach`,
    tags,
    security: bearerSecurity,
    request: { query: PageQuerySchema.merge(def.querySchema) },
    responses: {
      200: jsonContent(pageSchema(def.schema, `${def.label}Page`), `A page of ${def.path}`),
      ...commonErrors,
    },
  });
  router.openapi(listRoute, async (c) => {
    const scope = c.get('scope');
    const query = c.req.valid('query') as z.infer<typeof PageQuerySchema> & z.infer<Query>;
    const rows = await listRecords(
      scope,
      def.table,
      [visible(scope, def.readPermission), ...(def.queryFilters?.(query, scope) ?? [])],
      { after: decodeCursor(query.cursor), limit: query.limit },
    );
    const page = toPage(rows, query.limit);
    const data = (await expanded(scope, page.data)).map(output);
    return c.json({ data, nextCursor: page.nextCursor }, 200);
  });

  const getRoute = createRoute({
    method: 'get',
    path: `/${def.path}/{id}`,
    operationId: `get${def.label}`,
    summary: `Get ${noun.a}`,
    tags,
    security: bearerSecurity,
    request: { params: IdParamSchema },
    responses: { 200: jsonContent(def.schema, def.label), ...commonErrors },
  });
  router.openapi(getRoute, async (c) => {
    const scope = c.get('scope');
    const row = await getRecord(
      scope,
      def.table,
      c.req.valid('param').id,
      [visible(scope, def.readPermission)],
      def.label,
    );
    c.header('ETag', etagOf(row.version));
    return c.json(output(await expandedOne(scope, row)), 200);
  });

  const createRouteDef = createRoute({
    method: 'post',
    path: `/${def.path}`,
    operationId: `create${def.label}`,
    summary: `Create ${noun.a}`,
    tags,
    security: bearerSecurity,
    middleware: [idempotent] as const,
    request: { headers: IdempotencyHeaderSchema, body: jsonBody(def.createSchema) },
    responses: { 201: jsonContent(def.schema, `The new ${def.label}`), ...writeErrors },
  });
  router.openapi(createRouteDef, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, def.managePermission);
    if (def.createNeedsTenantReach && reach.kind !== 'tenant') {
      throw new AppError('forbidden', `Creating a ${def.label} needs a group-wide role`);
    }
    const values = validBody(c);
    const derived = (await def.resolveRefs?.(scope, reach, values)) ?? {};
    const extra = await extraWrites(scope, reach, 'create', values);
    const row = await insertRecord(
      scope,
      def.table,
      def.idKind,
      { ...columnsOf(values), ...derived },
      {
        type: auditType,
        action: `${def.path}.create`,
      },
      extra,
    );
    c.header('ETag', etagOf(row.version));
    c.header('Location', `/v1/${def.path}/${row.id}`);
    return c.json(output(await expandedOne(scope, row)), 201);
  });

  const updateRoute = createRoute({
    method: 'patch',
    path: `/${def.path}/{id}`,
    operationId: `update${def.label}`,
    summary: `Update ${noun.a}`,
    tags,
    security: bearerSecurity,
    request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(def.updateSchema) },
    responses: { 200: jsonContent(def.schema, `The updated ${def.label}`), ...writeErrors },
  });
  router.openapi(updateRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, def.managePermission);
    const before = await getRecord(
      scope,
      def.table,
      validId(c),
      [def.reachFilter(scope, reach, 'manage')],
      def.label,
    );
    const changes = validBody(c);
    const derived = (await def.resolveRefs?.(scope, reach, changes, before)) ?? {};
    const extra = await extraWrites(scope, reach, 'update', changes, before);
    const row = await updateRecord(
      scope,
      def.table,
      before,
      { ...columnsOf(changes), ...derived },
      expectedVersion(c),
      { type: auditType, action: `${def.path}.update` },
      extra(before.id),
    );
    c.header('ETag', etagOf(row.version));
    return c.json(output(await expandedOne(scope, row)), 200);
  });

  const deleteRoute = createRoute({
    method: 'delete',
    path: `/${def.path}/{id}`,
    operationId: `delete${def.label}`,
    summary: `Delete ${noun.a}`,
    tags,
    security: bearerSecurity,
    request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
    responses: { 204: { description: 'Deleted' }, ...writeErrors },
  });
  router.openapi(deleteRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, def.managePermission);
    const before = await getRecord(
      scope,
      def.table,
      c.req.valid('param').id,
      [def.reachFilter(scope, reach, 'manage')],
      def.label,
    );
    const version = expectedVersion(c);
    if (version !== undefined && version !== before.version) throw new AppError('precondition_failed');
    for (const dependent of def.dependents ?? []) {
      const [used] = await (scope.db as AnyDb)
        .select({ ref: dependent.column })
        .from(dependent.table)
        .where(and(eq(dependent.table.tenantId, scope.tenantId), eq(dependent.column, before.id)))
        .limit(1);
      if (used)
        throw new AppError('conflict', `${def.label} still has ${dependent.label}; remove them first`);
    }
    const extra = await extraWrites(scope, reach, 'delete', {}, before);
    await deleteRecord(
      scope,
      def.table,
      before,
      { type: auditType, action: `${def.path}.delete` },
      extra(before.id),
    );
    return c.body(null, 204);
  });

  return router;
}

// biome-ignore lint/suspicious/noExplicitAny: drizzle's builders are generic over the concrete table
type AnyDb = any;

// The generic routes above lose hono's per-route input inference; these read the validated input.
// biome-ignore lint/suspicious/noExplicitAny: see above
const validBody = (c: any) => c.req.valid('json') as Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: see above
const validId = (c: any) => (c.req.valid('param') as { id: string }).id;
