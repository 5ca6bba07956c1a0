import { z } from 'zod';
import { rolePermissions } from '../access/roles';
import { AppError } from '../errors';
import type { Actor } from './actor';
import { archiveNumberFor } from './archive-number';
import { incidentRequiredEvent } from './effects-complaint';
import type { CaseEvent, CaseSnapshot, TimelineEntry } from './model';
import {
  type CaseParty,
  groupPartiesMissing,
  newParties,
  PartyLinksSchema,
  partyCount,
  partyData,
} from './parties';
import { findReworkOrigin, type RepairFacts } from './rework';
import type { CaseSettings } from './settings';
import {
  assertCategory,
  CaseChannelSchema,
  CaseKindSchema,
  ComplaintSeveritySchema,
  selfServiceChannels,
  UrgencySchema,
} from './vocabulary';

const id = z.string().min(1);

/** A new case as intake receives it from any channel. */
export const CaseIntakeSchema = z
  .object({
    kind: CaseKindSchema,
    channel: CaseChannelSchema,
    projectId: id,
    buildingId: id.nullish(),
    unitId: id.nullish(),
    ownerId: id.nullish(),
    /** As given at intake; an unknown email sender has only this. */
    contact: z
      .object({
        name: z.string().trim().min(1).max(100).optional(),
        phone: z.string().trim().min(3).max(32).optional(),
        email: z.email().optional(),
      })
      .optional(),
    description: z.string().trim().min(1).max(5000),
    category: z.string().min(1),
    urgency: UrgencySchema.default('normal'),
    /** Complaints only. */
    severity: ComplaintSeveritySchema.optional(),
    /** Complaints only: the further owners and units involved (群诉), ids of the case's project. */
    parties: PartyLinksSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.severity !== undefined && c.kind !== 'complaint') {
      ctx.addIssue({ code: 'custom', path: ['severity'], message: 'only complaints have a severity' });
    }
    if (c.parties !== undefined && c.kind !== 'complaint') {
      ctx.addIssue({ code: 'custom', path: ['parties'], message: 'only complaints link further parties' });
    }
    if (!c.ownerId && !c.contact?.phone && !c.contact?.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['contact'],
        message: 'an unknown owner leaves a phone or an email',
      });
    }
  });
export type CaseIntake = z.output<typeof CaseIntakeSchema>;

export interface ReceiveCaseInput {
  /** Minted by the edge (`newId('case')`), so this stays pure. */
  id: string;
  intake: CaseIntake;
  actor: Actor;
  now: Date;
  settings: CaseSettings;
  /** The day's sequence number from D1 (`case_sequences`), for `archiveSequenceDate(now, tz)`. */
  sequence: number;
  /** Earlier repairs of the same unit, to spot a re-report (维修反复); repairs only. */
  earlierRepairs?: readonly RepairFacts[];
}

export interface ReceivedCase {
  snapshot: CaseSnapshot;
  /** The further owners and units linked at intake (rows for `case_parties`). */
  parties: CaseParty[];
  archiveNo: string;
  timeline: TimelineEntry[];
  events: CaseEvent[];
}

function mayReceive(actor: Actor, channel: CaseIntake['channel']): boolean {
  switch (actor.kind) {
    case 'staff':
    case 'integrator':
      return actor.roles.some((r) => rolePermissions[r].includes('cases.create'));
    case 'owner':
      return selfServiceChannels.includes(channel) && channel !== 'email';
    case 'system':
      return channel === 'email'; // the inbound-email handler
    case 'contractor':
      return false;
  }
}

/**
 * Opens a case in `received`. The staff member who receives it becomes its first-ask owner
 * (首问负责人); a self-service case gets one when the first staff member acts on it. A
 * major or group complaint asks for an incident and the branch GM informed; a repair that
 * repeats a recent one names the original and spoils its first-time fix.
 */
export function receiveCase(input: ReceiveCaseInput): ReceivedCase {
  const { intake, actor, now, settings } = input;
  if (!mayReceive(actor, intake.channel)) {
    throw new AppError('forbidden', `A ${actor.kind} may not open a case through ${intake.channel}`);
  }
  assertCategory(settings.categories, intake.category);
  const archiveNo = archiveNumberFor(now, settings.timeZone, input.sequence);
  const unitId = intake.unitId ?? null;
  const reworkOfCaseId =
    intake.kind === 'repair'
      ? findReworkOrigin(
          { unitId, category: intake.category, reportedAt: now },
          input.earlierRepairs ?? [],
          settings,
        )
      : null;
  const severity = intake.kind === 'complaint' ? (intake.severity ?? 'normal') : null;
  const parties =
    intake.kind === 'complaint' && intake.parties
      ? newParties({ ownerId: intake.ownerId ?? null, unitId, parties: [] }, intake.parties)
      : [];
  const groupFailure = severity === 'group' ? groupPartiesMissing({ parties }) : null;
  if (groupFailure) {
    throw new AppError('validation_failed', groupFailure, {
      issues: [{ path: 'parties', message: groupFailure }],
    });
  }
  const snapshot: CaseSnapshot = {
    id: input.id,
    kind: intake.kind,
    status: 'received',
    urgency: intake.urgency,
    severity,
    category: intake.category,
    unitId,
    ownerId: intake.ownerId ?? null,
    firstAskOwnerId: actor.kind === 'staff' ? actor.id : null,
    assigneeId: null,
    departmentId: null,
    contractorId: null,
    forfeitedContractorIds: [],
    claimAmountFen: null,
    claimApprovedBy: null,
    reopenCount: 0,
    reworkOfCaseId,
    satisfaction: null,
    lowRatingReason: null,
    receivedAt: now,
    dispatchedAt: null,
    contactedAt: null,
    visitBookedFor: null,
    arrivedAt: null,
    completedAt: null,
    signedOffAt: null,
    firstReplyAt: null,
    lastDepartmentFeedbackAt: null,
    resolvedAt: null,
    followupDueAt: null,
    followedUpAt: null,
    closedAt: null,
    state: {},
    ...(parties.length > 0 && { parties }),
  };
  const data = {
    archiveNo,
    kind: intake.kind,
    channel: intake.channel,
    urgency: intake.urgency,
    category: intake.category,
    severity,
    firstAskOwnerId: snapshot.firstAskOwnerId,
  };
  const linked = { ...partyData(parties), partyCount: partyCount({ parties }) };
  const raw = [
    { name: 'case.created' as const, data },
    ...(parties.length > 0 ? [{ name: 'case.parties_linked' as const, data: linked }] : []),
    ...(severity === 'major' || severity === 'group' ? [incidentRequiredEvent(severity)] : []),
    ...(reworkOfCaseId
      ? [{ name: 'repair.rework_detected' as const, data: { originalCaseId: reworkOfCaseId, unitId } }]
      : []),
  ];
  const by = { at: now, actorType: actor.kind, actorId: actor.kind === 'system' ? null : actor.id };
  return {
    snapshot,
    parties,
    archiveNo,
    timeline: [
      { ...by, action: 'receive', visibility: 'owner', note: null, data },
      // Other owners' ids are internal: the owner link shows owner-facing entries only.
      ...(parties.length > 0
        ? [{ ...by, action: 'link_parties', visibility: 'internal' as const, note: null, data: linked }]
        : []),
    ],
    events: raw.map((e) => ({ name: e.name, caseId: input.id, at: now, data: { ...e.data } })),
  };
}
