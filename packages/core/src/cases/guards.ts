import { AppError } from '../errors';
import type { ActionName, CaseAction } from './actions';
import { type Actor, holdsRole, isDeskHandler, reclassifyingRoles } from './actor';
import { claimPendingApproval, formatFen, incidentMissing, severityNeedsIncident } from './complaint';
import type { CaseSnapshot, CaseStatus } from './model';
import { groupPartiesMissing } from './parties';
import { type CaseSettings, defaultCaseSettings } from './settings';
import { type Capability, caseGraph, type TransitionRule } from './transitions';

/** Whether the actor holds a capability on this case right now. */
export function hasCapability(
  snapshot: CaseSnapshot,
  actor: Actor,
  capability: Capability,
  settings: CaseSettings,
): boolean {
  switch (capability) {
    case 'desk':
      return isDeskHandler(actor);
    case 'assigned_contractor':
      // A forfeited contractor has lost the job for good, even if someone dispatched it back by mistake.
      return (
        actor.kind === 'contractor' &&
        actor.contractorId !== undefined &&
        actor.contractorId === snapshot.contractorId &&
        !snapshot.forfeitedContractorIds.includes(actor.contractorId)
      );
    case 'case_owner':
      // The owner link names the owner, or the case itself when the sender is not a known owner.
      return actor.kind === 'owner' && actor.id === (snapshot.ownerId ?? snapshot.id);
    case 'system':
      return actor.kind === 'system';
    case 'claim_approver':
      return holdsRole(actor, settings.claimApproverRoles);
    case 'case_supervisor':
      return holdsRole(actor, reclassifyingRoles);
  }
}

/**
 * Deadlines the SLA rules set for a case. The cases module does not define any itself: the SLA
 * policy in force (core's `sla` module: the `contractor_contact` milestone, 30 minutes after
 * dispatch, and the `followup` milestone, 3 days after completion or resolution, both round the
 * clock by default) is the one source, and the edge passes their due times in.
 */
export interface CaseDeadlines {
  /**
   * When the contractor must have contacted the owner; null when no contact milestone runs
   * (in-house job, contact made, the tenant's policies define none, a pause holds the clock).
   */
  contactDueAt: Date | null;
  /**
   * When the 回访 falls due, for a step that starts it (`followupStartingActions`: complete,
   * resolve): the SLA policy's `followup` milestone (default 3 days, round the clock) evaluated
   * with this step's facts. Absent or null: no follow-up is scheduled (the tenant's policies
   * define none), so `followup_due_at` stays empty and the follow-up report does not count it.
   */
  followupDueAt?: Date | null;
}

/**
 * Why a step that the graph allows cannot be taken on this case's data, or null.
 * `now` is optional so that listings without a clock skip the deadline check; a forfeit with
 * `now` but without `deadlines` is refused (nobody said when the contact was due).
 */
export function preconditionFailure(
  snapshot: CaseSnapshot,
  action: ActionName,
  settings: CaseSettings,
  now?: Date,
  deadlines?: CaseDeadlines,
): string | null {
  switch (action) {
    case 'forfeit': {
      if (snapshot.contractorId === null) return 'only a contractor forfeits a job; this one is in-house';
      if (!now) return null;
      if (!deadlines) return 'the contact deadline is not known';
      const due = deadlines.contactDueAt;
      if (due === null) return 'no contact deadline runs for this dispatch';
      if (now < due) return `the contact deadline ${due.toISOString()} has not passed`;
      return null;
    }
    case 'close':
      if (snapshot.kind === 'complaint' && claimPendingApproval(snapshot, settings)) {
        return `the claim of ${formatFen(snapshot.claimAmountFen ?? 0)} is above the threshold and awaits approval by ${settings.claimApproverRoles.join(' or ')}`;
      }
      return null;
    case 'resolve':
      return incidentMissing(snapshot)
        ? `a ${snapshot.severity} complaint needs its incident opened first`
        : null;
    case 'open_incident':
      if (!severityNeedsIncident(snapshot.severity))
        return 'only major and group complaints open an incident';
      return snapshot.state.incident ? 'the incident is already open' : null;
    case 'approve_claim':
      return claimPendingApproval(snapshot, settings) ? null : 'no claim awaits approval';
    default:
      return null;
  }
}

/**
 * Why this step, with its payload, cannot be taken on the case's data, or null: the checks that
 * depend on what the step asks for (so `allowedActions` still offers the step).
 * A complaint becomes a group complaint (群诉) only with its parties linked (`minGroupParties`).
 */
export function actionFailure(snapshot: CaseSnapshot, action: CaseAction): string | null {
  if (action.type === 'set_severity' && action.severity === 'group') return groupPartiesMissing(snapshot);
  if (action.type === 'reclassify') {
    const same =
      (action.kind ?? snapshot.kind) === snapshot.kind &&
      (action.category ?? snapshot.category) === snapshot.category &&
      (action.urgency ?? snapshot.urgency) === snapshot.urgency &&
      (action.projectId === undefined || action.projectId === snapshot.projectId);
    if (same) return 'the reclassification changes nothing';
  }
  return null;
}

export interface AllowedAction {
  action: ActionName;
  /** The statuses the step may lead to from here. */
  to: CaseStatus[];
}

function targetsFrom(snapshot: CaseSnapshot, rule: TransitionRule): CaseStatus[] {
  if (rule.action === 'resume') return [snapshot.state.pausedFrom ?? (rule.to[0] as CaseStatus)];
  const to = rule.to.map((t) => (t === 'stay' ? snapshot.status : t));
  return [...new Set(to)];
}

/**
 * What this actor may do next on the case. With `now`, deadline preconditions are checked
 * too; settings default to the platform defaults.
 */
export function allowedActions(
  snapshot: CaseSnapshot,
  actor: Actor,
  options: { now?: Date; settings?: CaseSettings; deadlines?: CaseDeadlines } = {},
): AllowedAction[] {
  const settings = options.settings ?? defaultCaseSettings;
  return caseGraph[snapshot.kind]
    .filter((rule) => rule.from.includes(snapshot.status))
    .filter((rule) => rule.by.some((c) => hasCapability(snapshot, actor, c, settings)))
    .filter(
      (rule) => preconditionFailure(snapshot, rule.action, settings, options.now, options.deadlines) === null,
    )
    .map((rule) => ({ action: rule.action, to: targetsFrom(snapshot, rule) }));
}

/** The 409 for a step not allowed now, naming the actor's allowed next steps and statuses. */
export function illegalTransition(
  snapshot: CaseSnapshot,
  actor: Actor,
  action: ActionName,
  reason: string,
  options: { now?: Date; settings?: CaseSettings; deadlines?: CaseDeadlines } = {},
): AppError {
  const allowed = allowedActions(snapshot, actor, options);
  return new AppError(
    'illegal_transition',
    `Cannot ${action} a ${snapshot.status} ${snapshot.kind}: ${reason}`,
    {
      extra: {
        status: snapshot.status,
        action,
        reason,
        allowed: allowed.map((a) => a.action),
        nextStatuses: [...new Set(allowed.flatMap((a) => a.to))],
      },
    },
  );
}
