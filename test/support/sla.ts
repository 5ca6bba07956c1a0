import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { newId } from '@guanjia/core';
import { cases, caseTimeline } from '@guanjia/core/db/schema';
import { drizzle } from 'drizzle-orm/d1';
import { systemScope } from '../../workers/app/scope';
import { findTenant } from '../../workers/data/tenants';
import { createLogger } from '../../workers/lib/logger';
import { shardOf } from './shards';

let sequence = 0;

/** A timeline row as a clock test writes it: the step's action, when, and its data. */
export type TimelineStep = [action: string, at: Date, data?: Record<string, unknown>];

/** The timeline steps the case API would have written for a row's instants, in time order. */
function stepsOf(values: Partial<typeof cases.$inferInsert>, receivedAt: Date): TimelineStep[] {
  const steps: [string, Date | null | undefined, Record<string, unknown>?][] = [
    ['receive', receivedAt],
    ['dispatch', values.dispatchedAt],
    ['record_contact', values.contactedAt],
    ['arrive', values.arrivedAt],
    ['complete', values.completedAt],
    ['sign_off', values.signedOffAt],
    ['reply_owner', values.firstReplyAt],
    ['resolve', values.resolvedAt],
    ['follow_up', values.followedUpAt, { satisfaction: 5, satisfied: true }],
    ['close', values.closedAt],
  ];
  return steps
    .filter((s): s is [string, Date, Record<string, unknown>?] => s[1] instanceof Date)
    .map(([action, at, data]) => [action, at, data ?? {}] as TimelineStep)
    .sort((a, b) => a[1].getTime() - b[1].getTime());
}

/** Writes timeline rows for a case (ids in the order given, as the case API does). */
export async function addTimeline(tenantId: string, caseId: string, steps: readonly TimelineStep[]) {
  if (steps.length === 0) return;
  const ids = steps.map(() => newId('caseTimeline')).sort();
  await drizzle(await shardOf(tenantId))
    .insert(caseTimeline)
    .values(
      steps.map(([action, at, data], i) => ({
        id: ids[i] as string,
        tenantId,
        caseId,
        at,
        actorType: 'staff',
        actorId: null,
        action,
        visibility: 'internal' as const,
        note: null,
        data: data ?? {},
      })),
    );
}

/**
 * A case row written straight to D1, with the instants a clock test needs (e.g. dispatched 31
 * minutes ago), and its timeline: the clock decides on the timeline, so each instant given gets
 * the step the case API would have written (receive, dispatch, record_contact, ...), unless
 * `timeline` lists the steps itself. Clock tests set time through these instants instead of
 * waiting for it.
 */
export async function insertCase(
  tenantId: string,
  place: { branchId: string; projectId: string; unitId?: string | null },
  values: Partial<typeof cases.$inferInsert> = {},
  timeline?: readonly TimelineStep[],
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
  await drizzle(await shardOf(tenantId))
    .insert(cases)
    .values(row);
  await addTimeline(tenantId, row.id, timeline ?? stepsOf(values, row.receivedAt));
  return row as typeof cases.$inferSelect;
}

/**
 * Moves a whole case `minutes` back in time (every timeline instant and every instant column):
 * "dispatched 31 minutes ago" for a case made through the API a moment ago. Re-arms the clock.
 */
export async function shiftCase(tenantId: string, caseId: string, minutes: number) {
  const ms = minutes * 60_000;
  const columns = [
    'received_at',
    'dispatched_at',
    'contacted_at',
    'arrived_at',
    'completed_at',
    'signed_off_at',
    'first_reply_at',
    'last_department_feedback_at',
    'resolved_at',
    'followup_due_at',
    'followed_up_at',
    'closed_at',
  ];
  const db = await shardOf(tenantId);
  await db.batch([
    db
      .prepare('UPDATE case_timeline SET at = at + ? WHERE tenant_id = ? AND case_id = ?')
      .bind(ms, tenantId, caseId),
    db
      .prepare(
        `UPDATE cases SET ${columns.map((c) => `${c} = ${c} + ?`).join(', ')} WHERE tenant_id = ? AND id = ?`,
      )
      .bind(...columns.map(() => ms), tenantId, caseId),
  ]);
  return arm(tenantId, caseId);
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

/**
 * Changes a case's columns (status, instants) and appends timeline steps, as a step of the case
 * API would, then re-arms its clock.
 */
export async function backdate(
  tenantId: string,
  caseId: string,
  columns: Record<string, Date | number | string | null>,
  timeline: readonly TimelineStep[] = [],
) {
  const names = Object.keys(columns);
  const values = names.map((n) => {
    const v = columns[n];
    return v instanceof Date ? v.getTime() : v;
  });
  if (names.length > 0) {
    await (await shardOf(tenantId))
      .prepare(`UPDATE cases SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE tenant_id = ? AND id = ?`)
      .bind(...values, tenantId, caseId)
      .run();
  }
  await addTimeline(tenantId, caseId, timeline);
  return arm(tenantId, caseId);
}

/** The case's SLA milestones as the clock projected them (case_milestones), current cycle last. */
export async function milestoneRows(tenantId: string, caseId: string) {
  const { results } = await (await shardOf(tenantId))
    .prepare(
      `SELECT milestone, cycle, status, started_at AS startedAt, warn_at AS warnAt, due_at AS dueAt,
       warned_at AS warnedAt, breached_at AS breachedAt, met_at AS metAt, paused_ms AS pausedMs
     FROM case_milestones WHERE tenant_id = ? AND case_id = ? ORDER BY cycle, milestone`,
    )
    .bind(tenantId, caseId)
    .all<{
      milestone: string;
      cycle: number;
      status: string;
      startedAt: number | null;
      warnAt: number | null;
      dueAt: number | null;
      warnedAt: number | null;
      breachedAt: number | null;
      metAt: number | null;
      pausedMs: number;
    }>();
  return results;
}

/** What the clock recorded for a case: keys by kind. */
export async function recordedKeys(tenantId: string, caseId: string) {
  const { results } = await (await shardOf(tenantId))
    .prepare('SELECT key, kind FROM sla_actions WHERE tenant_id = ? AND case_id = ? ORDER BY id')
    .bind(tenantId, caseId)
    .all<{ key: string; kind: string }>();
  return results;
}

/** Outbox event types written for a case, oldest first. */
export async function outboxTypes(tenantId: string, caseId: string) {
  const { results } = await (await shardOf(tenantId))
    .prepare(
      `SELECT type FROM outbox_events WHERE tenant_id = ? AND json_extract(payload, '$.caseId') = ? ORDER BY id`,
    )
    .bind(tenantId, caseId)
    .all<{ type: string }>();
  return results.map((r) => r.type);
}

/** The system acting in a tenant at `now`, as the SLA clock's scope is made (the forfeit use case). */
export async function systemScopeAt(tenantId: string, now: Date) {
  const tenant = await findTenant(env, tenantId);
  if (!tenant) throw new Error(`No tenant ${tenantId}`);
  return systemScope({ env, now, logger: createLogger({ source: 'test' }) }, tenant);
}
