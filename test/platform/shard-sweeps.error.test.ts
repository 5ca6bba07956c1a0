import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { runScheduled } from '../../workers/cron/scheduled';
import type { Env } from '../../workers/env';
import worker from '../../workers/index';
import { cronTick } from '../support/cron';
import { assignedEvent, insertOutboxRow, rows } from '../support/events';
import { newEstate, newTenant } from '../support/tenants';

/** One cron tick with the bindings given (a shard binding missing: a broken deployment). */
async function tickWith(bindings: Record<string, unknown>, at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ scheduledTime: at, cron: '* * * * *' }),
    bindings as unknown as typeof env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

const publishedAt = async (id: string) =>
  (await rows<{ published_at: number | null }>('select published_at from outbox_events where id = ?', id))[0]
    ?.published_at ?? null;

const cyclesOf = async (tenantId: string) =>
  (await rows<{ id: string }>('select id from star_cycles where tenant_id = ?', tenantId)).length;

describe('the cron visits every shard; one failing shard does not stop the others', () => {
  it('with DB2 unbound, DB is swept and its tenants served; the next healthy tick catches DB2 up', async () => {
    const onDb = await newTenant('On DB', { shard: 'DB' });
    const onDb2 = await newTenant('On DB2', { shard: 'DB2' });
    await newEstate(onDb.admin);
    await newEstate(onDb2.admin);
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    const lostA = { ...assignedEvent(onDb.tenantId, 'staff_nobody', 'cronA'), occurredAt: old };
    const lostB = { ...assignedEvent(onDb2.tenantId, 'staff_nobody', 'cronB'), occurredAt: old };
    await insertOutboxRow(lostA, { unsent: true });
    await insertOutboxRow(lostB, { unsent: true });
    const cyclesBefore = { a: await cyclesOf(onDb.tenantId), b: await cyclesOf(onDb2.tenantId) };

    await tickWith({ ...env, DB2: undefined }, Date.now());
    expect(await publishedAt(lostA.id)).not.toBeNull();
    expect(await publishedAt(lostB.id)).toBeNull();
    expect(await cyclesOf(onDb.tenantId)).toBeGreaterThan(cyclesBefore.a);
    expect(await cyclesOf(onDb2.tenantId)).toBe(cyclesBefore.b);

    await cronTick(Date.now());
    expect(await publishedAt(lostB.id)).not.toBeNull();
    expect(await cyclesOf(onDb2.tenantId)).toBeGreaterThan(cyclesBefore.b);
  });

  it('a tenant whose visit fails is counted and logged; the tenants beside it on the same shard are still visited', async () => {
    const broken = await newTenant('Broken', { shard: 'DB' });
    const healthy = await newTenant('Healthy', { shard: 'DB' });
    const onDb2 = await newTenant('Unreached', { shard: 'DB2' });
    await newEstate(broken.admin);
    await newEstate(healthy.admin);
    await newEstate(onDb2.admin);
    // A time zone no runtime knows: every local-time rule of the visit throws for this tenant.
    await env.DB.prepare('UPDATE tenants SET time_zone = ? WHERE id = ?')
      .bind('Mars/Olympus', broken.tenantId)
      .run();
    try {
      const before = { broken: await cyclesOf(broken.tenantId), healthy: await cyclesOf(healthy.tenantId) };
      // Two at a time, so the pool (not one loop) carries the visits past the failures.
      const result = await runScheduled({ ...env, DB2: undefined } as unknown as Env, new Date(), {
        tenantConcurrency: 2,
      });
      expect(result.failedShards).toBe(1);
      // The broken tenant and every DB2 tenant failed; each was counted, none stopped the tick.
      expect(result.failedTenants).toBeGreaterThanOrEqual(2);
      expect(await cyclesOf(broken.tenantId)).toBe(before.broken);
      expect(await cyclesOf(healthy.tenantId)).toBeGreaterThan(before.healthy);
      expect(await cyclesOf(onDb2.tenantId)).toBe(0);
    } finally {
      await env.DB.prepare('UPDATE tenants SET time_zone = ? WHERE id = ?')
        .bind('Asia/Shanghai', broken.tenantId)
        .run();
    }
  });
});
