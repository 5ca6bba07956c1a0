import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { newEstate, newTenant } from '../support/tenants';
import { act, as, fx, hotlineRepair, intake } from './support';

const png = new TextEncoder().encode('\x89PNG fake');

describe("another tenant's cases", () => {
  it('answer 404 on every case route, and never appear in lists', async () => {
    const other = await newTenant('Group B');
    const estate = await newEstate(other.admin);
    const theirs = await intake(other.admin, {
      ...hotlineRepair(),
      projectId: estate.projectId,
      unitId: estate.unitId,
    });
    const upload = await call('POST', `/v1/cases/${theirs.id}/attachments?fileName=a.png`, {
      token: other.admin.token,
      headers: { 'content-type': 'image/png' },
      rawBody: new TextDecoder().decode(png),
    });
    expect(upload.status).toBe(201);

    const admin = await as('tenant_admin');
    const base = `/v1/cases/${theirs.id}`;
    expect((await admin.get(base)).status).toBe(404);
    expect((await admin.get(`${base}/timeline`)).status).toBe(404);
    expect((await admin.get(`${base}/allowed-actions`)).status).toBe(404);
    expect((await admin.get(`${base}/attachments`)).status).toBe(404);
    expect((await admin.get(`${base}/attachments/${upload.body.id}`)).status).toBe(404);
    expect((await admin.post(`${base}/actions`, { type: 'add_note', note: 'x' })).status).toBe(404);
    const up = await call('POST', `${base}/attachments?fileName=b.png`, {
      token: admin.token,
      headers: { 'content-type': 'image/png' },
      rawBody: 'x',
    });
    expect(up.status).toBe(404);
    const list = await admin.get('/v1/cases?limit=200');
    expect(list.body.data.map((c: { id: string }) => c.id)).not.toContain(theirs.id);
    // Nor can a case be opened on their project.
    const cross = await admin.post('/v1/cases', {
      ...hotlineRepair(),
      projectId: estate.projectId,
      unitId: estate.unitId,
    });
    expect(cross.status).toBe(400);
    expect((await other.admin.get(base)).status).toBe(200);
  });
});

describe('reach within the demo group', () => {
  it('a Xixi front desk gets 404 on a Ningbo case and does not list it', async () => {
    const hotline = await as('hotline_agent');
    const ningbo = await intake(hotline, hotlineRepair({ projectId: fx.donghu, unitId: fx.donghuUnit(1) }));
    const desk = await as('front_desk');
    expect((await desk.get(`/v1/cases/${ningbo.id}`)).status).toBe(404);
    expect((await desk.get(`/v1/cases/${ningbo.id}/timeline`)).status).toBe(404);
    expect((await desk.post(`/v1/cases/${ningbo.id}/actions`, { type: 'add_note', note: 'x' })).status).toBe(
      404,
    );
    const list = await desk.get(`/v1/cases?projectId=${fx.donghu}`);
    expect(list.body.data).toEqual([]);
    const nb = await as('front_desk.nb');
    expect((await nb.get(`/v1/cases/${ningbo.id}`)).status).toBe(200);
    // ...and cannot open a case on Ningbo either.
    expect(
      (await desk.post('/v1/cases', hotlineRepair({ projectId: fx.donghu, unitId: fx.donghuUnit(1) })))
        .status,
    ).toBe(400);
  });

  it('a contractor sees only the jobs its company holds now', async () => {
    const hotline = await as('hotline_agent');
    const ours = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(2) }));
    const theirs = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(3) }));
    const inHouse = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(4) }));
    await act(hotline, ours.id, { type: 'dispatch', contractorId: fx.contractor1 });
    await act(hotline, theirs.id, { type: 'dispatch', contractorId: fx.contractor2 });
    const contractor = await as('contractor_staff');
    const list = (await contractor.get('/v1/cases?limit=200')).body.data as {
      contractorId: string;
      id: string;
    }[];
    expect(list.map((c) => c.id)).toContain(ours.id);
    expect(list.every((c) => c.contractorId === fx.contractor1)).toBe(true);
    for (const id of [theirs.id, inHouse.id]) {
      expect((await contractor.get(`/v1/cases/${id}`)).status).toBe(404);
      expect((await contractor.post(`/v1/cases/${id}/actions`, { type: 'arrive' })).status).toBe(404);
    }
    // A contractor cannot dispatch or open cases: those are desk steps.
    const dispatch = await contractor.post(`/v1/cases/${ours.id}/actions`, {
      type: 'reassign',
      contractorId: fx.contractor2,
    });
    expect(dispatch.status).toBe(403);
    expect((await contractor.post('/v1/cases', hotlineRepair())).status).toBe(403);
  });

  it('roles without case access are refused the collection', async () => {
    const hr = await as('branch_hr');
    expect((await hr.get('/v1/cases')).status).toBe(403);
    expect((await hr.post('/v1/cases', hotlineRepair())).status).toBe(403);
    const shopper = await as('mystery_shopper');
    expect((await shopper.get('/v1/cases')).status).toBe(403);
  });

  it('a security guard may open a case but not handle it', async () => {
    const guard = await as('security_guard');
    const created = await intake(guard, hotlineRepair({ channel: 'guard_booth' }));
    const res = await guard.post(`/v1/cases/${created.id}/actions`, {
      type: 'dispatch',
      contractorId: fx.contractor1,
    });
    expect(res.status).toBe(403);
    expect(res.body.allowed).toEqual([]);
  });

  it('only a group-wide administrator changes case settings', async () => {
    const desk = await as('front_desk');
    expect((await desk.get('/v1/settings/cases')).status).toBe(200);
    const put = await call('PUT', '/v1/settings/cases', {
      token: desk.token,
      body: { reworkWindowDays: 10 },
    });
    expect(put.status).toBe(403);
    const pm = await as('project_manager');
    expect((await pm.post(`/v1/projects/${fx.xixi}/channel-keys`)).status).toBe(403);
  });
});
