import { outboxStatus } from '@guanjia/core/events/outbox-status';
import { eventsHealth, listEvents, replayEvent } from '../../../app/events';
import type { OutboxRow } from '../../../data/outbox';
import { requireReach } from '../../../data/reach';
import { createRouter } from '../../app';
import { decodeCursor, toPage } from '../../lib/pagination';
import { timeRange } from '../../lib/time-range';
import { eventsHealthRoute, listEventsRoute, replayEventRoute } from './events.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const eventOut = (e: OutboxRow) => ({
  id: e.id,
  type: e.type,
  version: e.version,
  status: outboxStatus(e),
  branchId: e.branchId,
  projectId: e.projectId,
  occurredAt: e.occurredAt.toISOString(),
  publishedAt: iso(e.publishedAt),
  handledAt: iso(e.handledAt),
  attempts: e.attempts,
  lastError: e.lastError,
  deadAt: iso(e.deadAt),
  deadReason: e.deadReason,
  payload: e.payload,
});

/** The outbox events of the tenant and their replay; needs `webhooks.manage`. */
export const eventsRouter = createRouter()
  .openapi(listEventsRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'webhooks.manage');
    const { cursor, limit, from, to, ...filters } = c.req.valid('query');
    const query = { ...filters, ...timeRange({ from, to }) };
    const rows = await listEvents(scope, reach, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(eventOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(eventsHealthRoute, async (c) => {
    const scope = c.get('scope');
    const health = await eventsHealth(scope, requireReach(scope, 'webhooks.manage'));
    const oldest = health.oldestUnhandled;
    return c.json(
      {
        pending: health.pending,
        sent: health.sent,
        oldestUnhandledAgeSeconds: oldest
          ? Math.max(0, Math.floor((scope.now.getTime() - oldest.occurredAt.getTime()) / 1000))
          : null,
        oldestUnhandledEventId: oldest?.id ?? null,
        oldestUnhandledOccurredAt: iso(oldest?.occurredAt ?? null),
      },
      200,
    );
  })
  .openapi(replayEventRoute, async (c) => {
    const scope = c.get('scope');
    const event = await replayEvent(
      c.env,
      scope,
      requireReach(scope, 'webhooks.manage'),
      c.req.valid('param').id,
    );
    return c.json(eventOut(event), 202);
  });
