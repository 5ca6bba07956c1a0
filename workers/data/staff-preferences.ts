import { AppError, notify } from '@guanjia/core';
import { staffNotificationPreferences, staffUsers } from '@guanjia/core/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import type { TenantScope } from './scope';

/* Staff notification preferences: one row per person, absent meaning the defaults. */

export interface PreferencesRecord extends notify.StaffNotificationPreferences {
  userId: string;
  /** 0 while the person keeps the defaults (no row yet). */
  version: number;
  updatedAt: Date | null;
}

type Row = typeof staffNotificationPreferences.$inferSelect;

const recordOf = (userId: string, row: Row | undefined): PreferencesRecord =>
  row
    ? {
        userId,
        channels: row.channels,
        quietHours: row.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
        quietOnDaysOff: row.quietOnDaysOff,
        wechatOpenId: row.wechatOpenId,
        version: row.version,
        updatedAt: row.updatedAt,
      }
    : { userId, ...notify.defaultStaffPreferences, version: 0, updatedAt: null };

/** The staff member of this tenant, or 404 (another tenant's person does not exist here). */
export async function requireStaffMember(scope: TenantScope, userId: string): Promise<void> {
  const [hit] = await scope.db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, scope.tenantId), eq(staffUsers.id, userId)))
    .limit(1);
  if (!hit) throw new AppError('not_found', `Staff member ${userId} not found`);
}

export async function getPreferences(scope: TenantScope, userId: string): Promise<PreferencesRecord> {
  const [row] = await scope.db
    .select()
    .from(staffNotificationPreferences)
    .where(
      and(
        eq(staffNotificationPreferences.tenantId, scope.tenantId),
        eq(staffNotificationPreferences.userId, userId),
      ),
    )
    .limit(1);
  return recordOf(userId, row);
}

/** Everyone's preferences at once (the defaults for whoever has none). */
export async function preferencesOf(
  scope: TenantScope,
  userIds: readonly string[],
): Promise<Map<string, PreferencesRecord>> {
  const out = new Map<string, PreferencesRecord>();
  for (let i = 0; i < userIds.length; i += 90) {
    const chunk = userIds.slice(i, i + 90);
    const rows = await scope.db
      .select()
      .from(staffNotificationPreferences)
      .where(
        and(
          eq(staffNotificationPreferences.tenantId, scope.tenantId),
          inArray(staffNotificationPreferences.userId, chunk),
        ),
      );
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    for (const id of chunk) out.set(id, recordOf(id, byUser.get(id)));
  }
  return out;
}

/**
 * Writes a person's preferences (the whole set) with the audit entry; `expectedVersion`
 * (If-Match) answers 412 when someone changed them meanwhile.
 */
export async function savePreferences(
  scope: TenantScope,
  userId: string,
  input: notify.StaffNotificationPreferences,
  expectedVersion: number | undefined,
): Promise<PreferencesRecord> {
  const before = await getPreferences(scope, userId);
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const values = {
    channels: input.channels,
    quietStart: input.quietHours?.start ?? null,
    quietEnd: input.quietHours?.end ?? null,
    quietOnDaysOff: input.quietOnDaysOff,
    wechatOpenId: input.wechatOpenId,
    updatedAt: scope.now,
    version: before.version + 1,
  };
  const where = and(
    eq(staffNotificationPreferences.tenantId, scope.tenantId),
    eq(staffNotificationPreferences.userId, userId),
    eq(staffNotificationPreferences.version, before.version),
  );
  const write =
    before.version === 0
      ? scope.db
          .insert(staffNotificationPreferences)
          .values({ tenantId: scope.tenantId, userId, ...values })
          .onConflictDoNothing()
      : scope.db.update(staffNotificationPreferences).set(values).where(where);
  const { wechatOpenId: _before, ...beforeAudit } = before;
  const [result] = await commit(scope, [
    write,
    auditEntry(
      scope,
      'staff.notification_preferences.update',
      { type: 'staff', id: userId },
      { ...beforeAudit, wechatOpenId: before.wechatOpenId ? 'set' : null },
      { ...input, wechatOpenId: input.wechatOpenId ? 'set' : null, version: values.version },
    ),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) throw new AppError('precondition_failed');
  return { userId, ...input, version: values.version, updatedAt: scope.now };
}
