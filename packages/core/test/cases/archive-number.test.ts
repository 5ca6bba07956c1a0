import { describe, expect, it } from 'vitest';
import {
  ArchiveNumberSchema,
  archiveNumberFor,
  archiveSequenceDate,
  formatArchiveNumber,
  parseArchiveNumber,
} from '../../src/cases/index';

describe('archive numbers (档案编号)', () => {
  it('are the local date and a 3-digit daily sequence that grows past 999', () => {
    expect(formatArchiveNumber('2026-11-22', 1)).toBe('20261122001');
    expect(formatArchiveNumber('20261122', 999)).toBe('20261122999');
    expect(formatArchiveNumber('2026-11-22', 1000)).toBe('202611221000');
    expect(() => formatArchiveNumber('2026-11-22', 0)).toThrow(RangeError);
    expect(() => formatArchiveNumber('2026-02-30', 1)).toThrow(RangeError);
  });

  it('roll over at local midnight in Asia/Shanghai: 23:30 UTC is already the next day', () => {
    const lateUtc = new Date('2026-11-22T23:30:00Z'); // 07:30 on the 23rd in Shanghai
    expect(archiveSequenceDate(lateUtc, 'Asia/Shanghai')).toBe('2026-11-23');
    expect(archiveNumberFor(lateUtc, 'Asia/Shanghai', 1)).toBe('20261123001');
    expect(archiveNumberFor(lateUtc, 'UTC', 1)).toBe('20261122001');
    // 15:59:59 UTC is 23:59:59 local; one second later the day (and the sequence) starts over.
    expect(archiveNumberFor(new Date('2026-11-22T15:59:59Z'), 'Asia/Shanghai', 412)).toBe('20261122412');
    expect(archiveNumberFor(new Date('2026-11-22T16:00:00Z'), 'Asia/Shanghai', 1)).toBe('20261123001');
    // New Year's Eve rolls the year too.
    expect(archiveNumberFor(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai', 1)).toBe('20270101001');
  });

  it('parse back, and refuse what is not one', () => {
    expect(parseArchiveNumber('20261122001')).toEqual({ localDate: '2026-11-22', sequence: 1 });
    expect(parseArchiveNumber('202611221000')).toEqual({ localDate: '2026-11-22', sequence: 1000 });
    for (const bad of [
      '2026112201',
      '20261122000',
      '20261322001',
      '20260229001',
      '202611220999',
      'abc',
      '',
    ]) {
      expect(parseArchiveNumber(bad), bad).toBeNull();
    }
    expect(parseArchiveNumber('20280229001')).toEqual({ localDate: '2028-02-29', sequence: 1 });
    expect(ArchiveNumberSchema.safeParse('20261122001').success).toBe(true);
    expect(ArchiveNumberSchema.safeParse('2026-11-22-1').success).toBe(false);
  });

  it('round-trip', () => {
    for (const seq of [1, 9, 10, 99, 100, 999, 1000, 12345]) {
      const n = formatArchiveNumber('2026-01-05', seq);
      expect(parseArchiveNumber(n)).toEqual({ localDate: '2026-01-05', sequence: seq });
    }
  });
});
