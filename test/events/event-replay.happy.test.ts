import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  assignedEvent,
  bucket,
  eventually,
  insertOutboxRow,
  received,
  receiverUrl,
  rows,
  runQueue,
} from '../support/events';
import { newTenant } from '../support/tenants';

type Listed = { id: string; status: string; deadAt: string | null };

describe('dead events: listed, then replayed to the queue', () => {
  it('a dead-lettered event shows in the list with why; replayed once its cause is fixed, it reaches a webhook at the local receiver, audited and sent once', async () => {
    const { admin, tenantId } = await newTenant();
    // The cause: the tenant's email API answers 500, so the assignee's "new case" email fails.
    const mail = bucket('mail');
    const channel = await admin.post('/v1/notification-channels', {
      kind: 'email',
      endpointUrl: `${receiverUrl()}/fail/500${mail}`,
      credentials: { apiKey: 'k' },
    });
    expect(channel.status).toBe(201);
    const me = await admin.get('/v1/me');
    const event = assignedEvent(tenantId, me.body.actorId, 'replay');
    await insertOutboxRow(event);
    const before = new Date(Date.parse(event.occurredAt) - 1000).toISOString();

    // The queue tries, fails, and after its last retry hands it to the dead-letter consumer.
    expect((await runQueue('guanjia-events', [{ id: 'm1', body: event }])).retryMessages).toHaveLength(1);
    expect((await runQueue('guanjia-events-dlq', [{ id: 'd1', body: event }])).explicitAcks).toEqual(['d1']);

    const dead = await admin.get(`/v1/events?status=dead&type=case.assigned&from=${before}`);
    expect(dead.status).toBe(200);
    expect(dead.body.data).toHaveLength(1);
    expect(dead.body.data[0]).toMatchObject({
      id: event.id,
      type: 'case.assigned',
      version: 1,
      status: 'dead',
      occurredAt: event.occurredAt,
      publishedAt: expect.any(String),
      attempts: 1,
      lastError: expect.stringContaining('provider sends failed'),
      deadAt: expect.any(String),
      deadReason: expect.stringContaining('provider sends failed'),
      payload: event.data,
    });
    for (const status of ['sent', 'handled', 'pending']) {
      const other = await admin.get(`/v1/events?status=${status}&type=case.assigned`);
      expect(other.body.data.map((e: Listed) => e.id)).not.toContain(event.id);
    }
    const all = await admin.get('/v1/events?limit=200');
    expect(all.body.data.map((e: Listed) => e.id)).toContain(event.id);

    // The admin fixes the email API and subscribes the integrator; nothing has reached it yet.
    const fixed = await admin.patch(`/v1/notification-channels/${channel.body.id}`, {
      endpointUrl: `${receiverUrl()}${mail}`,
    });
    expect(fixed.status).toBe(200);
    const hook = bucket('hook');
    const sub = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${hook}`,
      eventTypes: ['case.*'],
    });
    expect(sub.status).toBe(201);
    expect(await received(hook)).toEqual([]);

    const key = { 'Idempotency-Key': `replay-${event.id}` };
    const replayed = await admin.post(`/v1/events/${event.id}/replay`, undefined, key);
    expect(replayed.status).toBe(202);
    expect(replayed.body).toMatchObject({
      id: event.id,
      status: 'sent',
      deadAt: null,
      deadReason: null,
      attempts: 2,
    });
    // The same request again (a client retry) gets the first answer and sends nothing more.
    const again = await admin.post(`/v1/events/${event.id}/replay`, undefined, key);
    expect(again.status).toBe(202);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(replayed.body);

    // The real events queue delivers it: the webhook gets it signed, the email goes out.
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
    }) as { id: string; type: string; data: unknown };
    expect(payload).toMatchObject({ id: event.id, type: 'case.assigned', data: event.data });
    const mails = await eventually(
      () => received(mail),
      (r) => r.length >= 1,
    );
    expect(mails.length).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1500)); // let any stray duplicate arrive before counting
    expect(await received(hook)).toHaveLength(1);

    // No longer dead; one audit entry for the one replay.
    const after = await admin.get(`/v1/events?status=dead&type=case.assigned&from=${before}`);
    expect(after.body.data).toEqual([]);
    const audit = await admin.get(`/v1/audit-log?action=events.replay&targetId=${event.id}`);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toMatchObject({
      targetType: 'event',
      before: { deadReason: expect.stringContaining('provider sends failed') },
      after: { deadAt: null, deadReason: null },
    });
    const [row] = await rows<{ dead_at: number | null; attempts: number }>(
      'select dead_at, attempts from outbox_events where tenant_id = ? and id = ?',
      tenantId,
      event.id,
    );
    expect(row).toEqual({ dead_at: null, attempts: 2 });
  });

  it('an event never sent (stuck before the queue) is replayed too, and pages newest first by id', async () => {
    const { admin, tenantId } = await newTenant();
    const me = await admin.get('/v1/me');
    const first = assignedEvent(tenantId, me.body.actorId, 'stuck');
    const second = assignedEvent(tenantId, me.body.actorId, 'stuck');
    await insertOutboxRow(first, { unsent: true });
    await insertOutboxRow(second, { unsent: true });
    const pending = await admin.get('/v1/events?status=pending&type=case.assigned&limit=1');
    expect(pending.body.data.map((e: Listed) => e.id)).toEqual([second.id]);
    const next = await admin.get(
      `/v1/events?status=pending&type=case.assigned&limit=1&cursor=${pending.body.nextCursor}`,
    );
    expect(next.body.data.map((e: Listed) => e.id)).toEqual([first.id]);
    expect(next.body.nextCursor).toBeNull();

    const replayed = await admin.post(`/v1/events/${first.id}/replay`);
    expect(replayed.status).toBe(202);
    expect(replayed.body).toMatchObject({ id: first.id, status: 'sent', attempts: 1 });
    const left = await admin.get('/v1/events?status=pending&type=case.assigned');
    expect(left.body.data.map((e: Listed) => e.id)).toEqual([second.id]);
  });
});
