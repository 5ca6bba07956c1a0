import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { staffInboxFor } from '../../workers/app/events';
import { cronTick } from '../support/cron';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { demoAt, demoReady, realTime, setNow, staffId } from './star-support';

beforeAll(demoReady);
afterEach(realTime);

const nominate = async (nomineeN = 8) => {
  const staff = await demoAt('cs_specialist');
  const res = await staff.post('/v1/star/nominations', {
    projectId: demo.xixi,
    nomineeId: staffId(nomineeN),
    nomineeRole: '前台客服',
    reasons: '业主多次表扬，主动跟进报修',
    deeds: [{ date: '2025-03-02', description: '雨夜协助业主处理漏水' }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('Service Star nomination to announcement', () => {
  it('drafts open the quarter cycle; the project manager submits; HR, functional department and GM approve; HR announces', async () => {
    setNow('2025-03-10T02:00:00Z');
    const draft = await nominate();
    expect(draft.status).toBe('draft');
    const hr = await demoAt('branch_hr');
    const cycles = await hr.get(`/v1/star/cycles?branchId=${demo.hangzhou}&year=2025&quarter=1`);
    expect(cycles.body.data).toHaveLength(1);
    expect(cycles.body.data[0].openedBy).toBeNull();

    const pm = await demoAt('project_manager');
    const submitted = await pm.post(`/v1/star/nominations/${draft.id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', late: false, submissionMonth: '2025-03' });
    expect(submitted.body.evidence).toMatchObject({ casesReceived: expect.any(Number) });
    expect(submitted.body.nextStep).toBe('hr_screening');

    const steps = [
      ['branch_hr', 'deciding', 'functional_department'],
      ['branch_cs_manager', 'deciding', 'general_manager'],
      ['branch_gm', 'approved', null],
    ] as const;
    for (const [who, status, next] of steps) {
      const res = await (await demoAt(who)).post(`/v1/star/nominations/${draft.id}/decisions`, {
        decision: 'approve',
        comment: `${who} 同意`,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(status);
      expect(res.body.nextStep).toBe(next);
    }

    const announced = await hr.post(`/v1/star/cycles/${cycles.body.data[0].id}/announce`, {
      winners: [{ nominationId: draft.id, rewardFen: 50_000, rewardDescription: '奖金500元及证书' }],
    });
    expect(announced.status, JSON.stringify(announced.body)).toBe(200);
    expect(announced.body.status).toBe('announced');
    expect(announced.body.winners).toEqual([
      expect.objectContaining({ nominationId: draft.id, nomineeId: staffId(8), rewardFen: 50_000 }),
    ]);

    // One event for the inbox and webhooks, addressed to the whole Hangzhou branch.
    const event = await (await shardOf(demo.tenantId))
      .prepare(
        "SELECT payload, branch_id AS branchId FROM outbox_events WHERE tenant_id = ? AND type = 'star.winners_announced' AND json_extract(payload, '$.cycleId') = ?",
      )
      .bind(demo.tenantId, cycles.body.data[0].id)
      .first<{ payload: string; branchId: string }>();
    expect(event?.branchId).toBe(demo.hangzhou);
    const payload = JSON.parse(event?.payload ?? '{}');
    expect(payload.winners).toEqual([expect.objectContaining({ nomineeId: staffId(8), rewardFen: 50_000 })]);
    expect(payload.notifyStaffIds).toEqual(expect.arrayContaining([staffId(8), staffId(11), staffId(12)]));
    expect(payload.notifyStaffIds).not.toContain(demo.gmNingbo);
    expect(payload.notifyStaffIds).not.toContain(demo.frontDeskNingbo);
    const inbox = staffInboxFor({
      id: 'evt_x',
      type: 'star.winners_announced',
      version: 1,
      tenantId: demo.tenantId,
      occurredAt: new Date().toISOString(),
      branchId: demo.hangzhou,
      projectId: null,
      data: payload,
    });
    expect(inbox.map((i) => i.userId).sort()).toEqual([...payload.notifyStaffIds].sort());
    expect(inbox[0]?.title).toBe('服务之星 2025 Q1');

    const board = await hr.get(`/v1/star/leaderboard?branchId=${demo.hangzhou}&year=2025&quarter=1`);
    expect(board.status).toBe(200);
    expect(board.body.entries[0]).toMatchObject({
      rank: 1,
      key: staffId(8),
      nomineeId: staffId(8),
      wins: 1,
      nominations: 1,
      rewardFen: 50_000,
    });
    expect(board.body.history).toHaveLength(1);
    const won = await hr.get(`/v1/star/nominations/${draft.id}`);
    expect(won.body.status).toBe('announced');
    const byProject = await hr.get(
      `/v1/star/leaderboard?branchId=${demo.hangzhou}&year=2025&quarter=1&by=project`,
    );
    expect(byProject.body.entries[0]).toMatchObject({
      rank: 1,
      key: demo.xixi,
      projectId: demo.xixi,
      wins: 1,
    });
  });
});

/** Drafts and submits at the instant `at` (a nomination of the front desk by the Xixi CS specialist). */
async function submitAt(at: string) {
  setNow(at);
  const draft = await nominate();
  const pm = await demoAt('project_manager');
  const res = await pm.post(`/v1/star/nominations/${draft.id}/submit`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('the monthly deadline: the Wednesday of the last week, in the tenant time zone (Asia/Shanghai)', () => {
  it.each([
    // January 2026 ends on a Saturday: its last Wednesday is the 28th.
    ['2026-01-28T15:59:00Z', '2026-01', false, 'Wed 28 Jan 23:59 Shanghai: on time'],
    ['2026-01-28T16:00:00Z', '2026-01', true, 'Thu 29 Jan 00:00 Shanghai: late'],
    // February 2026 ends on a Saturday too: the 25th.
    ['2026-02-25T15:30:00Z', '2026-02', false, 'Wed 25 Feb 23:30 Shanghai: on time'],
    ['2026-02-25T16:30:00Z', '2026-02', true, 'Thu 26 Feb 00:30 Shanghai: late'],
    // September 2025 ends on a Tuesday: the week of the 29th holds no September Wednesday, so the 24th.
    ['2025-09-24T15:59:59Z', '2025-09', false, 'Wed 24 Sep 23:59:59 Shanghai: on time'],
    ['2025-09-29T02:00:00Z', '2025-09', true, 'Mon 29 Sep: late'],
    // Year edge: 31 December 2025 is itself the Wednesday of the last week.
    ['2025-12-31T15:30:00Z', '2025-12', false, 'Wed 31 Dec 23:30 Shanghai: on time'],
    // Still 31 December in UTC, already 1 January in Shanghai: a new month with its own deadline.
    ['2025-12-31T16:30:00Z', '2026-01', false, 'Thu 1 Jan 2026 00:30 Shanghai: January, on time'],
  ])('%s → month %s, late %s (%s)', async (at, month, late) => {
    const submitted = await submitAt(at);
    expect(submitted).toMatchObject({ submissionMonth: month, late, status: 'submitted' });
  });

  it('a nomination drafted on New Year in Shanghai belongs to the new quarter', async () => {
    setNow('2025-12-31T16:30:00Z');
    const draft = await nominate();
    const hr = await demoAt('branch_hr');
    const cycle = await hr.get(`/v1/star/cycles/${draft.cycleId}`);
    expect(cycle.body).toMatchObject({ year: 2026, quarter: 1, branchId: demo.hangzhou });
    // Each month's deadline: the Wednesday of its last week, for the console's countdown.
    expect(cycle.body.deadlines.map((d: { month: string; date: string }) => [d.month, d.date])).toEqual([
      ['2026-01', '2026-01-28'],
      ['2026-02', '2026-02-25'],
      ['2026-03', '2026-03-25'],
    ]);
    expect(Date.parse(cycle.body.deadlines[0].at)).toBeGreaterThan(Date.parse('2026-01-28T00:00:00+08:00'));
    // The nominating project's staff read their branch's cycle (and its deadline) as the list shows it.
    const pm = await demoAt('project_manager');
    expect((await pm.get(`/v1/star/cycles/${draft.cycleId}`)).status).toBe(200);
  });
});

describe('cycles', () => {
  it('branch HR opens a cycle for a quarter; opening it twice is a conflict', async () => {
    const hr = await demoAt('branch_hr');
    const opened = await hr.post('/v1/star/cycles', { branchId: demo.hangzhou, year: 2031, quarter: 2 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ status: 'open', openedBy: staffId(12), year: 2031, quarter: 2 });
    expect(opened.headers.get('Location')).toBe(`/v1/star/cycles/${opened.body.id}`);
    const twice = await hr.post('/v1/star/cycles', { branchId: demo.hangzhou, year: 2031, quarter: 2 });
    expect(twice.status).toBe(409);
  });
});

describe('the scheduled opener', () => {
  it("the cron handler opens the current quarter's cycle (Shanghai time) of every branch once", async () => {
    // 30 Jun 2032 17:00 UTC is already 1 July in Shanghai: the third quarter has begun there.
    const at = new Date('2032-06-30T17:00:00Z');
    const cycles = async () =>
      (await shardOf(demo.tenantId))
        .prepare(
          'select branch_id, year, quarter, opened_by from star_cycles where tenant_id = ? and year = 2032 order by branch_id',
        )
        .bind(demo.tenantId)
        .all<{ branch_id: string; year: number; quarter: number; opened_by: string | null }>();
    const tick = () => cronTick(at);
    await tick();
    const opened = (await cycles()).results;
    expect(opened.map((c) => c.branch_id).sort()).toEqual([demo.hangzhou, demo.ningbo].sort());
    expect(opened.every((c) => c.quarter === 3 && c.opened_by === null)).toBe(true);
    await tick();
    expect((await cycles()).results).toHaveLength(2);
    const audit = await (await shardOf(demo.tenantId))
      .prepare(
        "select count(*) as n from audit_log where tenant_id = ? and action = 'star.cycles.open' and json_extract(after, '$.year') = 2032",
      )
      .bind(demo.tenantId)
      .first<{ n: number }>();
    expect(audit?.n).toBe(2);
  });
});

describe('evidence the platform attaches from the case records', () => {
  it("counts the nominee's cases of the cycle's quarter only, with follow-up satisfaction", async () => {
    const { hotlineRepair, intake } = await import('../cases/support');
    setNow('2027-03-30T02:00:00Z'); // Q1: must not count
    const deskQ1 = await demoAt('front_desk');
    await intake(deskQ1, hotlineRepair({ description: '一季度的报修' }));
    setNow('2027-05-10T02:00:00Z');
    const desk = await demoAt('front_desk');
    const first = await intake(desk, hotlineRepair());
    await intake(desk, hotlineRepair({ description: '楼道灯不亮', category: 'electrical' }));
    await (await shardOf(demo.tenantId))
      .prepare(
        'UPDATE cases SET satisfaction = 5, followed_up_at = ?, closed_at = ? WHERE tenant_id = ? AND id = ?',
      )
      .bind(Date.now(), Date.now(), demo.tenantId, first.id)
      .run();
    const draft = await nominate(8);
    const submitted = await (await demoAt('project_manager')).post(`/v1/star/nominations/${draft.id}/submit`);
    // Core's computeEvidence: received in the quarter; handled = worked on and resolved in it,
    // with satisfaction over those; a follow-up rated 5 is a commendation.
    expect(submitted.body.evidence).toMatchObject({
      casesReceived: 2,
      casesHandled: 1,
      satisfaction: { rated: 1, average: 5 },
      commendations: 1,
      period: { from: '2027-03-31T16:00:00.000Z', to: '2027-06-30T16:00:00.000Z' },
    });
  });
});
