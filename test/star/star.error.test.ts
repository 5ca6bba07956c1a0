import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { demoAt, demoReady, realTime, setNow, setTenantSettings, staffId } from './star-support';

beforeAll(demoReady);
afterEach(async () => {
  realTime();
  await setTenantSettings(demo.tenantId, {});
});

const auditCount = async () =>
  (
    await (
      await shardOf(demo.tenantId)
    )
      .prepare('SELECT count(*) AS n FROM audit_log WHERE tenant_id = ?')
      .bind(demo.tenantId)
      .first<{ n: number }>()
  )?.n;

async function draft(nomineeN = 8) {
  const res = await (await demoAt('cs_specialist')).post('/v1/star/nominations', {
    projectId: demo.xixi,
    nomineeId: staffId(nomineeN),
    nomineeRole: '前台客服',
    reasons: '服务热情',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function submitted() {
  const d = await draft();
  const res = await (await demoAt('project_manager')).post(`/v1/star/nominations/${d.id}/submit`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('late submissions', () => {
  it('are refused with the deadline when the tenant says so, and nothing changes', async () => {
    setNow('2026-01-29T02:00:00Z'); // Thu 29 Jan, after Wed 28 Jan
    const d = await draft();
    await setTenantSettings(demo.tenantId, { star: { latePolicy: 'refuse' } });
    const before = await auditCount();
    const res = await (await demoAt('project_manager')).post(`/v1/star/nominations/${d.id}/submit`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('2026-01-28');
    expect(await auditCount()).toBe(before);
    const after = await (await demoAt('project_manager')).get(`/v1/star/nominations/${d.id}`);
    expect(after.body).toMatchObject({ status: 'draft', submittedAt: null, version: 1 });
  });

  it('are accepted and flagged under the default policy', async () => {
    setNow('2026-01-29T02:00:00Z');
    const d = await draft();
    const res = await (await demoAt('project_manager')).post(`/v1/star/nominations/${d.id}/submit`);
    expect(res.body).toMatchObject({ status: 'submitted', late: true });
  });

  it("follow the tenant's reading of the last week: under iso_last_week September 2026 closes on the 23rd, not the 30th", async () => {
    // 30 Sep 2026 is a Wednesday; its Mon-Sun week belongs to October under the ISO reading.
    setNow('2026-09-25T02:00:00Z'); // Fri 25 Sep, Shanghai
    const onTime = await draft();
    expect(
      (await (await demoAt('project_manager')).post(`/v1/star/nominations/${onTime.id}/submit`)).body,
    ).toMatchObject({ late: false, submissionMonth: '2026-09' });
    const d = await draft(7);
    await setTenantSettings(demo.tenantId, { star: { deadlineRule: 'iso_last_week', latePolicy: 'refuse' } });
    const res = await (await demoAt('project_manager')).post(`/v1/star/nominations/${d.id}/submit`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('2026-09-23');
  });

  it('a tenant deadline at 17:30 local refuses a form at 18:00 on the deadline day', async () => {
    setNow('2026-01-28T10:00:00Z'); // Wed 28 Jan, 18:00 Shanghai
    const d = await draft();
    await setTenantSettings(demo.tenantId, { star: { deadlineLocalTime: '17:30', latePolicy: 'refuse' } });
    const res = await (await demoAt('project_manager')).post(`/v1/star/nominations/${d.id}/submit`);
    expect(res.status).toBe(409);
    await setTenantSettings(demo.tenantId, { star: { deadlineLocalTime: '18:30', latePolicy: 'refuse' } });
    const ok = await (await demoAt('project_manager')).post(`/v1/star/nominations/${d.id}/submit`);
    expect(ok.body).toMatchObject({ status: 'submitted', late: false });
  });
});

describe('bad requests write nothing', () => {
  it.each([
    [{ nomineeId: staffId(8), nomineeRole: 'x', reasons: 'x' }, 'projectId'],
    [{ projectId: demo.xixi, nomineeId: 'stf_nobody', nomineeRole: 'x', reasons: 'x' }, 'nomineeId'],
    [{ projectId: 'prj_nowhere', nomineeId: staffId(8), nomineeRole: 'x', reasons: 'x' }, 'projectId'],
    [{ projectId: demo.xixi, nomineeId: staffId(8), nomineeRole: 'x', reasons: '' }, 'reasons'],
    [{ projectId: demo.donghu, nomineeId: staffId(8), nomineeRole: 'x', reasons: 'x' }, 'projectId'],
  ])('%j → 400 on %s', async (body, field) => {
    const before = await auditCount();
    const res = await (await demoAt('cs_specialist')).post('/v1/star/nominations', body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.issues)).toContain(field);
    expect(await auditCount()).toBe(before);
  });

  it('a decision needs approve, reject or return', async () => {
    const n = await submitted();
    const res = await (await demoAt('branch_hr')).post(`/v1/star/nominations/${n.id}/decisions`, {
      decision: 'maybe',
    });
    expect(res.status).toBe(400);
  });

  it('announcing needs approved nominations of the cycle and a reward', async () => {
    const n = await submitted();
    const hr = await demoAt('branch_hr');
    const notApproved = await hr.post(`/v1/star/cycles/${n.cycleId}/announce`, {
      winners: [{ nominationId: n.id, rewardFen: 100 }],
    });
    expect(notApproved.status).toBe(400);
    const noReward = await hr.post(`/v1/star/cycles/${n.cycleId}/announce`, {
      winners: [{ nominationId: n.id }],
    });
    expect(noReward.status).toBe(400);
    expect((await hr.get(`/v1/star/cycles/${n.cycleId}`)).body.status).toBe('open');
  });
});

describe('the approval chain keeps its order', () => {
  it('the GM and the functional department cannot decide before HR has screened', async () => {
    const n = await submitted();
    for (const who of ['branch_gm', 'branch_cs_manager']) {
      const res = await (await demoAt(who)).post(`/v1/star/nominations/${n.id}/decisions`, {
        decision: 'approve',
      });
      expect(res.status, who).toBe(403);
      expect(res.body.step).toBe('hr_screening');
    }
    const after = await (await demoAt('branch_hr')).get(`/v1/star/nominations/${n.id}`);
    expect(after.body).toMatchObject({ status: 'submitted', currentStep: 0, decisions: [] });
  });

  it('HR cannot decide a later step twice; a rejection ends the chain', async () => {
    const n = await submitted();
    const hr = await demoAt('branch_hr');
    expect((await hr.post(`/v1/star/nominations/${n.id}/decisions`, { decision: 'approve' })).status).toBe(
      200,
    );
    const again = await hr.post(`/v1/star/nominations/${n.id}/decisions`, { decision: 'approve' });
    expect(again.status).toBe(403);
    const rejected = await (await demoAt('branch_cs_manager')).post(
      `/v1/star/nominations/${n.id}/decisions`,
      {
        decision: 'reject',
        comment: '事迹不足',
      },
    );
    expect(rejected.body).toMatchObject({ status: 'rejected', nextStep: null });
    expect(
      rejected.body.decisions.map((d: { step: string; decision: string }) => [d.step, d.decision]),
    ).toEqual([
      ['hr_screening', 'approve'],
      ['functional_department', 'reject'],
    ]);
    const gm = await (await demoAt('branch_gm')).post(`/v1/star/nominations/${n.id}/decisions`, {
      decision: 'approve',
    });
    expect(gm.status).toBe(409);
  });

  it('follows a tenant chain in the old stored shape ({ step, roles }): HR then the GM only', async () => {
    await setTenantSettings(demo.tenantId, {
      star: {
        approvalChain: [
          { step: 'hr', roles: ['branch_hr'] },
          { step: 'gm', roles: ['branch_gm'] },
        ],
      },
    });
    const n = await submitted();
    expect(n.nextStep).toBe('hr');
    await (await demoAt('branch_hr')).post(`/v1/star/nominations/${n.id}/decisions`, { decision: 'approve' });
    const gm = await (await demoAt('branch_gm')).post(`/v1/star/nominations/${n.id}/decisions`, {
      decision: 'approve',
    });
    expect(gm.body).toMatchObject({ status: 'approved', nextStep: null });
  });
});

describe('core chain settings and the return decision', () => {
  it("follows a tenant chain in core's shape: the GM screens, then HR decides", async () => {
    await setTenantSettings(demo.tenantId, {
      star: {
        approvalChain: [
          { key: 'gm_first', role: 'branch_gm', stage: 'screening' },
          { key: 'hr_last', role: 'branch_hr', stage: 'deciding' },
        ],
      },
    });
    const n = await submitted();
    expect(n.nextStep).toBe('gm_first');
    const early = await (await demoAt('branch_hr')).post(`/v1/star/nominations/${n.id}/decisions`, {
      decision: 'approve',
    });
    expect(early.status).toBe(403);
    expect(early.body.step).toBe('gm_first');
    const gm = await (await demoAt('branch_gm')).post(`/v1/star/nominations/${n.id}/decisions`, {
      decision: 'approve',
    });
    expect(gm.body).toMatchObject({ status: 'deciding', nextStep: 'hr_last', currentStep: 1 });
    // A settings change does not move a running review: the snapshot decides.
    await setTenantSettings(demo.tenantId, {});
    const hr = await (await demoAt('branch_hr')).post(`/v1/star/nominations/${n.id}/decisions`, {
      decision: 'approve',
    });
    expect(hr.body).toMatchObject({ status: 'approved', nextStep: null });
  });

  it('a nomination snapshotted before migration 0010 ({ step, roles } chain) is still reviewed in its order', async () => {
    const n = await submitted();
    const legacy = [
      { step: 'hr_screening', roles: ['branch_hr'] },
      { step: 'functional_review', roles: ['branch_cs_manager'] },
      { step: 'gm_decision', roles: ['branch_gm'] },
    ];
    await (await shardOf(demo.tenantId))
      .prepare('UPDATE star_nominations SET chain = ? WHERE tenant_id = ? AND id = ?')
      .bind(JSON.stringify(legacy), demo.tenantId, n.id)
      .run();
    const steps = [
      ['branch_hr', 'functional_review'],
      ['branch_cs_manager', 'gm_decision'],
      ['branch_gm', null],
    ] as const;
    for (const [who, next] of steps) {
      const res = await (await demoAt(who)).post(`/v1/star/nominations/${n.id}/decisions`, {
        decision: 'approve',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.nextStep).toBe(next);
    }
  });

  it('a return sends the form back; the project edits and resubmits; review starts again at HR in a new round', async () => {
    const n = await submitted();
    const hr = await demoAt('branch_hr');
    await hr.post(`/v1/star/nominations/${n.id}/decisions`, { decision: 'approve' });
    const returned = await (await demoAt('branch_cs_manager')).post(
      `/v1/star/nominations/${n.id}/decisions`,
      { decision: 'return', comment: '请补充具体事迹' },
    );
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', nextStep: null, currentStep: 0 });
    // Nobody reviews a returned form; the project may edit it again.
    const gm = await (await demoAt('branch_gm')).post(`/v1/star/nominations/${n.id}/decisions`, {
      decision: 'approve',
    });
    expect(gm.status).toBe(409);
    const pm = await demoAt('project_manager');
    const edited = await pm.patch(`/v1/star/nominations/${n.id}`, { reasons: '补充：连续三月零投诉' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const again = await pm.post(`/v1/star/nominations/${n.id}/submit`);
    expect(again.body).toMatchObject({ status: 'submitted', nextStep: 'hr_screening' });
    const screened = await hr.post(`/v1/star/nominations/${n.id}/decisions`, { decision: 'approve' });
    expect(screened.status, JSON.stringify(screened.body)).toBe(200);
    expect(
      screened.body.decisions.map((d: { round: number; step: string; decision: string }) => [
        d.round,
        d.step,
        d.decision,
      ]),
    ).toEqual([
      [0, 'hr_screening', 'approve'],
      [0, 'functional_department', 'return'],
      [1, 'hr_screening', 'approve'],
    ]);
    const event = await (await shardOf(demo.tenantId))
      .prepare(
        "SELECT payload FROM outbox_events WHERE tenant_id = ? AND type = 'star.nomination_decided' AND json_extract(payload, '$.nominationId') = ? AND json_extract(payload, '$.decision') = 'return'",
      )
      .bind(demo.tenantId, n.id)
      .first<{ payload: string }>();
    expect(JSON.parse(event?.payload ?? '{}')).toMatchObject({
      decision: 'return',
      step: 'functional_department',
      status: 'returned',
      nextStep: null,
    });
  });
});

describe('state and version', () => {
  it('a submitted nomination cannot be submitted or edited again; a stale If-Match is 412', async () => {
    const d = await draft();
    const pm = await demoAt('project_manager');
    const stale = await pm.patch(
      `/v1/star/nominations/${d.id}`,
      { reasons: '新理由' },
      { 'If-Match': '"9"' },
    );
    expect(stale.status).toBe(412);
    await pm.post(`/v1/star/nominations/${d.id}/submit`);
    expect((await pm.post(`/v1/star/nominations/${d.id}/submit`)).status).toBe(409);
    expect((await pm.patch(`/v1/star/nominations/${d.id}`, { reasons: '新理由' })).status).toBe(409);
  });
});
