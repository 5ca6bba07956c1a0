import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { newId } from '@guanjia/core';
import { cases } from '@guanjia/core/db/schema';
import { drizzle } from 'drizzle-orm/d1';

let sequence = 0;

/**
 * A case row written straight to D1, with the instants a clock test needs (e.g. dispatched 31
 * minutes ago). Clock tests set time through these instants instead of waiting for it.
 */
export async function insertCase(
  tenantId: string,
  place: { branchId: string; projectId: string; unitId?: string | null },
  values: Partial<typeof cases.$inferInsert> = {},
) {
  sequence += 1;
  const now = new Date();
  const row: typeof cases.$inferInsert = {
    id: newId('case'),
    tenantId,
    createdAt: now,
    updatedAt: now,
    archiveNo: `20261122${String(sequence).padStart(3, '0')}${Math.floor(Math.random() * 1e6)}`,
    kind: 'repair',
    channel: 'hotline',
    status: 'received',
    urgency: 'normal',
    category: 'plumbing',
    branchId: place.branchId,
    projectId: place.projectId,
    unitId: place.unitId ?? null,
    description: '卫生间水管漏水',
    receivedAt: now,
    ...values,
  };
  await drizzle(env.DB).insert(cases).values(row);
  return row as typeof cases.$inferSelect;
}

/** Minutes before or after now, as a Date. */
export const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/** The clock of a case, as the Worker names it. */
export function clockOf(tenantId: string, caseId: string) {
  return env.CASE_CLOCKS.get(env.CASE_CLOCKS.idFromName(`${tenantId}:${caseId}`));
}

/** Arms a case's clock as a case change would. */
export function arm(tenantId: string, caseId: string) {
  return clockOf(tenantId, caseId).arm(tenantId, caseId);
}

/**
 * Runs the clock's alarm now if one is set (whatever its time) and waits until the clock is
 * idle, so the test reads what the alarm wrote. Answers whether an alarm was pending.
 */
export async function fireAlarm(tenantId: string, caseId: string): Promise<boolean> {
  const stub = clockOf(tenantId, caseId);
  const ran = await runDurableObjectAlarm(stub);
  await stub.settled();
  return ran;
}
