import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bottomThree,
  defaultQuestionnaire,
  departmentProgress,
  interviewProgress,
  mostImproved,
  nextPlanStatus,
  nextVersion,
  rank,
  recheckReadings,
  recheckSchedule,
  rotationSchedule,
  rotationState,
  scoredAt,
  unaddressedShortBoards,
} from '../../src/satisfaction/index';
import { cn2026 } from './calendar-fixture';

describe('ranking, bottom three and most improved', () => {
  it('ties share a rank (1, 2, 2, 4) and everyone tied at the third-lowest files a plan', () => {
    const r = rank([
      { id: 'a', score: 90 },
      { id: 'b', score: 80 },
      { id: 'c', score: 80 },
      { id: 'd', score: 70 },
      { id: 'e', score: 60 },
      { id: 'f', score: null },
    ]);
    expect(r.map((e) => [e.id, e.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
      ['e', 5],
    ]);
    expect(bottomThree(r).map((e) => e.id)).toEqual(['b', 'c', 'd', 'e']);
  });
  it('bottom three: at least min(3, n) entries, and nobody outside scores lower than anyone inside', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 12 }), (scores) => {
        const r = rank(scores.map((s, i) => ({ id: `p${i}`, score: s })));
        const b = bottomThree(r);
        expect(b.length).toBeGreaterThanOrEqual(Math.min(3, r.length));
        const inside = new Set(b.map((e) => e.id));
        const maxIn = Math.max(...b.map((e) => e.score));
        for (const e of r) if (!inside.has(e.id)) expect(e.score).toBeGreaterThan(maxIn);
      }),
    );
  });
  it('the three most improved show their improvement; a fall or a newcomer is never rewarded', () => {
    const m = mostImproved(
      [
        { id: 'a', score: 90 },
        { id: 'b', score: 85 },
        { id: 'c', score: 70 },
        { id: 'd', score: 60 },
        { id: 'new', score: 99 },
      ],
      [
        { id: 'a', score: 80 },
        { id: 'b', score: 70 },
        { id: 'c', score: 75 },
        { id: 'd', score: 59 },
      ],
    );
    expect(m).toEqual([
      { id: 'b', previous: 70, current: 85, improvement: 15 },
      { id: 'a', previous: 80, current: 90, improvement: 10 },
      { id: 'd', previous: 59, current: 60, improvement: 1 },
    ]);
  });
});

describe('the improvement plan moves draft → submitted → approved/returned → presented → closed', () => {
  it('a returned plan is resubmitted; steps out of order are refused', () => {
    expect(nextPlanStatus('draft', { type: 'submit' })).toEqual({ ok: true, status: 'submitted' });
    expect(nextPlanStatus('submitted', { type: 'return', reason: '措施不具体' })).toEqual({
      ok: true,
      status: 'returned',
    });
    expect(nextPlanStatus('returned', { type: 'submit' })).toEqual({ ok: true, status: 'submitted' });
    expect(
      nextPlanStatus('approved', { type: 'present', presentedTo: 'stf_gm', presentedOn: '2026-03-02' }),
    ).toEqual({ ok: true, status: 'presented' });
    expect(nextPlanStatus('draft', { type: 'approve' })).toMatchObject({
      ok: false,
      code: 'plan_step_not_allowed',
    });
    expect(nextPlanStatus('closed', { type: 'submit' })).toMatchObject({ ok: false });
  });
});

describe('the quarterly re-check (复核) falls on the last working day of each following quarter', () => {
  const schedule = recheckSchedule('2026-08-15', cn2026);
  it('Q3 2026 ends on Wednesday 30 September (before National Day); Q4 on Thursday 31 December', () => {
    expect(schedule.map((s) => [`${s.year}-Q${s.quarter}`, s.dueDate])).toEqual([
      ['2026-Q4', '2026-12-31'],
      ['2027-Q1', '2027-03-31'],
      ['2027-Q2', '2027-06-30'],
      ['2027-Q3', '2027-09-30'],
    ]);
    expect(recheckSchedule('2026-06-01', cn2026, undefined, 1)[0]?.dueDate).toBe('2026-09-30');
  });
  it('warns before, breaches at the close of the due day, escalates to the branch GM after', () => {
    const q4 = [schedule[0] as (typeof schedule)[number]];
    const at = (iso: string) => recheckReadings(q4, {}, new Date(iso))[0];
    expect(at('2026-12-20T10:00:00+08:00')?.state).toBe('pending');
    expect(at('2026-12-25T10:00:00+08:00')).toMatchObject({ state: 'warning', notify: ['cs_centre'] });
    expect(at('2026-12-31T18:00:00+08:00')?.state).toBe('overdue');
    expect(at('2027-01-06T18:00:00+08:00')).toMatchObject({
      state: 'escalated',
      notify: ['cs_centre', 'branch_gm'],
    });
    expect(
      recheckReadings(q4, { '2026-Q4': new Date('2027-01-10T00:00:00Z') }, new Date('2027-02-01'))[0]?.state,
    ).toBe('done');
  });
});

describe('owner interviews and rotations', () => {
  const people = [
    { staffId: 's1', departmentId: 'cs', management: false },
    { staffId: 'm1', departmentId: 'cs', management: true },
  ];
  const interviews = [
    ...Array.from({ length: 6 }, (_, i) => ({
      staffId: 'm1',
      ownerId: `o${i}`,
      interviewedOn: '2026-05-01',
    })),
    { staffId: 's1', ownerId: 'o1', interviewedOn: '2026-02-01' },
    { staffId: 's1', ownerId: 'o1', interviewedOn: '2026-03-01' },
    { staffId: 's1', ownerId: 'o2', interviewedOn: '2025-12-01' },
  ];
  it('staff owe 12 owners a year, managers 6; the same owner counts once; reminders in Q4 only', () => {
    const inQ3 = interviewProgress({
      people,
      interviews,
      year: 2026,
      now: new Date('2026-09-30T12:00:00+08:00'),
      timeZone: 'Asia/Shanghai',
    });
    expect(inQ3.map((p) => [p.staffId, p.done, p.remaining, p.remind])).toEqual([
      ['s1', 1, 11, false],
      ['m1', 6, 0, false],
    ]);
    const inQ4 = interviewProgress({
      people,
      interviews,
      year: 2026,
      now: new Date('2026-09-30T16:30:00Z'),
      timeZone: 'Asia/Shanghai',
    });
    expect(inQ4[0]?.remind).toBe(true);
    expect(departmentProgress(inQ4)).toEqual([
      { departmentId: 'cs', quota: 18, done: 7, people: 2, behind: 1, rate: 7 / 18 },
    ]);
  });
  it('a rotation from 21 September ends 4 October; its report is due the first working day after (8 October)', () => {
    const r = rotationSchedule('2026-09-21', cn2026);
    expect(r.endsOn).toBe('2026-10-04');
    expect(rotationState(r, new Date('2026-10-08T17:00:00+08:00'), null)).toBe('warning');
    expect(rotationState(r, new Date('2026-10-08T18:00:00+08:00'), null)).toBe('overdue');
    expect(rotationState(r, new Date('2026-10-20T18:00:00+08:00'), new Date())).toBe('done');
  });
});

describe('departments are ranked like projects, and a plan must address its short boards', () => {
  it('ranks each project department by its score', () => {
    const results = [
      {
        projectId: 'a',
        overall: { score: 80 },
        byDepartment: { engineering: { score: 60 }, security: { score: 90 } },
      },
      { projectId: 'b', overall: { score: 70 }, byDepartment: { engineering: { score: 75 } } },
    ];
    expect(rank(scoredAt(results, 'department')).map((e) => e.id)).toEqual([
      'a:security',
      'b:engineering',
      'a:engineering',
    ]);
    expect(rank(scoredAt(results, 'project')).map((e) => e.id)).toEqual(['a', 'b']);
  });
  it('lists the short boards of the subject no measure names', () => {
    const draft = {
      subject: { kind: 'project' as const, projectId: 'a' },
      measures: [
        {
          id: 'm1',
          indicator: 'dimension:repairs',
          action: '每周抽查维修回访',
          ownerId: 's',
          dueOn: '2026-12-31',
        },
      ],
    };
    const boards = [
      { projectId: 'a', indicator: 'dimension:repairs' },
      { projectId: 'a', indicator: 'complaints_per_100' },
      { projectId: 'b', indicator: 'breaches' },
    ];
    expect(unaddressedShortBoards(draft, boards)).toEqual([
      { projectId: 'a', indicator: 'complaints_per_100' },
    ]);
  });
});

describe('questionnaire versions', () => {
  it('a new version keeps the key, increments the version, and refuses duplicate question ids', () => {
    const v2 = nextVersion(defaultQuestionnaire, { questions: defaultQuestionnaire.questions.slice(0, 3) });
    expect([v2.key, v2.version, v2.questions.length]).toEqual(['owner-satisfaction', 2, 3]);
    expect(defaultQuestionnaire.version).toBe(1);
    const q = defaultQuestionnaire.questions[0];
    expect(() => nextVersion(defaultQuestionnaire, { questions: [q, q] as never })).toThrow(/duplicate/);
  });
  it('the default template covers every service dimension the standards name, in Chinese and English', () => {
    const dims = new Set(defaultQuestionnaire.questions.map((q) => q.dimension));
    for (const d of ['repairs', 'complaints', 'security', 'cleaning', 'greenery', 'front_desk'] as const)
      expect(dims.has(d)).toBe(true);
    for (const q of defaultQuestionnaire.questions) expect(q.label.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
