import { AppError, type Grant, newId, type Reach, sha256Hex, tenantBoundSecret } from '@guanjia/core';
import { apiKeys, projects } from '@guanjia/core/db/schema';
import { and, desc, eq, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Env } from '../env';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { shardDb } from './db';
import type { TenantScope } from './scope';
import type { TenantRecord } from './tenants';

export const apiKeyPrefix = 'gjk';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
/** A key as it may leave the data layer: never its hash. */
export type ApiKeyRecord = Omit<ApiKeyRow, 'keyHash'>;

const never = sql`0`;

export function publicApiKey(row: ApiKeyRow | ApiKeyRecord): ApiKeyRecord {
  const { keyHash: _hash, ...rest } = row as ApiKeyRow;
  return rest;
}

/** Where `value` (a column or expression) is one of `ids`; never true for an empty list. */
function oneOf(value: SQL, ids: ReadonlySet<string>): SQL {
  if (ids.size === 0) return never;
  return sql`${value} in (${sql.join(
    [...ids].map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/**
 * SQL on api_keys: every grant of the key lies within the reach, so a branch-wide key
 * manager sees (and revokes) the keys of its branch and no key reaching further.
 */
export function apiKeyInReach(scope: TenantScope, reach: Reach): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  if (reach.kind === 'none') return never;
  const type = sql`json_extract(g.value, '$.scopeType')`;
  const id = sql`json_extract(g.value, '$.scopeId')`;
  const branchProjects =
    reach.branchIds.size > 0
      ? sql`${id} in (select ${projects.id} from ${projects} where ${projects.tenantId} = ${scope.tenantId} and ${oneOf(sql`${projects.branchId}`, reach.branchIds)})`
      : never;
  const inside = sql`(${type} = 'branch' and ${oneOf(id, reach.branchIds)}) or (${type} = 'project' and (${oneOf(id, reach.projectIds)} or ${branchProjects}))`;
  return sql`not exists (select 1 from json_each(${apiKeys.grants}) g where not (${inside}))`;
}

/** A keyset page of keys, newest first. */
export async function listApiKeys(
  scope: TenantScope,
  reach: Reach,
  page: { after?: string; limit: number },
): Promise<ApiKeyRecord[]> {
  const rows = await scope.db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.tenantId, scope.tenantId),
        page.after ? lt(apiKeys.id, page.after) : undefined,
        apiKeyInReach(scope, reach),
      ),
    )
    .orderBy(desc(apiKeys.id))
    .limit(page.limit + 1);
  return rows.map(publicApiKey);
}

export async function getApiKey(scope: TenantScope, reach: Reach, id: string): Promise<ApiKeyRecord> {
  const [row] = await scope.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, scope.tenantId), eq(apiKeys.id, id), apiKeyInReach(scope, reach)))
    .limit(1);
  if (!row) throw new AppError('not_found', `API key ${id} not found`);
  return publicApiKey(row);
}

/**
 * Creates a key: the plain secret is returned to the caller once and only its SHA-256 is stored,
 * with a display prefix (the tenant part and the first characters of the random part).
 */
export async function createApiKey(
  scope: TenantScope,
  input: { name: string; grants: Grant[]; expiresAt: Date | null },
): Promise<{ record: ApiKeyRecord; key: string }> {
  const key = tenantBoundSecret(apiKeyPrefix, scope.tenantId);
  const randomStart = key.indexOf('_', apiKeyPrefix.length + 1) + 1;
  const row: ApiKeyRow = {
    id: newId('apiKey'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    name: input.name,
    prefix: key.slice(0, randomStart + 6),
    keyHash: await sha256Hex(key),
    grants: input.grants,
    createdBy: scope.actor.id,
    expiresAt: input.expiresAt,
    lastUsedAt: null,
    revokedAt: null,
  };
  const record = publicApiKey(row);
  await commit(scope, [
    scope.db.insert(apiKeys).values(row),
    auditEntry(scope, 'api_keys.create', { type: 'apiKey', id: row.id }, null, record),
  ]);
  return { record, key };
}

/** Revokes a key at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(scope: TenantScope, before: ApiKeyRecord): Promise<ApiKeyRecord> {
  if (before.revokedAt) return before;
  const after = { ...before, revokedAt: scope.now, updatedAt: scope.now };
  await commit(scope, [
    scope.db
      .update(apiKeys)
      .set({ revokedAt: scope.now, updatedAt: scope.now })
      .where(and(eq(apiKeys.tenantId, scope.tenantId), eq(apiKeys.id, before.id), isNull(apiKeys.revokedAt))),
    auditEntry(scope, 'api_keys.revoke', { type: 'apiKey', id: before.id }, before, after),
  ]);
  return after;
}

/**
 * The live key of the tenant with this hash (not revoked; the caller checks its expiry), read on
 * the tenant's shard: the authentication of an integrator call. Not scoped by a TenantScope
 * because the scope is what it helps build.
 */
export async function findLiveApiKey(
  env: Env,
  tenant: TenantRecord,
  keyHash: string,
): Promise<ApiKeyRow | undefined> {
  return shardDb(env, tenant.shard).query.apiKeys.findFirst({
    where: and(eq(apiKeys.tenantId, tenant.id), eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)),
  });
}

/** Records when the key was last used (best effort: the caller runs it after the answer). */
export function touchApiKey(env: Env, tenant: TenantRecord, keyId: string, now: Date): Promise<unknown> {
  return shardDb(env, tenant.shard)
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.tenantId, tenant.id), eq(apiKeys.id, keyId)))
    .run();
}
