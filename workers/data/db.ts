import * as schema from '@guanjia/core/db/schema';
import { drizzle } from 'drizzle-orm/d1';
import type { Env } from '../env';

export type Database = ReturnType<typeof drizzle<typeof schema>>;

/** D1 bindings that may hold tenants; the tenant directory says which one a tenant lives in. */
export const shardBindings = ['DB'] as const;
export type ShardBinding = (typeof shardBindings)[number];

/** The directory database: tenants and their shard. */
export function directoryDb(env: Env): Database {
  return drizzle(env.DB, { schema });
}

export function shardDb(env: Env, shard: string): Database {
  const binding = (shardBindings as readonly string[]).includes(shard) ? (shard as ShardBinding) : undefined;
  if (!binding) throw new Error(`Unknown D1 shard ${shard}`);
  return drizzle(env[binding], { schema });
}
