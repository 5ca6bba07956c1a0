import { describe, expect, it } from 'vitest';
import {
  type CaseFact,
  computeEvidence,
  cycleRange,
  leaderboard,
  NominationFormSchema,
  type NominationRecord,
  quarterCycle,
} from '../../src/star/index';

const q4 = cycleRange(quarterCycle(2026, 4), 'Asia/Shanghai');
const at = (s: string) => Date.parse(`${s}+08:00`);
const fact = (over: Partial<CaseFact>): CaseFact => ({
  caseId: 'case_x',
  receivedById: null,
  handlerIds: [],
  receivedAt: at('2026-10-10T09:00:00'),
  resolvedAt: null,
  slaOutcomes: [],
  satisfaction: null,
  ...over,
});

describe('the nomination form', () => {
  it('a form needs a nominee, project, post, reasons and at least one concrete deed', () => {
    const ok = NominationFormSchema.safeParse({
      nomineeId: 'stf_li',
      projectId: 'prj_sun',
      nomineeRole: '前台客服',
      reasons: '服务热情，业主多次表扬',
      deeds: [{ description: '暴雨夜协助业主转移车辆', date: '2026-10-12' }],
    });
    expect(ok.success).toBe(true);
    const bad = NominationFormSchema.safeParse({
      nomineeId: 'stf_li',
      projectId: 'prj_sun',
      reasons: ' ',
      deeds: [],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'deeds',
      'nomineeRole',
      'reasons',
    ]);
  });
});

describe('the platform attaches evidence from its own records for the quarter', () => {
  const cases: CaseFact[] = [
    fact({
      caseId: 'a',
      receivedById: 'stf_li',
      handlerIds: ['stf_li'],
      resolvedAt: at('2026-10-11T09:00:00'),
      slaOutcomes: ['met', 'met'],
      satisfaction: 5,
    }),
    fact({
      caseId: 'b',
      receivedById: 'stf_li',
      handlerIds: ['stf_li', 'stf_wang'],
      resolvedAt: at('2026-11-02T09:00:00'),
      slaOutcomes: ['breached'],
      satisfaction: 4,
    }),
    fact({
      caseId: 'c',
      receivedById: 'stf_li',
      handlerIds: ['stf_li'],
      resolvedAt: null,
      slaOutcomes: ['breached'],
    }),
    fact({
      caseId: 'd',
      receivedById: 'stf_wang',
      handlerIds: ['stf_li'],
      receivedAt: at('2026-09-30T20:00:00'),
      resolvedAt: at('2026-10-01T08:00:00'),
      slaOutcomes: ['met'],
    }),
    fact({ caseId: 'e', receivedById: 'stf_li', receivedAt: at('2027-01-01T00:00:00') }),
  ];
  const commendations = [
    { staffId: 'stf_li', at: at('2026-10-20T10:00:00') },
    { staffId: 'stf_li', at: at('2026-09-20T10:00:00') },
    { staffId: 'stf_wang', at: at('2026-10-20T10:00:00') },
  ];

  it('counts received and handled cases, SLA compliance, satisfaction and commendations inside the quarter only', () => {
    expect(computeEvidence('stf_li', { from: q4.startsAt, to: q4.endsAt }, cases, commendations)).toEqual({
      casesReceived: 3,
      casesHandled: 3,
      sla: { met: 3, total: 4, complianceRate: 0.75 },
      satisfaction: { rated: 2, average: 4.5 },
      commendations: 1,
    });
  });

  it('a nominee without records gets zeros and no rates rather than a misleading 0%', () => {
    expect(computeEvidence('stf_new', { from: q4.startsAt, to: q4.endsAt }, cases, commendations)).toEqual({
      casesReceived: 0,
      casesHandled: 0,
      sla: { met: 0, total: 0, complianceRate: null },
      satisfaction: { rated: 0, average: null },
      commendations: 0,
    });
  });
});

describe('the branch leaderboard', () => {
  const rec = (over: Partial<NominationRecord>): NominationRecord => ({
    nominationId: 'n',
    branchId: 'br_east',
    cycleId: '2026-Q4',
    nomineeId: 'stf_li',
    projectId: 'prj_sun',
    status: 'announced',
    ...over,
  });
  const records = [
    rec({ nomineeId: 'stf_li', rewardFen: 50_000 }),
    rec({ nomineeId: 'stf_li', cycleId: '2026-Q3', rewardFen: 50_000 }),
    rec({ nomineeId: 'stf_wang', projectId: 'prj_moon' }),
    rec({ nomineeId: 'stf_zhao', projectId: 'prj_moon' }),
    rec({ nomineeId: 'stf_chen', status: 'rejected' }),
    rec({ nomineeId: 'stf_draft', status: 'draft' }),
    rec({ nomineeId: 'stf_west', branchId: 'br_west' }),
  ];

  it('ranks a quarter’s winners with ties sharing a rank in a stable order, and leaves other branches out', () => {
    expect(leaderboard(records, { branchId: 'br_east', cycleId: '2026-Q4' })).toEqual([
      { rank: 1, key: 'stf_li', wins: 1, nominations: 1, rewardFen: 50_000 },
      { rank: 1, key: 'stf_wang', wins: 1, nominations: 1, rewardFen: 0 },
      { rank: 1, key: 'stf_zhao', wins: 1, nominations: 1, rewardFen: 0 },
      { rank: 4, key: 'stf_chen', wins: 0, nominations: 1, rewardFen: 0 },
    ]);
  });

  it('all-time history puts a two-time winner first; by project, equal wins go to the project with more nominations', () => {
    expect(leaderboard(records, { branchId: 'br_east' })[0]).toMatchObject({
      key: 'stf_li',
      wins: 2,
      rank: 1,
    });
    expect(
      leaderboard(records, { branchId: 'br_east', by: 'project' }).map((r) => [r.key, r.wins, r.rank]),
    ).toEqual([
      ['prj_sun', 2, 1],
      ['prj_moon', 2, 2],
    ]);
  });
});
