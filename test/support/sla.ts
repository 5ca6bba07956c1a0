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
  const before = (await stub.state()).lastFired?.firedAt ?? null;
  const ran = await runDurableObjectAlarm(stub);
  await stub.settled();
  if (ran) return true;
  // An alarm armed in the past may have been started by the runtime itself: wait for it to finish.
  for (let i = 0; i < 50; i++) {
    const state = await stub.state();
    if ((state.lastFired?.firedAt ?? null) !== before) {
      await stub.settled();
      return true;
    }
    await scheduler.wait(10);
  }
  return false;
}

/** Moves a case's instants back in time (e.g. dispatched 31 minutes ago) and re-arms its clock. */
export async function backdate(
  tenantId: string,
  caseId: string,
  columns: Record<string, Date | number | string | null>,
) {
  const names = Object.keys(columns);
  const values = names.map((n) => {
    const v = columns[n];
    return v instanceof Date ? v.getTime() : v;
  });
  await env.DB.prepare(
    `UPDATE cases SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE tenant_id = ? AND id = ?`,
  )
    .bind(...values, tenantId, caseId)
    .run();
  return arm(tenantId, caseId);
}

/** What the clock recorded for a case: keys by kind. */
export async function recordedKeys(tenantId: string, caseId: string) {
  const { results } = await env.DB.prepare(
    'SELECT key, kind FROM sla_actions WHERE tenant_id = ? AND case_id = ? ORDER BY id',
  )
    .bind(tenantId, caseId)
    .all<{ key: string; kind: string }>();
  return results;
}

/** Outbox event types written for a case, oldest first. */
export async function outboxTypes(tenantId: string, caseId: string) {
  const { results } = await env.DB.prepare(
    `SELECT type FROM outbox_events WHERE tenant_id = ? AND json_extract(payload, '$.caseId') = ? ORDER BY id`,
  )
    .bind(tenantId, caseId)
    .all<{ type: string }>();
  return results.map((r) => r.type);
}
