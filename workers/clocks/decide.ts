import { cases as core } from '@guanjia/core';
import { type EscalationLevel, escalationLevels } from '@guanjia/core/db/schema';
import { caseSettingsKey, snapshotOf } from '../data/case-support';
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

/** The repair contact milestone (seed 000 1.I: the contractor contacts the owner within 30 minutes). */
export const contractorContact = 'contractor_contact';

const stopped = new Set(['closed', 'cancelled']);

function caseSettings(tenant: TenantRecord): core.CaseSettings {
  const stored = (tenant.settings as Record<string, unknown>)?.[caseSettingsKey] ?? {};
  const parsed = core.CaseSettingsSchema.safeParse({ timeZone: tenant.timeZone, ...(stored as object) });
  return parsed.success ? parsed.data : core.parseCaseSettings({ timeZone: tenant.timeZone });
}

/**
 * Asks core what is due for the case at `now`.
 *
 * Interim, until core's SLA rules (`packages/core/src/sla`: policies, calendars, evaluateClock,
 * the ladder) land: the one milestone the cases rules already define — the repair contact
 * deadline (`cases.contactDeadline`, the tenant's `contactDeadlineMinutes` after dispatch), met by
 * the recorded contact — and one rung up the ladder per breach. Policies and calendars are stored
 * and re-arm clocks, but only this adapter reads them once core's evaluation exists.
 */
export function decideClock(context: ClockContext, tenant: TenantRecord, now: Date): ClockDecision {
  const row = context.caseRow;
  const none: ClockDecision = {
    milestones: [],
    due: [],
    nextWakeAt: null,
    escalateTo: null,
    forfeitContractor: false,
  };
  if (stopped.has(row.status) || row.kind !== 'repair' || !row.dispatchedAt) return none;
  const settings = caseSettings(tenant);
  const dueAt = core.contactDeadline(snapshotOf(row), settings);
  if (!dueAt) return none;
  const cycle = row.reopenCount;
  const met = row.contactedAt !== null && row.contactedAt >= row.dispatchedAt ? row.contactedAt : null;
  const late = met === null && dueAt <= now;
  const milestone: MilestoneProjection = {
    milestone: contractorContact,
    cycle,
    policyId: null,
    status: met ? 'met' : late ? 'breached' : 'pending',
    startedAt: row.dispatchedAt,
    warnAt: null,
    dueAt,
    metAt: met,
    pausedMs: 0,
  };
  const due: ClockAction[] = late
    ? [
        {
          key: `${row.id}:${contractorContact}:breach:${cycle}`,
          kind: 'breach',
          milestone: contractorContact,
          cycle,
          dueAt,
          data: { contractorId: row.contractorId },
        },
      ]
    : [];
  const nextLevel = escalationLevels[Math.min(row.escalationLevel + 1, escalationLevels.length - 1)];
  return {
    milestones: [milestone],
    due,
    nextWakeAt: met || late ? null : dueAt,
    escalateTo:
      late && nextLevel
        ? {
            level: nextLevel,
            milestone: contractorContact,
            cycle,
            dueAt,
            reason: `${contractorContact} breached`,
          }
        : null,
    forfeitContractor: late && row.status === 'dispatched' && row.contractorId !== null,
  };
}
