import { z } from 'zod';
import { DateTimeInput } from '../time';
import { PartyLinksSchema } from './parties';
import { CaseKindSchema, ComplaintSeveritySchema, LowRatingReasonSchema, UrgencySchema } from './vocabulary';

const id = z.string().min(1);
const text = z.string().trim().min(1).max(5000);
const note = text.optional();

/** To a contractor (施工单位) or to an in-house department, never both. */
const target = {
  contractorId: id.optional(),
  departmentId: id.optional(),
  assigneeId: id.optional(),
  note,
  /**
   * One chance per repair (每次报修只给施工单位1次机会): a manager offers the repair again to a
   * contractor that failed it, with the reason (recorded in the timeline).
   */
  oneChanceOverride: z
    .object({ reason: z.string().trim().min(1).max(2000) })
    .strict()
    .optional(),
};
const oneTarget = (a: { contractorId?: string; departmentId?: string }) =>
  (a.contractorId === undefined) !== (a.departmentId === undefined);
const oneTargetIssue = {
  message: 'give exactly one of contractorId and departmentId',
  path: ['contractorId'],
};

export const followupCallOutcomes = ['reached', 'no_answer', 'refused', 'wrong_number'] as const;

/** How a reply reached the owner. */
export const replyChannels = ['phone', 'wechat', 'sms', 'email', 'in_person'] as const;

/** Who sees a note: staff only, or the owner too. */
export const noteVisibilities = ['internal', 'owner'] as const;

/** Every action a case may take, as a zod discriminated union on `type`. */
export const CaseActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dispatch'), ...target }).refine(oneTarget, oneTargetIssue),
  z.object({ type: z.literal('reassign'), ...target }).refine(oneTarget, oneTargetIssue),
  z.object({ type: z.literal('record_contact'), visitBookedFor: DateTimeInput, note }),
  z.object({ type: z.literal('arrive'), note }),
  z.object({ type: z.literal('complete'), note: text, attachmentIds: z.array(id).default([]) }),
  z
    .object({
      type: z.literal('sign_off'),
      /** The owner confirms through the owner link, or staff capture a signature image on site. */
      method: z.enum(['owner_link', 'signature']),
      signatureAttachmentId: id.optional(),
    })
    .refine((a) => a.method !== 'signature' || a.signatureAttachmentId !== undefined, {
      message: 'a signature sign-off carries the signature image',
      path: ['signatureAttachmentId'],
    }),
  z.object({ type: z.literal('forfeit'), note }),
  z.object({ type: z.literal('assign_department'), departmentId: id, assigneeId: id.optional(), note }),
  z.object({ type: z.literal('add_feedback'), note: text, attachmentIds: z.array(id).default([]) }),
  /**
   * A reply to the owner: the result if there is one, else the progress so far, and how the
   * owner was reached (kept in the timeline; a call by default, the desk's usual way).
   */
  z.object({
    type: z.literal('reply_owner'),
    replyKind: z.enum(['result', 'progress']),
    message: text,
    channel: z.enum(replyChannels).default('phone'),
  }),
  z.object({ type: z.literal('set_severity'), severity: ComplaintSeveritySchema, note }),
  /** 群诉: the further owners and units the complaint involves (ids of the case's project). */
  z
    .object({ type: z.literal('link_parties'), ...PartyLinksSchema.shape, note })
    .refine((a) => a.ownerIds.length + a.unitIds.length > 0, {
      message: 'link at least one owner or unit',
      path: ['ownerIds'],
    }),
  z.object({
    type: z.literal('open_incident'),
    leaderId: id,
    memberIds: z.array(id).min(1),
    plan: note,
    etaAt: DateTimeInput.optional(),
  }),
  z.object({ type: z.literal('record_claim'), amountFen: z.number().int().positive(), note: text }),
  z.object({ type: z.literal('approve_claim'), note }),
  z.object({ type: z.literal('resolve'), note: text }),
  z
    .object({
      type: z.literal('follow_up'),
      /** Ignored for owners, who answer through their link. */
      callOutcome: z.enum(followupCallOutcomes).default('reached'),
      satisfaction: z.number().int().min(1).max(5).optional(),
      /** Why a low rating was given; kept only when the rating is low (unsatisfied). */
      lowRatingReason: LowRatingReasonSchema.optional(),
      comment: note,
    })
    .refine((a) => a.callOutcome !== 'reached' || a.satisfaction !== undefined, {
      message: 'a reached follow-up records satisfaction 1–5',
      path: ['satisfaction'],
    }),
  z.object({
    type: z.literal('reopen'),
    reason: z.enum(['unsatisfied_followup', 're_report', 'other']),
    note,
  }),
  z.object({ type: z.literal('answer'), note: text }),
  z.object({ type: z.literal('acknowledge'), note }),
  z.object({ type: z.literal('adopt'), note: text }),
  z.object({ type: z.literal('mark_noted'), note }),
  z.object({ type: z.literal('close'), note }),
  z
    .object({
      type: z.literal('cancel'),
      reason: z.enum(['duplicate', 'withdrawn', 'invalid']),
      duplicateOfCaseId: id.optional(),
      note,
    })
    .refine((a) => a.reason !== 'duplicate' || a.duplicateOfCaseId !== undefined, {
      message: 'a duplicate names the case it duplicates',
      path: ['duplicateOfCaseId'],
    }),
  /**
   * Reclassification (改类): a supervisor corrects what intake got wrong: an inquiry that is a
   * complaint, an urgency raised, a case filed under the wrong estate. Any of kind, category,
   * urgency and projectId (at least one that changes something), always with the reason. A new
   * project may name the case's unit there (`unitId`); otherwise the unit is cleared.
   */
  z
    .object({
      type: z.literal('reclassify'),
      kind: CaseKindSchema.optional(),
      category: z.string().min(1).max(80).optional(),
      urgency: UrgencySchema.optional(),
      projectId: id.optional(),
      unitId: id.optional(),
      reason: text,
    })
    .refine(
      (a) =>
        a.kind !== undefined ||
        a.category !== undefined ||
        a.urgency !== undefined ||
        a.projectId !== undefined,
      { message: 'give at least one of kind, category, urgency and projectId', path: ['kind'] },
    )
    .refine((a) => a.unitId === undefined || a.projectId !== undefined, {
      message: 'a unit is given only with the new project',
      path: ['unitId'],
    }),
  z.object({ type: z.literal('wait_for_owner'), note: text }),
  z.object({ type: z.literal('resume'), note }),
  /**
   * A note on the case: `internal` (the default) for staff only; `owner` is shown to the owner on
   * their page and timeline, and counts as the owner hearing from us (a first response).
   */
  z.object({
    type: z.literal('add_note'),
    note: text,
    visibility: z.enum(noteVisibilities).default('internal'),
  }),
]);
/** An action as the edge receives it (before defaults). */
export type CaseActionInput = z.input<typeof CaseActionSchema>;
/** An action after parsing. */
export type CaseAction = z.output<typeof CaseActionSchema>;
export type ActionName = CaseAction['type'];
export type ActionOf<N extends ActionName> = Extract<CaseAction, { type: N }>;

export const actionNames = CaseActionSchema.options.map((o) => o.shape.type.value) as ActionName[];
