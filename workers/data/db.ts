import * as schema from '@guanjia/core/db/schema';
import { drizzle } from 'drizzle-orm/d1';
import type { Env } from '../env';

export type Database = ReturnType<typeof drizzle<typeof schema>>;

/** D1 bindings that may hold tenants; the tenant directory says which one a tenant lives in. */
export const shardBindings = ['DB'] as const;
export type ShardBinding = (typeof shardBindings)[number];

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

/** The directory database: tenants and their shard. */
export function directoryDb(env: Env): Database {
  return drizzle(env.DB, { schema, logger });
}

export function shardDb(env: Env, shard: string): Database {
  const binding = (shardBindings as readonly string[]).includes(shard) ? (shard as ShardBinding) : undefined;
  if (!binding) throw new Error(`Unknown D1 shard ${shard}`);
  return drizzle(env[binding], { schema, logger });
}
