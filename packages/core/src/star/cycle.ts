import { addDays, localDateOf, wallToInstant } from '../time-zone';

/** A cycle takes nominations while open; announcing its winners closes it. */
export const cycleStatuses = ['open', 'announced'] as const;
export type CycleStatus = (typeof cycleStatuses)[number];

/** A calendar quarter of a branch's Service Star award (服务之星评选周期). */
export interface QuarterCycle {
  /** Stable id and sort key, e.g. `2026-Q4`. */
  id: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** First local date of the quarter (inclusive), `YYYY-MM-DD`. */
  startsOn: string;
  /** Last local date of the quarter (inclusive), `YYYY-MM-DD`. */
  endsOn: string;
  /** The three months, `YYYY-MM`, in order: each has its own nomination deadline. */
  months: [string, string, string];
  label: { zh: string; en: string };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The cycle of a given year and quarter. */
export function quarterCycle(year: number, quarter: 1 | 2 | 3 | 4): QuarterCycle {
  const firstMonth = (quarter - 1) * 3 + 1;
  const months = [0, 1, 2].map((i) => `${pad(year, 4)}-${pad(firstMonth + i)}`) as [string, string, string];
  const nextStart = quarter === 4 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(firstMonth + 3)}-01`;
  return {
    id: `${pad(year, 4)}-Q${quarter}`,
    year,
    quarter,
    startsOn: `${months[0]}-01`,
    endsOn: addDays(nextStart, -1),
    months,
    label: { zh: `${year}年第${quarter}季度`, en: `${year} Q${quarter}` },
  };
}

/** The quarter an instant falls in, by its local date in the tenant's zone. */
export function quarterOf(at: Date | number, timeZone: string): QuarterCycle {
  return quarterOfMonth(monthOf(at, timeZone));
}

/** The local month (`YYYY-MM`) of an instant in a zone. */
export function monthOf(at: Date | number, timeZone: string): string {
  return localDateOf(typeof at === 'number' ? at : at.getTime(), timeZone).slice(0, 7);
}

/** The quarter holding a month given as `YYYY-MM`. */
export function quarterOfMonth(month: string): QuarterCycle {
  const { year, month: m } = parseMonth(month);
  return quarterCycle(year, (Math.floor((m - 1) / 3) + 1) as 1 | 2 | 3 | 4);
}

/** Parses a cycle id such as `2026-Q4`; null when it is not one. */
export function parseCycleId(id: string): QuarterCycle | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(id);
  if (!m) return null;
  return quarterCycle(Number(m[1]), Number(m[2]) as 1 | 2 | 3 | 4);
}

/**
 * The cycle as a half-open UTC range [startsAt, endsAt) of epoch ms: local midnight of the
 * first day to local midnight after the last, so case facts can be selected by instant.
 */
export function cycleRange(cycle: QuarterCycle, timeZone: string): { startsAt: number; endsAt: number } {
  return {
    startsAt: wallToInstant(cycle.startsOn, 0, timeZone),
    endsAt: wallToInstant(addDays(cycle.endsOn, 1), 0, timeZone),
  };
}

/** Splits `YYYY-MM`; throws on anything else, since a bad month is a programming error here. */
export function parseMonth(month: string): { year: number; month: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The last local date of a month given as `YYYY-MM`. */
export function lastDayOfMonth(month: string): string {
  const { year, month: m } = parseMonth(month);
  const next = m === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(m + 1)}-01`;
  return addDays(next, -1);
}
