import { z } from 'zod';
import { followupCallOutcomes } from './actions';
import type { CaseSettings } from './settings';
import { type LowRatingReason, lowRatingReasons } from './vocabulary';

/**
 * The steps after which the follow-up (回访) falls due: a repair's completion, a complaint's
 * resolution. When is not the cases module's to say: it is the SLA policy's `followup`
 * milestone (by default 3 days later, round the clock), which the edge evaluates with the
 * step's facts and passes in as `CaseDeadlines.followupDueAt`.
 */
export const followupStartingActions = ['complete', 'resolve'] as const;

/** Whether a satisfaction score (1–5) is unsatisfied: at or below the tenant threshold (default 2). */
export function isUnsatisfied(satisfaction: number, settings: CaseSettings): boolean {
  return satisfaction <= settings.unsatisfiedAtOrBelow;
}

/** A follow-up as recorded: by CS staff on a call, or by the owner through the link. */
export const FollowupOutcomeSchema = z.object({
  by: z.enum(['staff', 'owner']),
  callOutcome: z.enum(followupCallOutcomes),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  comment: z.string().nullable(),
});
export type FollowupOutcome = z.infer<typeof FollowupOutcomeSchema>;

export interface FollowupFacts {
  followupDueAt: Date | null;
  followedUpAt: Date | null;
}

export interface FollowupRate {
  /** Cases whose follow-up is due by `now`, or already done. */
  due: number;
  done: number;
  /** Due and not done. */
  overdue: number;
  /** done / due, or null when nothing was due. */
  rate: number | null;
}

/**
 * The follow-up done rate (the seeds want 100% for complaints). A completion or resolution
 * clears `followedUpAt`, so a reopened case counts again only once handled again.
 */
export function followupDoneRate(cases: readonly FollowupFacts[], now: Date): FollowupRate {
  let due = 0;
  let done = 0;
  for (const c of cases) {
    if (c.followupDueAt === null) continue;
    const isDone = c.followedUpAt !== null;
    if (!isDone && c.followupDueAt > now) continue;
    due += 1;
    if (isDone) done += 1;
  }
  return { due, done, overdue: due - done, rate: due === 0 ? null : done / due };
}

/** Low ratings by reason (slow, not_fixed, attitude, cost, other; `unspecified` when none given). */
export function lowRatingBreakdown(ratings: readonly { lowRatingReason: string | null }[]): {
  total: number;
  reasons: Record<LowRatingReason | 'unspecified', number>;
} {
  const reasons = Object.fromEntries([...lowRatingReasons, 'unspecified'].map((r) => [r, 0])) as Record<
    LowRatingReason | 'unspecified',
    number
  >;
  for (const r of ratings) {
    const key = (lowRatingReasons as readonly string[]).includes(r.lowRatingReason ?? '')
      ? (r.lowRatingReason as LowRatingReason)
      : 'unspecified';
    reasons[key] += 1;
  }
  return { total: ratings.length, reasons };
}
