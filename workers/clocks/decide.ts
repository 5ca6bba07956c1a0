import type { EscalationLevel } from '@guanjia/core/db/schema';
import type { TenantScope } from '../data/scope';
import type { CaseRow, ClockAction, ClockContext, MilestoneProjection } from '../data/sla-clock';
import type { TenantRecord } from '../data/tenants';
import type { Env } from '../env';

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
  afterBreach?: (env: Env, scope: TenantScope, c: CaseRow) => Promise<void>;
}

/** Asks core what is due for the case at `now`. */
export function decideClock(_context: ClockContext, _tenant: TenantRecord, _now: Date): ClockDecision {
  return { milestones: [], due: [], nextWakeAt: null, escalateTo: null };
}
