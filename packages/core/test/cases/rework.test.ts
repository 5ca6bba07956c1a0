import { describe, expect, it } from 'vitest';
import { findReworkOrigin, firstTimeFixRate, parseCaseSettings, receiveCase } from '../../src/cases/index';
import { agent, at, days, fixItStaff, hours, intake, minutes, newCase, Story, settings } from './support';

const earlier = [
  { id: 'case_old', unitId: 'unit_3_1201', category: 'plumbing.pipe_burst', completedAt: at(-days(40)) },
  {
    id: 'case_recent',
    unitId: 'unit_3_1201',
    category: 'plumbing.blocked_drain',
    completedAt: at(-days(10)),
  },
  { id: 'case_other_unit', unitId: 'unit_5_0302', category: 'plumbing', completedAt: at(-days(1)) },
  { id: 'case_other_cat', unitId: 'unit_3_1201', category: 'electrical', completedAt: at(-days(1)) },
  { id: 'case_open', unitId: 'unit_3_1201', category: 'plumbing', completedAt: null },
];

describe('rework detection (维修反复)', () => {
  it('a re-report of the same unit and category within 30 days repeats the most recent repair', () => {
    const report = { unitId: 'unit_3_1201', category: 'plumbing.no_water', reportedAt: at(0) };
    expect(findReworkOrigin(report, earlier, settings)).toBe('case_recent');
  });

  it('outside the window, or for another unit or category, it is a new fault', () => {
    const onlyOld = earlier.filter((r) => r.id === 'case_old');
    expect(
      findReworkOrigin({ unitId: 'unit_3_1201', category: 'plumbing', reportedAt: at(0) }, onlyOld, settings),
    ).toBe(null);
    // The same old repair is within a 60-day tenant window.
    const wide = parseCaseSettings({ reworkWindowDays: 60 });
    expect(
      findReworkOrigin({ unitId: 'unit_3_1201', category: 'plumbing', reportedAt: at(0) }, onlyOld, wide),
    ).toBe('case_old');
    expect(
      findReworkOrigin({ unitId: 'unit_9', category: 'plumbing', reportedAt: at(0) }, earlier, settings),
    ).toBe(null);
    expect(
      findReworkOrigin({ unitId: null, category: 'plumbing', reportedAt: at(0) }, earlier, settings),
    ).toBe(null);
  });

  it('intake links the new repair to the original and says so', () => {
    const r = receiveCase({
      id: 'case_again',
      intake: intake('repair'),
      actor: agent,
      now: at(0),
      settings,
      sequence: 2,
      earlierRepairs: earlier,
    });
    expect(r.snapshot.reworkOfCaseId).toBe('case_recent');
    expect(r.events.map((e) => e.name)).toEqual(['case.created', 'repair.rework_detected']);
  });

  function completedRepair() {
    const story = new Story(newCase('repair'));
    story.step({ type: 'dispatch', contractorId: 'ctr_fixit' }, agent, at(0));
    story.step({ type: 'record_contact', visitBookedFor: at(hours(1)) }, fixItStaff, at(minutes(10)));
    story.step({ type: 'arrive' }, fixItStaff, at(hours(1)));
    story.step({ type: 'complete', note: 'done' }, fixItStaff, at(hours(2)));
    return story;
  }

  it('a repair reopened within the window spoils its own first-time fix; after it, it does not', () => {
    const within = completedRepair();
    within.step(
      { type: 'sign_off', method: 'owner_link' },
      { kind: 'owner', id: 'own_li', roles: [] },
      at(hours(3)),
    );
    within.step({ type: 'reopen', reason: 're_report', note: '又堵了' }, agent, at(days(20)));
    expect(within.snapshot).toMatchObject({ status: 'reopened', reopenCount: 1, state: { reworked: true } });
    expect(within.eventNames().slice(-2)).toEqual(['case.reopened', 'repair.rework_detected']);
    expect(within.events.at(-1)?.data).toMatchObject({
      originalCaseId: 'case_repair',
      contractorId: 'ctr_fixit',
    });

    const after = completedRepair();
    after.step({ type: 'follow_up', satisfaction: 5 }, agent, at(days(3)));
    after.step({ type: 'close' }, agent, at(days(3)));
    after.step({ type: 'reopen', reason: 're_report' }, agent, at(days(31)));
    expect(after.snapshot.status).toBe('reopened');
    expect(after.snapshot.state.reworked).toBeUndefined();
    expect(after.eventNames()).not.toContain('repair.rework_detected');
  });

  it('an unsatisfied follow-up on a repair reopens it as a repeat, back to dispatch', () => {
    const story = completedRepair();
    story.step({ type: 'follow_up', satisfaction: 1, comment: '仍然漏水' }, agent, at(days(3)));
    expect(story.snapshot).toMatchObject({
      status: 'reopened',
      state: { reworked: true, failedContractorIds: ['ctr_fixit'] },
    });
    expect(story.events.find((e) => e.name === 'followup.unsatisfied')?.data.notify).toMatchObject({
      contractorId: 'ctr_fixit',
    });
    story.step({ type: 'dispatch', contractorId: 'ctr_other' }, agent, at(days(3)));
    expect(story.snapshot).toMatchObject({ status: 'dispatched', contactedAt: null, arrivedAt: null });
  });
});

function completedRepairWith(tenant = settings) {
  const story = new Story(newCase('repair'), tenant);
  story.step({ type: 'dispatch', contractorId: 'ctr_fixit' }, agent, at(0));
  story.step({ type: 'record_contact', visitBookedFor: at(hours(1)) }, fixItStaff, at(minutes(10)));
  story.step({ type: 'arrive' }, fixItStaff, at(hours(1)));
  story.step({ type: 'complete', note: 'done' }, fixItStaff, at(hours(2)));
  return story;
}

function reopenedWith(tenant = settings) {
  const story = completedRepairWith(tenant);
  story.step({ type: 'follow_up', satisfaction: 1, comment: '仍然漏水' }, agent, at(days(3)));
  return story;
}

describe('one chance per repair (每次报修只给施工单位1次机会)', () => {
  const reopened = () => {
    const story = completedRepairWith();
    story.step({ type: 'follow_up', satisfaction: 1, comment: '仍然漏水' }, agent, at(days(3)));
    return story;
  };
  const manager = { kind: 'staff' as const, id: 'stf_pm', roles: ['project_manager' as const] };

  it('the contractor that failed the repair is not offered it again', () => {
    expect(() =>
      reopened().step({ type: 'dispatch', contractorId: 'ctr_fixit' }, agent, at(days(3))),
    ).toThrow(/had its one chance/);
  });

  it('a manager overrides with a reason, recorded in the timeline; an agent may not', () => {
    const story = reopened();
    expect(() =>
      story.step(
        { type: 'dispatch', contractorId: 'ctr_fixit', oneChanceOverride: { reason: '换了师傅' } },
        agent,
        at(days(3)),
      ),
    ).toThrow(/Only a manager/);
    story.step(
      { type: 'dispatch', contractorId: 'ctr_fixit', oneChanceOverride: { reason: '换了师傅' } },
      manager,
      at(days(3)),
    );
    expect(story.snapshot.status).toBe('dispatched');
    expect(story.timeline.at(-1)?.data).toMatchObject({
      oneChanceOverride: { managerId: 'stf_pm', reason: '换了师傅' },
    });
  });

  it('a tenant that turns the rule off offers it again', () => {
    const story = reopenedWith({ ...settings, oneChancePerRepair: false });
    story.step({ type: 'dispatch', contractorId: 'ctr_fixit' }, agent, at(days(3)));
    expect(story.snapshot.status).toBe('dispatched');
  });
});

describe('rework and one chance together', () => {
  it('a re-report within the window also marks the contractor as failed', () => {
    const story = completedRepairWith();
    story.step({ type: 'follow_up', satisfaction: 5 }, agent, at(days(3)));
    story.step({ type: 'close' }, agent, at(days(3)));
    story.step({ type: 'reopen', reason: 're_report' }, agent, at(days(10)));
    expect(story.snapshot.state.failedContractorIds).toEqual(['ctr_fixit']);
  });
});

describe('first-time fix rate (一次维修成功率)', () => {
  it('groups by top-level category, sorted by repeats then repeat rate', () => {
    const stats = firstTimeFixRate([
      { id: 'p1', category: 'plumbing.blocked_drain', reworkOfCaseId: null, reworked: false },
      { id: 'p2', category: 'plumbing', reworkOfCaseId: null, reworked: true },
      { id: 'p3', category: 'plumbing.pipe_burst', reworkOfCaseId: null, reworked: false },
      { id: 'p4', category: 'plumbing', reworkOfCaseId: 'p3', reworked: false }, // re-report of p3
      { id: 'e1', category: 'electrical', reworkOfCaseId: null, reworked: true },
      { id: 'l1', category: 'leaks.roof', reworkOfCaseId: null, reworked: false },
      { id: 'd1', category: 'doors_windows', reworkOfCaseId: null, reworked: false },
      { id: 'd2', category: 'doors_windows', reworkOfCaseId: null, reworked: true },
    ]);
    expect(stats.map((s) => s.category)).toEqual(['plumbing', 'electrical', 'doors_windows', 'leaks']);
    expect(stats[0]).toEqual({
      category: 'plumbing',
      repairs: 3,
      repeats: 2,
      firstTimeFixes: 1,
      firstTimeFixRate: 1 / 3,
      repeatShare: 0.5,
    });
    expect(stats[1]).toMatchObject({ repairs: 1, repeats: 1, firstTimeFixRate: 0, repeatShare: 0.25 });
    expect(stats[3]).toMatchObject({ repairs: 1, repeats: 0, firstTimeFixRate: 1, repeatShare: 0 });
    expect(firstTimeFixRate([])).toEqual([]);
  });
});
