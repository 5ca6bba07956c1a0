import { describe, expect, it } from 'vitest';
import { rows } from '../support/events';
import { newTenant } from '../support/tenants';

describe('outbox under failure', () => {
  it('a branch name that clashes writes neither the branch nor its event', async () => {
    const { admin, tenantId } = await newTenant();
    expect((await admin.post('/v1/branches', { name: '宁波分公司' })).status).toBe(201);
    const clash = await admin.post('/v1/branches', { name: '宁波分公司' });
    expect(clash.status).toBe(409);
    const branches = await rows('select id from branches where tenant_id = ?', tenantId);
    const events = await rows('select id from outbox_events where tenant_id = ?', tenantId);
    expect(branches).toHaveLength(1);
    expect(events).toHaveLength(1);
  });

  it('a stale If-Match on update answers 412 and emits nothing new', async () => {
    const { admin, tenantId } = await newTenant();
    const zone = await admin.post('/v1/zones', { name: '片区' });
    const stale = await admin.patch(`/v1/zones/${zone.body.id}`, { name: '新片区' }, { 'If-Match': '"7"' });
    expect(stale.status).toBe(412);
    expect(await rows('select id from outbox_events where tenant_id = ?', tenantId)).toHaveLength(1);
  });
});
