import * as schema from '@guanjia/core/db/schema';
import { drizzle } from 'drizzle-orm/d1';
import type { Env } from '../env';

export type Database = ReturnType<typeof drizzle<typeof schema>>;

/**
 * D1 bindings that may hold tenants; the tenant directory (the `tenants` table of
 * `directoryShard`) says which one a tenant lives in. Every shard carries the same migrations
 * and holds, beside the rows of its tenants, each one's own `tenants` row (settings, version);
 * for a tenant of the directory's shard that row is its directory entry itself.
 */
export const shardBindings = ['DB', 'DB2'] as const;
export type ShardBinding = (typeof shardBindings)[number];
export const directoryShard: ShardBinding = 'DB';

export function isShard(name: string): name is ShardBinding {
  return (shardBindings as readonly string[]).includes(name);
}

export interface IssuedQuery {
  sql: string;
  params: unknown[];
}

let queryLog: IssuedQuery[] | undefined;

/**
 * Collects every query the data layer issues while `work` runs; the
 * query-plan test uses it to EXPLAIN each one.
 */
export async function recordQueries(work: () => Promise<void>): Promise<IssuedQuery[]> {
  const log: IssuedQuery[] = [];
  queryLog = log;
  try {
    await work();
  } finally {
    queryLog = undefined;
  }
  return log;
}

const logger = { logQuery: (sql: string, params: unknown[]) => queryLog?.push({ sql, params }) };

/*
 * One drizzle instance per D1 binding for the isolate's life: `drizzle(d1, { schema })` walks the
 * whole schema to build its relational config, a few per cent of a clock alarm's CPU in a profile,
 * when it ran for every scope. The instance holds no per-request state (a batch is one call).
 */
const databases = new WeakMap<D1Database, Database>();

function databaseOf(d1: D1Database): Database {
  let db = databases.get(d1);
  if (!db) {
    db = drizzle(d1, { schema, logger });
    databases.set(d1, db);
  }
  return db;
}

/** The directory database: tenants and their shard. */
export function directoryDb(env: Env): Database {
  return databaseOf(env.DB);
}

/** The raw D1 binding of a shard (a binding missing from the environment is an error, never a fallback). */
export function shardD1(env: Env, shard: string): D1Database {
  if (!isShard(shard)) throw new Error(`Unknown D1 shard ${shard}`);
  const binding = env[shard];
  if (!binding) throw new Error(`D1 shard ${shard} is not bound`);
  return binding;
}

export function shardDb(env: Env, shard: string): Database {
  return databaseOf(shardD1(env, shard));
}
