import { applyD1Migrations, env } from 'cloudflare:test';

// Both D1 shards carry the same migrations (wrangler.toml binds DB and DB2; data/db.ts `shardBindings`).
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.DB2, env.TEST_MIGRATIONS);
