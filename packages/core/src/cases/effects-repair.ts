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
    const changes = dispatchChanges(ctx, a);
    const data = dispatchEventData(ctx, changes);
    return {
      changes,
      timeline: [{ action: 'dispatch', visibility: 'internal', note: a.note ?? null, data }],
      events: [{ name: 'case.dispatched', data }],
    };
  },

  reassign(ctx, a) {
    refuseForfeited(ctx, a);
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
        { action: 'reassign', visibility: 'internal', note: a.note ?? null, data: { ...data, from } },
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
