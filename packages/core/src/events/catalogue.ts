import { z } from 'zod';

/**
 * The event catalogue: every domain event type, its current payload version and its payload
 * schema. Producers write `outboxEvent(scope, type, payload)`; the payload is checked against the
 * schema here, so the OpenAPI `webhooks` section documents exactly what integrators receive.
 *
 * Versioning: a breaking change to a payload adds a new version (and a new schema) while the old
 * one is still emitted for subscribers that have not moved; additive, optional fields do not.
 */

const id = z.string().min(1);
const instant = z.string().datetime({ offset: true });

/** Where a case stands, as every case event carries it. */
const CaseRef = z.object({
  caseId: id,
  archiveNo: z.string().describe('档案编号, e.g. 20261122001'),
  kind: z.enum(['inquiry', 'repair', 'complaint', 'suggestion']),
  status: z.string(),
  branchId: id,
  projectId: id,
  unitId: id.nullable().optional(),
  ownerId: id.nullable().optional(),
});

const actor = z
  .object({ type: z.enum(['staff', 'api_key', 'platform', 'system', 'owner']), id: z.string().nullable() })
  .describe('Who caused the event');

export const CaseCreatedV1 = CaseRef.extend({
  channel: z.string(),
  category: z.string(),
  urgency: z.string(),
  receivedAt: instant,
  firstAskOwnerId: id.nullable().optional(),
  actor: actor.optional(),
});
export const CaseUpdatedV1 = CaseRef.extend({
  changed: z.array(z.string()).describe('Names of the fields that changed'),
  actor: actor.optional(),
});
export const CaseAssignedV1 = CaseRef.extend({
  assigneeId: id,
  previousAssigneeId: id.nullable().optional(),
  departmentId: id.nullable().optional(),
  actor: actor.optional(),
});
export const CaseDispatchedV1 = CaseRef.extend({
  contractorId: id.nullable().optional(),
  assigneeId: id.nullable().optional(),
  dispatchedAt: instant,
  visitBookedFor: instant.nullable().optional(),
  actor: actor.optional(),
});
export const CaseContactedV1 = CaseRef.extend({ contactedAt: instant, actor: actor.optional() });
export const CaseForfeitedV1 = CaseRef.extend({
  contractorId: id,
  reason: z.string().optional(),
  actor: actor.optional(),
});
export const CaseCompletedV1 = CaseRef.extend({ completedAt: instant, actor: actor.optional() });
export const CaseSignedOffV1 = CaseRef.extend({ signedOffAt: instant, actor: actor.optional() });
export const CaseReopenedV1 = CaseRef.extend({
  reopenCount: z.number().int(),
  reason: z.string().optional(),
  actor: actor.optional(),
});
export const CaseClosedV1 = CaseRef.extend({
  closedAt: instant,
  satisfaction: z.number().int().min(1).max(5).nullable().optional(),
  actor: actor.optional(),
});
export const CaseChasedV1 = CaseRef.extend({
  chasedAt: instant,
  chaseCount: z.number().int().describe('How often the owner has chased the case, this time included'),
  notifyStaffIds: z
    .array(id)
    .describe('Who is told: the handler (assignee, else the first-ask owner) and their supervisor'),
  actor: actor.optional(),
});

/** What staff told the owner (shown on the owner page, sent to the owner's channel). */
export const CaseRepliedV1 = CaseRef.extend({
  replyKind: z.enum(['result', 'progress']),
  channel: z.string().describe('How the desk reached the owner (phone, wechat, sms, email, in_person)'),
  first: z.boolean().describe('The first reply: the one the 24-hour clock waits for'),
  message: z.string(),
  actor: actor.optional(),
});
export const CaseOwnerNotedV1 = CaseRef.extend({
  note: z.string().describe('A progress note shown to the owner (internal notes raise no event)'),
  actor: actor.optional(),
});
export const CaseResolvedV1 = CaseRef.extend({ resolvedAt: instant, actor: actor.optional() });
export const CaseDepartmentAssignedV1 = CaseRef.extend({
  departmentId: id,
  assigneeId: id.nullable().optional(),
  category: z.string(),
  actor: actor.optional(),
});
export const IncidentRequiredV1 = CaseRef.extend({
  severity: z.string().describe('major (重大投诉) or group (群诉)'),
  actor: actor.optional(),
});
export const IncidentOpenedV1 = CaseRef.extend({
  severity: z.string().nullable(),
  leaderId: id,
  memberIds: z.array(id),
  etaAt: instant.nullable().optional(),
  actor: actor.optional(),
});
export const ClaimApprovalRequiredV1 = CaseRef.extend({
  amountFen: z.number().int(),
  thresholdFen: z.number().int(),
  approverRoles: z.array(z.string()),
  actor: actor.optional(),
});
export const ClaimApprovedV1 = CaseRef.extend({
  amountFen: z.number().int().nullable(),
  approvedBy: id.nullable(),
  actor: actor.optional(),
});

const SlaMilestone = CaseRef.extend({
  milestone: z.string().describe('e.g. dispatch, contact, arrive, complete, first_reply'),
  dueAt: instant,
  assigneeId: id.nullable().optional(),
});
export const SlaWarningV1 = SlaMilestone.extend({ warnedAt: instant });
export const SlaBreachedV1 = SlaMilestone.extend({ breachedAt: instant });
export const CaseEscalatedV1 = CaseRef.extend({
  level: z.number().int().min(1),
  milestone: z.string().optional(),
  notifyStaffIds: z.array(id).describe('Who the escalation rung names'),
  notifyRoles: z.array(z.string()).optional(),
  escalatedAt: instant,
});
export const FollowupDueV1 = CaseRef.extend({
  dueAt: instant,
  followupUrl: z.string().url().optional().describe('Signed link for the owner to rate the work'),
});
export const FollowupCompletedV1 = CaseRef.extend({
  followedUpAt: instant,
  satisfied: z.boolean(),
  satisfaction: z.number().int().min(1).max(5).nullable().optional(),
});

export const DigestPublishedV1 = z.object({
  digestId: id,
  branchId: id,
  reportDate: z.string().describe('The local date reported on (YYYY-MM-DD)'),
  complaintCount: z.number().int(),
  recipients: z.number().int(),
});

export const NoticePublishedV1 = z.object({
  noticeId: id,
  branchId: id,
  projectId: id.nullable(),
  title: z.string(),
  publishedAt: instant,
});

export const WebhookDisabledV1 = z.object({
  webhookId: id,
  url: z.string(),
  failingSince: instant,
  disabledAt: instant,
});

/** Service Star (服务之星) and mystery-shopper audits (神秘客户). */
const StarNominationRef = z.object({
  nominationId: id,
  cycleId: id,
  branchId: id,
  projectId: id,
  nomineeId: id,
  status: z.string(),
});
export const StarNominationSubmittedV1 = StarNominationRef.extend({
  late: z.boolean().describe('Submitted after the monthly deadline (tenant policy: flag)'),
  submissionMonth: z.string(),
  actor: actor.optional(),
});
export const StarNominationDecidedV1 = StarNominationRef.extend({
  step: z.string(),
  decision: z
    .enum(['approve', 'reject', 'return'])
    .describe(
      'approve: on to the next step; reject: the review ends; return: back to the project for changes',
    ),
  nextStep: z.string().nullable(),
  actor: actor.optional(),
});
export const StarWinnersAnnouncedV1 = z.object({
  cycleId: id,
  branchId: id,
  year: z.number().int(),
  quarter: z.number().int(),
  winners: z.array(
    z.object({
      nominationId: id,
      nomineeId: id,
      projectId: id,
      rewardFen: z.number().int().nullable(),
      rewardDescription: z.string().nullable(),
    }),
  ),
  notifyStaffIds: z.array(id).describe('Staff of the branch (its own and its projects), for the inbox'),
  actor: actor.optional(),
});
export const AuditPublishedV1 = z.object({
  auditId: id,
  branchId: id,
  projectId: id,
  channel: z.string(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  correctiveActionIds: z.array(id),
  actor: actor.optional(),
});
export const CorrectiveActionCreatedV1 = z.object({
  correctiveActionId: id,
  auditId: id,
  branchId: id,
  projectId: id,
  ownerId: id,
  description: z.string(),
  deadline: instant,
});
/** The deadline clock of a corrective action (整改时限): a warning before it, the breach after it. */
export const CorrectiveActionDeadlineV1 = CorrectiveActionCreatedV1.extend({
  supervisorIds: z
    .array(id)
    .describe(
      "The owner's supervisors, who verify the action: the project's CS supervisors, else the branch's CS managers",
    ),
  notifyStaffIds: z.array(id).describe('The owner and the supervisors, for the inbox'),
  at: instant.describe('When the deadline pass recorded it'),
});

/** 产品缺陷: a defect of the register, as its events carry it. */
const DefectRef = z.object({
  defectId: id,
  branchId: id,
  projectId: id,
  category: z.string(),
  description: z.string(),
  status: z.string(),
});

export const DefectSuggestedV1 = DefectRef.extend({
  caseIds: z.array(id).describe('The cases the proposal was made from'),
  unitCount: z.number().int().describe('Distinct units that reported the category in the window'),
  notifyStaffIds: z.array(id).describe('Who is asked to accept or dismiss it, for the inbox'),
});

export const DefectDecidedV1 = DefectRef.extend({
  meetingId: id,
  responsibleDepartmentId: id,
  preventionMeasure: z.string(),
  feedbackDeadline: instant,
  completionDeadline: instant,
  notifyStaffIds: z
    .array(id)
    .describe("The project's quality leads who follow the rectification, for the inbox"),
});

export const DefectDeadlineV1 = DefectRef.extend({
  deadline: z.enum(['feedback', 'completion']).describe('整改意见反馈 or 整改完成'),
  kind: z.enum(['warning', 'breach', 'escalation']),
  due: instant.describe('The instant the step fell due'),
  responsibleDepartmentId: id.nullable(),
  notifyStaffIds: z.array(id).describe('Who the step reaches, for the inbox'),
  at: instant.describe('When the deadline pass recorded it'),
});

/** 交付: a readiness checklist item at risk of missing the handover date. */
export const HandoverItemAtRiskV1 = z.object({
  planId: id,
  branchId: id,
  projectId: id,
  batch: z.string(),
  handoverOn: z.string().describe('The local handover date'),
  itemKey: z.string(),
  itemLabel: z.string(),
  state: z.enum(['overdue', 'too_close', 'unplanned']),
  escalateTo: z.array(z.enum(['project_gm', 'leadership'])),
  notifyStaffIds: z
    .array(id)
    .describe('The project manager, and for leadership the branch GM, for the inbox'),
});

/** Satisfaction surveys (满意度调查): a campaign opened to its owners, or closed with its ranking. */
export const SurveyCampaignOpenedV1 = z.object({
  campaignId: id,
  title: z.string(),
  round: z.number().int(),
  channels: z.array(z.string()),
  invitations: z.number().int().describe('Owners asked (all, or the seeded sample per project)'),
  closesOn: z.string().describe('Last local date answers are taken'),
});
export const SurveyCampaignRemindedV1 = z.object({
  campaignId: id,
  title: z.string(),
  round: z.number().int(),
  channels: z.array(z.string()),
  reminders: z.number().int().describe('Owners reminded: drawn into the campaign and not yet answered'),
  remindedAt: z.string().describe('The reminder instant, as marked on each reminded invitation'),
  closesOn: z.string().describe('Last local date answers are taken'),
});
export const SurveyCampaignClosedV1 = z.object({
  campaignId: id,
  title: z.string(),
  round: z.number().int(),
  responses: z.number().int(),
  sampled: z.number().int(),
  bottomThree: z.array(id).describe('Projects that must file an improvement plan (提高计划)'),
  mostImproved: z
    .array(z.object({ projectId: id, improvement: z.number() }))
    .describe('The three most improved against the previous campaign, flagged for reward'),
  notifyStaffIds: z
    .array(id)
    .describe('Project managers of the bottom three, and the CS centre, for the inbox'),
});
/** An improvement plan moved a step: submitted, approved, returned (with reason), presented, closed. */
export const ImprovementPlanChangedV1 = z.object({
  planId: id,
  campaignId: id,
  branchId: id,
  projectId: id,
  department: z.string().describe("'' for the project's own plan"),
  status: z.string(),
  step: z.enum(['submit', 'approve', 'return', 'present', 'close']),
  reason: z.string().nullable().optional().describe('Why it was returned'),
  notifyStaffIds: z.array(id),
  actor: actor.optional(),
});
/** A plan's quarterly re-check (复核) deadline: warned, missed (overdue), escalated to the branch GM. */
export const PlanRecheckDeadlineV1 = z.object({
  planId: id,
  recheckId: id,
  branchId: id,
  projectId: id,
  year: z.number().int(),
  quarter: z.number().int(),
  dueOn: z.string(),
  state: z.enum(['warning', 'overdue', 'escalated']),
  notifyStaffIds: z.array(id),
});

/** 轮岗: a supervisor's rotation report (交流汇报) due soon, overdue or escalated; once per step. */
export const RotationDeadlineV1 = z.object({
  rotationId: id,
  staffId: id,
  branchId: id.nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  reportDue: instant.describe('The end of the first working day after the two weeks'),
  state: z.enum(['warning', 'overdue', 'escalated']),
  notifyStaffIds: z.array(id),
});

/** The monthly complaint summary (月度投诉汇总) of a project: drafted, submitted, reviewed, its deadline. */
export const ComplaintSummaryV1 = z.object({
  summaryId: id,
  branchId: id,
  projectId: id,
  month: z.string().describe('The month summarised, YYYY-MM'),
  dueOn: z.string().describe('The working day it is due by (tenant calendar)'),
  status: z.string(),
  total: z.number().int().describe('Complaints of the month'),
  majorProblem: z.boolean().optional().describe('On review: flagged to the branch GM'),
  notifyStaffIds: z.array(id),
  actor: actor.optional(),
});

/** Org changes: the record after the change (before, for a delete), secrets removed. */
export const OrgChangeV1 = z.object({
  resource: z.string().describe('The collection, e.g. branches, projects, units'),
  id,
  record: z.record(z.string(), z.unknown()),
  changed: z.array(z.string()).optional().describe('On update: the fields that changed'),
  actor: actor.optional(),
});

export const orgResources = [
  'zones',
  'branches',
  'projects',
  'buildings',
  'units',
  'departments',
  'contractors',
  'contractor-contacts',
  'owners',
] as const;
export type OrgResource = (typeof orgResources)[number];

const orgVerbs = ['created', 'updated', 'deleted'] as const;

interface CatalogueEntry {
  version: number;
  schema: z.ZodObject;
  description: string;
}

const orgEntries = Object.fromEntries(
  orgResources.flatMap((resource) =>
    orgVerbs.map((verb) => [
      `org.${resource}.${verb}`,
      { version: 1, schema: OrgChangeV1, description: `A record of ${resource} was ${verb}` },
    ]),
  ),
) as unknown as Record<`org.${OrgResource}.${(typeof orgVerbs)[number]}`, CatalogueEntry>;

export const eventCatalogue = {
  'case.created': { version: 1, schema: CaseCreatedV1, description: 'A case was received (any channel)' },
  'case.updated': { version: 1, schema: CaseUpdatedV1, description: 'Facts of a case changed' },
  'case.assigned': { version: 1, schema: CaseAssignedV1, description: 'A case got a (new) assignee' },
  'case.dispatched': {
    version: 1,
    schema: CaseDispatchedV1,
    description: '派工: work sent to a team or contractor',
  },
  'case.contacted': { version: 1, schema: CaseContactedV1, description: 'The owner was contacted' },
  'case.forfeited': { version: 1, schema: CaseForfeitedV1, description: 'A contractor gave the work back' },
  'case.completed': { version: 1, schema: CaseCompletedV1, description: 'The work is done' },
  'case.signed_off': { version: 1, schema: CaseSignedOffV1, description: 'The owner signed the work off' },
  'case.reopened': { version: 1, schema: CaseReopenedV1, description: 'A case was reopened' },
  'case.closed': { version: 1, schema: CaseClosedV1, description: 'A case was closed' },
  'case.chased': {
    version: 1,
    schema: CaseChasedV1,
    description: 'The owner chased the case (催单) from the owner page',
  },
  'case.replied': { version: 1, schema: CaseRepliedV1, description: 'Staff replied to the owner' },
  'case.owner_noted': {
    version: 1,
    schema: CaseOwnerNotedV1,
    description: 'A progress note shown to the owner',
  },
  'case.resolved': { version: 1, schema: CaseResolvedV1, description: 'A complaint was resolved' },
  'case.department_assigned': {
    version: 1,
    schema: CaseDepartmentAssignedV1,
    description: 'A case was given to a department (its heads are asked for feedback)',
  },
  'incident.required': {
    version: 1,
    schema: IncidentRequiredV1,
    description: '重大投诉 / 群诉: a special team is required and the branch GM informed',
  },
  'incident.opened': {
    version: 1,
    schema: IncidentOpenedV1,
    description: 'The special team of a major or group complaint was formed',
  },
  'claim.approval_required': {
    version: 1,
    schema: ClaimApprovalRequiredV1,
    description: "A claim above the tenant's threshold waits for an approver",
  },
  'claim.approved': { version: 1, schema: ClaimApprovedV1, description: 'A claim was approved' },
  'sla.warning': { version: 1, schema: SlaWarningV1, description: 'A milestone is close to its deadline' },
  'sla.breached': { version: 1, schema: SlaBreachedV1, description: 'A milestone missed its deadline' },
  'case.escalated': { version: 1, schema: CaseEscalatedV1, description: 'A case rose a rung of the ladder' },
  'followup.due': { version: 1, schema: FollowupDueV1, description: '回访 is due' },
  'followup.completed': { version: 1, schema: FollowupCompletedV1, description: '回访 done' },
  'digest.published': {
    version: 1,
    schema: DigestPublishedV1,
    description: 'The daily complaint digest of a branch',
  },
  'notice.published': { version: 1, schema: NoticePublishedV1, description: '通知与公告 to owners' },
  'webhook.disabled': {
    version: 1,
    schema: WebhookDisabledV1,
    description: 'An endpoint was disabled after failing',
  },
  'star.nomination_submitted': {
    version: 1,
    schema: StarNominationSubmittedV1,
    description: '服务之星推荐表 submitted to branch HR',
  },
  'star.nomination_decided': {
    version: 1,
    schema: StarNominationDecidedV1,
    description: 'A step of the approval chain decided on a nomination',
  },
  'star.winners_announced': {
    version: 1,
    schema: StarWinnersAnnouncedV1,
    description: "A branch's Service Star winners of a quarter, with rewards",
  },
  'audit.published': {
    version: 1,
    schema: AuditPublishedV1,
    description: 'A mystery-shopper audit result was published to the audited project',
  },
  'corrective_action.created': {
    version: 1,
    schema: CorrectiveActionCreatedV1,
    description: '整改: an audit below threshold gave a project an action with an owner and deadline',
  },
  'corrective_action.due_soon': {
    version: 1,
    schema: CorrectiveActionDeadlineV1,
    description:
      "An open corrective action's deadline is near (settings.audits.correctiveWarningHours, default 24 h); once per action",
  },
  'corrective_action.overdue': {
    version: 1,
    schema: CorrectiveActionDeadlineV1,
    description:
      'An open corrective action passed its deadline; once per action, to its owner and their supervisor. It stays open until verified',
  },
  'defect.suggested': {
    version: 1,
    schema: DefectSuggestedV1,
    description:
      'Repeated reports (the same category in the same project from N units within the window) proposed a product defect; accept or dismiss it',
  },
  'defect.decided': {
    version: 1,
    schema: DefectDecidedV1,
    description:
      'A defect meeting decided a defect: prevention measure, responsible department, feedback and rectification deadlines',
  },
  'defect.deadline': {
    version: 1,
    schema: DefectDeadlineV1,
    description:
      "A decided defect's feedback or rectification deadline: warned before, breached after, escalated later; once per step",
  },
  'handover.item_at_risk': {
    version: 1,
    schema: HandoverItemAtRiskV1,
    description:
      'A handover readiness item is overdue, planned too close to the date or unplanned; once per item and state, to the project GM and leadership',
  },
  'survey.campaign_opened': {
    version: 1,
    schema: SurveyCampaignOpenedV1,
    description: '满意度调查: a campaign opened; its owners get their link by the campaign channels',
  },
  'survey.campaign_reminded': {
    version: 1,
    schema: SurveyCampaignRemindedV1,
    description:
      'A campaign is closing soon: its owners who have not answered get their link again, once per owner',
  },
  'survey.campaign_closed': {
    version: 1,
    schema: SurveyCampaignClosedV1,
    description: 'A campaign closed: results, the ranking, the bottom three and the most improved',
  },
  'improvement_plan.changed': {
    version: 1,
    schema: ImprovementPlanChangedV1,
    description: '提高计划: submitted, approved, returned with a reason, presented to the GM, closed',
  },
  'plan_recheck.due_soon': {
    version: 1,
    schema: PlanRecheckDeadlineV1,
    description: "A plan's quarterly re-check (复核) falls due soon; once per re-check",
  },
  'plan_recheck.overdue': {
    version: 1,
    schema: PlanRecheckDeadlineV1,
    description: "A plan's quarterly re-check missed its due date; once per re-check",
  },
  'plan_recheck.escalated': {
    version: 1,
    schema: PlanRecheckDeadlineV1,
    description: 'A missed re-check went to the branch general manager; once per re-check',
  },
  'supervisor_rotation.deadline': {
    version: 1,
    schema: RotationDeadlineV1,
    description:
      "轮岗: a newly promoted supervisor's exchange report is due soon, overdue, or escalated to the branch GM; once per step",
  },
  'complaint_summary.drafted': {
    version: 1,
    schema: ComplaintSummaryV1,
    description:
      "月度投诉汇总: last month's figures drafted on the month's first working day, for the project's CS lead",
  },
  'complaint_summary.submitted': {
    version: 1,
    schema: ComplaintSummaryV1,
    description:
      'The CS lead submitted the summary with its cause analysis and measures to the branch CS manager',
  },
  'complaint_summary.reviewed': {
    version: 1,
    schema: ComplaintSummaryV1,
    description: 'The branch CS manager reviewed it; a major problem goes to the branch GM',
  },
  'complaint_summary.due_soon': {
    version: 1,
    schema: ComplaintSummaryV1,
    description: 'A summary not submitted is due soon; once per summary',
  },
  'complaint_summary.escalated': {
    version: 1,
    schema: ComplaintSummaryV1,
    description: 'A summary still not submitted after its due date went to the branch CS manager; once',
  },
  ...orgEntries,
} satisfies Record<string, CatalogueEntry>;

export type EventType = keyof typeof eventCatalogue;
export const eventTypes = Object.keys(eventCatalogue) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventCatalogue, value);
}

/** The envelope on the queue and in every webhook body. */
export const EventEnvelope = z.object({
  id: z.string().describe('evt_...; the same id on every re-delivery (use it to de-duplicate)'),
  type: z.string(),
  version: z.number().int(),
  tenantId: z.string(),
  occurredAt: instant,
  branchId: z.string().nullable(),
  projectId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/**
 * Whether an event type matches a subscription filter: exact (`case.created`), a trailing
 * wildcard (`case.*`, `org.*`, matching any depth below), or `*` for everything.
 */
export function matchesEventType(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/** A filter is valid when it is `*`, a known type, or a prefix wildcard matching at least one type. */
export function isValidEventFilter(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return eventTypes.some((type) => matchesEventType(pattern, type));
  return isEventType(pattern);
}
