import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './packages/core/src/db/schema/index.ts',
  out: './migrations',
});
