import { describe, expect, it } from 'vitest';
import { type CorrectiveClockAction, correctiveAlertsDue, parseAuditSettings } from '../../src/audits/index';

const hour = 3_600_000;
const deadline = Date.UTC(2030, 0, 10, 15, 59, 59, 999); // end of 10 Jan 2030 in Shanghai
const open: CorrectiveClockAction = { id: 'cact_1', status: 'open', deadline };
const due = (now: number, recorded: string[] = [], actions: CorrectiveClockAction[] = [open]) =>
  correctiveAlertsDue(actions, { now, warningHours: 24, recorded: new Set(recorded) }).map((a) => a.key);

describe('the corrective-action deadline clock', () => {
  it('is silent until the lead time, warns inside it, breaches strictly after the deadline', () => {
    expect(due(deadline - 24 * hour - 1)).toEqual([]);
    expect(due(deadline - 24 * hour)).toEqual(['cact_1:warning']);
    expect(due(deadline)).toEqual(['cact_1:warning']);
    expect(due(deadline + 1)).toEqual(['cact_1:breach']);
  });

  it('answers nothing twice: a recorded key is not due again', () => {
    expect(due(deadline - hour, ['cact_1:warning'])).toEqual([]);
    expect(due(deadline + hour, ['cact_1:warning'])).toEqual(['cact_1:breach']);
    expect(due(deadline + hour, ['cact_1:warning', 'cact_1:breach'])).toEqual([]);
  });

  it('a late pass records the breach, not a stale warning', () => {
    expect(due(deadline + 3 * 24 * hour)).toEqual(['cact_1:breach']);
  });

  it('only open actions are on the clock: done waits for verification, verified is closed', () => {
    const done = { ...open, id: 'cact_2', status: 'done' as const };
    const verified = { ...open, id: 'cact_3', status: 'verified' as const };
    expect(due(deadline + 1, [], [open, done, verified])).toEqual(['cact_1:breach']);
  });

  it('a lead time of 0 hours warns only at the deadline instant itself', () => {
    const keys = (now: number) =>
      correctiveAlertsDue([open], { now, warningHours: 0, recorded: new Set() }).map((a) => a.kind);
    expect(keys(deadline - 1)).toEqual([]);
    expect(keys(deadline)).toEqual(['warning']);
  });

  it('the lead time defaults to 24 hours and is a tenant setting', () => {
    expect(parseAuditSettings({}).correctiveWarningHours).toBe(24);
    expect(parseAuditSettings({ correctiveWarningHours: 4 }).correctiveWarningHours).toBe(4);
    expect(() => parseAuditSettings({ correctiveWarningHours: -1 })).toThrow();
  });
});
