import { beforeAll, describe, expect, it } from 'vitest';
import { demoReady, staffId, tokenFor } from '../star/star-support';
import { countEverywhere } from '../support/shards';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';

beforeAll(demoReady);

const items = [
  {
    key: 'completion_filing',
    group: 'contract_documents',
    label: { zh: '竣工备案证', en: 'Completion filing' },
  },
  {
    key: 'fire_acceptance',
    group: 'intermediate_documents',
    label: { zh: '消防验收证明', en: 'Fire acceptance' },
  },
  {
    key: 'parking_marking',
    group: 'intermediate_documents',
    label: { zh: '车位划线', en: 'Parking marking' },
  },
];

describe('the readiness checklist template (交付风险表)', () => {
  it("answers the seed's list until edited; a save is version-checked and audited", async () => {
    const { admin, tenantId } = await newTenant('Template Group');
    const first = await admin.get('/v1/handover-template');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.version).toBe(0);
    expect(first.body.items.map((i: { label: { zh: string } }) => i.label.zh)).toContain('竣工备案证');
    const saved = await admin.put('/v1/handover-template', { items }, { 'If-Match': '"0"' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, items });
    const again = await admin.put(
      '/v1/handover-template',
      { items: items.slice(0, 2) },
      { 'If-Match': '"1"' },
    );
    expect(again.body.version).toBe(2);
    expect((await admin.get('/v1/handover-template')).body.items).toHaveLength(2);
    expect(
      await countEverywhere(
        "SELECT COUNT(*) AS n FROM audit_log WHERE tenant_id = ? AND action LIKE 'handover_templates.%'",
        tenantId,
      ),
    ).toBe(2);
  });

  it('refuses a duplicate key (400 at items.<i>.key), a stale version (412), and a project-scoped lead (403)', async () => {
    const { admin } = await newTenant('Template Group 2');
    const dup = await admin.put('/v1/handover-template', { items: [items[0], items[0]] });
    expect(dup.status).toBe(400);
    expect(JSON.stringify(dup.body.issues)).toContain('items.1.key');
    expect((await admin.put('/v1/handover-template', { items }, { 'If-Match': '"3"' })).status).toBe(412);
    const lead = await tokenFor(staffId(9), [
      { role: 'complaint_supervisor', scopeType: 'project', scopeId: demo.xixi },
    ]);
    expect((await lead.put('/v1/handover-template', { items })).status).toBe(403);
    // Its reading is the demo tenant's own, not another tenant's edit.
    expect((await lead.get('/v1/handover-template')).body.items.length).toBeGreaterThan(3);
  });
});
