import { AppError, type Reach } from '@guanjia/core';
import { outboxEvents } from '@guanjia/core/db/schema';
import { type OutboxStatus, replayRefusal } from '@guanjia/core/events/outbox-status';
import { and, asc, desc, eq, gte, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Env } from '../env';
import { createLogger } from '../lib/logger';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { type OutboxRow, sendRows } from './outbox';
import { placeFilter } from './reach';
import type { TenantScope } from './scope';

export interface EventQuery {
  status?: OutboxStatus;
  type?: string;
  /** occurredAt at or after. */
  from?: Date;
  /** occurredAt before. */
  to?: Date;
}

/** Not handled and not dead: the terms of the partial unhandled index, word for word. */
const notDone = () => and(isNull(outboxEvents.handledAt), isNull(outboxEvents.deadAt));

/** The status filter, written so the planner picks the partial dead / unsent / unhandled indexes. */
function statusFilter(status: OutboxStatus | undefined): SQL | undefined {
  switch (status) {
    case 'dead':
      return and(isNotNull(outboxEvents.deadAt), isNull(outboxEvents.handledAt));
    case 'pending':
      return and(isNull(outboxEvents.publishedAt), notDone());
    case 'sent':
      return and(notDone(), isNotNull(outboxEvents.publishedAt));
    case 'handled':
      return isNotNull(outboxEvents.handledAt);
    default:
      return undefined;
  }
}

/** Events within reach: placed in a reached branch or project; unplaced ones for group-wide callers. */
const eventInReach = (scope: TenantScope, reach: Reach) => placeFilter(scope, reach, outboxEvents);

/** A keyset page of the tenant's outbox events, newest first (ids sort by time). */
export async function listEvents(
  scope: TenantScope,
  reach: Reach,
  query: EventQuery,
  page: { after?: string; limit: number },
): Promise<OutboxRow[]> {
  return scope.db
    .select()
    .from(outboxEvents)
    .where(
      and(
        eq(outboxEvents.tenantId, scope.tenantId),
        page.after ? lt(outboxEvents.id, page.after) : undefined,
        statusFilter(query.status),
        query.type ? eq(outboxEvents.type, query.type) : undefined,
        query.from ? gte(outboxEvents.occurredAt, query.from) : undefined,
        query.to ? lt(outboxEvents.occurredAt, query.to) : undefined,
        eventInReach(scope, reach),
      ),
    )
    .orderBy(desc(outboxEvents.id))
    .limit(page.limit + 1);
}

export interface EventsHealth {
  /** Events neither handled nor dead, never sent / sent. */
  pending: number;
  sent: number;
  oldestUnhandled: { id: string; occurredAt: Date } | null;
}

/**
 * How far behind the tenant's consumers are, within reach: the events not handled yet (dead ones
 * aside: they have their own state and alert) and the oldest of them, through the partial
 * unhandled index.
 */
export async function eventsHealth(scope: TenantScope, reach: Reach): Promise<EventsHealth> {
  const where = and(eq(outboxEvents.tenantId, scope.tenantId), notDone(), eventInReach(scope, reach));
  const [counts] = await scope.db
    .select({
      pending: sql<number>`coalesce(sum(case when ${outboxEvents.publishedAt} is null then 1 else 0 end), 0)`,
      sent: sql<number>`coalesce(sum(case when ${outboxEvents.publishedAt} is null then 0 else 1 end), 0)`,
    })
    .from(outboxEvents)
    .where(where);
  const [oldest] = await scope.db
    .select({ id: outboxEvents.id, occurredAt: outboxEvents.occurredAt })
    .from(outboxEvents)
    .where(where)
    .orderBy(asc(outboxEvents.id))
    .limit(1);
  return {
    pending: Number(counts?.pending ?? 0),
    sent: Number(counts?.sent ?? 0),
    oldestUnhandled: oldest ?? null,
  };
}

export async function getEvent(scope: TenantScope, reach: Reach, id: string): Promise<OutboxRow> {
  const [row] = await scope.db
    .select()
    .from(outboxEvents)
    .where(
      and(eq(outboxEvents.tenantId, scope.tenantId), eq(outboxEvents.id, id), eventInReach(scope, reach)),
    )
    .limit(1);
  if (!row) throw new AppError('not_found', `Event ${id} not found`);
  return row;
}

const markers = (row: OutboxRow) => ({
  publishedAt: row.publishedAt,
  handledAt: row.handledAt,
  deadAt: row.deadAt,
  deadReason: row.deadReason,
  lastError: row.lastError,
});

/**
 * Sends an event not handled (dead, unsent, or sent and lost) to the events queue again. One
 * batch clears its dead marker, makes it unsent and writes the audit entry; then it is sent like
 * any outbox row (and marked sent). If the send fails the row stays unsent (answered pending) and
 * the cron sweep sends it. A handled event is refused (nothing written). Consumers are idempotent
 * by event id, so what the event already caused is not done twice.
 */
export async function replayEvent(env: Env, scope: TenantScope, row: OutboxRow): Promise<OutboxRow> {
  const refusal = replayRefusal(row);
  if (refusal) throw new AppError('event_not_replayable', refusal, { extra: { eventId: row.id } });
  const cleared: OutboxRow = { ...row, deadAt: null, deadReason: null, publishedAt: null };
  await commit(scope, [
    scope.db
      .update(outboxEvents)
      .set({ deadAt: null, deadReason: null, publishedAt: null })
      .where(
        and(
          eq(outboxEvents.tenantId, scope.tenantId),
          eq(outboxEvents.id, row.id),
          isNull(outboxEvents.handledAt),
        ),
      ),
    auditEntry(scope, 'events.replay', { type: 'event', id: row.id }, markers(row), {
      ...markers(cleared),
      type: row.type,
    }),
  ]);
  try {
    await sendRows(env, scope.db, [cleared], scope.now);
  } catch (error) {
    // Unsent is a state the sweep repairs: the replay stands, the answer shows it pending.
    createLogger({ tenantId: scope.tenantId }, env.LOG_LEVEL ?? 'info').error('event replay send failed', {
      eventId: row.id,
      error: String(error),
    });
    return cleared;
  }
  return { ...cleared, publishedAt: scope.now, lastSentAt: scope.now, attempts: row.attempts + 1 };
}
