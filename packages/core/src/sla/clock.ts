/*
 * The clock decision: given a case's facts, its milestones and the time, what is due now and
 * when to wake next. Pure: the Durable Object re-reads the case, calls this, writes the actions
 * under their keys (INSERT … ON CONFLICT DO NOTHING) and arms `nextWakeAt`. Everything is
 * recomputed from the facts each time, so a policy or calendar change simply takes effect.
 */

import { localDateOf } from '../time-zone';
import {
  addBusinessTime,
  addBusinessTimeWithPauses,
  businessTimeBetween,
  endOfWorkingDay,
  type Pause,
  pausedBusinessTime,
} from './business-time';
import { type Calendar, roundTheClock } from './calendar';
import {
  actionKey,
  type CaseEventFact,
  type ClockDecision,
  type ClockFacts,
  type ClockInput,
  type MilestoneView,
  type SlaAction,
  sortEvents,
  stoppedStatuses,
} from './clock-facts';
import { canStillBeMet, leavingEvents } from './milestone-reach';
import type { ResolvedMilestone } from './policy';

/**
 * What is due for a case at `now`: new warnings and breaches (none whose key is in `recorded`,
 * so evaluating again at the same or a later time adds nothing twice), the next instant worth
 * waking for, and a view of each milestone in the current cycle (a reopen starts a new cycle).
 * A breach supersedes a warning not yet recorded: a late alarm does not warn about the past.
 */
export function evaluateClock(input: ClockInput): ClockDecision {
  const events = sortEvents(input.facts.events);
  const current = evaluateCycle(input, events, input.now);
  // Each earlier cycle as it stood at the reopen that ended it.
  const previousCycles: MilestoneView[] = [];
  events.forEach((e, i) => {
    if (e.name !== 'case.reopened') return;
    const before = events.slice(0, i);
    // The status before the reopen is not among the facts: only the steps decide an end there.
    const atReopen = evaluateCycle(input, before, e.at, false);
    for (const view of atReopen.milestones) {
      if (view.status === 'not_started') continue;
      if (view.status === 'running' || view.status === 'paused') {
        Object.assign(view, { status: 'cancelled', endedAt: e.at, endReason: 'reopened' });
      }
      previousCycles.push(view);
    }
  });
  return { ...current, previousCycles };
}

/** The current cycle of `events` (the milestones since the last reopen) at `now`. */
function evaluateCycle(
  input: ClockInput,
  events: CaseEventFact[],
  now: Date,
  statusKnown = true,
): Omit<ClockDecision, 'previousCycles'> {
  const { facts, calendar } = input;
  const recorded = new Map((input.recorded ?? []).map((r) => [r.key, r.at]));
  const reopens = events.filter((e) => e.name === 'case.reopened').map((e) => e.at);
  const ctx: Ctx = {
    facts,
    events,
    reopens,
    cycle: reopens.length,
    calendar,
    now,
    recorded,
    dues: new Map(),
    notBefore: input.notBefore ?? new Map(),
    statusKnown,
  };
  const decision = {
    actions: [] as SlaAction[],
    nextWakeAt: null as Date | null,
    milestones: [] as MilestoneView[],
  };
  // Without the kind, closed and cancelled stop every clock outright (no view); with it, each
  // milestone ends at the step that closed the case, with its reason.
  if (statusKnown && facts.kind === undefined && stoppedStatuses.includes(facts.status)) return decision;

  // Anchors first: relative milestones read their due times.
  const ordered = [...input.milestones].sort((a, b) => rankOf(a) - rankOf(b));
  const wakes: number[] = [];
  for (const m of ordered) {
    const result = m.target.kind === 'end_of_working_day' ? evaluateDaily(m, ctx) : evaluateOnce(m, ctx);
    decision.actions.push(...result.actions);
    decision.milestones.push(result.view);
    if (result.wake) wakes.push(result.wake.getTime());
  }
  const future = wakes.filter((w) => w > now.getTime());
  decision.nextWakeAt = future.length > 0 ? new Date(Math.min(...future)) : null;
  const byKey = new Map(input.milestones.map((m, i) => [m.key, i]));
  decision.milestones.sort((a, b) => (byKey.get(a.milestone) ?? 0) - (byKey.get(b.milestone) ?? 0));
  return decision;
}

interface Ctx {
  facts: ClockFacts;
  events: CaseEventFact[];
  reopens: Date[];
  cycle: number;
  calendar: Calendar;
  now: Date;
  recorded: Map<string, Date>;
  dues: Map<string, Date | null>;
  notBefore: ReadonlyMap<string, Date>;
  /** False when judging an earlier cycle at its reopen: `facts.status` is not the status then. */
  statusKnown: boolean;
}

interface Outcome {
  actions: SlaAction[];
  view: MilestoneView;
  wake: Date | null;
}

// The earliest valid Date: a cycle with no reopen before it starts here.
const beginningOfTime = new Date(-8.64e15);
const rankOf = (m: ResolvedMilestone) => (m.target.kind === 'relative' ? 1 : 0);
const minutes = (n: number) => n * 60_000;

function calendarFor(m: ResolvedMilestone, calendar: Calendar): Calendar {
  return m.calendar === 'round_the_clock' ? roundTheClock(calendar.timeZone) : calendar;
}

function firstAtOrAfter(events: CaseEventFact[], names: readonly string[], from: Date): Date | null {
  return events.find((e) => names.includes(e.name) && e.at >= from)?.at ?? null;
}

/** After a reopen a milestone that had started before restarts at the reopen, unless it waits for its start event. */
function restartsAtReopen(m: ResolvedMilestone, ctx: Ctx): boolean {
  return (
    m.reopen !== 'next_start' && ctx.reopens.length > 0 && ctx.events.some((e) => m.startOn.includes(e.name))
  );
}

/** Where the current run of a one-shot milestone starts, which run it is, and when it was met. */
function runOf(m: ResolvedMilestone, ctx: Ctx): { start: Date; run: number; metAt: Date | null } | null {
  const cycleStart = ctx.reopens.at(-1) ?? beginningOfTime;
  const starts = ctx.events.filter((e) => m.startOn.includes(e.name) && e.at >= cycleStart).map((e) => e.at);
  if (starts.length === 0 && restartsAtReopen(m, ctx)) starts.push(cycleStart);
  const notBefore = ctx.notBefore.get(m.key);
  if (notBefore && starts.length > 0) {
    // Not back-dated: a run that began before the milestone applied to the case starts when it did.
    const later = starts.filter((t) => t > notBefore);
    starts.splice(0, starts.length, notBefore, ...later);
  }
  const first = starts[0];
  if (!first) return null;
  let start = first;
  let run = 0;
  for (const next of starts.slice(1)) {
    const met = firstAtOrAfter(ctx.events, m.stopOn, start);
    if (met && met <= next) break;
    // A later start event before the stop (a re-dispatch) restarts the clock.
    start = next;
    run++;
  }
  return { start, run, metAt: firstAtOrAfter(ctx.events, m.stopOn, start) };
}

function pausesFor(m: ResolvedMilestone, ctx: Ctx, start: Date): Pause[] {
  const pauses: Pause[] = ctx.facts.statusSpans
    .filter((s) => m.pauseOn.includes(s.status))
    .map((s) => ({ start: s.start, end: s.end }));
  if (m.reopen === 'continue') {
    // Continue: the time between the previous cycle's end and each reopen does not count.
    // The previous cycle ends at its stop event, or failing one at its last event.
    let cycleStart = start;
    for (const reopenedAt of ctx.reopens) {
      if (reopenedAt <= start) continue;
      const inCycle = ctx.events.filter(
        (e) => e.at >= cycleStart && e.at < reopenedAt && e.name !== 'case.reopened',
      );
      const stop = inCycle.find((e) => m.stopOn.includes(e.name))?.at;
      pauses.push({ start: stop ?? inCycle.at(-1)?.at ?? reopenedAt, end: reopenedAt });
      cycleStart = reopenedAt;
    }
  }
  return pauses;
}

function evaluateOnce(m: ResolvedMilestone, ctx: Ctx): Outcome {
  const view = emptyView(m, ctx.cycle);
  const run = runOf(m, ctx);
  if (!run) {
    ctx.dues.set(m.key, null);
    return { actions: [], view, wake: null };
  }
  // Continue mode reaches back to the first cycle's start; restart keeps the current one.
  const continuedFrom = m.reopen === 'continue' ? continuedStart(m, ctx) : null;
  const floor = ctx.notBefore.get(m.key);
  const continued = continuedFrom && floor && continuedFrom < floor ? floor : continuedFrom;
  const start = continued ?? run.start;
  const metAt = continued ? firstAtOrAfter(ctx.events, m.stopOn, ctx.reopens.at(-1)!) : run.metAt;
  const occurrence = run.run > 0 && !continued ? `r${run.run}` : null;
  const cal = calendarFor(m, ctx.calendar);
  const pauses = pausesFor(m, ctx, start);

  let due: Date | null;
  if (m.target.kind === 'relative') {
    const anchor = ctx.dues.get(m.target.to);
    due = anchor ? addBusinessTime(anchor, minutes(m.target.offsetMinutes), cal) : null;
  } else if (m.target.kind === 'duration') {
    due = addBusinessTimeWithPauses(start, minutes(m.target.minutes), cal, pauses);
  } else due = null;
  ctx.dues.set(m.key, due);

  const endedAt = metAt ? null : endOf(m, ctx, start);
  // An ended milestone is judged as it stood when it ended: nothing falls due after that.
  const at = endedAt && endedAt < ctx.now ? { ...ctx, now: endedAt } : ctx;
  const until = metAt ?? at.now;
  Object.assign(view, {
    occurrence,
    startedAt: start,
    dueAt: due,
    metAt,
    pausedMs: pausedBusinessTime(start, due && due < until ? due : until, cal, pauses),
  });
  const paused = !metAt && pauses.some((p) => p.end === null && p.start <= at.now);
  view.status = metAt ? 'met' : paused ? 'paused' : 'running';
  if (!due) return ended({ actions: [], view, wake: null }, endedAt);
  view.warnAt = warnAt(m, start, due, cal, pauses);
  const outcome = decide(m, at, view, occurrence, due, metAt);
  if (metAt && m.type === 'deadline' && metAt > due) view.status = 'met_late';
  return ended(outcome, endedAt);
}

/**
 * When an unmet milestone ended because the case can no longer meet it: the first step after the
 * start that left its meetable statuses for good, or (the case's status says it is out, by a
 * step with several targets) the case's last step; null while it can still be met.
 */
function endOf(m: ResolvedMilestone, ctx: Ctx, start: Date): Date | null {
  const kind = ctx.facts.kind;
  if (kind === undefined) return null;
  const leaving = leavingEvents(kind, m);
  const left = ctx.events.find((e) => e.at >= start && e.at <= ctx.now && leaving.has(e.name))?.at;
  if (left) return left;
  if (!ctx.statusKnown || canStillBeMet(kind, ctx.facts.status, m)) return null;
  return ctx.events.filter((e) => e.at >= start && e.at <= ctx.now).at(-1)?.at ?? ctx.now;
}

/** An ended milestone: cancelled unless it breached first; no wake. */
function ended(outcome: Outcome, endedAt: Date | null): Outcome {
  if (!endedAt) return outcome;
  const view = outcome.view;
  if (view.status !== 'breached') view.status = 'cancelled';
  view.endedAt = endedAt;
  view.endReason = 'case_moved_on';
  return { ...outcome, wake: null };
}

/** For `continue`: the start of the run in the earliest cycle where the milestone started. */
function continuedStart(m: ResolvedMilestone, ctx: Ctx): Date | null {
  if (ctx.reopens.length === 0) return null;
  return ctx.events.find((e) => m.startOn.includes(e.name))?.at ?? null;
}

function warnAt(m: ResolvedMilestone, start: Date, due: Date, cal: Calendar, pauses: Pause[]): Date | null {
  if (!m.warning) return null;
  if ('share' in m.warning) {
    const total = businessTimeBetween(start, due, cal, pauses);
    if (total <= 0) return null;
    return addBusinessTimeWithPauses(start, Math.round(total * m.warning.share), cal, pauses);
  }
  const at = addBusinessTime(due, -minutes(m.warning.leadMinutes), cal);
  return at < start ? start : at;
}

/** The shared tail: actions due now and the next wake for one occurrence. */
function decide(
  m: ResolvedMilestone,
  ctx: Ctx,
  view: MilestoneView,
  occurrence: string | null,
  due: Date,
  metAt: Date | null,
): Outcome {
  const breachKind = m.type === 'reminder' ? 'due' : 'breach';
  const breachKey = actionKey(ctx.facts.caseId, m.key, breachKind, ctx.cycle, occurrence);
  const warnKey = actionKey(ctx.facts.caseId, m.key, 'warning', ctx.cycle, occurrence);
  const actions: SlaAction[] = [];
  const action = (kind: SlaAction['kind'], key: string, at: Date): SlaAction => ({
    key,
    kind,
    caseId: ctx.facts.caseId,
    milestone: m.key,
    policyId: m.policyId,
    cycle: ctx.cycle,
    occurrence,
    dueAt: due,
    at,
    escalate:
      kind === 'warning' ? m.onWarning === 'escalate' : kind === 'breach' && m.onBreach.includes('escalate'),
    forfeitContractor: kind === 'breach' && m.onBreach.includes('forfeit_contractor'),
  });
  const missed = due <= ctx.now && (!metAt || metAt > due);
  const breachRecorded = ctx.recorded.get(breachKey);
  if (missed && !breachRecorded) actions.push(action(breachKind, breachKey, due));
  // A reminder that came due is not a miss: nothing breached, the milestone stays open.
  const reminder = m.type === 'reminder';
  view.breachedAt = reminder ? null : (breachRecorded ?? (missed ? ctx.now : null));
  const warn = view.warnAt;
  const warnDue = warn !== null && warn <= ctx.now && (!metAt || metAt > warn);
  const warnRecorded = ctx.recorded.get(warnKey);
  if (warnDue && !missed && !warnRecorded) actions.push(action('warning', warnKey, warn));
  view.warnedAt = warnRecorded ?? (warnDue && !missed ? ctx.now : null);
  if (missed && !metAt && !reminder) view.status = 'breached';

  let wake: Date | null = null;
  if (!metAt) wake = warn && warn > ctx.now ? warn : due > ctx.now ? due : null;
  return { actions, view, wake };
}

/** A milestone due at the close of every working day until its series ends. */
function evaluateDaily(m: ResolvedMilestone, ctx: Ctx): Outcome {
  const view = emptyView(m, ctx.cycle);
  const cycleStart = ctx.reopens.at(-1) ?? beginningOfTime;
  const first =
    firstAtOrAfter(ctx.events, m.startOn, cycleStart) ?? (restartsAtReopen(m, ctx) ? cycleStart : null);
  if (!first) return { actions: [], view, wake: null };
  const floor = ctx.notBefore.get(m.key);
  const start = floor && floor > first ? floor : first;
  const kind = ctx.facts.kind;
  const ends = kind === undefined ? m.endOn : [...m.endOn, ...leavingEvents(kind, m)];
  const end = firstAtOrAfter(ctx.events, ends, start);
  const cal = calendarFor(m, ctx.calendar);
  const actions: SlaAction[] = [];
  let from = start;
  // Past occurrences (bounded by now): each missed working day is its own breach.
  for (;;) {
    const due = endOfWorkingDay(from, cal);
    if (end && end <= due) {
      Object.assign(view, { status: 'ended', startedAt: from, dueAt: null });
      return { actions, view, wake: null };
    }
    const occurrence = localDateOf(due.getTime() - 1, cal.timeZone);
    const metAt = ctx.events.find((e) => m.stopOn.includes(e.name) && e.at > from && e.at <= due)?.at ?? null;
    Object.assign(view, {
      occurrence,
      startedAt: from,
      dueAt: due,
      metAt,
      status: metAt ? 'met' : 'running',
    });
    view.warnAt = warnAt(m, from, due, cal, []);
    const outcome = decide(m, ctx, view, occurrence, due, metAt);
    actions.push(...outcome.actions);
    if (due > ctx.now) return { actions, view, wake: outcome.wake ?? due };
    from = due;
  }
}

function emptyView(m: ResolvedMilestone, cycle: number): MilestoneView {
  return {
    milestone: m.key,
    policyId: m.policyId,
    cycle,
    occurrence: null,
    status: 'not_started',
    startedAt: null,
    warnAt: null,
    dueAt: null,
    warnedAt: null,
    breachedAt: null,
    metAt: null,
    endedAt: null,
    endReason: null,
    pausedMs: 0,
  };
}
