import { errorText } from '@guanjia/core';
import { outboxEvents } from '@guanjia/core/db/schema';
import type { EventEnvelope } from '@guanjia/core/events/catalogue';
import { and, eq, isNull } from 'drizzle-orm';
import { commit } from './commit';
import { inboxInserts, tenantAdmins } from './inbox';
import type { TenantScope } from './scope';

/**
 * Keeps the consumer's last failure on the event's outbox row, for the dead-letter record, and
 * when the queue is to retry it (`retryAt`): the sweep leaves an event alone until then.
 */
export async function recordEventFailure(
  scope: TenantScope,
  eventId: string,
  error: unknown,
  retryAt: Date,
): Promise<void> {
  await scope.db
    .update(outboxEvents)
    .set({ lastError: errorText(error, 500), retryAt })
    .where(and(eq(outboxEvents.tenantId, scope.tenantId), eq(outboxEvents.id, eventId)));
}

/**
 * An event the events queue gave up on: its outbox row is marked dead with why (the last error
 * the consumer met), and every tenant admin gets an inbox message naming it, in one batch. A
 * repeated dead letter changes nothing (the row keeps its first dead time; one inbox row per
 * admin by its source key). An event handled meanwhile (another send of it, by the sweep or a
 * replay, got through) is done: nothing is marked and nobody is told.
 */
export async function recordDeadEvent(scope: TenantScope, event: EventEnvelope): Promise<string | undefined> {
  const where = and(eq(outboxEvents.tenantId, scope.tenantId), eq(outboxEvents.id, event.id));
  const [row] = await scope.db
    .select({
      lastError: outboxEvents.lastError,
      deadReason: outboxEvents.deadReason,
      handledAt: outboxEvents.handledAt,
    })
    .from(outboxEvents)
    .where(where)
    .limit(1);
  if (row?.handledAt) return undefined;
  const reason =
    row?.deadReason ?? `Dead-lettered after the last retry: ${row?.lastError ?? 'no error recorded'}`;
  const admins = await tenantAdmins(scope);
  await commit(scope, [
    scope.db
      .update(outboxEvents)
      .set({ deadAt: scope.now, deadReason: reason })
      .where(and(where, isNull(outboxEvents.deadAt), isNull(outboxEvents.handledAt))),
    ...inboxInserts(
      scope,
      admins.map((userId) => ({
        userId,
        sourceId: `event-dead:${event.id}`,
        kind: 'event.dead_lettered',
        title: `事件处理失败 ${event.type}`,
        body: `Event ${event.id} (${event.type}) could not be processed and was dead-lettered. ${reason}`,
        data: { eventId: event.id, eventType: event.type, reason },
      })),
    ),
  ] as unknown as Parameters<typeof scope.db.batch>[0]);
  return reason;
}
