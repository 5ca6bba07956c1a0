import { loginDelaySteps, loginThrottlePolicy, type SourceRecord, sha256Hex } from '@guanjia/core';
import { loginThrottles } from '@guanjia/core/db/schema';
import { and, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { Database } from './db';

/** A source: one client address trying one login (as typed, normalised) in a tenant. */
export function loginSource(address: string, login: string): Promise<string> {
  return sha256Hex(`${address}\n${login.trim().toLowerCase()}`);
}

export async function findLoginSource(
  db: Database,
  tenantId: string,
  source: string,
): Promise<SourceRecord | undefined> {
  return db.query.loginThrottles.findFirst({
    columns: { failures: true, blockedUntil: true, resetsAt: true },
    where: and(eq(loginThrottles.tenantId, tenantId), eq(loginThrottles.source, source)),
  });
}

/** `CASE` over core's delay steps: the delay in ms after the failure count `failures`. */
function delayMs(failures: SQL): SQL {
  const steps = loginDelaySteps().map(
    ([from, seconds]) => sql`when ${failures} >= ${from} then ${seconds * 1000}`,
  );
  return sql`(case ${sql.join(steps, sql` `)} else 0 end)`;
}

/**
 * Counts one failure of a source in a single statement, so failures sent side by side all
 * count (D1 runs statements one at a time): a source past its reset starts again at 1, and the
 * delay and reset instants follow from the new count. Run in the batch with the audit entry.
 */
export function countLoginFailure(db: Database, tenantId: string, source: string, now: Date) {
  const at = now.getTime();
  const quietMs = loginThrottlePolicy.quietResetSeconds * 1000;
  const failures = sql`(case when ${loginThrottles.resetsAt} <= ${at} then 1 else ${loginThrottles.failures} + 1 end)`;
  const first = loginDelaySteps().find(([from]) => from <= 1)?.[1] ?? 0;
  return db
    .insert(loginThrottles)
    .values({
      tenantId,
      source,
      failures: 1,
      blockedUntil: first > 0 ? new Date(at + first * 1000) : null,
      resetsAt: new Date(at + first * 1000 + quietMs),
    })
    .onConflictDoUpdate({
      target: [loginThrottles.tenantId, loginThrottles.source],
      set: {
        failures,
        blockedUntil: sql`max(coalesce(${loginThrottles.blockedUntil}, 0), ${at} + ${delayMs(failures)})`,
        resetsAt: sql`max(${loginThrottles.resetsAt}, ${at} + ${delayMs(failures)} + ${quietMs})`,
      },
    });
}

/** A successful login clears its own source only; other sources keep their count. */
export function clearLoginSource(db: Database, tenantId: string, source: string) {
  return db
    .delete(loginThrottles)
    .where(and(eq(loginThrottles.tenantId, tenantId), eq(loginThrottles.source, source)));
}

/** Drops the tenant's sources that have started afresh (the cron, so the table holds only live ones). */
export function forgetQuietLoginSources(db: Database, tenantId: string, now: Date) {
  return db
    .delete(loginThrottles)
    .where(and(eq(loginThrottles.tenantId, tenantId), lte(loginThrottles.resetsAt, now)));
}
