import { env } from 'cloudflare:test';
import type { cases as core } from '@guanjia/core';
import { describe, expect, it } from 'vitest';
import { createCase } from '../../workers/app/cases';
import type { Edge } from '../../workers/app/runtime';
import { tenantScope } from '../../workers/app/scope';
import type { ClockState } from '../../workers/clocks/case-clock';
import { findTenant } from '../../workers/data/tenants';
import type { Env } from '../../workers/env';
import { createLogger } from '../../workers/lib/logger';
import { outboxEvents, runQueue } from '../support/events';
import { arm, clockOf, milestoneRows } from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';

describe('a clock told an older wake after a newer one', () => {
  it('keeps the newer wake: an armAt at the version it holds, or older, changes nothing', async () => {
    const clock = clockOf('ten_stale', 'case_stale');
    const newer = Date.now() + 60 * 60_000;
    const older = Date.now() + 5 * 60_000;
    const held = await clock.armAt('ten_stale', 'case_stale', newer, 2);
    expect(held).toMatchObject({ wakeAt: newer, caseVersion: 2 });
    // Older, then the same version again: both ignored, the alarm stays where it was.
    expect(await clock.armAt('ten_stale', 'case_stale', older, 1)).toEqual(held);
    expect(await clock.armAt('ten_stale', 'case_stale', null, 2)).toEqual(held);
    expect(await clock.state()).toEqual(held);
    // A newer one moves it.
    const next = await clock.armAt('ten_stale', 'case_stale', older, 3);
    expect(next).toMatchObject({ wakeAt: older, caseVersion: 3 });
  });

  it("an intake's wake that arrives after the queue's re-arm and a later step is ignored, and nothing is lost", async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const tenant = await findTenant(env, tenantId);
    if (!tenant) throw new Error('no tenant');
    const me = (await admin.get('/v1/me')).body as { actorId: string };

    // The intake's wake (`armAt`, under `waitUntil`) is held on its way to the clock until the
    // test lets it go; the queue is unreachable, so the test hands the consumer the event itself.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent: { wakeAt: number | null; caseVersion: number }[] = [];
    let delivered: Promise<ClockState> | undefined;
    const clocks = {
      idFromName: (name: string) => env.CASE_CLOCKS.idFromName(name),
      get: (id: DurableObjectId) => {
        const real = env.CASE_CLOCKS.get(id);
        return {
          armAt: (t: string, c: string, wakeAt: number | null, caseVersion: number) => {
            sent.push({ wakeAt, caseVersion });
            delivered = gate.then(() => real.armAt(t, c, wakeAt, caseVersion));
            return delivered;
          },
          arm: (t: string, c: string) => real.arm(t, c),
        };
      },
    };
    const events = {
      send: () => Promise.reject(new Error('queue unreachable')),
      sendBatch: () => Promise.reject(new Error('queue unreachable')),
    };
    const slow = { ...env, CASE_CLOCKS: clocks, EVENTS: events } as unknown as Env;
    const after: Promise<unknown>[] = [];
    const edge: Edge = {
      env: slow,
      now: new Date(),
      logger: createLogger({ source: 'test' }, 'error'),
      waitUntil: (work) => after.push(work),
    };
    const scope = tenantScope(edge, tenant, { actor: { type: 'staff', id: me.actorId } });
    const { row } = await createCase(scope, {
      intake: {
        kind: 'repair',
        channel: 'hotline',
        projectId: estate.projectId,
        unitId: estate.unitId,
        description: '水管爆裂',
        category: 'plumbing',
        urgency: 'emergency',
        contact: { name: '王先生', phone: '13800001111' },
      } as core.CaseIntake,
      actor: { kind: 'staff', id: me.actorId, roles: ['tenant_admin'] },
      reachPermission: null,
    });
    // The intake took the wake path at the case's first version; the call has not arrived yet.
    expect(sent).toEqual([{ wakeAt: expect.any(Number), caseVersion: 1 }]);
    expect((await clockOf(tenantId, row.id).state()).caseVersion).toBeNull();

    // The consumer handles case.created and arms the clock from D1 (version 1).
    const [created] = await outboxEvents(
      tenantId,
      "type = 'case.created' AND json_extract(payload, '$.caseId') = ?",
      row.id,
    );
    expect((await runQueue('guanjia-events', [{ id: 'm1', body: created }])).explicitAcks).toEqual(['m1']);
    expect((await clockOf(tenantId, row.id).state()).caseVersion).toBe(1);

    // A later step (a note the owner sees: the owner has heard from us) re-arms it from D1 at version 2.
    const noted = await admin.post(`/v1/cases/${row.id}/actions`, {
      type: 'add_note',
      note: '已安排师傅明早上门',
      visibility: 'owner',
    });
    expect(noted.status).toBe(200);
    const current = await clockOf(tenantId, row.id).state();
    expect(current.caseVersion).toBe(2);

    // Now the intake's wake arrives: older than what the clock holds, so it changes nothing.
    release();
    await Promise.all(after);
    expect(await delivered).toEqual(current);
    expect(await clockOf(tenantId, row.id).state()).toEqual(current);

    // Nothing lost: the clock wakes when a fresh read of the case says, and the milestones stand.
    const fresh = await arm(tenantId, row.id);
    expect(fresh.wakeAt).toBe(current.wakeAt);
    expect((await milestoneRows(tenantId, row.id)).length).toBeGreaterThan(0);
  });
});
