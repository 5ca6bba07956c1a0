import { describe, expect, it } from 'vitest';
import { audits, star } from '../../src/index';

describe('a tenant’s Service Star settings', () => {
  it('a new tenant gets Shanghai time, the last-Wednesday rule, end-of-day deadline, flagged late forms and the seed chain', () => {
    expect(star.parseStarSettings({})).toMatchObject({
      timeZone: 'Asia/Shanghai',
      deadlineRule: 'last_wednesday',
      deadlineLocalTime: null,
      latePolicy: 'flag',
      approvalChain: star.defaultApprovalChain,
    });
  });

  it('an unknown time zone, a bad local time or an empty chain is refused', () => {
    expect(star.StarSettingsSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(star.StarSettingsSchema.safeParse({ deadlineLocalTime: '24:00' }).success).toBe(false);
    expect(star.StarSettingsSchema.safeParse({ approvalChain: [] }).success).toBe(false);
  });

  it('both programmes are reachable from the core package as namespaces', () => {
    expect(typeof star.monthlyDeadline).toBe('function');
    expect(typeof audits.scoreAudit).toBe('function');
    expect(audits.parseAuditSettings({})).toMatchObject({ passThreshold: 80, correctiveDeadlineDays: 7 });
  });
});
