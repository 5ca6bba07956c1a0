import { AppError } from '../errors';
import { type ActionName, type CaseAction, type CaseActionInput, CaseActionSchema } from './actions';
import type { Actor } from './actor';
import type { Effect, EffectContext, EffectFn } from './effect';
import { commonEffects } from './effects-common';
import { complaintEffects } from './effects-complaint';
import { reclassify } from './effects-reclassify';
import { repairEffects } from './effects-repair';
import {
  actionFailure,
  allowedActions,
  type CaseDeadlines,
  hasCapability,
  illegalTransition,
  preconditionFailure,
} from './guards';
import type { CaseSnapshot, CaseStatus, CaseTransition, TimelineEntry } from './model';
import type { CaseSettings } from './settings';
import { ruleFor } from './transitions';

export type { AllowedAction, CaseDeadlines } from './guards';
export { allowedActions } from './guards';
export { caseGraph, statusesByKind } from './transitions';

const effects: { [N in ActionName]: EffectFn<N> } = {
  ...repairEffects,
  ...complaintEffects,
  ...commonEffects,
  reclassify,
};

function parseAction(input: CaseActionInput | CaseAction): CaseAction {
  const parsed = CaseActionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('validation_failed', 'The action is not valid', {
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
  });
}

/**
 * Takes one step of the case flow. Pure: time and tenant settings come in as arguments.
 *
 * Throws AppError:
 * - `validation_failed` when the action's payload is malformed;
 * - `illegal_transition` (409) when the kind has no such step, the status does not allow it, or
 *   the case's data forbids it now (deadline not passed, claim awaiting approval, forfeited
 *   contractor...), with `extra: { status, action, reason, allowed, nextStatuses }`;
 * - `forbidden` when the step is allowed now but not for this actor, with the actor's `allowed`.
 *
 * `deadlines` are the SLA's due times the step's preconditions read (a forfeit needs the contact
 * deadline passed); the edge computes them with core's SLA rules.
 *
 * First-ask responsibility (首问负责制): a case without a first-ask owner takes the first staff
 * member who acts on it; once set, nothing changes it.
 */
export function applyAction(
  snapshot: CaseSnapshot,
  input: CaseActionInput | CaseAction,
  actor: Actor,
  now: Date,
  settings: CaseSettings,
  deadlines?: CaseDeadlines,
): CaseTransition {
  const action = parseAction(input);
  const opts = { now, settings, ...(deadlines && { deadlines }) };
  const rule = ruleFor(snapshot.kind, action.type);
  if (!rule)
    throw illegalTransition(snapshot, actor, action.type, `a ${snapshot.kind} has no such step`, opts);
  if (!rule.from.includes(snapshot.status)) {
    throw illegalTransition(snapshot, actor, action.type, `not from ${snapshot.status}`, opts);
  }
  if (!rule.by.some((c) => hasCapability(snapshot, actor, c, settings))) {
    throw new AppError('forbidden', `A ${actor.kind} may not ${action.type} this case`, {
      extra: { action: action.type, allowed: allowedActions(snapshot, actor, opts).map((a) => a.action) },
    });
  }
  const failure =
    preconditionFailure(snapshot, action.type, settings, now, deadlines) ?? actionFailure(snapshot, action);
  if (failure) throw illegalTransition(snapshot, actor, action.type, failure, opts);

  const ctx: EffectContext = { snapshot, actor, now, settings, ...(deadlines && { deadlines }) };
  const effect = (effects[action.type] as (c: EffectContext, a: CaseAction) => Effect)(ctx, action);

  const status = nextStatus(snapshot, rule.to, effect.status);
  const changes: CaseTransition['changes'] = { ...effect.changes };
  if (status !== snapshot.status) changes.status = status;
  if (snapshot.firstAskOwnerId === null && actor.kind === 'staff') changes.firstAskOwnerId = actor.id;

  const timeline: TimelineEntry[] = (effect.timeline ?? []).map((t) => ({
    at: now,
    actorType: actor.kind,
    actorId: actor.kind === 'system' ? null : actor.id,
    note: t.note ?? null,
    data: t.data ?? {},
    action: t.action,
    visibility: t.visibility,
  }));
  const events = (effect.events ?? []).map((e) => ({
    name: e.name,
    caseId: snapshot.id,
    at: now,
    data: { ...e.data, status, actor: { kind: actor.kind, id: actor.id } },
  }));
  const linkedParties = effect.parties ?? [];
  const next: CaseSnapshot = { ...snapshot, ...changes };
  if (linkedParties.length > 0) next.parties = [...(snapshot.parties ?? []), ...linkedParties];
  return { next, changes, timeline, events, linkedParties };
}

/** The status after the step: the effect's choice when it has one, else the graph's single target. */
function nextStatus(snapshot: CaseSnapshot, declared: readonly (CaseStatus | 'stay')[], chosen?: CaseStatus) {
  const targets = declared.map((t) => (t === 'stay' ? snapshot.status : t));
  if (chosen !== undefined) {
    if (targets.includes(chosen)) return chosen;
    throw new AppError('internal', `A step led to ${chosen}, outside the declared graph`);
  }
  return targets[0] ?? snapshot.status;
}
