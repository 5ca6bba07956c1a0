import { cases as core, DateTimeString } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import { ownerName, ownerPhone } from '../owners/owners.routes';

/** Request and response shapes of the cases API. */

const id = z.string().min(1).max(64);
const time = DateTimeString;
const nullableTime = time.nullable();

/** Channels staff and integrators record; email arrives only through the email handler. */
export const staffChannels = core.caseChannels.filter((c) => c !== 'email') as Exclude<
  core.CaseChannel,
  'email'
>[];

export const ContactInput = z
  .object({
    name: ownerName.optional(),
    phone: ownerPhone.optional(),
    email: z.string().trim().toLowerCase().email().max(200).optional(),
  })
  .strict()
  .openapi('CaseContactInput');

const linkIds = z.array(id).max(core.maxLinkedPerRequest).default([]);

/** 群诉: the further owners and units a complaint involves, ids of the case's project. */
export const PartyLinksInput = z
  .object({ ownerIds: linkIds, unitIds: linkIds })
  .strict()
  .openapi('CasePartyLinks', {
    description: `The further owners and units a complaint involves (at most ${core.maxLinkedPerRequest} of each); each must be the tenant's and of the case's project`,
  });

export const CaseParty = z
  .object({
    type: z.enum(['owner', 'unit']),
    id: z.string(),
    linkedAt: time,
    linkedBy: z.object({ type: z.string(), id: z.string().nullable() }),
  })
  .openapi('CaseParty');

const intakeFields = {
  kind: z
    .enum(core.caseKinds)
    .openapi({ description: 'inquiry 咨询, repair 报修, complaint 投诉, suggestion 建议' }),
  unitId: id.optional(),
  description: z.string().trim().min(1).max(5000),
  category: z
    .string()
    .min(1)
    .max(100)
    .openapi({ description: 'A code of the tenant category tree', example: 'plumbing' }),
  urgency: z.enum(core.urgencies).default('normal'),
};

const intakeRules = (
  c: { kind: string; severity?: string; ownerId?: string; contact?: { phone?: string; email?: string } },
  ctx: z.RefinementCtx,
) => {
  if (c.severity !== undefined && c.kind !== 'complaint') {
    ctx.addIssue({ code: 'custom', path: ['severity'], message: 'only complaints have a severity' });
  }
  if (!c.ownerId && !c.contact?.phone && !c.contact?.email) {
    ctx.addIssue({
      code: 'custom',
      path: ['contact'],
      message: 'an unknown owner leaves a phone or an email',
    });
  }
};

export const CaseInput = z
  .object({
    ...intakeFields,
    channel: z
      .enum(staffChannels as [string, ...string[]])
      .openapi({ description: 'Where the case came in' }),
    projectId: id,
    buildingId: id.optional(),
    ownerId: id.optional(),
    contact: ContactInput.optional(),
    severity: z
      .enum(core.complaintSeverities)
      .optional()
      .openapi({ description: 'Complaints only; group (群诉) needs `parties` with another owner or unit' }),
    parties: PartyLinksInput.optional(),
    claimAmountFen: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: 'A compensation claim known at intake (complaints), in fen' }),
  })
  .strict()
  .superRefine((c, ctx) => {
    intakeRules(c, ctx);
    if (c.claimAmountFen !== undefined && c.kind !== 'complaint') {
      ctx.addIssue({ code: 'custom', path: ['claimAmountFen'], message: 'only complaints carry a claim' });
    }
    if (c.parties !== undefined && c.kind !== 'complaint') {
      ctx.addIssue({ code: 'custom', path: ['parties'], message: 'only complaints link further parties' });
    }
  })
  .openapi('CaseInput');

export const PublicIntakeInput = z
  .object({
    ...intakeFields,
    channel: z.enum(['web', 'wechat', 'app']),
    contact: ContactInput.extend({ name: ownerName, phone: ownerPhone }),
  })
  .strict()
  .openapi('PublicIntakeInput');

export const OwnerLink = z
  .object({ token: z.string(), url: z.string(), expiresAt: time })
  .openapi('OwnerLink', {
    description: 'The owner link: status, owner-facing timeline, follow-up and sign-off',
  });

export const Case = z
  .object({
    id: z.string(),
    archiveNo: z.string().openapi({ example: '20261122001' }),
    kind: z.string(),
    channel: z.string(),
    status: z.string(),
    urgency: z.string(),
    severity: z.string().nullable(),
    category: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    buildingId: z.string().nullable(),
    unitId: z.string().nullable(),
    ownerId: z.string().nullable(),
    contact: z.object({
      name: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
    description: z.string(),
    firstAskOwnerId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    departmentId: z.string().nullable(),
    contractorId: z.string().nullable(),
    forfeitedContractorIds: z.array(z.string()),
    claimAmountFen: z.number().nullable(),
    claimApprovedBy: z.string().nullable(),
    escalationLevel: z.number(),
    reopenCount: z.number(),
    chaseCount: z
      .number()
      .openapi({ description: '催单: how often the owner chased the case from the owner page' }),
    lastChasedAt: nullableTime,
    reworkOfCaseId: z.string().nullable(),
    satisfaction: z.number().nullable(),
    lowRatingReason: z
      .enum(core.lowRatingReasons)
      .nullable()
      .openapi({ description: 'Why a low follow-up rating was given; null when none or not low' }),
    receivedAt: time,
    dispatchedAt: nullableTime,
    contactedAt: nullableTime,
    visitBookedFor: nullableTime,
    arrivedAt: nullableTime,
    completedAt: nullableTime,
    signedOffAt: nullableTime,
    firstReplyAt: nullableTime,
    lastDepartmentFeedbackAt: nullableTime,
    resolvedAt: nullableTime,
    followupDueAt: nullableTime,
    followedUpAt: nullableTime,
    closedAt: nullableTime,
    overdueSince: nullableTime,
    state: z.record(z.string(), z.unknown()),
    parties: z.array(CaseParty).optional().openapi({
      description:
        'A complaint’s further owners and units (群诉), besides its own owner and unit; on one case (read, intake, step answers), not in lists',
    }),
    version: z.number(),
    createdAt: time,
    updatedAt: time,
  })
  .openapi('Case');

export const NextDeadline = z
  .object({
    milestone: z.string().openapi({ example: 'contractor_contact' }),
    dueAt: time,
    status: z.enum(['pending', 'warned', 'breached']),
  })
  .openapi('CaseNextDeadline', {
    description:
      'The earliest due time among the case’s milestones not yet met (a breached one is in the past)',
  });

export const CasePlace = z
  .object({
    projectName: z.string().nullable(),
    buildingName: z.string().nullable(),
    unitNumber: z.string().nullable().openapi({ example: '1-101' }),
  })
  .openapi('CasePlace', {
    description: 'Where the case is, by name (for callers who do not read the estate, e.g. contractors)',
  });

/** One case as read: the case and where it is. */
export const CaseRead = Case.extend({ place: CasePlace }).openapi('CaseRead');

/** A case in a list: the case, where it is and its next SLA deadline (the queue’s countdown). */
export const CaseListItem = Case.extend({ place: CasePlace, nextDeadline: NextDeadline.nullable() }).openapi(
  'CaseListItem',
);

export const CreatedCase = Case.extend({ ownerLink: OwnerLink }).openapi('CreatedCase');

const boolParam = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const CaseQuery = z.object({
  projectId: id.optional(),
  branchId: id.optional(),
  kind: z.enum(core.caseKinds).optional(),
  status: z.enum(core.caseStatuses).optional(),
  urgency: z.enum(core.urgencies).optional(),
  category: z.string().max(100).optional().openapi({ description: 'A code; matches its sub-categories too' }),
  channel: z.enum(core.caseChannels).optional(),
  from: time.optional().openapi({ description: 'Received at or after' }),
  to: time.optional().openapi({ description: 'Received before' }),
  firstAskOwnerId: id.optional(),
  assigneeId: id.optional(),
  contractorId: id.optional(),
  departmentId: id.optional(),
  ownerId: id
    .optional()
    .openapi({ description: 'The owner’s cases, and the complaints that link the owner' }),
  unitId: id.optional().openapi({ description: 'The unit’s cases, and the complaints that link the unit' }),
  overdue: boolParam.openapi({ description: 'true: cases the SLA clock marked overdue' }),
  escalated: boolParam.openapi({
    description:
      'true: cases escalated at least one rung of the ladder (升级, the dashboard figure); false: never escalated',
  }),
  dueBefore: time.optional().openapi({
    description: 'Cases with a running (pending or warned) SLA milestone due before this instant',
  }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'Full text over descriptions (中文 and English)' }),
  sort: z.enum(['newest', 'oldest']).default('newest'),
});

export const TimelineEntry = z
  .object({
    id: z.string(),
    at: time,
    actorType: z.string(),
    actorId: z.string().nullable(),
    action: z.string(),
    visibility: z.enum(['internal', 'owner']),
    note: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('CaseTimelineEntry');

export const AllowedAction = z
  .object({ action: z.enum(core.actionNames as [string, ...string[]]), to: z.array(z.string()) })
  .openapi('AllowedCaseAction');

export const CaseActionResult = Case.extend({
  allowedActions: z.array(AllowedAction),
}).openapi('CaseActionResult');

export const Attachment = z
  .object({
    id: z.string(),
    caseId: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number(),
    uploadedByType: z.string(),
    uploadedById: z.string().nullable(),
    createdAt: time,
  })
  .openapi('CaseAttachment');
