import { effectiveGrants, type Grant, localDate, newId, sha256Hex, tenantBoundSecret } from '@guanjia/core';
import { refreshTokens, roleAssignments, staffLoans, staffUsers } from '@guanjia/core/db/schema';
import { and, eq, gte, isNull, or } from 'drizzle-orm';
import { readBatch } from './commit';
import type { Database } from './db';

export const refreshTokenPrefix = 'gjr';
export const refreshTokenTtlMs = 30 * 24 * 60 * 60 * 1000;

export type StaffUser = typeof staffUsers.$inferSelect;

export async function findStaffByLogin(
  db: Database,
  tenantId: string,
  login: string,
): Promise<StaffUser | undefined> {
  const normalized = login.trim().toLowerCase();
  return db.query.staffUsers.findFirst({
    where: and(
      eq(staffUsers.tenantId, tenantId),
      or(eq(staffUsers.email, normalized), eq(staffUsers.phone, login.trim())),
    ),
  });
}

/** One staff user of the tenant by id (any status: the caller decides what an inactive one may do). */
export async function findStaffById(
  db: Database,
  tenantId: string,
  id: string,
): Promise<StaffUser | undefined> {
  return db.query.staffUsers.findFirst({
    where: and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.id, id)),
  });
}

/** Standing role assignments plus the loans that cover today in the tenant's time zone. */
export async function grantsOf(
  db: Database,
  tenantId: string,
  userId: string,
  now: Date,
  timeZone: string,
): Promise<Grant[]> {
  const today = localDate(now, timeZone);
  const [assignments, loans] = await readBatch(db, [
    db
      .select({
        role: roleAssignments.role,
        scopeType: roleAssignments.scopeType,
        scopeId: roleAssignments.scopeId,
      })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId))),
    db
      .select({
        role: staffLoans.role,
        projectId: staffLoans.projectId,
        startsOn: staffLoans.startsOn,
        endsOn: staffLoans.endsOn,
      })
      .from(staffLoans)
      .where(
        and(eq(staffLoans.tenantId, tenantId), eq(staffLoans.userId, userId), gte(staffLoans.endsOn, today)),
      ),
  ]);
  return effectiveGrants(assignments, loans, today);
}

/** Notes a successful login on the account; run in the batch with the attempt's audit entry. */
export function recordSuccessfulLogin(db: Database, user: StaffUser, now: Date) {
  return db
    .update(staffUsers)
    .set({ lastLoginAt: now })
    .where(and(eq(staffUsers.tenantId, user.tenantId), eq(staffUsers.id, user.id)));
}

/** Issues a refresh token in a family; the family is what reuse detection revokes. */
export async function issueRefreshToken(
  db: Database,
  user: StaffUser,
  now: Date,
  familyId = newId('tokenFamily'),
) {
  const token = tenantBoundSecret(refreshTokenPrefix, user.tenantId);
  await db.insert(refreshTokens).values({
    id: newId('refreshToken'),
    tenantId: user.tenantId,
    userId: user.id,
    familyId,
    tokenHash: await sha256Hex(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + refreshTokenTtlMs),
  });
  return token;
}

export type RefreshOutcome =
  | { kind: 'rotated'; tenantId: string; userId: string; familyId: string }
  | { kind: 'invalid' }
  | { kind: 'reused'; tenantId: string };

/**
 * Spends a refresh token once. A token presented again (stolen and replayed,
 * or replayed by its owner) revokes its whole family.
 */
export async function spendRefreshToken(
  db: Database,
  tenantId: string,
  token: string,
  now: Date,
): Promise<RefreshOutcome> {
  const row = await db.query.refreshTokens.findFirst({
    where: and(eq(refreshTokens.tenantId, tenantId), eq(refreshTokens.tokenHash, await sha256Hex(token))),
  });
  if (!row) return { kind: 'invalid' };
  if (row.usedAt || row.revokedAt) {
    await revokeFamily(db, row.tenantId, row.familyId, now);
    return { kind: 'reused', tenantId: row.tenantId };
  }
  if (row.expiresAt <= now) return { kind: 'invalid' };
  const spent = await db
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(
      and(eq(refreshTokens.tenantId, tenantId), eq(refreshTokens.id, row.id), isNull(refreshTokens.usedAt)),
    )
    .run();
  if (spent.meta.changes !== 1) {
    await revokeFamily(db, row.tenantId, row.familyId, now);
    return { kind: 'reused', tenantId: row.tenantId };
  }
  return { kind: 'rotated', tenantId: row.tenantId, userId: row.userId, familyId: row.familyId };
}

export async function revokeFamily(
  db: Database,
  tenantId: string,
  familyId: string,
  now: Date,
): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(refreshTokens.tenantId, tenantId),
        eq(refreshTokens.familyId, familyId),
        isNull(refreshTokens.revokedAt),
      ),
    );
}
