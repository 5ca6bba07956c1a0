import { mayOffer, type Override } from '../contractors/one-chance';
import { AppError } from '../errors';
import type { ActionOf } from './actions';
import { type Effect, type EffectContext, type EffectTable, iso } from './effect';
import { illegalTransition } from './guards';
import type { CaseChanges } from './model';

type DispatchLike = ActionOf<'dispatch'> | ActionOf<'reassign'>;

/** A fresh dispatch restarts the contact clock: whatever the last vendor booked no longer holds. */
function dispatchChanges(ctx: EffectContext, a: DispatchLike): CaseChanges {
  return {
    contractorId: a.contractorId ?? null,
    departmentId: a.departmentId ?? null,
    assigneeId: a.assigneeId ?? null,
    dispatchedAt: ctx.now,
    contactedAt: null,
    visitBookedFor: null,
    arrivedAt: null,
  };
}

function refuseForfeited(ctx: EffectContext, a: DispatchLike): void {
  if (a.contractorId && ctx.snapshot.forfeitedContractorIds.includes(a.contractorId)) {
    throw illegalTransition(
      ctx.snapshot,
      ctx.actor,
      a.type,
      `contractor ${a.contractorId} forfeited this repair and cannot take it again`,
      ctx,
    );
  }
}

/**
 * One chance per repair (每次报修只给施工单位1次机会): core's `mayOffer` over the contractors that
 * failed this repair. A manager's override (the tenant's override roles) lets it through with
 * its reason, which the dispatch records; anyone else's override is refused.
 */
function oneChance(ctx: EffectContext, a: DispatchLike): Override | null {
  if (a.oneChanceOverride && !ctx.actor.roles.some((r) => ctx.settings.oneChanceOverrideRoles.includes(r))) {
    throw new AppError('forbidden', 'Only a manager overrides the one-chance rule', {
      extra: { reason: 'one_chance_override_not_allowed' },
    });
  }
  if (!a.contractorId) return null;
  const decision = mayOffer({
    settings: { enabled: ctx.settings.oneChancePerRepair },
    contractorId: a.contractorId,
    attempts: (ctx.snapshot.state.failedContractorIds ?? []).map((contractorId) => ({
      contractorId,
      failure: 'reopened_not_fixed' as const,
    })),
    override: a.oneChanceOverride ? { managerId: ctx.actor.id, reason: a.oneChanceOverride.reason } : null,
  });
  if (!decision.allowed) {
    throw new AppError(
      'illegal_transition',
      `Contractor ${a.contractorId} failed this repair and had its one chance; a manager may override with a reason`,
      { extra: { reason: decision.code, contractorId: a.contractorId } },
    );
  }
  return decision.override;
}

/** The contact deadline is the SLA's (see the case's SLA view); the dispatch names who got the job. */
function dispatchEventData(_ctx: EffectContext, changes: CaseChanges) {
  return {
    contractorId: changes.contractorId,
    departmentId: changes.departmentId,
    assigneeId: changes.assigneeId,
  };
}

export const repairEffects: EffectTable<
  'dispatch' | 'reassign' | 'record_contact' | 'arrive' | 'complete' | 'sign_off' | 'forfeit'
> = {
  dispatch(ctx, a) {
    refuseForfeited(ctx, a);
    const override = oneChance(ctx, a);
    const changes = dispatchChanges(ctx, a);
    const data = dispatchEventData(ctx, changes);
    return {
      changes,
      timeline: [
        {
          action: 'dispatch',
          visibility: 'internal',
          note: a.note ?? null,
          data: override ? { ...data, oneChanceOverride: override } : data,
        },
      ],
      events: [{ name: 'case.dispatched', data }],
    };
  },

  reassign(ctx, a) {
    refuseForfeited(ctx, a);
    const override = oneChance(ctx, a);
    const s = ctx.snapshot;
    const same =
      (a.contractorId !== undefined && a.contractorId === s.contractorId) ||
      (a.departmentId !== undefined && a.departmentId === s.departmentId && s.contractorId === null);
    if (same) throw illegalTransition(s, ctx.actor, 'reassign', 'the case is already with that handler', ctx);
    const changes = dispatchChanges(ctx, a);
    const data = dispatchEventData(ctx, changes);
    const from = { contractorId: s.contractorId, departmentId: s.departmentId };
    return {
      changes,
      timeline: [
        {
          action: 'reassign',
          visibility: 'internal',
          note: a.note ?? null,
          data: { ...data, from, ...(override ? { oneChanceOverride: override } : {}) },
        },
      ],
      events: [
        { name: 'case.reassigned', data: { from, to: data } },
        { name: 'case.dispatched', data: { ...data, reassigned: true } },
      ],
    };
  },

  record_contact(ctx, a) {
    const data = { contractorId: ctx.snapshot.contractorId, visitBookedFor: iso(a.visitBookedFor) };
    return {
      changes: { contactedAt: ctx.now, visitBookedFor: a.visitBookedFor },
      timeline: [{ action: 'record_contact', visibility: 'owner', note: a.note ?? null, data }],
      events: [{ name: 'case.contacted', data }],
    };
  },

  arrive(ctx, a) {
    return {
      changes: { arrivedAt: ctx.now },
      timeline: [{ action: 'arrive', visibility: 'owner', note: a.note ?? null }],
      events: [{ name: 'case.arrived', data: { contractorId: ctx.snapshot.contractorId } }],
    };
  },

  complete(ctx, a) {
    // The 回访 due time is the SLA policy's followup milestone (one source), passed in by the edge.
    const due = ctx.deadlines?.followupDueAt ?? null;
    const data = {
      contractorId: ctx.snapshot.contractorId,
      departmentId: ctx.snapshot.departmentId,
      attachmentIds: a.attachmentIds,
    };
    return {
      // A new completion opens a new follow-up cycle.
      changes: {
        completedAt: ctx.now,
        followupDueAt: due,
        followedUpAt: null,
        satisfaction: null,
        lowRatingReason: null,
      },
      timeline: [
        { action: 'complete', visibility: 'owner', note: a.note, data: { attachmentIds: a.attachmentIds } },
      ],
      events: [
        { name: 'case.completed', data },
        { name: 'followup.scheduled', data: { dueAt: due ? iso(due) : null } },
      ],
    };
  },

  sign_off(ctx, a) {
    // The owner confirms only through the link; staff can only attach the signature taken on site.
    const expected = ctx.actor.kind === 'owner' ? 'owner_link' : 'signature';
    if (a.method !== expected) {
      throw new AppError('validation_failed', `A ${ctx.actor.kind} signs off by ${expected}`, {
        issues: [{ path: 'method', message: `must be ${expected}` }],
      });
    }
    const data = { method: a.method, signatureAttachmentId: a.signatureAttachmentId ?? null };
    return {
      changes: { signedOffAt: ctx.now },
      timeline: [{ action: 'sign_off', visibility: 'owner', data }],
      events: [{ name: 'case.signed_off', data }],
    };
  },

  forfeit(ctx, a): Effect {
    const s = ctx.snapshot;
    const contractorId = s.contractorId as string; // the precondition guarantees a contractor
    const due = ctx.deadlines?.contactDueAt ?? null;
    const data = {
      contractorId,
      dispatchedAt: s.dispatchedAt ? iso(s.dispatchedAt) : null,
      contactDueAt: due ? iso(due) : null,
    };
    return {
      // One chance per repair: the job is taken away and the contractor is barred from it.
      changes: {
        contractorId: null,
        assigneeId: null,
        forfeitedContractorIds: [...s.forfeitedContractorIds, contractorId],
      },
      timeline: [{ action: 'forfeit', visibility: 'internal', note: a.note ?? null, data }],
      events: [{ name: 'case.forfeited', data }],
    };
  },
};
