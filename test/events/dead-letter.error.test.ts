import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { bucket, receiverUrl, rows } from '../support/events';
import { newTenant } from '../support/tenants';

async function run(queue: string, messages: { id: string; body: unknown }[]) {
  const ctx = createExecutionContext();
  const batch = createMessageBatch(
    queue,
    messages.map((m) => ({ ...m, timestamp: new Date(), attempts: 1 })),
  );
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe('events dead-letter queue', () => {
  it('an event that keeps failing is marked dead on its outbox row with the last error, and the tenant admin is told once', async () => {
    const { admin, tenantId } = await newTenant();
    // A real failure: the tenant's SMS gateway answers 500, so the owner's "case received" SMS fails.
    expect(
      (
        await admin.post('/v1/notification-channels', {
          kind: 'sms',
          endpointUrl: `${receiverUrl()}/fail/500${bucket('sms')}`,
          credentials: { apiKey: 'k' },
        })
      ).status,
    ).toBe(201);
    const owner = await admin.post('/v1/owners', { name: '赵敏', phone: '13900002222' });
    expect(owner.status).toBe(201);
    const event = {
      id: `evt_dlq${Date.now().toString(36)}`,
      type: 'case.created',
      version: 1,
      tenantId,
      occurredAt: new Date().toISOString(),
      branchId: null,
      projectId: null,
      data: {
        caseId: 'case_dlq',
        archiveNo: '20261201001',
        kind: 'repair',
        status: 'received',
        branchId: 'br_x',
        projectId: 'prj_x',
        ownerId: owner.body.id,
        channel: 'hotline',
        category: 'plumbing',
        urgency: 'normal',
        receivedAt: new Date().toISOString(),
      },
    };
    await env.DB.prepare(
      `insert into outbox_events (id, tenant_id, type, version, payload, occurred_at, published_at, attempts)
       values (?, ?, ?, 1, ?, ?, ?, 1)`,
    )
      .bind(event.id, tenantId, event.type, JSON.stringify(event.data), Date.now(), Date.now())
      .run();

    const tried = await run('guanjia-events', [{ id: 'm1', body: event }]);
    expect(tried.retryMessages.map((m) => m.msgId)).toEqual(['m1']);
    const [failed] = await rows<{ last_error: string; dead_at: number | null }>(
      'select last_error, dead_at from outbox_events where tenant_id = ? and id = ?',
      tenantId,
      event.id,
    );
    expect(failed?.last_error).toContain('provider sends failed');
    expect(failed?.dead_at).toBeNull();

    // The queue gives up after its last retry and hands the event to the dead-letter consumer.
    const dead = await run('guanjia-events-dlq', [{ id: 'd1', body: event }]);
    expect(dead.explicitAcks).toEqual(['d1']);
    const [row] = await rows<{ dead_at: number; dead_reason: string }>(
      'select dead_at, dead_reason from outbox_events where tenant_id = ? and id = ?',
      tenantId,
      event.id,
    );
    expect(row?.dead_at).toBeGreaterThan(0);
    expect(row?.dead_reason).toContain('provider sends failed');

    const inbox = await admin.get('/v1/inbox');
    const told = inbox.body.data.filter((m: { kind: string }) => m.kind === 'event.dead_lettered');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      title: expect.stringContaining('case.created'),
      body: expect.stringContaining(event.id),
      data: { eventId: event.id, eventType: 'case.created', reason: row?.dead_reason },
    });

    // A second dead letter of the same event changes nothing.
    await run('guanjia-events-dlq', [{ id: 'd2', body: event }]);
    const [again] = await rows<{ dead_at: number }>(
      'select dead_at from outbox_events where tenant_id = ? and id = ?',
      tenantId,
      event.id,
    );
    expect(again?.dead_at).toBe(row?.dead_at);
    const after = (await admin.get('/v1/inbox')).body.data;
    expect(after.filter((m: { kind: string }) => m.kind === 'event.dead_lettered')).toHaveLength(1);
  });

  it('a dead letter that is not an event of a known tenant is logged and acknowledged', async () => {
    const result = await run('guanjia-events-dlq', [
      { id: 'junk', body: { hello: 'world' } },
      {
        id: 'stranger',
        body: {
          id: 'evt_nobody',
          type: 'case.updated',
          version: 1,
          tenantId: 'ten_nobody',
          occurredAt: new Date().toISOString(),
          branchId: null,
          projectId: null,
          data: {},
        },
      },
    ]);
    expect(result.explicitAcks.sort()).toEqual(['junk', 'stranger']);
    expect(result.retryMessages).toEqual([]);
  });
});
