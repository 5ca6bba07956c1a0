import { describe, expect, it } from 'vitest';
import { ownerMessageFor } from '../../src/events/owner-messages';
import {
  defaultStaffPreferences,
  inQuietHours,
  isDayOff,
  StaffNotificationPreferencesSchema,
  suppressionOf,
} from '../../src/notify/preferences';
import { staffMessageFor } from '../../src/notify/staff-messages';
import { cnMainlandDays, officeHoursCalendar, withHolidays } from '../../src/sla/index';

/** An instant from a Shanghai wall time. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const calendar = withHolidays(officeHoursCalendar, cnMainlandDays());
const quiet = { ...defaultStaffPreferences, quietHours: { start: '22:00', end: '07:30' } };

describe('quiet hours on the business calendar', () => {
  it('a window across midnight holds back a routine message from 22:00 until 07:30, Shanghai time', () => {
    expect(inQuietHours(sh('2026-12-02 23:10'), quiet.quietHours, 'Asia/Shanghai')).toBe(true);
    expect(inQuietHours(sh('2026-12-03 07:29'), quiet.quietHours, 'Asia/Shanghai')).toBe(true);
    expect(inQuietHours(sh('2026-12-03 07:30'), quiet.quietHours, 'Asia/Shanghai')).toBe(false);
    expect(inQuietHours(sh('2026-12-02 21:59'), quiet.quietHours, 'Asia/Shanghai')).toBe(false);
    expect(suppressionOf(quiet, 'sms', sh('2026-12-02 23:10'), calendar, false)).toBe('quiet_hours');
  });

  it('an emergency ignores quiet hours and days off, never a channel switched off', () => {
    const prefs = { ...quiet, channels: ['sms' as const], quietOnDaysOff: true };
    expect(suppressionOf(prefs, 'sms', sh('2026-12-02 23:10'), calendar, true)).toBeUndefined();
    expect(suppressionOf(prefs, 'wechat', sh('2026-12-02 23:10'), calendar, true)).toBe('channel_off');
  });

  it('days off are the calendar’s: weekends and public holidays are quiet, a make-up working day (调休) is not', () => {
    const prefs = { ...defaultStaffPreferences, quietOnDaysOff: true };
    expect(isDayOff(sh('2026-12-05 10:00'), calendar)).toBe(true); // Saturday
    expect(suppressionOf(prefs, 'sms', sh('2026-12-05 10:00'), calendar, false)).toBe('day_off');
    expect(suppressionOf(prefs, 'sms', sh('2026-12-04 10:00'), calendar, false)).toBeUndefined();
    expect(isDayOff(sh('2026-10-01 10:00'), calendar)).toBe(true); // 国庆节
  });

  it('preferences name each channel once and distinct quiet bounds', () => {
    expect(
      StaffNotificationPreferencesSchema.safeParse({ ...defaultStaffPreferences, channels: ['sms', 'sms'] })
        .success,
    ).toBe(false);
    expect(
      StaffNotificationPreferencesSchema.safeParse({
        ...defaultStaffPreferences,
        quietHours: { start: '08:00', end: '08:00' },
      }).success,
    ).toBe(false);
  });
});

describe('what people are told', () => {
  const facts = {
    archiveNo: '20261202001',
    unit: '西溪花园 1号楼 1-201',
    category: 'plumbing',
    timeZone: 'Asia/Shanghai',
    link: 'https://gj.example/cases/case_1',
  };
  it('the contractor hears the unit, the category and the contact deadline in local time', () => {
    const m = staffMessageFor(
      { kind: 'job_dispatched', contactDueAt: sh('2026-12-02 10:30'), urgent: false },
      facts,
    );
    expect(m.text).toContain('西溪花园 1号楼 1-201，plumbing');
    expect(m.text).toContain('请于 2026-12-02 10:30 前联系业主');
    expect(m.params).toMatchObject({ contactDueAt: '2026-12-02 10:30', link: facts.link });
    expect(m.urgent).toBe(false);
  });

  it('a major complaint is an emergency', () => {
    expect(staffMessageFor({ kind: 'major_complaint', severity: 'major' }, facts).urgent).toBe(true);
  });

  it("the owner's reply is in Chinese unless the owner reads English", () => {
    const base = {
      archiveNo: '20261202001',
      timeZone: 'Asia/Shanghai',
      link: 'https://gj/o',
      said: '明早检修',
    };
    expect(ownerMessageFor('case.replied', base)?.text).toBe(
      '工单 20261202001 回复：明早检修\n查看进度：https://gj/o',
    );
    expect(ownerMessageFor('case.owner_noted', { ...base, language: 'en' })?.text).toBe(
      'Progress on case 20261202001: 明早检修\nFollow your case: https://gj/o',
    );
    expect(ownerMessageFor('case.replied', { ...base, said: null })).toBeUndefined();
  });
});
