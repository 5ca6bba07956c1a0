import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptResponse,
  type Campaign,
  CampaignSchema,
  campaignPhase,
  campaignReminderDate,
  campaignResults,
  checkAnswers,
  countsAgainst,
  defaultLinkage,
  defaultQuestionnaire,
  drawOwners,
  linkedScores,
  ShortBoardThresholdsSchema,
  sampleOf,
  shortBoards,
  staffLevelOf,
  staffViewOfResponse,
} from '../../src/satisfaction/index';
import { cn2026 } from './calendar-fixture';

const owners = Array.from({ length: 40 }, (_, i) => ({
  id: `own_${String(i).padStart(2, '0')}`,
  projectId: i < 25 ? 'prj_a' : 'prj_b',
}));

describe('sampling owners is reproducible from the seed', () => {
  it('the same seed draws the same owners whatever the input order', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 40 }), (seed, n) => {
        const a = sampleOf(owners, n, seed).map((o) => o.id);
        const b = sampleOf([...owners].reverse(), n, seed).map((o) => o.id);
        expect(a).toEqual(b);
        expect(new Set(a).size).toBe(a.length);
        expect(a.length).toBe(Math.min(n, owners.length));
      }),
    );
  });
  it('draws N per project, all of a project smaller than N, and another seed another sample', () => {
    const s = drawOwners(owners, { mode: 'random', perProject: 10, seed: '2026-H2' });
    expect(s.filter((o) => o.projectId === 'prj_a')).toHaveLength(10);
    expect(s.filter((o) => o.projectId === 'prj_b')).toHaveLength(10);
    expect(
      drawOwners(owners, { mode: 'random', perProject: 20, seed: 'x' }).filter(
        (o) => o.projectId === 'prj_b',
      ),
    ).toHaveLength(15);
    expect(drawOwners(owners, { mode: 'random', perProject: 10, seed: 'other' })).not.toEqual(s);
    expect(drawOwners(owners, { mode: 'all' })).toHaveLength(40);
  });
});

const campaign: Campaign = CampaignSchema.parse({
  title: '2026年下半年业主满意度调查',
  round: 2,
  period: '2026-H2',
  templateKey: 'owner-satisfaction',
  templateVersion: 1,
  scope: { level: 'branch', branchId: 'br_hz' },
  sampling: { mode: 'random', perProject: 10, seed: 's' },
  channels: ['sms', 'wechat'],
  opensOn: '2026-09-21',
  closesOn: '2026-10-01',
});
const allFives = Object.fromEntries(
  defaultQuestionnaire.questions.map((q) => [q.id, q.type === 'scale' ? 5 : 'yes']),
);

describe('an owner answers once, within the window, in the sample', () => {
  const base = {
    campaign,
    template: defaultQuestionnaire,
    calendar: cn2026,
    inSample: true,
    alreadyAnswered: false,
    answers: allFives,
  };
  it('is taken while open, to local midnight of the closing date, holiday or not', () => {
    expect(acceptResponse({ ...base, now: new Date('2026-09-21T00:30:00+08:00') }).ok).toBe(true);
    expect(campaignPhase(campaign, cn2026, new Date('2026-10-01T23:00:00+08:00'))).toBe('open');
    expect(campaignPhase(campaign, cn2026, new Date('2026-10-02T00:00:00+08:00'))).toBe('closed');
    const weekday = { opensOn: '2026-11-02', closesOn: '2026-11-06' };
    expect(campaignPhase(weekday, cn2026, new Date('2026-11-06T22:00:00+08:00'))).toBe('open');
  });
  it('reminds non-respondents on the working day before the close (30 September before a National Day close)', () => {
    const oneDay = { enabled: true, workingDaysBefore: 1 };
    expect(campaignReminderDate(campaign, cn2026, oneDay)).toBe('2026-09-30');
    expect(
      campaignReminderDate({ opensOn: '2026-10-01', closesOn: '2026-10-02' }, cn2026, oneDay),
    ).toBeNull();
  });
  it('by default reminds three working days before the close, skipping weekends and holidays', () => {
    // Closing Sunday 13 Dec 2026: Fri 11, Thu 10, Wed 9.
    expect(campaignReminderDate({ opensOn: '2026-12-01', closesOn: '2026-12-13' }, cn2026)).toBe(
      '2026-12-09',
    );
    // Closing Thursday 8 Oct after the National Day week: 30 Sep, 29 Sep, 28 Sep (1–7 Oct are holidays).
    expect(campaignReminderDate({ opensOn: '2026-09-01', closesOn: '2026-10-08' }, cn2026)).toBe(
      campaignReminderDate({ opensOn: '2026-09-01', closesOn: '2026-10-01' }, cn2026),
    );
    // Not on the opening day itself, not when switched off.
    expect(campaignReminderDate({ opensOn: '2026-12-09', closesOn: '2026-12-13' }, cn2026)).toBeNull();
    expect(
      campaignReminderDate({ opensOn: '2026-12-01', closesOn: '2026-12-13' }, cn2026, {
        enabled: false,
        workingDaysBefore: 3,
      }),
    ).toBeNull();
  });
  it('is refused before opening, twice, out of sample, or with a bad answer naming the question', () => {
    const now = new Date('2026-09-25T10:00:00+08:00');
    expect(acceptResponse({ ...base, now: new Date('2026-09-20T23:59:00+08:00') })).toMatchObject({
      ok: false,
      refusal: { code: 'survey_not_open', phase: 'scheduled' },
    });
    expect(acceptResponse({ ...base, now, alreadyAnswered: true })).toMatchObject({
      refusal: { code: 'already_answered' },
    });
    expect(acceptResponse({ ...base, now, inSample: false })).toMatchObject({
      refusal: { code: 'not_in_sample' },
    });
    expect(
      checkAnswers(defaultQuestionnaire, { ...allFives, overall: 6 as never, recommend: 'maybe' }),
    ).toEqual([
      { path: ['answers', 'overall'], message: 'a rating from 1 to 5' },
      { path: ['answers', 'recommend'], message: 'one of yes, unsure, no' },
    ]);
  });
  it('staff do not see who answered unless the owner agreed', () => {
    const r = { id: 'r1', ownerId: 'own_01', projectId: 'prj_a', identifiable: false, answers: allFives };
    expect(staffViewOfResponse(r).ownerId).toBeNull();
    expect(staffViewOfResponse({ ...r, identifiable: true }).ownerId).toBe('own_01');
  });
});

describe('results and short boards', () => {
  const low = { ...allFives, repairs_response: 2, repairs_quality: 2 };
  const results = campaignResults({
    template: defaultQuestionnaire,
    responses: [
      { projectId: 'prj_a', answers: allFives },
      { projectId: 'prj_b', answers: low },
    ],
    sampledByProject: { prj_a: 4, prj_b: 2 },
  });
  it('gives response rate, dimension and department scores (5 = 100)', () => {
    expect(results[0]).toMatchObject({ projectId: 'prj_a', responses: 1, responseRate: 0.25 });
    expect(results[0]?.byDimension.repairs?.score).toBe(100);
    expect(results[1]?.byDimension.repairs?.score).toBe(40);
    expect(results[1]?.byDepartment.engineering?.ratings).toBe(3);
  });
  it('flags a dimension under the threshold and worse than the group average, and period indicators', () => {
    const boards = shortBoards(
      results,
      [
        {
          projectId: 'prj_a',
          households: 1000,
          repairs: 100,
          firstTimeFixed: 95,
          breaches: 0,
          complaints: 5,
        },
        { projectId: 'prj_b', households: 500, repairs: 50, firstTimeFixed: 40, breaches: 3, complaints: 20 },
      ],
      ShortBoardThresholdsSchema.parse({}),
    );
    expect(boards.filter((b) => b.projectId === 'prj_a')).toEqual([]);
    expect(boards.map((b) => [b.indicator, b.reasons])).toEqual([
      ['dimension:repairs', ['threshold', 'group_average']],
      ['first_time_fix_rate', ['threshold', 'group_average']],
      ['complaints_per_100', ['threshold', 'group_average']],
      ['breaches', ['threshold', 'group_average']],
    ]);
  });
});

describe('staged linkage (分阶段挂钩)', () => {
  it.each([
    [1, [false, false, false, false]],
    [2, [false, true, false, false]],
    [3, [false, false, true, true]],
    [4, [true, true, true, true]],
    [7, [true, true, true, true]],
  ])('round %i counts against staff, department heads, managers, executives: %j', (round, expected) => {
    expect(
      (['staff', 'department_head', 'manager', 'executive'] as const).map((l) =>
        countsAgainst(defaultLinkage, round, l),
      ),
    ).toEqual(expected);
  });
});

describe('the staff scorecard under the staged linkage', () => {
  const projects: Parameters<typeof linkedScores>[0]['projects'] = [
    {
      projectId: 'p1',
      overall: { score: 80 },
      byDepartment: { engineering: { score: 60 }, environment: { score: 90 } },
    },
    { projectId: 'p2', overall: { score: 70 }, byDepartment: { engineering: { score: 80 } } },
  ];
  const people = [
    {
      staffId: 'eng_head',
      level: staffLevelOf(['engineer'], true),
      projectIds: ['p1'],
      departmentKind: 'engineering',
    },
    {
      staffId: 'cleaner',
      level: staffLevelOf(['front_desk'], false),
      projectIds: ['p1'],
      departmentKind: 'cleaning',
    },
    {
      staffId: 'pm',
      level: staffLevelOf(['project_manager', 'cs_supervisor'], true),
      projectIds: ['p1'],
      departmentKind: 'engineering',
    },
    {
      staffId: 'gm',
      level: staffLevelOf(['branch_gm'], false),
      projectIds: ['p1', 'p2', 'p3'],
      departmentKind: null,
    },
  ];
  it('reads levels from roles and headship: a manager who heads a department is still a manager', () => {
    expect(people.map((p) => p.level)).toEqual(['department_head', 'staff', 'manager', 'executive']);
  });
  it('scores people by their department, managers by their projects (unanswered projects left out)', () => {
    const scores = linkedScores({ settings: defaultLinkage, round: 1, people, projects });
    expect(scores.map((s) => [s.staffId, s.score, s.basis])).toEqual([
      ['eng_head', 60, 'department'],
      ['cleaner', 90, 'department'],
      ['pm', 80, 'projects'],
      ['gm', 75, 'projects'],
    ]);
  });
  it.each([
    [1, []],
    [2, ['eng_head']],
    [3, ['pm', 'gm']],
    [4, ['eng_head', 'cleaner', 'pm', 'gm']],
  ])('round %i counts against %j', (round, counted) => {
    const scores = linkedScores({ settings: defaultLinkage, round, people, projects });
    expect(scores.filter((s) => s.counted).map((s) => s.staffId)).toEqual(counted);
  });
  it('follows the tenant setting, not the default', () => {
    const settings = { rounds: ['everyone' as const] };
    expect(linkedScores({ settings, round: 1, people, projects }).every((s) => s.counted)).toBe(true);
  });
});
