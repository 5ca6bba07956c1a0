import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { cronTick } from '../support/cron';
import {
  assignedEvent,
  bucket,
  eventually,
  insertOutboxRow,
  received,
  receiverUrl,
  rows,
} from '../support/events';
import { newTenant } from '../support/tenants';

type Listed = { id: string; status: string; handledAt: string | null; attempts: number };
const outboxRow =
  'select attempts, published_at, handled_at from outbox_events where tenant_id = ? and id = ?';

/** Waits until every event of the tenant's own setup is handled, so a test counts only its own. */
async function settled(tenantId: string) {
  await eventually(
    () =>
      rows(
        'select id from outbox_events where tenant_id = ? and handled_at is null and dead_at is null',
        tenantId,
      ),
    (r) => r.length === 0,
  );
}

describe('an event sent but never handled', () => {
  it('whose queue message was lost is re-sent by the sweep after the grace period and delivered once to the webhook', async () => {
    const { admin, tenantId } = await newTenant();
    const me = await admin.get('/v1/me');
    const hook = bucket('lost');
    const sub = await admin.post('/v1/webhooks', { url: `${receiverUrl()}${hook}`, eventTypes: ['case.*'] });
    expect(sub.status).toBe(201);
    // The request wrote the row and the queue took the message, which then vanished (a crash).
    const sentAt = Date.now();
    const event = assignedEvent(tenantId, me.body.actorId, 'lost');
    await insertOutboxRow(event, { sentAt });

    // Within the grace period (two minutes) the sweep leaves it to the queue.
    await cronTick(sentAt + 60_000);
    expect(await rows(outboxRow, tenantId, event.id)).toEqual([
      { attempts: 1, published_at: sentAt, handled_at: null },
    ]);
    expect(await received(hook)).toEqual([]);

    // Past it, the sweep sends it again (one attempt more) and the consumer handles it.
    await cronTick(sentAt + 121_000);
    const [after] = await eventually(
      () => rows<{ attempts: number; handled_at: number | null }>(outboxRow, tenantId, event.id),
      (r) => r[0]?.handled_at != null,
    );
    expect(after).toMatchObject({ attempts: 2, published_at: sentAt + 121_000 });
    expect(after?.handled_at).not.toBeNull();
    const got = await eventually(
      () => received(hook),
      (r) => r.length >= 1,
    );
    const delivery = got[0];
    if (!delivery) throw new Error('no delivery');
    const payload = new Webhook(sub.body.secret).verify(delivery.body, {
      'webhook-id': delivery.headers['webhook-id'] ?? '',
      'webhook-timestamp': delivery.headers['webhook-timestamp'] ?? '',
      'webhook-signature': delivery.headers['webhook-signature'] ?? '',
    }) as { id: string; type: string };
    expect(payload).toMatchObject({ id: event.id, type: 'case.assigned' });

    // Handled is done: later sweeps send nothing more, and nothing arrives twice.
    await cronTick(sentAt + 600_000);
    await new Promise((r) => setTimeout(r, 1500)); // let any stray duplicate arrive before counting
    expect(await received(hook)).toHaveLength(1);
    expect(await rows('select id from webhook_deliveries where event_id = ?', event.id)).toHaveLength(1);
    expect(await rows('select id from inbox_messages where source_id = ?', event.id)).toHaveLength(1);
    const [last] = await rows<{ attempts: number }>(outboxRow, tenantId, event.id);
    expect(last?.attempts).toBe(2);
  });

  it('is replayed by hand: the replay sends it again and its consumer handles it', async () => {
    const { admin, tenantId } = await newTenant();
    const me = await admin.get('/v1/me');
    const event = assignedEvent(tenantId, me.body.actorId, 'replaysent');
    await insertOutboxRow(event);
    const replayed = await admin.post(`/v1/events/${event.id}/replay`);
    expect(replayed.status).toBe(202);
    expect(replayed.body).toMatchObject({ id: event.id, status: 'sent', attempts: 2, handledAt: null });
    const [row] = await eventually(
      () => rows<{ handled_at: number | null }>(outboxRow, tenantId, event.id),
      (r) => r[0]?.handled_at != null,
    );
    expect(row?.handled_at).not.toBeNull();
    expect(await rows('select id from inbox_messages where source_id = ?', event.id)).toHaveLength(1);
  });
});

describe('the event list and health show where each event stands', () => {
  it('pending, sent, handled and dead each filter to their events, and the health read gives the age of the oldest not handled', async () => {
    const { admin, tenantId } = await newTenant();
    await settled(tenantId);
    const me = await admin.get('/v1/me');
    const actor = me.body.actorId;
    const empty = await admin.get('/v1/events/health');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      pending: 0,
      sent: 0,
      oldestUnhandledAgeSeconds: null,
      oldestUnhandledEventId: null,
      oldestUnhandledOccurredAt: null,
    });

    // Ids sort by time: the "00" label puts the ten-minute-old event first, as its age would.
    const old = {
      ...assignedEvent(tenantId, actor, '00old'),
      occurredAt: new Date(Date.now() - 600_000).toISOString(),
    };
    const sent = assignedEvent(tenantId, actor, 'sent');
    const handled = assignedEvent(tenantId, actor, 'handled');
    const dead = assignedEvent(tenantId, actor, 'dead');
    await insertOutboxRow(old, { unsent: true });
    await insertOutboxRow(sent);
    await insertOutboxRow(handled, { handled: true });
    await insertOutboxRow(dead, { dead: 'Dead-lettered after the last retry: boom' });

    const expected = { pending: old.id, sent: sent.id, handled: handled.id, dead: dead.id };
    for (const [status, id] of Object.entries(expected)) {
      const page = await admin.get(`/v1/events?status=${status}&type=case.assigned`);
      expect(page.status, status).toBe(200);
      expect(
        page.body.data.map((e: Listed) => e.id),
        status,
      ).toEqual([id]);
      expect(page.body.data[0].status).toBe(status);
      expect(page.body.data[0].handledAt === null, status).toBe(status !== 'handled');
    }
    const all = await admin.get('/v1/events?type=case.assigned');
    expect(all.body.data.map((e: Listed) => e.status).sort()).toEqual(['dead', 'handled', 'pending', 'sent']);

    const health = await admin.get('/v1/events/health');
    expect(health.body).toMatchObject({
      pending: 1,
      sent: 1,
      oldestUnhandledEventId: old.id,
      oldestUnhandledOccurredAt: old.occurredAt,
    });
    expect(health.body.oldestUnhandledAgeSeconds).toBeGreaterThanOrEqual(600);
    expect(health.body.oldestUnhandledAgeSeconds).toBeLessThan(700);
  });
});
