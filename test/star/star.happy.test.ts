import { afterEach, beforeAll, describe, expect, it } from 'vitest';
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
      ['branch_hr', 'in_review', 'functional_review'],
      ['branch_cs_manager', 'in_review', 'gm_decision'],
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

    const board = await hr.get(`/v1/star/leaderboard?branchId=${demo.hangzhou}&year=2025&quarter=1`);
    expect(board.status).toBe(200);
    expect(board.body.entries[0]).toMatchObject({ rank: 1, nomineeId: staffId(8), wins: 1 });
    expect(board.body.history).toHaveLength(1);
  });
});
