import type { ActionOf } from './actions';
import { type Effect, type EffectContext, type EffectTable, handlers, iso } from './effect';
import { isUnsatisfied } from './followup';
import type { CaseFlowState } from './model';
import { withinReworkWindow } from './rework';

type ReopenReason = ActionOf<'reopen'>['reason'];

/** Back to handling. A repair reopened within the rework window spoils its first-time fix. */
function reopen(ctx: EffectContext, reason: ReopenReason, note: string | null): Effect {
  const s = ctx.snapshot;
  const reworked =
    s.kind === 'repair' && s.completedAt !== null && withinReworkWindow(s.completedAt, ctx.now, ctx.settings);
  const reopenCount = s.reopenCount + 1;
  const events: NonNullable<Effect['events']> = [
    { name: 'case.reopened', data: { reason, reopenCount, notify: handlers(s) } },
  ];
  if (reworked) {
    events.push({
      name: 'repair.rework_detected',
      data: { originalCaseId: s.id, unitId: s.unitId, category: s.category, contractorId: s.contractorId },
    });
  }
  // The contractor that did the work failed it: a repair reopened after completion because the
  // owner was not satisfied or reported it again, or reworked within the window.
  const failed =
    s.kind === 'repair' &&
    s.contractorId !== null &&
    s.completedAt !== null &&
    (reworked || reason === 'unsatisfied_followup' || reason === 're_report');
  const failedContractorIds =
    failed && s.contractorId
      ? [...new Set([...(s.state.failedContractorIds ?? []), s.contractorId])]
      : s.state.failedContractorIds;
  return {
    status: 'reopened',
    changes: {
      reopenCount,
      closedAt: null,
      followupDueAt: null,
      state: {
        ...s.state,
        ...(reworked ? { reworked: true } : {}),
        ...(failedContractorIds ? { failedContractorIds } : {}),
      },
    },
    timeline: [{ action: 'reopen', visibility: 'owner', note, data: { reason, reopenCount } }],
    events,
  };
}

function merge(a: Effect, b: Effect): Effect {
  return {
    status: b.status ?? a.status,
    changes: { ...a.changes, ...b.changes },
    timeline: [...(a.timeline ?? []), ...(b.timeline ?? [])],
    events: [...(a.events ?? []), ...(b.events ?? [])],
  };
}

const simple =
  (action: string, event: NonNullable<Effect['events']>[number]['name']) =>
  (_ctx: EffectContext, a: { note?: string }): Effect => ({
    timeline: [{ action, visibility: 'owner', note: a.note ?? null }],
    events: [{ name: event }],
  });

export const commonEffects: EffectTable<
  | 'follow_up'
  | 'reopen'
  | 'close'
  | 'cancel'
  | 'wait_for_owner'
  | 'resume'
  | 'add_note'
  | 'answer'
  | 'acknowledge'
  | 'adopt'
  | 'mark_noted'
> = {
  follow_up(ctx, a) {
    const s = ctx.snapshot;
    const by = ctx.actor.kind === 'owner' ? 'owner' : 'staff';
    const callOutcome = by === 'owner' ? 'reached' : a.callOutcome;
    if (callOutcome !== 'reached' || a.satisfaction === undefined) {
      // A call that did not reach the owner is an attempt; the follow-up is still due.
      const followupAttempts = (s.state.followupAttempts ?? 0) + 1;
      return {
        status: s.status,
        changes: { state: { ...s.state, followupAttempts } },
        timeline: [
          { action: 'follow_up', visibility: 'internal', note: a.comment ?? null, data: { callOutcome } },
        ],
        events: [{ name: 'followup.attempted', data: { callOutcome, attempts: followupAttempts } }],
      };
    }
    const unsatisfied = isUnsatisfied(a.satisfaction, ctx.settings);
    const lowRatingReason = unsatisfied ? (a.lowRatingReason ?? null) : null;
    const data = {
      by,
      callOutcome,
      satisfaction: a.satisfaction,
      satisfied: !unsatisfied,
      lowRatingReason,
      contractorId: s.contractorId,
      departmentId: s.departmentId,
    };
    const done: Effect = {
      status: 'followed_up',
      changes: { followedUpAt: ctx.now, satisfaction: a.satisfaction, lowRatingReason },
      timeline: [{ action: 'follow_up', visibility: 'owner', note: a.comment ?? null, data }],
      events: [{ name: 'followup.completed', data }],
    };
    if (!unsatisfied) return done;
    const tell: Effect = {
      events: [{ name: 'followup.unsatisfied', data: { satisfaction: a.satisfaction, notify: handlers(s) } }],
    };
    return merge(merge(done, tell), reopen(ctx, 'unsatisfied_followup', null));
  },

  reopen(ctx, a) {
    return reopen(ctx, a.reason, a.note ?? null);
  },

  close(ctx, a) {
    return {
      changes: { closedAt: ctx.now },
      timeline: [{ action: 'close', visibility: 'owner', note: a.note ?? null }],
      events: [{ name: 'case.closed', data: { firstAskOwnerId: ctx.snapshot.firstAskOwnerId } }],
    };
  },

  cancel(ctx, a) {
    const state: CaseFlowState = {
      ...ctx.snapshot.state,
      cancelReason: a.reason,
      ...(a.duplicateOfCaseId !== undefined && { duplicateOfCaseId: a.duplicateOfCaseId }),
    };
    const data = { reason: a.reason, duplicateOfCaseId: a.duplicateOfCaseId ?? null };
    return {
      changes: { state },
      timeline: [{ action: 'cancel', visibility: 'owner', note: a.note ?? null, data }],
      events: [{ name: 'case.cancelled', data }],
    };
  },

  wait_for_owner(ctx, a) {
    const s = ctx.snapshot;
    return {
      changes: { state: { ...s.state, pausedFrom: s.status, pausedAt: iso(ctx.now), pauseReason: a.note } },
      timeline: [{ action: 'wait_for_owner', visibility: 'owner', note: a.note }],
      events: [{ name: 'case.paused', data: { from: s.status, reason: a.note } }],
    };
  },

  resume(ctx, a) {
    const { pausedFrom, pausedAt, pauseReason: _reason, ...state } = ctx.snapshot.state;
    const pausedMs = pausedAt ? ctx.now.getTime() - Date.parse(pausedAt) : null;
    return {
      // The state machine checks pausedFrom against the graph; a missing one falls back there.
      ...(pausedFrom !== undefined && { status: pausedFrom }),
      changes: { state },
      timeline: [
        { action: 'resume', visibility: 'internal', note: a.note ?? null, data: { to: pausedFrom } },
      ],
      events: [{ name: 'case.resumed', data: { to: pausedFrom ?? null, pausedMs } }],
    };
  },

  add_note(_ctx, a) {
    // A note shown to the owner is news for them (it goes to their channel); an internal one is not.
    return {
      timeline: [{ action: 'add_note', visibility: a.visibility, note: a.note }],
      events: a.visibility === 'owner' ? [{ name: 'case.owner_noted', data: { note: a.note } }] : [],
    };
  },

  answer(ctx, a) {
    return {
      changes: ctx.snapshot.firstReplyAt === null ? { firstReplyAt: ctx.now } : {},
      timeline: [{ action: 'answer', visibility: 'owner', note: a.note }],
      events: [{ name: 'case.answered' }],
    };
  },

  acknowledge: simple('acknowledge', 'case.acknowledged'),
  adopt: simple('adopt', 'case.adopted'),
  mark_noted: simple('mark_noted', 'case.noted'),
};
