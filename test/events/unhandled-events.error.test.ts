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
  runQueue,
} from '../support/events';
import { shardOf } from '../support/shards';
import { newTenant } from '../support/tenants';

const outboxRow =
  'select attempts, handled_at, last_error, retry_at from outbox_events where tenant_id = ? and id = ?';
type Row = {
  attempts: number;
  handled_at: number | null;
  last_error: string | null;
  retry_at: number | null;
};

describe('a consumer that fails after part of its fan-out', () => {
  it('is retried without doubles: one email, one webhook delivery, one inbox row, and the event handled once all is written', async () => {
    const { admin, tenantId } = await newTenant();
    const me = await admin.get('/v1/me');
    const mail = bucket('pmail');
    await admin.post('/v1/notification-channels', {
      kind: 'email',
      endpointUrl: `${receiverUrl()}${mail}`,
      credentials: { apiKey: 'k' },
    });
    const hook = bucket('phook');
    await admin.post('/v1/webhooks', { url: `${receiverUrl()}${hook}`, eventTypes: ['case.assigned'] });
    const event = assignedEvent(tenantId, me.body.actorId, 'partial');
    const sentAt = Date.now();
    await insertOutboxRow(event, { sentAt });
    // The database refuses the assignee's inbox row: the email has gone out by then.
    const trigger = `refuse_inbox_${tenantId.replace(/\W/g, '_')}`;
    await (await shardOf(tenantId))
      .prepare(
        `create trigger ${trigger} before insert on inbox_messages when new.source_id = '${event.id}' begin select raise(abort, 'refused by test trigger'); end`,
      )
      .run();
    try {
      const first = await runQueue('guanjia-events', [{ id: 'm1', body: event }]);
      expect(first.retryMessages).toHaveLength(1);
    } finally {
      await (await shardOf(tenantId)).prepare(`drop trigger ${trigger}`).run();
    }
    expect(
      (
        await eventually(
          () => received(mail),
          (r) => r.length >= 1,
        )
      ).length,
    ).toBe(1);
    // The batch that carries the inbox row carries the webhook delivery and the handled mark: none of them.
    expect(await rows('select id from webhook_deliveries where event_id = ?', event.id)).toEqual([]);
    expect(await rows('select id from inbox_messages where source_id = ?', event.id)).toEqual([]);
    const [failed] = await rows<Row>(outboxRow, tenantId, event.id);
    expect(failed).toMatchObject({
      handled_at: null,
      last_error: expect.stringContaining('refused by test trigger'),
    });
    expect(failed?.retry_at).toBeGreaterThan(sentAt);

    // The sweep leaves it to the queue's retry (10 s after the failure) until the grace period past that.
    await cronTick((failed?.retry_at ?? 0) + 115_000);
    expect((await rows<Row>(outboxRow, tenantId, event.id))[0]?.attempts).toBe(1);

    // The queue's retry: everything not yet written is written once, the email is not sent again.
    const second = await runQueue('guanjia-events', [{ id: 'm2', body: event }]);
    expect(second.explicitAcks).toEqual(['m2']);
    const [handled] = await rows<Row>(outboxRow, tenantId, event.id);
    expect(handled?.handled_at).not.toBeNull();
    expect(await rows('select id from webhook_deliveries where event_id = ?', event.id)).toHaveLength(1);
    expect(await rows('select id from inbox_messages where source_id = ?', event.id)).toHaveLength(1);
    expect(
      await rows(
        'select status from notification_deliveries where tenant_id = ? and source_id = ?',
        tenantId,
        event.id,
      ),
    ).toEqual([{ status: 'sent' }]);

    // A third copy (the sweep, a queue redelivery) finds the event handled and changes nothing.
    expect((await runQueue('guanjia-events', [{ id: 'm3', body: event }])).explicitAcks).toEqual(['m3']);
    await eventually(
      () => received(hook),
      (r) => r.length >= 1,
    );
    await new Promise((r) => setTimeout(r, 1500)); // let any stray duplicate arrive before counting
    expect(await received(hook)).toHaveLength(1);
    expect(await received(mail)).toHaveLength(1);
    expect(await rows('select id from webhook_deliveries where event_id = ?', event.id)).toHaveLength(1);
    expect((await rows<Row>(outboxRow, tenantId, event.id))[0]?.handled_at).toBe(handled?.handled_at);
  });

  it('a dead letter of an event another copy of which was handled marks nothing and tells nobody', async () => {
    const { admin, tenantId } = await newTenant();
    const me = await admin.get('/v1/me');
    const event = assignedEvent(tenantId, me.body.actorId, 'lateDead');
    await insertOutboxRow(event, { handled: true });
    expect((await runQueue('guanjia-events-dlq', [{ id: 'd1', body: event }])).explicitAcks).toEqual(['d1']);
    expect(
      await rows('select dead_at from outbox_events where tenant_id = ? and id = ?', tenantId, event.id),
    ).toEqual([{ dead_at: null }]);
    expect(await rows('select id from inbox_messages where source_id = ?', `event-dead:${event.id}`)).toEqual(
      [],
    );
    const listed = await admin.get(`/v1/events?status=dead`);
    expect(listed.body.data).toEqual([]);
  });
});
