import type { EscalationLevel } from '@guanjia/core/db/schema';
import type { ClockAction, ClockContext, MilestoneProjection } from '../data/sla-clock';
import type { TenantRecord } from '../data/tenants';

/** What core decided about a case at one instant, in the shape the edge writes. */
export interface ClockDecision {
  /** The current cycle's milestones. */
  milestones: MilestoneProjection[];
  /** Warnings and breaches due at `now`, each under its unique key. */
  due: ClockAction[];
  nextWakeAt: Date | null;
  /** The rung the case should have reached, if any breach or warning moves it. */
  escalateTo: {
    level: EscalationLevel;
    milestone: string;
    cycle: number;
    dueAt: Date | null;
    reason: string;
  } | null;
  /** The contractor missed its contact deadline: the job is to be forfeited (cases layer). */
  forfeitContractor: boolean;
}

/** Asks core what is due for the case at `now`. */
export function decideClock(_context: ClockContext, _tenant: TenantRecord, _now: Date): ClockDecision {
  return { milestones: [], due: [], nextWakeAt: null, escalateTo: null, forfeitContractor: false };
}
