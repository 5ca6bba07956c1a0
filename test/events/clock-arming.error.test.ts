import { env } from 'cloudflare:test';
import type { cases as core } from '@guanjia/core';
import { describe, expect, it } from 'vitest';
import { createCase } from '../../workers/app/cases';
import type { Edge } from '../../workers/app/runtime';
import { tenantScope } from '../../workers/app/scope';
import { findTenant } from '../../workers/data/tenants';
import type { Env } from '../../workers/env';
import type { Logger } from '../../workers/lib/logger';
import { outboxEvents, runQueue } from '../support/events';
import { shardOf } from '../support/shards';
import { clockOf, fireAlarm, milestoneRows, outboxTypes, recordedKeys } from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';

/** A logger that keeps what it was told, so the test can see the failure was logged, not thrown. */
function keptLogger(lines: string[]): Logger {
  const keep = (message: string) => lines.push(message);
  const logger: Logger = { info: keep, warn: keep, error: keep, with: () => logger };
  return logger;
}

describe('a case whose intake clock arm is lost', () => {
  it('is armed from D1 when its case.created event is handled, and breaches once', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const tenant = await findTenant(env, tenantId);
    if (!tenant) throw new Error('no tenant');
    const me = (await admin.get('/v1/me')).body as { actorId: string };
    const receivedAt = new Date(Date.now() - 2 * 60 * 60_000);
    // The tenant's policies were in force before the case came in (a policy changed later would
    // not back-date a run: decide.ts, notBeforeOf).
    await (await shardOf(tenantId))
      .prepare('UPDATE sla_policies SET updated_at = ? WHERE tenant_id = ?')
      .bind(receivedAt.getTime() - 60 * 60_000, tenantId)
      .run();

    // An HTTP edge two hours in the past whose clock and queue are both unreachable: the intake's
    // wake (`armAt`, sent under `waitUntil`) fails after the batch has committed, and so does the
    // publish, so nothing but the outbox row knows the case needs a clock.
    const armAtCalls: string[] = [];
    const clocks = {
      idFromName: (name: string) => env.CASE_CLOCKS.idFromName(name),
      get: (id: DurableObjectId) => {
        const real = env.CASE_CLOCKS.get(id);
        return {
          armAt: (_tenantId: string, caseId: string) => {
            armAtCalls.push(caseId);
            return Promise.reject(new Error('clock unreachable'));
          },
          arm: (t: string, c: string) => real.arm(t, c),
        };
      },
    };
    const events = {
      send: () => Promise.reject(new Error('queue unreachable')),
      sendBatch: () => Promise.reject(new Error('queue unreachable')),
    };
    const lossy = { ...env, CASE_CLOCKS: clocks, EVENTS: events } as unknown as Env;
    const after: Promise<unknown>[] = [];
    const logged: string[] = [];
    const edge: Edge = {
      env: lossy,
      now: receivedAt,
      logger: keptLogger(logged),
      waitUntil: (work) => after.push(work),
    };

    // Emergency repair: on site within 60 minutes of receipt (default policy), so at the real
    // now the deadline passed an hour ago.
    const scope = tenantScope(edge, tenant, { actor: { type: 'staff', id: me.actorId } });
    const { row } = await createCase(scope, {
      intake: {
        kind: 'repair',
        channel: 'hotline',
        projectId: estate.projectId,
        unitId: estate.unitId,
        description: '电梯困人',
        category: 'plumbing',
        urgency: 'emergency',
        contact: { name: '王先生', phone: '13800001111' },
      } as core.CaseIntake,
      actor: { kind: 'staff', id: me.actorId, roles: ['tenant_admin'] },
      reachPermission: null,
    });
    await Promise.all(after);
    // The intake took the wake path (no D1 re-read) and its failure was logged, not thrown.
    expect(armAtCalls).toEqual([row.id]);
    expect(logged).toEqual(expect.arrayContaining(['case clock arm failed', 'event publish failed']));
    const lost = await clockOf(tenantId, row.id).state();
    expect(lost.wakeAt).toBeNull();
    expect(lost.armedAt ?? null).toBeNull();
    expect(await recordedKeys(tenantId, row.id)).toEqual([]);
    // The batch did write the milestone, due an hour after receipt (an hour ago).
    expect(await milestoneRows(tenantId, row.id)).toEqual([
      expect.objectContaining({
        milestone: 'onsite_arrival',
        startedAt: receivedAt.getTime(),
        dueAt: receivedAt.getTime() + 60 * 60_000,
      }),
    ]);

    // The cron sweep re-sends the unsent row; the consumer re-arms the clock from D1 before
    // marking the event handled.
    const [created] = await outboxEvents(
      tenantId,
      "type = 'case.created' AND json_extract(payload, '$.caseId') = ? AND published_at IS NULL",
      row.id,
    );
    expect(created).toBeDefined();
    const beforeQueue = Date.now();
    const result = await runQueue('guanjia-events', [{ id: 'm1', body: created }]);
    expect(result.explicitAcks).toEqual(['m1']);
    const armed = await clockOf(tenantId, row.id).state();
    // Armed by the consumer's arm (it read the case from D1): due now, or already fired by the
    // runtime since its wake time is in the past.
    expect(armed.armedAt).toBeGreaterThanOrEqual(beforeQueue);
    expect(armed.wakeAt !== null || armed.lastFired !== null).toBe(true);
    if (armed.wakeAt !== null) expect(armed.wakeAt).toBeLessThanOrEqual(Date.now());

    // The alarm records the breach (the missed warning is superseded by it), once.
    await fireAlarm(tenantId, row.id);
    const breach = `${row.id}:onsite_arrival:breach:0`;
    expect((await recordedKeys(tenantId, row.id)).map((r) => r.key)).toContain(breach);
    // Delivered again and the alarm fired again: nothing is recorded twice.
    await runQueue('guanjia-events', [{ id: 'm2', body: created }]);
    await fireAlarm(tenantId, row.id);
    const keys = (await recordedKeys(tenantId, row.id)).map((r) => r.key);
    expect(keys.filter((k) => k === breach)).toHaveLength(1);
    expect(keys.filter((k) => k.includes(':warning:'))).toEqual([]);
    expect((await outboxTypes(tenantId, row.id)).filter((t) => t === 'sla.breached')).toHaveLength(1);
  });
});
