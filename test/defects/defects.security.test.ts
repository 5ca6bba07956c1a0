import { beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, staffId } from '../star/star-support';
import { demo } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';
import { localDateIn, registerDefect, xixiEngineering } from './defects-support';

beforeAll(demoReady);

describe('tenants and reach', () => {
  it("another tenant's admin gets 404 on every route of a demo defect and sees none in its list", async () => {
    const { defect } = await registerDefect();
    const other = await newTenant('Other Group');
    await newEstate(other.admin);
    expect((await other.admin.get(`/v1/defects/${defect.id}`)).status).toBe(404);
    expect((await other.admin.patch(`/v1/defects/${defect.id}`, { description: 'x' })).status).toBe(404);
    expect((await other.admin.post(`/v1/defects/${defect.id}/study`, {})).status).toBe(404);
    expect((await other.admin.get('/v1/defects?limit=100')).body.data).toEqual([]);
    const meeting = await other.admin.post('/v1/defect-meetings', {
      heldAt: new Date(Date.now() - 60_000).toISOString(),
      chairId: staffId(2),
      decisions: [
        {
          defectId: defect.id,
          preventionMeasure: 'x',
          responsibleDepartmentId: xixiEngineering,
          rectificationDueOn: localDateIn(10),
        },
      ],
    });
    expect(meeting.status).toBe(400);
    expect((await other.admin.get(`/v1/defects/scorecard?projectId=${demo.xixi}&year=2026`)).status).toBe(
      400,
    );
  });

  it('the Ningbo GM cannot see or score a Hangzhou defect (404), and lists only Ningbo', async () => {
    const { defect } = await registerDefect();
    const gm = await demoAt('branch_gm.nb');
    expect((await gm.get(`/v1/defects/${defect.id}`)).status).toBe(404);
    const list = await gm.get('/v1/defects?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.data.every((d: { branchId: string }) => d.branchId === demo.ningbo)).toBe(true);
    expect((await gm.get(`/v1/defects/scorecard?projectId=${demo.xixi}&year=2026`)).status).toBe(404);
    expect(
      (await gm.get('/v1/defect-meetings/agenda')).body.items.every(
        (i: { defect: { branchId: string } }) => i.defect.branchId === demo.ningbo,
      ),
    ).toBe(true);
  });

  it('a project CS supervisor manages only their project: another project is 404', async () => {
    const supervisor = await demoAt('cs_supervisor');
    const { defect } = await registerDefect({ projectId: demo.qianjiang });
    expect((await supervisor.get(`/v1/defects/${defect.id}`)).status).toBe(404);
    expect((await supervisor.post(`/v1/defects/${defect.id}/study`, {})).status).toBe(404);
  });
});

describe('roles', () => {
  it('a front desk has no way in (403); a project manager reads but does not change (403)', async () => {
    const { defect } = await registerDefect();
    const desk = await demoAt('front_desk');
    expect((await desk.get('/v1/defects')).status).toBe(403);
    expect((await desk.get(`/v1/defects/${defect.id}`)).status).toBe(403);
    const pm = await demoAt('project_manager');
    expect((await pm.get(`/v1/defects/${defect.id}`)).status).toBe(200);
    expect((await pm.post(`/v1/defects/${defect.id}/study`, {})).status).toBe(403);
    expect((await pm.post('/v1/defect-meetings', {})).status).toBe(400);
    const cs = await demoAt('cs_supervisor');
    expect((await cs.post('/v1/defects/suggestions/run')).status).toBe(403);
  });
});
