import { integer, text } from 'drizzle-orm/sqlite-core';

/** Instants are stored as UTC epoch milliseconds. */
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** Columns every tenant-owned row carries. */
export const tenantOwned = () => ({
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** Rows two people may edit at once carry a version, exposed as the ETag. */
export const versioned = () => ({
  version: integer('version').notNull().default(1),
});
