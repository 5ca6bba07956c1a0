import { describe, expect, it } from 'vitest';
import { assignedEvent, eventually, insertOutboxRow, rows } from '../support/events';
import { countEverywhere } from '../support/shards';
import { newTenant } from '../support/tenants';

const writes = async (tenantId: string) =>
  countEverywhere('select count(*) as n from audit_log where tenant_id = ?', tenantId);

describe('event list and replay: refusals', () => {
  it('bad filters answer 400 naming each field', async () => {
    const { admin } = await newTenant();
    const bad = await admin.get(
      '/v1/events?status=lost&type=case.exploded&from=yesterday&to=2026-13-01&limit=0',
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.code).toBe('validation_failed');
    const paths = bad.body.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['query.from', 'query.limit', 'query.status', 'query.to', 'query.type']);

    const backwards = await admin.get('/v1/events?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z');
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues).toEqual([{ path: 'query.to', message: 'Must not be before from' }]);

    const cursor = await admin.get('/v1/events?cursor=not-ours');
    expect(cursor.status).toBe(400);
    expect(cursor.body.issues[0].path).toBe('cursor');
  });

  it('replaying a handled event answers 409 event_not_replayable and writes nothing', async () => {
    const { admin, tenantId } = await newTenant();
    const me = await admin.get('/v1/me');
    const event = assignedEvent(tenantId, me.body.actorId, 'live');
    await insertOutboxRow(event, { handled: true });
    const select =
      'select published_at, handled_at, attempts, dead_at from outbox_events where tenant_id = ? and id = ?';
    const [before] = await rows(select, tenantId, event.id);
    const audits = await writes(tenantId);

    const res = await admin.post(`/v1/events/${event.id}/replay`);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      code: 'event_not_replayable',
      type: 'https://guanjia.dev/problems/event_not_replayable',
      status: 409,
      eventId: event.id,
      detail: expect.stringContaining('handled already'),
    });
    expect(await rows(select, tenantId, event.id)).toEqual([before]);
    expect(await writes(tenantId)).toBe(audits);
    const listed = await admin.get('/v1/events?type=case.assigned');
    expect(listed.body.data[0]).toMatchObject({
      id: event.id,
      status: 'handled',
      handledAt: expect.any(String),
      deadAt: null,
    });
  });

  it('an event replayed once is handled by its consumer, so a second replay is refused and sends nothing', async () => {
    const { admin, tenantId } = await newTenant();
    const me = await admin.get('/v1/me');
    const event = assignedEvent(tenantId, me.body.actorId, 'twice');
    await insertOutboxRow(event, { dead: 'Dead-lettered after the last retry: boom' });
    expect((await admin.post(`/v1/events/${event.id}/replay`)).status).toBe(202);
    // The real events queue hands it to the consumer, which writes the assignee's inbox row and the mark.
    const select = 'select attempts, handled_at from outbox_events where tenant_id = ? and id = ?';
    const [handled] = await eventually(
      () => rows<{ attempts: number; handled_at: number | null }>(select, tenantId, event.id),
      (r) => r[0]?.handled_at != null,
    );
    expect(handled?.handled_at).not.toBeNull();
    const audits = await writes(tenantId);
    const second = await admin.post(`/v1/events/${event.id}/replay`);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('event_not_replayable');
    expect(await writes(tenantId)).toBe(audits);
    const [row] = await rows<{ attempts: number }>(select, tenantId, event.id);
    expect(row?.attempts).toBe(2);
  });
});
