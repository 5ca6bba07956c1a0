import { z } from 'zod';
import { localDate } from '../time';

const pattern = /^(\d{4})(\d{2})(\d{2})(\d{3,})$/;

/**
 * The local date of an instant as the `case_sequences.local_date` key (YYYY-MM-DD): the daily
 * sequence restarts at local midnight in the tenant's zone, not at UTC midnight.
 */
export function archiveSequenceDate(at: Date, timeZone: string): string {
  return localDate(at, timeZone);
}

/**
 * 档案编号: YYYYMMDD + the day's sequence, zero-padded to 3 digits and growing past 999
 * (20261122001, 20261122999, 202611221000). `localDay` is YYYY-MM-DD or YYYYMMDD.
 */
export function formatArchiveNumber(localDay: string, sequence: number): string {
  const digits = localDay.replaceAll('-', '');
  if (!/^\d{8}$/.test(digits) || !isCalendarDate(digits)) throw new RangeError(`not a date: ${localDay}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`not a sequence: ${sequence}`);
  return `${digits}${String(sequence).padStart(3, '0')}`;
}

/** The archive number of a case received at `at` with the day's `sequence`. */
export function archiveNumberFor(at: Date, timeZone: string, sequence: number): string {
  return formatArchiveNumber(archiveSequenceDate(at, timeZone), sequence);
}

export interface ParsedArchiveNumber {
  /** YYYY-MM-DD */
  localDate: string;
  sequence: number;
}

/**
 * Reads an archive number back, or null when it is not one: a real calendar date and a
 * sequence of at least 1, written canonically (no padding beyond 3 digits).
 */
export function parseArchiveNumber(value: string): ParsedArchiveNumber | null {
  const m = pattern.exec(value);
  if (!m) return null;
  const [, y, mo, d, seq] = m as unknown as [string, string, string, string, string];
  if (!isCalendarDate(`${y}${mo}${d}`)) return null;
  const sequence = Number(seq);
  if (sequence < 1 || !Number.isSafeInteger(sequence)) return null;
  if (seq.length > 3 && seq.startsWith('0')) return null;
  return { localDate: `${y}-${mo}-${d}`, sequence };
}

export const ArchiveNumberSchema = z
  .string()
  .refine((v) => parseArchiveNumber(v) !== null, 'not an archive number (YYYYMMDD + sequence)');

function isCalendarDate(digits: string): boolean {
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  const d = Number(digits.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
