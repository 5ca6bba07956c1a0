import type { z } from '@hono/zod-openapi';
import {
  createResource,
  deleteResource,
  getResource,
  listResource,
  type ResourceRules,
  updateResource,
} from '../../../app/resources';
import type { RecordRow } from '../../../data/records';
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

export type { Dependent } from '../../../app/resources';

/**
 * One org resource (branches, projects, units, ...) at the API: the resource's rules (its use
 * cases' particulars, `app/resources.ts`) plus its HTTP shapes. The five operations are the
 * use cases of `app/resources.ts`; this file only parses, calls one and answers.
 */
export interface OrgResource<
  Out extends z.ZodObject,
  Create extends z.ZodObject,
  Update extends z.ZodObject,
  Query extends z.ZodObject,
> extends ResourceRules<z.infer<Query>> {
  schema: Out;
  createSchema: Create;
  updateSchema: Update;
  /** Extra list filters (e.g. `projectId`), applied on top of reach. */
  querySchema: Query;
  /** The answer's shape of a row (defaults to the row); gets the scope for derived fields. */
  toOutput?(row: RecordRow, scope: TenantScope): unknown;
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
  const noun = nounOf(def.label);
  const output = (row: RecordRow, scope: TenantScope) =>
    (def.toOutput ? def.toOutput(row, scope) : row) as z.infer<Out>;

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
    const query = c.req.valid('query') as z.infer<typeof PageQuerySchema> & z.infer<Query>;
    const rows = await listResource(c.get('scope'), def, query, {
      after: decodeCursor(query.cursor),
      limit: query.limit,
    });
    const page = toPage(rows, query.limit);
    return c.json(
      { data: page.data.map((row) => output(row, c.get('scope'))), nextCursor: page.nextCursor },
      200,
    );
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
    const row = await getResource(c.get('scope'), def, c.req.valid('param').id);
    c.header('ETag', etagOf(row.version));
    return c.json(output(row, c.get('scope')), 200);
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
    const row = await createResource(c.get('scope'), def, validBody(c));
    c.header('ETag', etagOf(row.version));
    c.header('Location', `/v1/${def.path}/${row.id}`);
    return c.json(output(row, c.get('scope')), 201);
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
    const row = await updateResource(c.get('scope'), def, {
      id: validId(c),
      changes: validBody(c),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(output(row, c.get('scope')), 200);
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
    await deleteResource(c.get('scope'), def, {
      id: c.req.valid('param').id,
      expectedVersion: expectedVersion(c),
    });
    return c.body(null, 204);
  });

  return router;
}

// The generic routes above lose hono's per-route input inference; these read the validated input.
// biome-ignore lint/suspicious/noExplicitAny: see above
const validBody = (c: any) => c.req.valid('json') as Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: see above
const validId = (c: any) => (c.req.valid('param') as { id: string }).id;
