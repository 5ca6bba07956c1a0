import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';
import { demoAt, demoReady, realTime, staffId, tokenFor } from './star-support';

beforeAll(demoReady);
afterEach(realTime);

async function submittedFor(nomineeN: number, nominator = 'cs_specialist') {
  const d = await (await demoAt(nominator)).post('/v1/star/nominations', {
    projectId: demo.xixi,
    nomineeId: staffId(nomineeN),
    nomineeRole: '员工',
    reasons: '表现突出',
  });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const s = await (await demoAt('project_manager')).post(`/v1/star/nominations/${d.body.id}/submit`);
  expect(s.status).toBe(200);
  return s.body;
}

describe('nobody reviews their own nomination', () => {
  it('branch HR nominated for the star cannot screen itself', async () => {
    const n = await submittedFor(12);
    const res = await (await demoAt('branch_hr')).post(`/v1/star/nominations/${n.id}/decisions`, {
      decision: 'approve',
    });
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('self_nominee');
  });

  it('a reviewer who drafted the nomination cannot decide on it', async () => {
    // Someone holding both a Xixi nominating role and the Hangzhou HR role.
    const both = await tokenFor(staffId(5), [
      { role: 'cs_specialist', scopeType: 'project', scopeId: demo.xixi },
      { role: 'branch_hr', scopeType: 'branch', scopeId: demo.hangzhou },
    ]);
    const d = await both.post('/v1/star/nominations', {
      projectId: demo.xixi,
      nomineeId: staffId(8),
      nomineeRole: '前台客服',
      reasons: '热情',
    });
    await (await demoAt('project_manager')).post(`/v1/star/nominations/${d.body.id}/submit`);
    const res = await both.post(`/v1/star/nominations/${d.body.id}/decisions`, { decision: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('self_nominator');
  });

  it('the project manager who submitted it cannot decide either', async () => {
    const pmReviewer = await tokenFor(staffId(9), [
      { role: 'project_manager', scopeType: 'project', scopeId: demo.xixi },
      { role: 'branch_hr', scopeType: 'branch', scopeId: demo.hangzhou },
    ]);
    const n = await submittedFor(8);
    const res = await pmReviewer.post(`/v1/star/nominations/${n.id}/decisions`, { decision: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('self_nominator');
  });
});

describe('only the own branch sees and decides', () => {
  it("Ningbo's GM gets 404 for a Hangzhou nomination and its cycle, and finds none in its lists", async () => {
    const n = await submittedFor(8);
    const gm = await demoAt('branch_gm.nb');
    expect((await gm.get(`/v1/star/nominations/${n.id}`)).status).toBe(404);
    expect((await gm.post(`/v1/star/nominations/${n.id}/decisions`, { decision: 'approve' })).status).toBe(
      404,
    );
    expect((await gm.get(`/v1/star/cycles/${n.cycleId}`)).status).toBe(404);
    expect(
      (
        await gm.post(`/v1/star/cycles/${n.cycleId}/announce`, {
          winners: [{ nominationId: n.id, rewardFen: 1 }],
        })
      ).status,
    ).toBe(404);
    const list = await gm.get('/v1/star/nominations?limit=200');
    expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(n.id);
    const cycles = await gm.get('/v1/star/cycles?limit=200');
    expect(cycles.body.data.every((c: { branchId: string }) => c.branchId === demo.ningbo)).toBe(true);
    const board = await gm.get(`/v1/star/leaderboard?branchId=${demo.hangzhou}`);
    expect(board.body.history).toEqual([]);
  });

  it('reviewers do not see drafts; project staff see their own project only', async () => {
    const d = await (await demoAt('cs_specialist')).post('/v1/star/nominations', {
      projectId: demo.xixi,
      nomineeId: staffId(8),
      nomineeRole: '前台客服',
      reasons: '热情',
    });
    expect((await (await demoAt('branch_hr')).get(`/v1/star/nominations/${d.body.id}`)).status).toBe(404);
    expect((await (await demoAt('project_manager')).get(`/v1/star/nominations/${d.body.id}`)).status).toBe(
      200,
    );
  });

  it('roles without any star permission are refused; a front desk cannot nominate', async () => {
    for (const who of ['front_desk', 'front_desk.nb', 'mystery_shopper', 'engineer']) {
      const staff = await demoAt(who);
      expect((await staff.get('/v1/star/nominations')).status, who).toBe(403);
      const res = await staff.post('/v1/star/nominations', {
        projectId: demo.xixi,
        nomineeId: staffId(8),
        nomineeRole: 'x',
        reasons: 'x',
      });
      expect(res.status, who).toBe(403);
    }
  });

  it('a CS specialist (star.nominate only) cannot submit', async () => {
    const d = await (await demoAt('cs_specialist')).post('/v1/star/nominations', {
      projectId: demo.xixi,
      nomineeId: staffId(8),
      nomineeRole: '前台客服',
      reasons: '热情',
    });
    expect(
      (await (await demoAt('cs_specialist')).post(`/v1/star/nominations/${d.body.id}/submit`)).status,
    ).toBe(403);
  });
});

describe("another tenant's star records", () => {
  it('answer 404', async () => {
    const n = await submittedFor(8);
    const other = await newTenant('Other Group');
    expect((await other.admin.get(`/v1/star/nominations/${n.id}`)).status).toBe(404);
    expect((await other.admin.get(`/v1/star/cycles/${n.cycleId}`)).status).toBe(404);
    expect((await other.admin.post(`/v1/star/nominations/${n.id}/submit`)).status).toBe(404);
    expect(
      (await other.admin.post(`/v1/star/nominations/${n.id}/decisions`, { decision: 'approve' })).status,
    ).toBe(404);
    expect((await other.admin.get('/v1/star/nominations')).body.data).toEqual([]);
  });
});
