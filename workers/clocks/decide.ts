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

/** 回访: the follow-up call a set number of days after completion or resolution. */
export const followup = 'followup';

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
 * the ladder) land: the milestones the cases rules already define — the repair contact deadline
 * (`cases.contactDeadline`: the tenant's `contactDeadlineMinutes` after dispatch, met by the
 * recorded contact) and the follow-up (回访) due time the cases layer stores (`followupDueAt`,
 * met by the follow-up) — and one rung up the ladder per missed contact. Policies and calendars
 * are stored and re-arm clocks; this adapter reads them once core's evaluation exists.
 */
export function decideClock(context: ClockContext, tenant: TenantRecord, now: Date): ClockDecision {
  const row = context.caseRow;
  const decision: ClockDecision = {
    milestones: [],
    due: [],
    nextWakeAt: null,
    escalateTo: null,
    forfeitContractor: false,
  };
  if (stopped.has(row.status)) return decision;
  const cycle = row.reopenCount;
  const pending: Date[] = [];

  const contactDue =
    row.kind === 'repair' ? core.contactDeadline(snapshotOf(row), caseSettings(tenant)) : null;
  if (contactDue && row.dispatchedAt) {
    const met = row.contactedAt !== null && row.contactedAt >= row.dispatchedAt ? row.contactedAt : null;
    const late = met === null && contactDue <= now;
    decision.milestones.push({
      milestone: contractorContact,
      cycle,
      policyId: null,
      status: met ? 'met' : late ? 'breached' : 'pending',
      startedAt: row.dispatchedAt,
      warnAt: null,
      dueAt: contactDue,
      metAt: met,
      pausedMs: 0,
    });
    if (late) {
      decision.due.push({
        key: `${row.id}:${contractorContact}:breach:${cycle}`,
        kind: 'breach',
        milestone: contractorContact,
        cycle,
        dueAt: contactDue,
        data: { contractorId: row.contractorId },
      });
      const nextLevel = escalationLevels[Math.min(row.escalationLevel + 1, escalationLevels.length - 1)];
      if (nextLevel) {
        decision.escalateTo = {
          level: nextLevel,
          milestone: contractorContact,
          cycle,
          dueAt: contactDue,
          reason: `${contractorContact} breached`,
        };
      }
      decision.forfeitContractor = row.status === 'dispatched' && row.contractorId !== null;
    } else if (!met) pending.push(contactDue);
  }

  if (row.followupDueAt) {
    const met = row.followedUpAt;
    const reached = met === null && row.followupDueAt <= now;
    decision.milestones.push({
      milestone: followup,
      cycle,
      policyId: null,
      status: met ? 'met' : 'pending',
      startedAt: row.completedAt ?? row.resolvedAt,
      warnAt: null,
      dueAt: row.followupDueAt,
      metAt: met,
      pausedMs: 0,
    });
    if (reached) {
      decision.due.push({
        key: `${row.id}:${followup}:due:${cycle}`,
        kind: 'due',
        milestone: followup,
        cycle,
        dueAt: row.followupDueAt,
        data: {},
      });
    } else if (!met) pending.push(row.followupDueAt);
  }

  decision.nextWakeAt = pending.length > 0 ? new Date(Math.min(...pending.map((d) => d.getTime()))) : null;
  return decision;
}
