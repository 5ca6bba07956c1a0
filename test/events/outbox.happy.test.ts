import { createExecutionContext, env } from 'cloudflare:test';
import { eventCatalogue, eventTypes } from '@guanjia/core/events/catalogue';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { cronTick } from '../support/cron';
import { eventually, rows } from '../support/events';
import { shardOf } from '../support/shards';
import { newTenant } from '../support/tenants';

/** The event types issue 5 names, beside the org changes. */
const issueFiveTypes = [
  'case.created',
  'case.updated',
  'case.assigned',
  'case.dispatched',
  'case.contacted',
  'case.forfeited',
  'case.completed',
  'case.signed_off',
  'case.reopened',
  'case.closed',
  'sla.warning',
  'sla.breached',
  'case.escalated',
  'followup.due',
  'followup.completed',
  'digest.published',
  'notice.published',
  'org.branches.created',
  'org.projects.updated',
  'org.units.deleted',
];

describe('transactional outbox', () => {
  it('creating a branch writes org.branches.created with the change and publishes it to the queue', async () => {
    const { admin, tenantId } = await newTenant();
    const branch = await admin.post('/v1/branches', { name: '杭州分公司' });
    expect(branch.status).toBe(201);
    const events = await eventually(
      () =>
        rows<{ type: string; payload: string; published_at: number | null; branch_id: string }>(
          'select * from outbox_events where tenant_id = ?',
          tenantId,
        ),
      (r) => r.length === 1 && r[0]?.published_at !== null,
    );
    expect(events[0]?.type).toBe('org.branches.created');
    expect(events[0]?.branch_id).toBe(branch.body.id);
    expect(JSON.parse(events[0]?.payload ?? '{}').record.name).toBe('杭州分公司');
    expect(events[0]?.published_at).not.toBeNull();
  });

  it('updating and deleting a record emit org.<resource>.updated and .deleted with the changed fields', async () => {
    const { admin, tenantId } = await newTenant();
    const zone = await admin.post('/v1/zones', { name: '华东片区' });
    await admin.patch(`/v1/zones/${zone.body.id}`, { name: '华东一区' });
    await admin.delete(`/v1/zones/${zone.body.id}`);
    const events = await rows<{ type: string; payload: string }>(
      'select type, payload from outbox_events where tenant_id = ? order by id',
      tenantId,
    );
    expect(events.map((e) => e.type)).toEqual([
      'org.zones.created',
      'org.zones.updated',
      'org.zones.deleted',
    ]);
    expect(JSON.parse(events[1]?.payload ?? '{}').changed).toEqual(['name']);
  });

  it('the cron sweep re-sends an event that was never published', async () => {
    const { tenantId } = await newTenant();
    const old = Date.now() - 120_000;
    const id = `evt_sweep${Date.now().toString(36)}`;
    await (await shardOf(tenantId))
      .prepare(
        `insert into outbox_events (id, tenant_id, type, version, payload, occurred_at, attempts)
       values (?, ?, 'org.zones.created', 1, ?, ?, 0)`,
      )
      .bind(id, tenantId, JSON.stringify({ resource: 'zones', id: 'zone_x', record: {} }), old)
      .run();
    await cronTick(Date.now());
    const [row] = await rows<{ published_at: number | null; attempts: number }>(
      'select published_at, attempts from outbox_events where id = ?',
      id,
    );
    expect(row?.published_at).not.toBeNull();
    expect(row?.attempts).toBe(1);
  });

  it('the OpenAPI document lists every event type of the catalogue, with its version and payload, in its webhooks section', async () => {
    const res = await worker.fetch(
      new Request('http://api.test/openapi.json'),
      env,
      createExecutionContext(),
    );
    const doc = (await res.json()) as {
      webhooks: Record<
        string,
        { post: { summary: string; requestBody: { content: Record<string, unknown> } } }
      >;
    };
    expect(Object.keys(doc.webhooks).sort()).toEqual([...eventTypes].sort());
    for (const type of issueFiveTypes) expect(doc.webhooks[type], type).toBeDefined();
    for (const type of eventTypes) {
      expect(doc.webhooks[type]?.post.summary).toBe(`${type} (v${eventCatalogue[type].version})`);
      expect(doc.webhooks[type]?.post.requestBody.content['application/json']).toBeDefined();
    }
  });
});
