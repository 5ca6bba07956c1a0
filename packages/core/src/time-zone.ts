/*
 * The one time-zone module of core. Wall-clock arithmetic in an IANA time zone using only Intl (present in Node and Workers),
 * so core carries no tz library. Instants are epoch milliseconds (UTC); local dates are
 * `YYYY-MM-DD` strings; times of day are minutes since local midnight (0..1440).
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of an instant in a zone. */
export function wallTime(ms: number, timeZone: string): WallTime {
  const out: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type in out) out[part.type as keyof WallTime] = Number(part.value);
  }
  return out;
}

/** The zone's offset from UTC at an instant, in ms (east positive). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Intl drops sub-second precision; compare at whole seconds.
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDateOf(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return isoDate(w.year, w.month, w.day);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local date `days` after `date` (negative goes back). Pure calendar arithmetic. */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** ISO weekday of a local date: 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The instant a wall-clock time on a local date happens. Where the time occurs twice (a DST
 * fall-back), the earlier; where it does not occur (a spring-forward gap), the instant the gap
 * ends — i.e. always the earliest instant whose wall clock has reached that time, which keeps
 * working intervals monotone across a transition.
 */
export function wallToInstant(date: string, minutes: number, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  // Real zones change offset at most once within a day either side.
  const before = offsetAt(naive - DAY, timeZone);
  const after = offsetAt(naive + DAY, timeZone);
  const candidates = [naive - before, naive - after]
    .filter((c) => offsetAt(c, timeZone) === naive - c)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];
  // In the gap: binary search the first instant already on the new offset.
  let lo = Math.min(naive - before, naive - after);
  let hi = Math.max(naive - before, naive - after);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Whether Intl knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Whether Intl knows the zone (the name settings validate with). */
export const isValidTimeZone = isKnownTimeZone;

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return localDateOf(at.getTime(), timeZone);
}

/** Local wall-clock parts of an instant, with its local date and minutes since local midnight. */
export function localParts(at: Date, timeZone: string) {
  const w = wallTime(at.getTime(), timeZone);
  return { date: isoDate(w.year, w.month, w.day), minutes: w.hour * 60 + w.minute, ...w };
}

/** The UTC instant of a local date and time (HH:MM) in a time zone (see `wallToInstant`). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  return new Date(wallToInstant(date, hh * 60 + mm, timeZone));
}
