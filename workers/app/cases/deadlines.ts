import { cases as core } from '@guanjia/core';
import type { CaseRow } from '../../data/case-support';
import type { TenantScope } from '../../data/scope';
import { type ClockContext, loadClockContext } from '../../data/sla-clock';
import { contactDueOf, evaluateCase, followupDueOf } from '../sla/decide';

/**
 * The due times a case step reads from the SLA policies (`cases.CaseDeadlines`): the contractor
 * contact deadline (forfeit) and the 回访 due time (complete, resolve). The policy is the one
 * source of both; these ask the clock's own evaluation (`evaluateCase`), so a step and the clock
 * never disagree.
 */

/** The due times the case's SLA policies set at `scope.now` (what the clock itself evaluates). */
export async function slaDeadlines(scope: TenantScope, caseId: string): Promise<core.CaseDeadlines> {
  const context = await loadClockContext(scope, caseId);
  if (!context) return { contactDueAt: null };
  return { contactDueAt: contactDueOf(evaluateCase(context, scope.timeZone, scope.now)) };
}

/**
 * The deadlines a listing of allowed actions needs: the SLA is evaluated only for a dispatched
 * contractor job (the only case a forfeit can apply to); others answer without a D1 read.
 */
export async function listingDeadlines(scope: TenantScope, row: CaseRow): Promise<core.CaseDeadlines> {
  if (row.kind !== 'repair' || row.status !== 'dispatched' || !row.contractorId)
    return { contactDueAt: null };
  return slaDeadlines(scope, row.id);
}

/**
 * The deadlines one step needs, or undefined when it needs none. A step that starts the
 * follow-up (`core.followupStartingActions`) is run once without them (pure) for its facts (its
 * timeline rows and the fields it changes); the clock's evaluation with those facts appended
 * gives the policy's `followup` due time, which the real run then records in `followup_due_at`.
 */
export async function stepDeadlines(
  scope: TenantScope,
  row: CaseRow,
  step: {
    snapshot: core.CaseSnapshot;
    action: core.CaseAction;
    actor: core.Actor;
    settings: core.CaseSettings;
  },
): Promise<core.CaseDeadlines | undefined> {
  if (step.action.type === 'forfeit') return slaDeadlines(scope, row.id);
  if (!(core.followupStartingActions as readonly string[]).includes(step.action.type)) return undefined;
  let dry: core.CaseTransition;
  try {
    dry = core.applyAction(step.snapshot, step.action, step.actor, scope.now, step.settings);
  } catch {
    return undefined; // the real run answers the same refusal
  }
  const context = await loadClockContext(scope, row.id);
  if (!context) return { contactDueAt: null, followupDueAt: null };
  const after: ClockContext = {
    ...context,
    caseRow: { ...context.caseRow, ...(dry.changes as Partial<CaseRow>) },
    timeline: [
      ...context.timeline,
      ...dry.timeline.map((t) => ({ action: t.action, at: t.at, data: t.data, visibility: t.visibility })),
    ],
  };
  return { contactDueAt: null, followupDueAt: followupDueOf(evaluateCase(after, scope.timeZone, scope.now)) };
}

/**
 * When a milestone of the case's current run falls due, per the clock's own evaluation at
 * `scope.now` (null when it has not started, is met or ended): the deadline a message names,
 * e.g. the department's feedback, an hour before the complaint's reply is due.
 */
export async function milestoneDueAt(scope: TenantScope, caseId: string, key: string): Promise<Date | null> {
  const context = await loadClockContext(scope, caseId);
  if (!context) return null;
  const view = evaluateCase(context, scope.timeZone, scope.now).milestones.find((m) => m.milestone === key);
  return view && view.status !== 'not_started' && view.metAt === null && view.endedAt === null
    ? view.dueAt
    : null;
}
