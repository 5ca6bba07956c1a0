import { env } from 'cloudflare:test';

/*
 * The two D1 shards of the tests (wrangler.toml binds DB and DB2; both carry every migration).
 * `newTenant()` places tenants on them in turn and the demo group lives on DB2, so a raw query
 * of a test goes to the tenant's shard (`shardOf`), or to every shard (`everyShard`).
 */
export type ShardName = 'DB' | 'DB2';
export const shardNames: readonly ShardName[] = ['DB', 'DB2'];

export function shardNamed(name: string): D1Database {
  if (name !== 'DB' && name !== 'DB2') throw new Error(`Unknown shard ${name}`);
  return env[name];
}

/** The name of the shard holding `tenantId`, as the tenant directory (on DB) says. */
export async function shardNameOf(tenantId: string): Promise<ShardName> {
  const row = await env.DB.prepare('SELECT shard FROM tenants WHERE id = ?')
    .bind(tenantId)
    .first<{ shard: string }>();
  if (!row) throw new Error(`No tenant ${tenantId} in the directory`);
  return row.shard as ShardName;
}

/** The D1 database holding `tenantId`'s rows. */
export async function shardOf(tenantId: string): Promise<D1Database> {
  return shardNamed(await shardNameOf(tenantId));
}

/** Every shard, for queries about no one tenant. */
export function everyShard(): D1Database[] {
  return shardNames.map(shardNamed);
}

/** A `count(*) AS n` query summed over every shard. */
export async function countEverywhere(sql: string, ...params: unknown[]): Promise<number> {
  let n = 0;
  for (const db of everyShard()) {
    n += Number(
      (
        await db
          .prepare(sql)
          .bind(...params)
          .first<{ n: number }>()
      )?.n ?? 0,
    );
  }
  return n;
}

let placed = 0;
/** The shard of the next test tenant: DB2 and DB in turn (the first of each file on DB2). */
export function nextShard(): ShardName {
  placed += 1;
  return placed % 2 === 1 ? 'DB2' : 'DB';
}
