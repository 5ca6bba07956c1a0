import { describe, expect, it } from 'vitest';
import { assignedEvent, insertOutboxRow, rows } from '../support/events';
import { newStaff } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

type Listed = { id: string; branchId: string | null; projectId: string | null };

describe('event list and replay: who may', () => {
  it('another tenant’s event id answers 404 like a made-up one, and the event stays dead', async () => {
    const victim = await newTenant('Victim Group');
    const intruder = await newTenant('Intruder Group');
    const me = await victim.admin.get('/v1/me');
    const event = assignedEvent(victim.tenantId, me.body.actorId, 'theirs');
    await insertOutboxRow(event, { dead: 'Dead-lettered after the last retry: boom' });

    const theirs = await intruder.admin.post(`/v1/events/${event.id}/replay`);
    const madeUp = await intruder.admin.post(`/v1/events/evt_${'7'.repeat(26)}/replay`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('not_found');
    expect(madeUp.status).toBe(404);
    expect(JSON.stringify(theirs.body)).not.toContain('boom');
    const listed = await intruder.admin.get('/v1/events?limit=200');
    expect(listed.body.data.map((e: Listed) => e.id)).not.toContain(event.id);
    const [row] = await rows<{ dead_at: number | null }>(
      'select dead_at from outbox_events where tenant_id = ? and id = ?',
      victim.tenantId,
      event.id,
    );
    expect(row?.dead_at).toBeGreaterThan(0);
  });

  it('a front desk gets 403 on the collection and on replay', async () => {
    const { admin, slug } = await newTenant();
    const estate = await newEstate(admin);
    const desk = await (
      await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: estate.projectId }])
    ).login(slug);
    const list = await desk.get('/v1/events');
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('forbidden');
    const replay = await desk.post(`/v1/events/evt_${'7'.repeat(26)}/replay`);
    expect(replay.status).toBe(403);
  });

  it('a branch-scoped admin sees and replays only events placed in its branch', async () => {
    const { admin, tenantId, slug } = await newTenant();
    const a = await newEstate(admin, 'A');
    const b = await newEstate(admin, 'B');
    const me = await admin.get('/v1/me');
    const inA = {
      ...assignedEvent(tenantId, me.body.actorId, 'ina'),
      branchId: a.branchId,
      projectId: a.projectId,
    };
    const inB = {
      ...assignedEvent(tenantId, me.body.actorId, 'inb'),
      branchId: b.branchId,
      projectId: b.projectId,
    };
    const unplaced = assignedEvent(tenantId, me.body.actorId, 'group');
    for (const e of [inA, inB, unplaced]) await insertOutboxRow(e, { dead: 'boom' });

    const branchAdmin = await newStaff(admin, [
      { role: 'tenant_admin', scopeType: 'branch', scopeId: a.branchId },
    ]);
    const scoped = await branchAdmin.login(slug);
    const seen = (await scoped.get('/v1/events?status=dead&limit=200')).body.data as Listed[];
    expect(seen.map((e) => e.id)).toEqual([inA.id]);
    expect((await scoped.post(`/v1/events/${inB.id}/replay`)).status).toBe(404);
    expect((await scoped.post(`/v1/events/${unplaced.id}/replay`)).status).toBe(404);
    expect((await scoped.post(`/v1/events/${inA.id}/replay`)).status).toBe(202);
    // The group-wide admin sees all three.
    const all = (await admin.get('/v1/events?status=dead&limit=200')).body.data as Listed[];
    expect(all.map((e) => e.id).sort()).toEqual([inB.id, unplaced.id].sort());
  });
});
