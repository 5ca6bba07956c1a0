import { describe, expect, it } from 'vitest';
import { defaultScoringRules, type JobFact, mayOffer, scorecards } from '../../src/contractors/index';

const job = (over: Partial<JobFact>): JobFact => ({
  caseId: 'c',
  contractorId: 'ctr_a',
  contactMet: true,
  forfeited: false,
  firstTimeFixed: true,
  reworked: false,
  ownerSignedOff: true,
  followUp: 'satisfied',
  ...over,
});

describe('the contractor scorecard', () => {
  it('scores from the follow-up result and the failures the standards name', () => {
    const [card] = scorecards([
      job({ followUp: 'very_satisfied' }),
      job({
        contactMet: false,
        followUp: 'dissatisfied',
        followUpReason: '未修好',
        firstTimeFixed: false,
        reworked: true,
      }),
      job({ forfeited: true, ownerSignedOff: false, followUp: null, firstTimeFixed: false }),
    ]);
    expect(card).toMatchObject({
      jobs: 3,
      contactMetRate: 2 / 3,
      forfeits: 1,
      firstTimeFixRate: 1 / 3,
      reworks: 1,
      signOffs: 2,
      followUpSatisfaction: 0.5,
      dissatisfiedReasons: [{ reason: '未修好', count: 1 }],
    });
    // 2 + (-3 -1 -3) + (-5)
    expect(card?.points).toBe(-10);
    expect(
      scorecards([job({})], {
        ...defaultScoringRules,
        followUp: { ...defaultScoringRules.followUp, satisfied: 4 },
      })[0]?.points,
    ).toBe(4);
  });
});

describe('one chance per repair (每次报修只给施工单位1次机会)', () => {
  const attempts = [{ contractorId: 'ctr_a', failure: 'reopened_not_fixed' as const }];
  it('a contractor that failed the repair is not offered it again; another contractor is', () => {
    expect(mayOffer({ settings: { enabled: true }, contractorId: 'ctr_a', attempts })).toEqual({
      allowed: false,
      code: 'contractor_had_its_chance',
      failure: 'reopened_not_fixed',
    });
    expect(mayOffer({ settings: { enabled: true }, contractorId: 'ctr_b', attempts }).allowed).toBe(true);
  });
  it('a manager may override with a reason; without a reason the override does not count; off means off', () => {
    expect(
      mayOffer({
        settings: { enabled: true },
        contractorId: 'ctr_a',
        attempts,
        override: { managerId: 'm', reason: '唯一有资质单位' },
      }),
    ).toEqual({ allowed: true, override: { managerId: 'm', reason: '唯一有资质单位' } });
    expect(
      mayOffer({
        settings: { enabled: true },
        contractorId: 'ctr_a',
        attempts,
        override: { managerId: 'm', reason: '  ' },
      }).allowed,
    ).toBe(false);
    expect(mayOffer({ settings: { enabled: false }, contractorId: 'ctr_a', attempts }).allowed).toBe(true);
  });
});

describe('a forfeited job is penalised once', () => {
  it('as not done only: its missed contact (late) and missing sign-off are not counted again', async () => {
    const { jobPoints } = await import('../../src/contractors/index');
    const forfeited = job({ forfeited: true, contactMet: false, ownerSignedOff: false, followUp: null });
    expect(jobPoints(forfeited, defaultScoringRules)).toBe(defaultScoringRules.forfeit);
    const late = job({ contactMet: false, followUp: null });
    expect(jobPoints(late, defaultScoringRules)).toBe(defaultScoringRules.contactMissed);
  });
});
