import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { actorTypes } from '../../vocabulary';
import { instant } from './columns';

export { actorTypes };

export type ActorType = (typeof actorTypes)[number];

/** Every change: who, what, on which record, before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    actorType: text('actor_type', { enum: actorTypes }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    requestId: text('request_id'),
    at: instant('at').notNull(),
  },
  (t) => [
    index('audit_log_tenant_id_idx').on(t.tenantId, t.id),
    index('audit_log_tenant_target_idx').on(t.tenantId, t.targetType, t.targetId, t.id),
  ],
);

/** The first response to a creating POST, replayed for the same Idempotency-Key. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id').notNull(),
    principalId: text('principal_id').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status'),
    response: text('response'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.principalId, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
