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

const runEvents = (messages: { id: string; body: unknown }[]) => runQueue('guanjia-events', messages);

describe('queue consumer', () => {
  it('the same event delivered twice reaches the endpoint once and fills the inbox once', async () => {
    const { admin, tenantId } = await newTenant();
    const me = await admin.get('/v1/me');
    const path = bucket();
    await admin.post('/v1/webhooks', { url: `${receiverUrl()}${path}`, eventTypes: ['case.assigned'] });
    const event = assignedEvent(tenantId, me.body.actorId, 'dup');
    await insertOutboxRow(event);
    const result = await runEvents([
      { id: 'a', body: event },
      { id: 'b', body: event },
    ]);
    expect(result.explicitAcks.sort()).toEqual(['a', 'b']);
    await runEvents([{ id: 'c', body: event }]);
    expect(await rows('select id from webhook_deliveries where event_id = ?', event.id)).toHaveLength(1);
    expect(await rows('select id from inbox_messages where source_id = ?', event.id)).toHaveLength(1);
    const got = await eventually(
      () => received(path),
      (r) => r.length >= 1,
    );
    await new Promise((r) => setTimeout(r, 1500)); // let any stray duplicate arrive before counting
    expect((await received(path)).length).toBe(got.length);
    expect(got).toHaveLength(1);
  });

  it('a message that is not an event is acknowledged, not retried forever', async () => {
    const result = await runEvents([{ id: 'junk', body: { hello: 'world' } }]);
    expect(result.explicitAcks).toEqual(['junk']);
    expect(result.retryMessages).toEqual([]);
  });
});
