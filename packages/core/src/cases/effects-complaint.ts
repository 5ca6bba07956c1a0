import { claimNeedsApproval, severityNeedsIncident } from './complaint';
import { type Effect, type EffectTable, iso } from './effect';
import type { Incident } from './model';
import { newParties, partyCount, partyData } from './parties';

/** The requirement a major or group complaint raises: an incident, and the branch GM informed. */
export function incidentRequiredEvent(severity: string): NonNullable<Effect['events']>[number] {
  return { name: 'incident.required', data: { severity, specialTeam: true, informBranchGm: true } };
}

export const complaintEffects: EffectTable<
  | 'assign_department'
  | 'add_feedback'
  | 'reply_owner'
  | 'set_severity'
  | 'link_parties'
  | 'open_incident'
  | 'record_claim'
  | 'approve_claim'
  | 'resolve'
> = {
  assign_department(ctx, a) {
    const data = {
      departmentId: a.departmentId,
      assigneeId: a.assigneeId ?? null,
      previousDepartmentId: ctx.snapshot.departmentId,
    };
    return {
      changes: { departmentId: a.departmentId, assigneeId: a.assigneeId ?? null },
      timeline: [{ action: 'assign_department', visibility: 'internal', note: a.note ?? null, data }],
      events: [{ name: 'case.assigned', data }],
    };
  },

  add_feedback(ctx, a) {
    const data = { departmentId: ctx.snapshot.departmentId, attachmentIds: a.attachmentIds };
    return {
      changes: { lastDepartmentFeedbackAt: ctx.now },
      timeline: [{ action: 'add_feedback', visibility: 'internal', note: a.note, data }],
      events: [{ name: 'case.feedback_added', data }],
    };
  },

  reply_owner(ctx, a) {
    // The first reply is the one the 24-hour clock waits for.
    const first = ctx.snapshot.firstReplyAt === null;
    const data = { replyKind: a.replyKind, channel: a.channel, first };
    return {
      changes: first ? { firstReplyAt: ctx.now } : {},
      timeline: [{ action: 'reply_owner', visibility: 'owner', note: a.message, data }],
      // The event carries the words: they go to the owner's channel.
      events: [{ name: 'case.replied', data: { ...data, message: a.message } }],
    };
  },

  set_severity(ctx, a) {
    const before = ctx.snapshot.severity;
    const events: NonNullable<Effect['events']> = [
      { name: 'case.severity_changed', data: { from: before, to: a.severity } },
    ];
    if (severityNeedsIncident(a.severity) && !ctx.snapshot.state.incident) {
      events.push(incidentRequiredEvent(a.severity));
    }
    return {
      changes: { severity: a.severity },
      timeline: [
        {
          action: 'set_severity',
          visibility: 'internal',
          note: a.note ?? null,
          data: { from: before, to: a.severity },
        },
      ],
      events,
    };
  },

  link_parties(ctx, a) {
    const parties = newParties(ctx.snapshot, a);
    // Linking what is already linked changes nothing (a retried request).
    if (parties.length === 0) return {};
    const data = {
      ...partyData(parties),
      partyCount: partyCount({ parties: [...(ctx.snapshot.parties ?? []), ...parties] }),
    };
    return {
      parties,
      timeline: [{ action: 'link_parties', visibility: 'internal', note: a.note ?? null, data }],
      events: [{ name: 'case.parties_linked', data }],
    };
  },

  open_incident(ctx, a) {
    const incident: Incident = {
      leaderId: a.leaderId,
      memberIds: [...new Set(a.memberIds)],
      openedBy: ctx.actor.id,
      openedAt: iso(ctx.now),
      ...(a.plan !== undefined && { plan: a.plan }),
      ...(a.etaAt !== undefined && { etaAt: iso(a.etaAt) }),
    };
    const data = { ...incident, severity: ctx.snapshot.severity, informBranchGm: true };
    return {
      changes: { state: { ...ctx.snapshot.state, incident } },
      timeline: [{ action: 'open_incident', visibility: 'internal', data }],
      events: [{ name: 'incident.opened', data }],
    };
  },

  record_claim(ctx, a) {
    const next = { ...ctx.snapshot, claimAmountFen: a.amountFen };
    const needsApproval = claimNeedsApproval(next, ctx.settings);
    const data = { amountFen: a.amountFen, needsApproval };
    const { claimApprovedAt: _dropped, ...state } = ctx.snapshot.state;
    return {
      // A new amount needs a new approval.
      changes: { claimAmountFen: a.amountFen, claimApprovedBy: null, state },
      timeline: [{ action: 'record_claim', visibility: 'internal', note: a.note, data }],
      events: [
        { name: 'claim.recorded', data },
        ...(needsApproval
          ? [
              {
                name: 'claim.approval_required' as const,
                data: {
                  amountFen: a.amountFen,
                  thresholdFen: ctx.settings.claimApprovalThresholdFen,
                  approverRoles: ctx.settings.claimApproverRoles,
                },
              },
            ]
          : []),
      ],
    };
  },

  approve_claim(ctx, a) {
    const data = { amountFen: ctx.snapshot.claimAmountFen, approvedBy: ctx.actor.id };
    return {
      changes: {
        claimApprovedBy: ctx.actor.id,
        state: { ...ctx.snapshot.state, claimApprovedAt: iso(ctx.now) },
      },
      timeline: [{ action: 'approve_claim', visibility: 'internal', note: a.note ?? null, data }],
      events: [{ name: 'claim.approved', data }],
    };
  },

  resolve(ctx, a) {
    // The 回访 due time is the SLA policy's followup milestone (one source), passed in by the edge.
    const due = ctx.deadlines?.followupDueAt ?? null;
    return {
      changes: {
        resolvedAt: ctx.now,
        followupDueAt: due,
        followedUpAt: null,
        satisfaction: null,
        lowRatingReason: null,
      },
      timeline: [{ action: 'resolve', visibility: 'owner', note: a.note }],
      events: [
        { name: 'case.resolved', data: { departmentId: ctx.snapshot.departmentId } },
        { name: 'followup.scheduled', data: { dueAt: due ? iso(due) : null } },
      ],
    };
  },
};
