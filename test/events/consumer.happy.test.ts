import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { bucket, eventually, received, receiverUrl, rows } from '../support/events';
import { newTenant } from '../support/tenants';

async function runEvents(messages: { id: string; body: unknown }[]) {
  const ctx = createExecutionContext();
  const batch = createMessageBatch(
    'guanjia-events',
    messages.map((m) => ({ ...m, timestamp: new Date(), attempts: 1 })),
  );
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe('queue consumer', () => {
  it('the same event delivered twice reaches the endpoint once and fills the inbox once', async () => {
    const { admin, tenantId } = await newTenant();
    const me = await admin.get('/v1/me');
    const path = bucket();
    await admin.post('/v1/webhooks', { url: `${receiverUrl()}${path}`, eventTypes: ['case.assigned'] });
    const event = {
      id: `evt_dup${Date.now().toString(36)}`,
      type: 'case.assigned',
      version: 1,
      tenantId,
      occurredAt: new Date().toISOString(),
      branchId: null,
      projectId: null,
      data: {
        caseId: 'case_x',
        archiveNo: '20261122001',
        kind: 'repair',
        status: 'dispatched',
        branchId: 'br_x',
        projectId: 'prj_x',
        assigneeId: me.body.actorId,
      },
    };
    await env.DB.prepare(
      `insert into outbox_events (id, tenant_id, type, version, payload, occurred_at, published_at, attempts)
       values (?, ?, ?, 1, ?, ?, ?, 1)`,
    )
      .bind(event.id, tenantId, event.type, JSON.stringify(event.data), Date.now(), Date.now())
      .run();
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
