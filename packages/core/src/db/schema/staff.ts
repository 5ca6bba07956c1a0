import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Grant, Role, ScopeType } from '../../access/roles';
import { instant, tenantOwned, versioned } from './columns';

export const staffUsers = sqliteTable(
  'staff_users',
  {
    ...tenantOwned(),
    ...versioned(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    locale: text('locale'),
    departmentId: text('department_id'),
    /** Set for the staff of a 施工单位: they see only their company's work. */
    contractorId: text('contractor_id'),
    lastLoginAt: instant('last_login_at'),
  },
  (t) => [
    uniqueIndex('staff_users_tenant_email_uq').on(t.tenantId, t.email),
    uniqueIndex('staff_users_tenant_phone_uq').on(t.tenantId, t.phone),
  ],
);

/** One role held within one scope: the whole group, one branch or one project. */
export const roleAssignments = sqliteTable(
  'role_assignments',
  {
    ...tenantOwned(),
    userId: text('user_id').notNull(),
    role: text('role').$type<Role>().notNull(),
    scopeType: text('scope_type').$type<ScopeType>().notNull(),
    scopeId: text('scope_id'),
  },
  (t) => [
    index('role_assignments_tenant_user_idx').on(t.tenantId, t.userId),
    uniqueIndex('role_assignments_uq').on(t.tenantId, t.userId, t.role, t.scopeType, t.scopeId),
  ],
);

/** A branch lends a staff member to one of its projects for a date range (e.g. 交楼). */
export const staffLoans = sqliteTable(
  'staff_loans',
  {
    ...tenantOwned(),
    userId: text('user_id').notNull(),
    projectId: text('project_id').notNull(),
    role: text('role').$type<Role>().notNull(),
    /** Local dates (tenant time zone), inclusive. */
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    reason: text('reason'),
  },
  (t) => [index('staff_loans_tenant_user_idx').on(t.tenantId, t.userId, t.endsOn)],
);

export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    familyId: text('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash),
    index('refresh_tokens_tenant_family_idx').on(t.tenantId, t.familyId),
  ],
);

/** Integrator keys: only a SHA-256 of the secret is stored. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    ...tenantOwned(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    grants: text('grants', { mode: 'json' }).$type<Grant[]>().notNull(),
    createdBy: text('created_by'),
    expiresAt: instant('expires_at'),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash), index('api_keys_tenant_idx').on(t.tenantId, t.id)],
);

/**
 * Failed staff logins per source: one client address trying one login (as typed, existing or
 * not) in a tenant. The throttle that slows guessing down (core `access/login-throttle.ts`);
 * the attempts themselves are in the audit log.
 */
export const loginThrottles = sqliteTable(
  'login_throttles',
  {
    tenantId: text('tenant_id').notNull(),
    /** SHA-256 hex of the address and the normalised login: neither is kept in clear here. */
    source: text('source').notNull(),
    failures: integer('failures').notNull(),
    /** Attempts from the source are refused unchecked until then. */
    blockedUntil: instant('blocked_until'),
    /** After this the source starts afresh (its last delay ran out and it stayed quiet). */
    resetsAt: instant('resets_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.source] })],
);
