import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countsCompared,
  csvCell,
  percentilesBy,
  quantile,
  replyRate,
  slaCompliance,
  toCsv,
} from '../../src/reports/index';

describe('KPIs', () => {
  it('p50/p90 interpolate like Excel PERCENTILE.INC, by any grouping', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(91);
    expect(quantile([], 0.5)).toBeNull();
    expect(
      percentilesBy(
        [
          { keys: { agent: 'a' }, minutes: 5 },
          { keys: { agent: 'a' }, minutes: 15 },
          { keys: { agent: 'b' }, minutes: null },
        ],
        'agent',
      ),
    ).toEqual([{ group: 'a', count: 2, p50: 10, p90: 14 }]);
  });
  it('the reply rate (客户投诉答复率) counts late and unanswered complaints as due but not answered', () => {
    const due = new Date('2026-10-01T00:00:00Z');
    const r = replyRate(
      [
        { dueAt: due, answeredAt: new Date('2026-09-30T00:00:00Z') },
        { dueAt: due, answeredAt: new Date('2026-10-02T00:00:00Z') },
        { dueAt: due, answeredAt: null },
        { dueAt: new Date('2026-11-01T00:00:00Z'), answeredAt: null },
      ],
      new Date('2026-10-31T00:00:00Z'),
    );
    expect(r).toEqual({ due: 3, answeredOnTime: 1, rate: 1 / 3 });
  });
  it('SLA compliance: met within target over met, met late and breached; cancelled never counts', () => {
    expect(
      slaCompliance([
        { milestone: 'contact', status: 'met' },
        { milestone: 'contact', status: 'met_late' },
        { milestone: 'contact', status: 'breached' },
        { milestone: 'contact', status: 'cancelled' },
        { milestone: 'contact', status: 'pending' },
      ]),
    ).toEqual([{ milestone: 'contact', met: 1, metLate: 1, breachedOpen: 1, decided: 3, compliance: 1 / 3 }]);
  });
});

describe('the CSV writer', () => {
  it('writes a BOM, CRLF, RFC 4180 quotes and Chinese as is', () => {
    expect(
      toCsv(
        ['项目', 'note'],
        [
          ['滨江一号', 'say "hi", ok'],
          [1.5, null],
        ],
      ),
    ).toBe('\uFEFF项目,note\r\n滨江一号,"say ""hi"", ok"\r\n1.5,\r\n');
  });
  it.each(['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx'])('defuses the formula %j', (v) => {
    expect(csvCell(v).replace(/^"/, '').startsWith("'")).toBe(true);
  });
  it('every string survives a round trip through an RFC 4180 reader, and never starts a formula', () => {
    fc.assert(
      fc.property(fc.string(), (v) => {
        const cell = csvCell(v);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
        expect(unquoted === v || unquoted === `'${v}`).toBe(true);
      }),
    );
  });
});

describe('period-over-period counts', () => {
  it('lists every key of either period with its change', () => {
    expect(countsCompared(['投诉', '投诉', '咨询'], ['投诉', '建议'], (x) => x)).toEqual([
      { key: '咨询', current: 1, previous: 0, delta: 1, ratio: null },
      { key: '建议', current: 0, previous: 1, delta: -1, ratio: -1 },
      { key: '投诉', current: 2, previous: 1, delta: 1, ratio: 1 },
    ]);
  });
});
