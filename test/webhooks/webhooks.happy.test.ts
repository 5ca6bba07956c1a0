import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { retryDelaySeconds } from '@guanjia/core/webhooks/retry';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { bucket, eventually, received, receiverUrl, rows } from '../support/events';
import { shardOf } from '../support/shards';
import { newTenant } from '../support/tenants';

const headersOf = (r: { headers: Record<string, string> }) => ({
  'webhook-id': r.headers['webhook-id'] ?? '',
  'webhook-timestamp': r.headers['webhook-timestamp'] ?? '',
  'webhook-signature': r.headers['webhook-signature'] ?? '',
});

describe('integrator webhooks', () => {
  it('an integrator subscribed to org.* receives a project creation, signed so the standardwebhooks library verifies it', async () => {
    const { admin } = await newTenant();
    const path = bucket();
    const sub = await admin.post('/v1/webhooks', { url: `${receiverUrl()}${path}`, eventTypes: ['org.*'] });
    expect(sub.status).toBe(201);
    expect(sub.body.secret).toMatch(/^whsec_/);
    const branch = await admin.post('/v1/branches', { name: '分公司' });
    const got = await eventually(
      () => received(path),
      (r) => r.length >= 1,
    );
    const delivery = got[0];
    if (!delivery) throw new Error('no delivery');
    const payload = new Webhook(sub.body.secret).verify(delivery.body, headersOf(delivery)) as {
      type: string;
      data: { id: string };
    };
    expect(payload.type).toBe('org.branches.created');
    expect(payload.data.id).toBe(branch.body.id);
    const log = await eventually(
      () => admin.get(`/v1/webhooks/${sub.body.id}/deliveries`),
      (r) => r.body.data[0]?.status === 'succeeded',
    );
    expect(log.body.data[0].attemptLog[0]).toMatchObject({
      ok: true,
      statusCode: 200,
      responseExcerpt: 'ok',
    });
  });

  it('during a secret rotation both secrets sign; once the overlap ends only the new one does', async () => {
    const { admin } = await newTenant();
    const path = bucket();
    const sub = await admin.post('/v1/webhooks', { url: `${receiverUrl()}${path}`, eventTypes: ['case.*'] });
    const rotated = await admin.post(`/v1/webhooks/${sub.body.id}/rotate-secret`, { overlapSeconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(sub.body.secret);
    expect((await admin.post(`/v1/webhooks/${sub.body.id}/ping`)).body.ok).toBe(true);
    const [ping] = await received(path);
    if (!ping) throw new Error('no ping');
    expect(ping.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(() => new Webhook(sub.body.secret).verify(ping.body, headersOf(ping))).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(ping.body, headersOf(ping))).not.toThrow();

    const again = await admin.post(`/v1/webhooks/${sub.body.id}/rotate-secret`, { overlapSeconds: 0 });
    await admin.post(`/v1/webhooks/${sub.body.id}/ping`);
    const second = (await received(path))[1];
    if (!second) throw new Error('no second ping');
    expect(second.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(() => new Webhook(again.body.secret).verify(second.body, headersOf(second))).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(second.body, headersOf(second))).toThrow();
  });

  it('a failing endpoint is retried with exponential back-off and the log keeps a 1 KB excerpt', async () => {
    const { admin, tenantId } = await newTenant();
    const path = `/fail/500${bucket()}`;
    const sub = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${path}`,
      eventTypes: ['org.zones.*'],
    });
    await admin.post('/v1/zones', { name: '片区' });
    const [delivery] = await eventually(
      () => rows<{ id: string }>('select id from webhook_deliveries where subscription_id = ?', sub.body.id),
      (r) => r.length === 1,
    );
    const ctx = createExecutionContext();
    const batch = createMessageBatch('guanjia-deliveries', [
      { id: 'm1', timestamp: new Date(), attempts: 3, body: { tenantId, deliveryId: delivery?.id } },
    ]);
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    // The plugin's QueueResult (1.5) records that a message was retried, not its delay; the
    // handler passes retryDelaySeconds(attempts) = 90 s for a third try (core test checks the schedule).
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m1']);
    expect(retryDelaySeconds(3)).toBe(90);
    const log = await admin.get(`/v1/webhooks/${sub.body.id}/deliveries`);
    const attempt = log.body.data[0].attemptLog.at(-1);
    expect(attempt).toMatchObject({ ok: false, statusCode: 500 });
    expect(new TextEncoder().encode(attempt.responseExcerpt).length).toBeLessThanOrEqual(1024);
  });

  it('after the last try the dead-letter queue marks the delivery dead, and a replay sends it again', async () => {
    const { admin, tenantId } = await newTenant();
    const path = bucket();
    const sub = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${path}`,
      eventTypes: ['org.zones.created'],
    });
    await admin.post('/v1/zones', { name: '片区' });
    const [delivery] = await eventually(
      () => rows<{ id: string }>('select id from webhook_deliveries where subscription_id = ?', sub.body.id),
      (r) => r.length === 1,
    );
    await eventually(
      () => received(path),
      (r) => r.length === 1,
    );
    await (await shardOf(tenantId))
      .prepare("update webhook_deliveries set status = 'failed' where id = ?")
      .bind(delivery?.id)
      .run();
    const ctx = createExecutionContext();
    const batch = createMessageBatch('guanjia-deliveries-dlq', [
      { id: 'd1', timestamp: new Date(), attempts: 1, body: { tenantId, deliveryId: delivery?.id } },
    ]);
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['d1']);
    const dead = await admin.get(`/v1/webhooks/${sub.body.id}/deliveries?status=dead`);
    expect(dead.body.data).toHaveLength(1);
    const replay = await admin.post(`/v1/webhooks/${sub.body.id}/deliveries/${delivery?.id}/replay`);
    expect(replay.status).toBe(202);
    const twice = await eventually(
      () => received(path),
      (r) => r.length === 2,
    );
    expect(twice[1]?.headers['webhook-id']).toBe(twice[0]?.headers['webhook-id']);
  });

  it('an endpoint failing longer than the tenant period is disabled and the tenant admin finds a notice in the inbox', async () => {
    const { admin, tenantId } = await newTenant();
    await admin.patch('/v1/notification-settings', { webhookDisableAfterMinutes: 60 });
    const sub = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}/fail/503${bucket()}`,
      eventTypes: ['org.zones.created'],
    });
    await admin.post('/v1/zones', { name: '片区' });
    const [delivery] = await eventually(
      () => rows<{ id: string }>('select id from webhook_deliveries where subscription_id = ?', sub.body.id),
      (r) => r.length === 1,
    );
    await (await shardOf(tenantId))
      .prepare('update webhook_subscriptions set failing_since = ? where id = ?')
      .bind(Date.now() - 2 * 3600_000, sub.body.id)
      .run();
    const ctx = createExecutionContext();
    const batch = createMessageBatch('guanjia-deliveries', [
      { id: 'x', timestamp: new Date(), attempts: 6, body: { tenantId, deliveryId: delivery?.id } },
    ]);
    await worker.queue(batch, env, ctx);
    await getQueueResult(batch, ctx);
    const after = await admin.get(`/v1/webhooks/${sub.body.id}`);
    expect(after.body.enabled).toBe(false);
    expect(after.body.disabledReason).toMatch(/Failing since/);
    const inbox = await admin.get('/v1/inbox');
    expect(inbox.body.data.map((m: { kind: string }) => m.kind)).toContain('webhook.disabled');
    expect(inbox.body.unreadCount).toBeGreaterThanOrEqual(1);
  });

  it('a subscription scoped to a branch hears only that branch; one scoped to a project only that project', async () => {
    const { admin } = await newTenant();
    const a = (await admin.post('/v1/branches', { name: '杭州分公司' })).body.id as string;
    const b = (await admin.post('/v1/branches', { name: '宁波分公司' })).body.id as string;
    const branchPath = bucket();
    const allPath = bucket();
    const branchSub = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${branchPath}`,
      eventTypes: ['org.projects.created', 'org.buildings.*'],
      branchId: a,
      description: '杭州 ERP',
    });
    expect(branchSub.status).toBe(201);
    expect(branchSub.body).toMatchObject({ branchId: a, projectId: null, description: '杭州 ERP' });
    const all = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${allPath}`,
      eventTypes: ['org.projects.created', 'org.buildings.created'],
    });
    const inA = (await admin.post('/v1/projects', { branchId: a, name: '西溪花园' })).body.id as string;
    const inB = (await admin.post('/v1/projects', { branchId: b, name: '东湖湾' })).body.id as string;
    const projectPath = bucket();
    const projectSub = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${projectPath}`,
      eventTypes: ['org.buildings.created'],
      projectId: inA,
    });
    expect(projectSub.body.branchId).toBe(a); // a project fixes its branch
    const buildingA = (await admin.post('/v1/buildings', { projectId: inA, name: '1号楼' })).body.id;
    await admin.post('/v1/buildings', { projectId: inB, name: '1号楼' });
    // The unscoped endpoint hears all four; once it has, every fan-out has been decided.
    await eventually(
      () => received(allPath),
      (r) => r.length === 4,
    );
    const ids = async (path: string) =>
      (await received(path)).map((r) => (JSON.parse(r.body) as { data: { id: string } }).data.id).sort();
    await eventually(
      () => ids(branchPath),
      (r) => r.length === 2,
    );
    expect(await ids(branchPath)).toEqual([inA, buildingA].sort());
    expect(await ids(projectPath)).toEqual([buildingA]);
    expect(
      await rows(
        'select id from webhook_deliveries where subscription_id in (?, ?)',
        branchSub.body.id,
        projectSub.body.id,
      ),
    ).toHaveLength(3);
    expect(all.status).toBe(201);
  });

  it('a time range of deliveries is replayed with the same event ids; pings stay out of it', async () => {
    const { admin } = await newTenant();
    const path = bucket();
    const sub = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${path}`,
      eventTypes: ['org.zones.created'],
    });
    const from = new Date(Date.now() - 1000).toISOString();
    await admin.post('/v1/zones', { name: '华东' });
    await admin.post('/v1/zones', { name: '华南' });
    const first = await eventually(
      () => received(path),
      (r) => r.length === 2,
    );
    const ping = await admin.post(`/v1/webhooks/${sub.body.id}/ping`);
    expect(ping.body).toMatchObject({ ok: true, statusCode: 200, trigger: 'ping' });
    const to = new Date(Date.now() + 1000).toISOString();

    const before = await admin.post(`/v1/webhooks/${sub.body.id}/replay`, {
      from: '2020-01-01T00:00:00Z',
      to: '2020-02-01T00:00:00Z',
    });
    expect(before.body.queued).toBe(0);
    const replay = await admin.post(`/v1/webhooks/${sub.body.id}/replay`, { from, to });
    expect(replay.status).toBe(202);
    expect(replay.body.queued).toBe(2);
    const all = await eventually(
      () => received(path),
      (r) => r.length === 5,
    );
    const eventIds = (list: typeof all) =>
      list.filter((r) => JSON.parse(r.body).type !== 'webhook.ping').map((r) => r.headers['webhook-id']);
    expect(eventIds(all).sort()).toEqual([...eventIds(first), ...eventIds(first)].sort());
    const log = await eventually(
      () => admin.get(`/v1/webhooks/${sub.body.id}/deliveries`),
      (r) =>
        r.body.data.filter((d: { attemptLog: { trigger: string }[] }) =>
          d.attemptLog.some((a) => a.trigger === 'replay'),
        ).length === 2,
    );
    const pingRow = log.body.data.find((d: { eventType: string }) => d.eventType === 'webhook.ping');
    expect(pingRow.status).toBe('succeeded');
    expect((await admin.post(`/v1/webhooks/${sub.body.id}/deliveries/${pingRow.id}/replay`)).status).toBe(
      409,
    );
    expect((await admin.post(`/v1/webhooks/${sub.body.id}/replay`, { from: to, to: from })).status).toBe(400);
  });
});
