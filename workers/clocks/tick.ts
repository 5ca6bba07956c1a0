import type { EventType } from '@guanjia/core/events/catalogue';
import { forfeitContractorJob } from '../app/cases';
import { systemScope } from '../app/scope';
import { type ClockDecision, decideClock, followupMilestone } from '../app/sla/decide';
import { commit } from '../data/commit';
import { outboxEvent } from '../data/outbox';
import {
  type CaseRow,
  type ClockAction,
  insertClockAction,
  loadClockContext,
  type MilestoneRow,
  markMilestone,
  milestoneWrites,
  raiseEscalation,
  setFollowupDue,
  setOverdue,
} from '../data/sla-clock';
import { findTenant, forgetTenant } from '../data/tenants';
import type { Env } from '../env';
import { createLogger } from '../lib/logger';

export interface ClockEvent {
  type: Extract<EventType, 'sla.warning' | 'sla.breached' | 'case.escalated' | 'followup.due'>;
  payload: Record<string, unknown>;
}

/** Where a case stands, as every case event carries it. */
function caseRef(c: CaseRow) {
  return {
    caseId: c.id,
    archiveNo: c.archiveNo,
    kind: c.kind,
    status: c.status,
    branchId: c.branchId,
    projectId: c.projectId,
    unitId: c.unitId,
    ownerId: c.ownerId,
  };
}

export interface TickResult {
  /** Epoch ms of the next warning or due time; null disarms the clock. */
  wakeAt: number | null;
  /** The case's version this evaluation read (null when it read no case). */
  caseVersion: number | null;
  /** What this tick recorded for the first time (nothing on a repeat). */
  recorded: ClockAction[];
  events: ClockEvent[];
}

const idle: TickResult = { wakeAt: null, caseVersion: null, recorded: [], events: [] };

/**
 * One evaluation of a case's clock at `now`: re-read the case from D1, let core decide, write
 * the milestone projection and, when the alarm fires (`fire`), every warning, breach and
 * escalation that is due and not yet recorded, all in one batch. Safe to repeat: recorded keys
 * are skipped and the table's unique key refuses a second row anyway.
 */
export async function tickCaseClock(
  env: Env,
  tenantId: string,
  caseId: string,
  now: Date,
  options: { fire: boolean },
): Promise<TickResult> {
  let tenant = await findTenant(env, tenantId, now.getTime());
  if (tenant?.status !== 'active') return idle;
  // The clock's own case is not re-armed through its own stub: the clock sets its next alarm itself.
  const logger = createLogger({ source: 'clock', tenantId, caseId }, env.LOG_LEVEL ?? 'info');
  let scope = systemScope({ env, now, logger, clockOf: { tenantId, caseId } }, tenant);
  let context = await loadClockContext(scope, caseId);
  if (!context) {
    // A case missing from a cached shard may have moved with its tenant (platform moveTenant):
    // ask the directory afresh before disarming the clock.
    forgetTenant(tenantId);
    const fresh = await findTenant(env, tenantId, now.getTime());
    if (fresh?.status !== 'active' || fresh.shard === tenant.shard) return idle;
    tenant = fresh;
    scope = systemScope({ env, now, logger, clockOf: { tenantId, caseId } }, tenant);
    context = await loadClockContext(scope, caseId);
    if (!context) return idle;
  }
  const decision = decideClock(context, tenant.timeZone, now);
  // A repeat evaluation that changes no milestone writes none (the queue re-arms every case event).
  const statements: unknown[] = milestoneWrites(
    scope,
    caseId,
    context.milestones,
    [...decision.previousCycles, ...decision.milestones],
    (row) => orphanReason(context, row),
  );
  const fresh = decision.due;
  const recorded: ClockAction[] = [];
  const events: ClockEvent[] = [];
  if (options.fire) {
    const ref = caseRef(context.caseRow);
    for (const due of fresh) {
      recorded.push(due);
      statements.push(insertClockAction(scope, context.caseRow, due));
      const dueAt = (due.dueAt ?? now).toISOString();
      if (due.kind === 'due') {
        events.push({ type: 'followup.due', payload: { ...ref, dueAt } });
        continue;
      }
      statements.push(markMilestone(scope, caseId, due, due.kind === 'warning' ? 'warning' : 'breach', now));
      const milestone = { ...ref, milestone: due.milestone, dueAt, assigneeId: context.caseRow.assigneeId };
      events.push(
        due.kind === 'warning'
          ? { type: 'sla.warning', payload: { ...milestone, warnedAt: now.toISOString() } }
          : { type: 'sla.breached', payload: { ...milestone, breachedAt: now.toISOString() } },
      );
    }
    for (const escalation of decision.escalations) {
      recorded.push(escalation.action);
      statements.push(insertClockAction(scope, context.caseRow, escalation.action));
      statements.push(raiseEscalation(scope, caseId, escalation.level));
      events.push({
        type: 'case.escalated',
        payload: {
          ...ref,
          level: escalation.level,
          milestone: escalation.action.milestone,
          notifyStaffIds: escalation.action.data.staffIds as string[],
          notifyRoles: [escalation.action.data.level as string],
          escalatedAt: now.toISOString(),
        },
      });
    }
    const place = { branchId: context.caseRow.branchId, projectId: context.caseRow.projectId };
    statements.push(...events.map((e) => outboxEvent(scope, e.type, e.payload, place)));
  }
  const followupDue = movedFollowupDue(decision, context.caseRow);
  if (followupDue) statements.push(setFollowupDue(scope, caseId, followupDue));
  const overdueSince = earliestOverdue(decision, now);
  if (overdueSince === null && context.caseRow.overdueSince !== null) {
    statements.push(setOverdue(scope, caseId, null));
  } else if (overdueSince !== null && options.fire && context.caseRow.overdueSince === null) {
    statements.push(setOverdue(scope, caseId, overdueSince));
  }
  // Committed, then its events sent at once if the queue answers (otherwise the outbox sweep re-sends them).
  if (statements.length > 0) await commit(scope, statements);
  if (options.fire && decision.forfeitContractor) {
    // One chance per repair: the cases layer takes the job back (idempotent), then the clock
    // re-reads the case, whose contact milestone no longer runs.
    const forfeit = await forfeitContractorJob(scope, caseId);
    if (forfeit.forfeited) {
      const after = await tickCaseClock(env, tenantId, caseId, now, { fire: false });
      return { wakeAt: after.wakeAt, caseVersion: after.caseVersion, recorded, events };
    }
  }
  // Due now but not yet recorded (arming after the fact): wake at once to record it.
  const wakeAt = !options.fire && fresh.length > 0 ? now.getTime() : (decision.nextWakeAt?.getTime() ?? null);
  return { wakeAt, caseVersion: context.caseRow.version, recorded, events };
}

/**
 * Why a stored open milestone the evaluation no longer has ends: the case was reclassified after
 * it started, or reopened (an earlier cycle), or else its policy no longer applies.
 */
function orphanReason(context: { timeline: { action: string; at: Date }[] }, row: MilestoneRow) {
  const since = row.startedAt ?? new Date(0);
  if (context.timeline.some((t) => t.action === 'reclassify' && t.at >= since)) return 'reclassified';
  const cycle = context.timeline.filter((t) => t.action === 'reopen').length;
  return row.cycle < cycle ? 'reopened' : 'policy_changed';
}

/** When the first breached, unmet milestone of the current cycle fell due (reminders never count). */
function earliestOverdue(decision: ClockDecision, now: Date): Date | null {
  const late = decision.milestones
    .filter(
      (m) =>
        m.status === 'breached' &&
        m.metAt === null &&
        m.endedAt === null &&
        m.dueAt !== null &&
        m.dueAt <= now,
    )
    .map((m) => (m.dueAt as Date).getTime());
  return late.length > 0 ? new Date(Math.min(...late)) : null;
}

/**
 * The follow-up due time when the policy's milestone no longer agrees with the case's column (a
 * policy or calendar changed after the step that scheduled it); null when nothing moved.
 */
function movedFollowupDue(decision: ClockDecision, row: CaseRow): Date | null {
  const m = decision.milestones.find((v) => v.milestone === followupMilestone);
  if (!m?.dueAt || m.metAt !== null || row.followupDueAt === null || row.followedUpAt !== null) return null;
  return m.dueAt.getTime() === row.followupDueAt.getTime() ? null : m.dueAt;
}
