import { type cases as core, sla } from '@guanjia/core';
import type { MilestoneStatus } from '@guanjia/core/db/schema';
import type { CaseRow } from '../../data/case-support';
import { clockChanged, clockWake } from '../../data/commit';
import type { TenantScope } from '../../data/scope';
import type {
  CalendarRow,
  ClockAction,
  ClockContext,
  ClockInputs,
  MilestoneProjection,
  PlaceRef,
  RungRow,
} from '../../data/sla-clock';
import { milestoneWrites, rowAt } from '../../data/sla-clock';

/*
 * The only place the edge speaks to core's SLA rules: it turns what `loadClockContext` read into
 * core's inputs (policies, the calendar in force, the case's facts), asks `sla.evaluateClock`
 * what is due, and shapes the answer as rows to write. Pure apart from reading its arguments.
 */

/** The repair contact milestone (seed 000 1.I: the contractor contacts the owner within 30 minutes). */
export const contractorContact = 'contractor_contact';

/** One escalation an action moves the case up by, with whom the rung names. */
export interface Escalation {
  action: ClockAction;
  /** Index in `sla.escalationRungs` (= `cases.escalation_level`). */
  level: number;
}

/** What core decided about a case at one instant, in the shape the edge writes. */
export interface ClockDecision {
  /** The current cycle's milestones that have started. */
  milestones: MilestoneProjection[];
  /** The earlier cycles' milestones as they stood at each reopen (a follow-up done unsatisfied is met). */
  previousCycles: MilestoneProjection[];
  /** Warnings, breaches and reminders due at `now` and not yet recorded, each under its unique key. */
  due: ClockAction[];
  /** Rungs climbed because of `due` (escalate on breach, or on warning where the policy says so). */
  escalations: Escalation[];
  nextWakeAt: Date | null;
  /** A breach whose policy says forfeit_contractor: the cases layer takes the job back. */
  forfeitContractor: boolean;
}

/**
 * The stored policies of the tenant, parsed with core's schema; a tenant with none runs on
 * `sla.defaultPolicies`. A stored row that no longer parses is skipped (the API validates on
 * write, so only a hand-edited row can get here) rather than stopping every clock of the tenant.
 */
export function policiesOf(rows: ClockContext['policies']): readonly sla.Policy[] {
  if (rows.length === 0) return sla.defaultPolicies;
  return rows.flatMap((r) => {
    const parsed = sla.PolicySchema.safeParse({
      id: r.id,
      name: r.name,
      enabled: r.enabled,
      priority: r.priority,
      match: r.match,
      milestones: r.milestones,
    });
    return parsed.success ? [parsed.data] : [];
  });
}

const layerFields = (row: CalendarRow) => ({
  timeZone: row.timeZone,
  hours: row.hours,
  holidays: row.holidays,
  makeUpDays: row.makeUpDays,
  ...(row.roundTheClock !== null && { roundTheClock: row.roundTheClock }),
  ...(row.makeUpHoursOf !== null && { makeUpHoursOf: row.makeUpHoursOf }),
});

/**
 * The tenant's calendar when it stores none (or a broken one): office hours (Mon–Fri 09:00–12:00,
 * 13:30–18:00) in the tenant's zone, with the shipped mainland holidays and 调休 days for a tenant
 * in Asia/Shanghai (2026; see `sla.cnMainlandDays`).
 */
export function defaultCalendar(timeZone: string): sla.Calendar {
  const office = { ...sla.officeHoursCalendar, timeZone };
  return timeZone === sla.defaultTimeZone ? sla.withHolidays(office, sla.cnMainlandDays()) : office;
}

/** The calendar in force for the case: the tenant row, then its branch's and project's overrides. */
export function calendarOf(context: ClockContext, timeZone: string): sla.Calendar {
  return calendarAt(context.calendars, context.caseRow, timeZone);
}

/**
 * The calendar in force at a place (tenant → branch → project), from the tenant's calendar rows;
 * the default calendar in the tenant's zone when the tenant stores none. The clock and the daily
 * department report both use this one merge.
 */
export function calendarAt(calendars: CalendarRow[], c: PlaceRef, timeZone: string): sla.Calendar {
  const tenantRow = rowAt(calendars, c, 'tenant');
  const base = tenantRow ? sla.CalendarSchema.safeParse(layerFields(tenantRow)) : null;
  const override = (row: CalendarRow | null) => {
    if (!row) return null;
    const parsed = sla.CalendarOverrideSchema.safeParse(layerFields(row));
    return parsed.success ? parsed.data : null;
  };
  return sla.mergeCalendars(
    base?.success ? base.data : defaultCalendar(timeZone),
    override(rowAt(calendars, c, 'branch')),
    override(rowAt(calendars, c, 'project')),
  );
}

/** The ladder of the case's place: who sits on each rung at its project, branch and tenant. */
export function ladderOf(rungs: RungRow[], context: ClockContext): sla.Ladder {
  const level = (where: 'tenant' | 'branch' | 'project'): sla.RungAssignments => {
    const assignments: sla.RungAssignments = {};
    for (const r of rungs) {
      if (rowAt([r], context.caseRow, where)) assignments[r.level] = r.staffIds;
    }
    return assignments;
  };
  return { tenant: level('tenant'), branch: level('branch'), project: level('project') };
}

/** Core's view of a milestone as the `case_milestones` row status. */
function rowStatus(view: sla.MilestoneView): MilestoneStatus {
  switch (view.status) {
    case 'met':
    case 'met_late':
    case 'breached':
    case 'paused':
    case 'ended':
    case 'cancelled':
      return view.status;
    default:
      return view.warnedAt ? 'warned' : 'pending';
  }
}

/**
 * Per milestone key, the instant before which it does not run on this case ("what happened
 * stays what happened": never back-dated): no earlier than the case's last reclassification in
 * the cycle, nor than the last change of its stored policy when that came after the case was
 * created (a policy added, enabled or widened later); a run that already started since keeps its
 * start when the policy is edited again.
 */
export function notBeforeOf(
  context: ClockContext,
  milestones: readonly sla.ResolvedMilestone[],
  cycle: number,
): Map<string, Date> {
  const rows = new Map(context.milestones.filter((r) => r.cycle === cycle).map((r) => [r.milestone, r]));
  const reopens = context.timeline.filter((t) => t.action === 'reopen').map((t) => t.at);
  const cycleStart = reopens.at(-1) ?? new Date(0);
  const reclassified = context.timeline
    .filter((t) => t.action === 'reclassify' && t.at >= cycleStart)
    .at(-1)?.at;
  const floors = new Map<string, Date>();
  for (const m of milestones) {
    const policy = context.policies.find((p) => p.id === m.policyId);
    const changed = policy && policy.updatedAt > context.caseRow.createdAt ? policy.updatedAt : null;
    const latest = [changed, reclassified]
      .filter((d): d is Date => !!d)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if (!latest) continue;
    // A later edit of the policy does not move a run that already started after the change; a
    // reclassification that hands the key to another policy starts it again from then.
    const row = rows.get(m.key);
    const started = row?.startedAt;
    const handedOver =
      reclassified && row && row.policyId !== m.policyId && (!started || started < reclassified);
    floors.set(m.key, started && started < latest && !handedOver ? started : latest);
  }
  return floors;
}

function actionRow(a: sla.SlaAction): ClockAction {
  return {
    key: a.key,
    kind: a.kind,
    milestone: a.milestone,
    cycle: a.cycle,
    dueAt: a.dueAt,
    data: { policyId: a.policyId, occurrence: a.occurrence, at: a.at.toISOString() },
  };
}

/** The key of the escalation an action causes: one per breached (or warned) milestone run. */
function escalationKey(a: sla.SlaAction): string {
  return a.kind === 'breach'
    ? a.key.replace(`:${a.milestone}:breach:`, `:${a.milestone}:escalation:`)
    : a.key.replace(`:${a.milestone}:warning:`, `:${a.milestone}:near_breach_escalation:`);
}

/** The core evaluation of a case at `now`, from what the clock read (`timeZone`: the tenant's). */
export function evaluateCase(context: ClockContext, timeZone: string, now: Date) {
  const row = context.caseRow;
  const events = sla.eventsFromTimeline(context.timeline);
  const milestones = sla.resolveMilestones(policiesOf(context.policies), {
    kind: row.kind as core.CaseKind,
    urgency: row.urgency as core.Urgency,
    category: row.category,
    channel: row.channel as core.CaseChannel,
    projectId: row.projectId,
  });
  const cycle = events.filter((e) => e.name === 'case.reopened').length;
  const evaluation = sla.evaluateClock({
    facts: {
      caseId: row.id,
      kind: row.kind as core.CaseKind,
      status: row.status,
      events,
      statusSpans: sla.statusSpansFromEvents(events),
    },
    milestones,
    calendar: calendarOf(context, timeZone),
    now,
    recorded: context.recorded,
    notBefore: notBeforeOf(context, milestones, cycle),
  });
  return { ...evaluation, resolved: milestones };
}

/**
 * The follow-up milestone (回访: by default 3 days after completion or resolution): its due time
 * is the case's `followup_due_at`, the one the follow-up report counts.
 */
export const followupMilestone = 'followup';

/** When the current cycle's follow-up falls due, per the evaluation; null before it starts. */
export function followupDueOf(evaluation: Pick<sla.ClockDecision, 'milestones'>): Date | null {
  const view = evaluation.milestones.find((m) => m.milestone === followupMilestone);
  return view && view.status !== 'not_started' && view.endedAt === null ? view.dueAt : null;
}

/** When the contractor must have contacted the owner in the current run, per the evaluation. */
export function contactDueOf(evaluation: Pick<sla.ClockDecision, 'milestones'>): Date | null {
  const view = evaluation.milestones.find((m) => m.milestone === contractorContact);
  return view && view.metAt === null ? view.dueAt : null;
}

/**
 * Asks core what is due for the case at `now`: milestones from the stored policies (or the
 * defaults), the calendar in force, the timeline as facts, what was recorded before. Escalations
 * climb `sla.nextEscalation` over the place's rungs, one rung per escalating action, from the
 * rung the case has reached.
 */
export function decideClock(context: ClockContext, timeZone: string, now: Date): ClockDecision {
  const evaluation = evaluateCase(context, timeZone, now);
  const row = context.caseRow;
  const fresh = evaluation.actions.filter((a) => !context.actionKeys.has(a.key));
  const ladder = ladderOf(context.rungs, context);
  const escalations: Escalation[] = [];
  let current: sla.EscalationRung = sla.escalationRungs[row.escalationLevel] ?? 'agent';
  for (const a of fresh) {
    if (!a.escalate) continue;
    const key = escalationKey(a);
    if (context.actionKeys.has(key)) continue;
    const trigger = a.kind === 'breach' ? 'breach' : 'near_breach';
    const step = sla.nextEscalation({ ladder, current, trigger });
    // Nobody staffs a rung above: the breach is recorded, there is no one further to tell.
    if (!step) continue;
    current = step.rung;
    escalations.push({
      level: sla.escalationRungs.indexOf(step.rung),
      action: {
        key,
        kind: 'escalation',
        milestone: a.milestone,
        cycle: a.cycle,
        dueAt: a.dueAt,
        data: {
          level: step.rung,
          staffIds: step.staffIds,
          source: step.source,
          trigger,
          reason: `${a.milestone} ${a.kind === 'breach' ? 'breached' : 'near breach'}`,
        },
      },
    });
  }
  const policies = policiesOf(context.policies);
  const project = (m: sla.MilestoneView): MilestoneProjection => {
    const stored = context.policies.find((p) => p.id === m.policyId);
    return {
      milestone: m.milestone,
      cycle: m.cycle,
      policyId: m.policyId,
      policyName: stored?.name ?? policies.find((p) => p.id === m.policyId)?.name ?? null,
      policyVersion: stored?.version ?? null,
      status: rowStatus(m),
      startedAt: m.startedAt,
      warnAt: m.warnAt,
      dueAt: m.dueAt,
      metAt: m.metAt,
      endedAt: m.endedAt,
      endReason: m.endReason,
      pausedMs: Math.round(m.pausedMs),
    };
  };
  return {
    milestones: evaluation.milestones.filter((m) => m.status !== 'not_started').map(project),
    previousCycles: evaluation.previousCycles.map(project),
    due: fresh.map(actionRow),
    escalations,
    nextWakeAt: evaluation.nextWakeAt,
    // Also when the breach was recorded by an earlier run that stopped before the forfeit: the
    // cases layer's forfeit is idempotent, and only a dispatched contractor job can forfeit.
    forfeitContractor:
      row.status === 'dispatched' &&
      row.contractorId !== null &&
      (fresh.some((a) => a.forfeitContractor) ||
        evaluation.milestones.some(
          (m) =>
            m.status === 'breached' &&
            evaluation.resolved.find((r) => r.key === m.milestone)?.onBreach.includes('forfeit_contractor'),
        )),
  };
}

/**
 * The clock of a case being opened, evaluated on what the intake writes (the case row, its
 * timeline, no milestone yet) as the clock's own `arm` would evaluate it after reading them
 * back: the milestone rows to write in the intake's batch and when the clock wakes
 * (`clockWake`), so arming needs no D1 read. When something is due at once (a zero-length
 * milestone, an escalation, a follow-up), it answers `clockChanged`: the clock re-reads and
 * records it. The queue's arm on `case.created` re-evaluates from D1 anyway (at least once).
 */
export function clockAtIntake(
  scope: TenantScope,
  row: CaseRow,
  timeline: readonly core.TimelineEntry[],
  inputs: ClockInputs,
): unknown[] {
  const context: ClockContext = {
    caseRow: row,
    ...inputs,
    milestones: [],
    // As read back from D1: the data is JSON.
    timeline: timeline.map((t) => ({
      action: t.action,
      at: t.at,
      data: t.data === null || t.data === undefined ? null : JSON.parse(JSON.stringify(t.data)),
      visibility: t.visibility,
    })),
    recorded: [],
    actionKeys: new Set(),
  };
  const decision = decideClock(context, scope.timeZone, scope.now);
  if (
    decision.due.length > 0 ||
    decision.escalations.length > 0 ||
    decision.forfeitContractor ||
    decision.milestones.some((m) => m.milestone === followupMilestone)
  )
    return [clockChanged(row.id)];
  return [
    ...milestoneWrites(
      scope,
      row.id,
      [],
      [...decision.previousCycles, ...decision.milestones],
      () => 'policy_changed',
    ),
    clockWake(row.id, decision.nextWakeAt?.getTime() ?? null, row.version),
  ];
}
