import { describe, expect, it } from 'vitest';
import {
  loginDelaySeconds,
  loginDelaySteps,
  maskAddress,
  maskLogin,
  sourceState,
} from '../../src/access/login-throttle';

const now = new Date('2026-12-01T00:00:00Z');
const later = (s: number) => new Date(now.getTime() + s * 1000);

describe('login throttle per source', () => {
  it('five failures are free, then the delay doubles from a minute up to an hour', () => {
    expect([1, 4, 5, 6, 7, 10, 11, 50].map((f) => loginDelaySeconds(f))).toEqual([
      0, 0, 60, 120, 240, 1920, 3600, 3600,
    ]);
    expect(loginDelaySteps()).toEqual([
      [11, 3600],
      [10, 1920],
      [9, 960],
      [8, 480],
      [7, 240],
      [6, 120],
      [5, 60],
    ]);
  });

  it('a source is closed until its delay runs out, and open once it resets', () => {
    expect(sourceState(undefined, now)).toEqual({ open: true });
    const record = { failures: 5, blockedUntil: later(60), resetsAt: later(60 + 900) };
    expect(sourceState(record, now)).toEqual({ open: false, retryAfterSeconds: 60 });
    expect(sourceState(record, later(59.5))).toEqual({ open: false, retryAfterSeconds: 1 });
    expect(sourceState(record, later(60))).toEqual({ open: true });
    expect(sourceState({ failures: 3, blockedUntil: null, resetsAt: later(900) }, now)).toEqual({
      open: true,
    });
  });

  it('the audit log sees a masked address and login', () => {
    expect(maskAddress('203.0.113.50')).toBe('203.0.113.*');
    expect(maskAddress('2001:DB8:1:2::99')).toBe('2001:db8:1:*');
    expect(maskAddress('local')).toBe('local');
    expect(maskLogin('admin@demo.guanjia.dev')).toBe('ad***@demo.guanjia.dev');
    expect(maskLogin('13700000003')).toBe('137****0003');
    expect(maskLogin('Hunter2!')).toBe('Hu***');
  });
});
