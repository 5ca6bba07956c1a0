import { describe, expect, it } from 'vitest';
import {
  chaseVerdict,
  checkReportCode,
  mobilePhone,
  nextCodeAllowedAt,
  reportCodeFrom,
  reportText,
} from '../../src/cases';

const t = (min: number) => new Date(Date.UTC(2026, 11, 2, 6, 0) + min * 60_000);

describe('report page rules', () => {
  it('a sliding window answers when the next code may be asked for', () => {
    const limit = { max: 3, windowMs: 15 * 60_000 };
    expect(nextCodeAllowedAt([t(0), t(1)], limit, t(2))).toBeNull();
    expect(nextCodeAllowedAt([t(1), t(0), t(2)], limit, t(5))).toEqual(t(15));
    expect(nextCodeAllowedAt([t(0), t(1), t(2)], limit, t(15))).toBeNull(); // t(0) has left
    expect(nextCodeAllowedAt([t(0), t(1), t(2), t(3)], limit, t(15))).toEqual(t(16));
  });

  it('mainland mobiles only, normalised', () => {
    expect(mobilePhone('+86 138-0000-1111')).toBe('13800001111');
    expect(mobilePhone('008613800001111')).toBe('13800001111');
    expect(mobilePhone('12800001111')).toBeNull();
    expect(mobilePhone('1380000111')).toBeNull();
  });

  it('codes are six digits', () => {
    expect(reportCodeFrom(Uint32Array.of(42))).toBe('000042');
    expect(reportCodeFrom(Uint32Array.of(4_294_967_295))).toMatch(/^\d{6}$/);
  });

  it('a code is good once, before it expires, within five tries', () => {
    const code = { expiresAt: t(10), attempts: 0, usedAt: null };
    expect(checkReportCode(code, true, t(9))).toEqual({ ok: true });
    expect(checkReportCode(code, false, t(9))).toEqual({ ok: false, reason: 'wrong_code', triesLeft: 4 });
    expect(checkReportCode({ ...code, attempts: 4 }, false, t(9))).toMatchObject({
      reason: 'too_many_tries',
    });
    expect(checkReportCode({ ...code, attempts: 5 }, true, t(9))).toMatchObject({ reason: 'too_many_tries' });
    expect(checkReportCode(code, true, t(10))).toMatchObject({ reason: 'expired' });
    expect(checkReportCode({ ...code, usedAt: t(1) }, true, t(2))).toMatchObject({ reason: 'expired' });
    expect(checkReportCode(undefined, true, t(2))).toMatchObject({ reason: 'no_code' });
  });

  it('a case may be chased once per interval while open', () => {
    expect(chaseVerdict({ status: 'received', lastChasedAt: null }, 4, t(0))).toEqual({ ok: true });
    expect(chaseVerdict({ status: 'received', lastChasedAt: t(0) }, 4, t(60))).toEqual({
      ok: false,
      reason: 'too_soon',
      nextAt: t(240),
    });
    expect(chaseVerdict({ status: 'received', lastChasedAt: t(0) }, 4, t(240))).toEqual({ ok: true });
    expect(chaseVerdict({ status: 'closed', lastChasedAt: null }, 4, t(0))).toEqual({
      ok: false,
      reason: 'finished',
    });
  });

  it('texts fill their placeholders in both languages', () => {
    expect(reportText('zh-CN', 'badCode', { n: 3 })).toContain('还可尝试 3 次');
    expect(reportText('en', 'chaseTooSoon', { at: '12/02 14:00' })).toBe(
      'You have chased this case already. You may chase again after 12/02 14:00.',
    );
  });
});
