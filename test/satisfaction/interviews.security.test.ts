import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, setNow, staffId } from '../star/star-support';
import { rows } from '../support/events';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';

beforeAll(demoReady);
afterEach(realTime);

const ownerOf = async (projectId: string) => {
  const [row] = await rows<{ owner_id: string; unit_id: string }>(
    'SELECT owner_id, unit_id FROM owner_units WHERE tenant_id = ? AND project_id = ? ORDER BY owner_id LIMIT 1',
    demo.tenantId,
    projectId,
  );
  return { ownerId: row?.owner_id, unitId: row?.unit_id };
};

describe('interviews and rotations: reach, tenants and bad input', () => {
  it('answers 400 naming the field, 404 out of reach or tenant, 403 without permission', async () => {
    setNow('2026-12-05T02:00:00Z');
    const xixi = await ownerOf(demo.xixi);
    const body = { ...xixi, interviewedOn: '2026-12-04', livingExperience: '好', productOpinion: '好' };
    // Ningbo's front desk cannot file for a Hangzhou unit.
    const ningboDesk = await demoAt('front_desk.nb');
    const out = await ningboDesk.post('/v1/satisfaction/interviews', body);
    expect(out.status).toBe(400);
    expect(out.body.issues[0].path).toBe('unitId');
    const desk = await demoAt('front_desk');
    const missing = await desk.post('/v1/satisfaction/interviews', { ...body, livingExperience: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.issues[0].path).toBe('livingExperience');
    const future = await desk.post('/v1/satisfaction/interviews', { ...body, interviewedOn: '2026-12-09' });
    expect(future.status).toBe(400);
    expect(future.body.issues[0].path).toBe('interviewedOn');
    // Filing for someone else takes satisfaction.manage.
    expect((await desk.post('/v1/satisfaction/interviews', { ...body, staffId: staffId(5) })).status).toBe(
      403,
    );
    expect((await desk.get('/v1/satisfaction/interviews/progress?year=2026')).status).toBe(403);
    expect((await desk.get(`/v1/satisfaction/interviews?staffId=${staffId(5)}`)).status).toBe(403);

    const csm = await demoAt('branch_cs_manager');
    const rotation = await csm.post('/v1/satisfaction/rotations', {
      staffId: staffId(4),
      branchId: demo.hangzhou,
      startsOn: '2026-12-07',
    });
    expect(rotation.status).toBe(201);
    const id = rotation.body.id as string;
    // Hangzhou's CS manager cannot schedule in Ningbo or the group's CS centre.
    const elsewhere = await csm.post('/v1/satisfaction/rotations', {
      staffId: staffId(4),
      branchId: demo.ningbo,
      startsOn: '2026-12-07',
    });
    expect(elsewhere.body.issues[0].path).toBe('branchId');
    const badDate = await csm.post('/v1/satisfaction/rotations', { staffId: staffId(4), startsOn: '7 Dec' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.issues[0].path).toBe('startsOn');

    const ningboGm = await demoAt('branch_gm.nb');
    expect((await ningboGm.get(`/v1/satisfaction/rotations/${id}`)).status).toBe(404);
    expect((await ningboGm.post(`/v1/satisfaction/rotations/${id}/report`, { report: 'x' })).status).toBe(
      404,
    );
    const listed = await ningboGm.get('/v1/satisfaction/rotations?limit=200');
    expect(listed.body.data.map((r: { id: string }) => r.id)).not.toContain(id);
    const stranger = await newTenant('Rotation Stranger');
    expect((await stranger.admin.get(`/v1/satisfaction/rotations/${id}`)).status).toBe(404);
    expect((await stranger.admin.put(`/v1/satisfaction/rotations/${id}/cases`, { caseIds: [] })).status).toBe(
      404,
    );
    // The branch GM reads but does not write someone else's rotation.
    const gm = await demoAt('branch_gm');
    expect((await gm.get(`/v1/satisfaction/rotations/${id}`)).status).toBe(200);
    expect((await gm.post(`/v1/satisfaction/rotations/${id}/report`, { report: 'x' })).status).toBe(403);
    expect((await desk.get('/v1/satisfaction/rotations')).status).toBe(403);
    // Nothing half-written: the refused report left the rotation as it was.
    expect((await csm.get(`/v1/satisfaction/rotations/${id}`)).body).toMatchObject({
      report: null,
      version: 1,
    });
  });
});
