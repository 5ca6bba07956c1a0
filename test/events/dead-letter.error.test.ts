import { describe, expect, it } from 'vitest';
import {
  assignedEvent,
  bucket,
  insertOutboxRow,
  receiverUrl,
  rows,
  runQueue as run,
} from '../support/events';
import { newTenant } from '../support/tenants';

describe('events dead-letter queue', () => {
  it('an event that keeps failing is marked dead on its outbox row with the last error, and the tenant admin is told once', async () => {
    const { admin, tenantId } = await newTenant();
    // A real failure: the tenant's email API answers 500, so the assignee's "new case" email fails.
    expect(
      (
        await admin.post('/v1/notification-channels', {
          kind: 'email',
          endpointUrl: `${receiverUrl()}/fail/500${bucket('mail')}`,
          credentials: { apiKey: 'k' },
        })
      ).status,
    ).toBe(201);
    const me = await admin.get('/v1/me');
    const event = assignedEvent(tenantId, me.body.actorId, 'dlq');
    await insertOutboxRow(event);

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
      title: expect.stringContaining('case.assigned'),
      body: expect.stringContaining(event.id),
      data: { eventId: event.id, eventType: 'case.assigned', reason: row?.dead_reason },
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
