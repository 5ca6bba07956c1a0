import { describe, expect, it } from 'vitest';
import {
  handoverTargets,
  inspectionProgress,
  parseHandoverSettings,
  routeInspectionIssue,
  unfinishedWorkState,
  unfinishedWorkSummary,
} from '../../src/handover/index';

const { targets, inspectionDefectMinUnits } = parseHandoverSettings();

describe('pre-handover inspection', () => {
  const batch = [
    { unitId: 'u1', category: 'leaks.window' },
    { unitId: 'u2', category: 'leaks.wall' },
    { unitId: 'u2', category: 'doors_windows' },
  ];
  it('a workmanship issue in one unit becomes its repair case', () => {
    expect(
      routeInspectionIssue(
        { unitId: 'u9', category: 'doors_windows', nature: 'workmanship', violatesStandard: false },
        batch,
        inspectionDefectMinUnits,
      ),
    ).toEqual({ to: 'repair_case', reason: 'single_unit', units: 2 });
  });
  it('the same kind of leak in a third unit becomes a defect', () => {
    expect(
      routeInspectionIssue(
        { unitId: 'u3', category: 'leaks.roof', nature: 'workmanship', violatesStandard: false },
        batch,
        inspectionDefectMinUnits,
      ),
    ).toEqual({ to: 'defect', reason: 'recurring', units: 3 });
  });
  it('a design fault or a breach of a standard is a defect even in one unit', () => {
    expect(
      routeInspectionIssue(
        { unitId: 'u9', category: 'noise', nature: 'design', violatesStandard: false },
        [],
        3,
      ).reason,
    ).toBe('design');
    expect(
      routeInspectionIssue(
        { unitId: 'u9', category: 'noise', nature: 'material', violatesStandard: true },
        [],
        3,
      ).reason,
    ).toBe('violates_standard');
  });
  it('progress per building: units inspected, issues and those still open', () => {
    const units = [
      { unitId: 'u1', buildingId: 'b1' },
      { unitId: 'u2', buildingId: 'b1' },
      { unitId: 'u3', buildingId: 'b2' },
    ];
    expect(
      inspectionProgress(units, new Set(['u1', 'u3']), [
        { buildingId: 'b1', resolved: true },
        { buildingId: 'b1', resolved: false },
      ]),
    ).toEqual([
      { buildingId: 'b1', units: 2, inspected: 1, issues: 2, openIssues: 1 },
      { buildingId: 'b2', units: 1, inspected: 1, issues: 0, openIssues: 0 },
    ]);
  });
});

describe('handover-day targets', () => {
  it('a batch of 500 with 491 accepted, 420 issues, 190 of 200 satisfied and no incident meets all four', () => {
    const r = handoverTargets(
      {
        households: 500,
        accepted: 491,
        issues: 420,
        surveyResponses: 200,
        satisfied: 190,
        groupIncidents: 0,
      },
      targets,
    );
    expect(r.map((t) => [t.key, t.met])).toEqual([
      ['acceptance_rate', true],
      ['issues_per_household', true],
      ['satisfaction_rate', true],
      ['group_incidents', true],
    ]);
    expect(r[0]).toMatchObject({ label: { zh: '收房率' }, target: 0.98, actual: 0.982 });
  });
  it('489 of 500 accepted, 1.2 issues a household, 94% satisfied and one group incident miss each', () => {
    const r = handoverTargets(
      { households: 500, accepted: 489, issues: 587, surveyResponses: 100, satisfied: 94, groupIncidents: 1 },
      targets,
    );
    expect(r.map((t) => t.met)).toEqual([false, false, false, false]);
  });
  it('before anyone came or answered, the ratios are not measured yet', () => {
    const r = handoverTargets(
      { households: 500, accepted: 0, issues: 0, surveyResponses: 0, satisfied: 0, groupIncidents: 0 },
      targets,
    );
    expect(r.map((t) => t.met)).toEqual([false, null, null, true]);
  });
});

describe('unfinished works after handover', () => {
  it('are open, overdue, done or done late, counted on the tenant’s local date', () => {
    expect(unfinishedWorkState({ dueOn: '2027-01-31', completedOn: null }, '2027-01-31')).toBe('open');
    expect(unfinishedWorkState({ dueOn: '2027-01-31', completedOn: null }, '2027-02-01')).toBe('overdue');
    expect(unfinishedWorkState({ dueOn: '2027-01-31', completedOn: '2027-02-03' }, '2027-02-05')).toBe(
      'done_late',
    );
    expect(
      unfinishedWorkSummary(
        [
          { dueOn: '2027-01-31', completedOn: null },
          { dueOn: '2027-01-31', completedOn: '2027-01-20' },
        ],
        new Date('2027-01-31T16:30:00Z'),
        'Asia/Shanghai',
      ),
    ).toEqual({ open: 0, overdue: 1, done: 1, done_late: 0 });
  });
});
