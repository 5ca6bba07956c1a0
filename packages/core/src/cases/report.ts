import type { CaseStatus } from './model';

/*
 * 业主自助报修: the rules of the public report page (an owner files a case after proving their
 * phone with a one-time SMS code) and of chasing a case (催单) from the owner page. Pure: the
 * caller gives the time and the rows it read.
 */

/** The one-time code: six digits, valid this long, this many wrong tries. */
export const reportCodePolicy = {
  digits: 6,
  ttlMs: 10 * 60_000,
  maxAttempts: 5,
} as const;

export type ReportLimitKey = 'phone' | 'address' | 'project';

/** How many codes may be asked for in a sliding window, per phone, per client address, per project. */
export const reportCodeLimits: Readonly<Record<ReportLimitKey, { max: number; windowMs: number }>> = {
  phone: { max: 3, windowMs: 15 * 60_000 },
  address: { max: 10, windowMs: 60 * 60_000 },
  project: { max: 60, windowMs: 60 * 60_000 },
};

/**
 * When the next code may be asked for, given when earlier codes were asked for (any order):
 * null when one may be asked for now, else the instant the oldest code that counts leaves the
 * window.
 */
export function nextCodeAllowedAt(
  askedAt: readonly Date[],
  limit: { max: number; windowMs: number },
  now: Date,
): Date | null {
  const since = now.getTime() - limit.windowMs;
  const inWindow = askedAt
    .map((d) => d.getTime())
    .filter((t) => t > since)
    .sort((a, b) => b - a);
  if (inWindow.length < limit.max) return null;
  // The max-th newest leaves the window first among those that keep the count at the limit.
  const oldestCounting = inWindow[limit.max - 1] ?? since;
  return new Date(oldestCounting + limit.windowMs);
}

/** A mainland mobile number (11 digits starting 1[3-9]), with +86/0086, spaces and dashes dropped; null otherwise. */
export function mobilePhone(raw: string): string | null {
  const digits = raw.trim().replace(/[\s\-()]/g, '');
  const national = digits.replace(/^(?:\+|00)?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(national) ? national : null;
}

/** Six random digits from `random` (bytes from crypto.getRandomValues), without modulo bias beyond 1e-4. */
export function reportCodeFrom(random: Uint32Array): string {
  const n = (random[0] ?? 0) % 10 ** reportCodePolicy.digits;
  return String(n).padStart(reportCodePolicy.digits, '0');
}

export type CodeCheck =
  | { ok: true }
  | { ok: false; reason: 'no_code' | 'expired' | 'too_many_tries' | 'wrong_code'; triesLeft: number };

/** Whether `given` matches the latest code (its hash compared by the caller: `matches`). */
export function checkReportCode(
  code: { expiresAt: Date; attempts: number; usedAt: Date | null } | undefined,
  matches: boolean,
  now: Date,
): CodeCheck {
  if (!code) return { ok: false, reason: 'no_code', triesLeft: 0 };
  if (code.usedAt) return { ok: false, reason: 'expired', triesLeft: 0 };
  if (code.attempts >= reportCodePolicy.maxAttempts)
    return { ok: false, reason: 'too_many_tries', triesLeft: 0 };
  if (code.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', triesLeft: 0 };
  if (matches) return { ok: true };
  const triesLeft = reportCodePolicy.maxAttempts - code.attempts - 1;
  return triesLeft > 0
    ? { ok: false, reason: 'wrong_code', triesLeft }
    : { ok: false, reason: 'too_many_tries', triesLeft: 0 };
}

/** Photos the report page accepts: images only, at most six, 10 MB each. */
export const reportPhotoTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export const maxReportPhotos = 6;
export const maxReportPhotoBytes = 10 * 1024 * 1024;

/** Statuses after which there is nothing left to chase. */
const unchaseable: readonly CaseStatus[] = ['closed', 'cancelled'];

export type ChaseVerdict =
  | { ok: true }
  | { ok: false; reason: 'finished' }
  | { ok: false; reason: 'too_soon'; nextAt: Date };

/** 催单: once per case per `intervalHours`, while the case is open. */
export function chaseVerdict(
  row: { status: string; lastChasedAt: Date | null },
  intervalHours: number,
  now: Date,
): ChaseVerdict {
  if (unchaseable.includes(row.status as CaseStatus)) return { ok: false, reason: 'finished' };
  if (row.lastChasedAt) {
    const nextAt = new Date(row.lastChasedAt.getTime() + intervalHours * 3_600_000);
    if (nextAt.getTime() > now.getTime()) return { ok: false, reason: 'too_soon', nextAt };
  }
  return { ok: true };
}
