import { describe, expect, it } from 'vitest';
import { client } from '../support/api';
import { demo, demoAs, newStaff } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

type Entry = { id: string; targetType: string; targetId: string };
const targets = (body: { data: Entry[] }) => body.data.map((e) => e.targetId);

describe("another tenant's audit entries", () => {
  it('answer 404 and never appear in its list', async () => {
    const a = await newTenant('Group A');
    const b = await newTenant('Group B');
    await newEstate(a.admin);
    const entry = (await a.admin.get('/v1/audit-log?limit=1')).body.data[0] as Entry;
    expect((await b.admin.get(`/v1/audit-log/${entry.id}`)).status).toBe(404);
    const bIds = (await b.admin.get('/v1/audit-log?limit=200')).body.data.map((e: Entry) => e.id);
    expect(bIds).not.toContain(entry.id);
    expect((await b.admin.get(`/v1/audit-log?targetId=${entry.targetId}`)).body.data).toEqual([]);
  });
});

describe('what a branch-scoped reader sees of the trail', () => {
  it('the Hangzhou GM sees changes to Hangzhou people and units, not Ningbo ones nor group-level records', async () => {
    const admin = await demoAs('tenant_admin');
    const hzGm = await demoAs('branch_gm');
    const nbGm = await demoAs('branch_gm.nb');
    const crManager = await demoAs('cr_manager'); // reads the audit log group-wide

    const hzPerson = await newStaff(admin, [{ role: 'engineer', scopeType: 'project', scopeId: demo.xixi }]);
    const nbPerson = await newStaff(admin, [
      { role: 'engineer', scopeType: 'project', scopeId: demo.donghu },
    ]);
    const [hzUnit] = (await admin.get(`/v1/units?projectId=${demo.xixi}&limit=1`)).body.data;
    await admin.patch(`/v1/units/${hzUnit.id}`, { areaSqm: hzUnit.areaSqm });
    const zone = await admin.post('/v1/zones', { name: `审计片区 ${Date.now()}` });
    const nbRole = await admin.post(`/v1/staff/${hzPerson.id}/roles`, {
      role: 'engineer',
      scopeType: 'project',
      scopeId: demo.sanjiang,
    });
    await admin.delete(`/v1/staff/${hzPerson.id}/roles/${nbRole.body.id}`);

    const hz = targets((await hzGm.get('/v1/audit-log?limit=200')).body);
    expect(hz).toEqual(expect.arrayContaining([hzPerson.id, hzUnit.id, hzPerson.body.roles[0].id]));
    expect(hz).not.toContain(nbPerson.id);
    expect(hz).not.toContain(zone.body.id);
    expect(hz).not.toContain(nbRole.body.id); // a Ningbo assignment, even after it was removed

    const nb = targets((await nbGm.get('/v1/audit-log?limit=200')).body);
    expect(nb).toEqual(expect.arrayContaining([nbPerson.id, nbRole.body.id]));
    expect(nb).not.toContain(hzUnit.id);
    expect(nb).not.toContain(zone.body.id);

    const all = targets((await crManager.get('/v1/audit-log?limit=200')).body);
    expect(all).toEqual(
      expect.arrayContaining([hzPerson.id, nbPerson.id, hzUnit.id, zone.body.id, nbRole.body.id]),
    );
  });

  it('an entry outside the reader’s reach answers 404 when asked for by id', async () => {
    const admin = await demoAs('tenant_admin');
    const hzGm = await demoAs('branch_gm');
    const nbPerson = await newStaff(admin, [
      { role: 'engineer', scopeType: 'project', scopeId: demo.sanjiang },
    ]);
    const [entry] = (await admin.get(`/v1/audit-log?targetId=${nbPerson.id}`)).body.data;
    expect((await admin.get(`/v1/audit-log/${entry.id}`)).status).toBe(200);
    expect((await hzGm.get(`/v1/audit-log/${entry.id}`)).status).toBe(404);
    expect((await hzGm.get(`/v1/audit-log?targetId=${nbPerson.id}`)).body.data).toEqual([]);
  });

  it('branch HR, who manages people but does not audit, is refused the trail', async () => {
    const hr = await demoAs('branch_hr');
    expect((await hr.get('/v1/audit-log')).status).toBe(403);
  });

  it('an integrator API key cannot read the trail', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const key = await admin.post('/v1/api-keys', {
      name: 'ERP',
      grants: [{ role: 'integrator', scopeType: 'project', scopeId: estate.projectId }],
    });
    expect((await client(key.body.key).get('/v1/audit-log')).status).toBe(403);
  });
});
