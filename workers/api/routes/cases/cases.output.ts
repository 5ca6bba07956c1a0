import type { LowRatingReason } from '@guanjia/core/cases/vocabulary';
import type { AttachmentRow, CaseRow, PartyRow, TimelineRow } from '../../../app/cases';
import { ownerLinkPath, signOwnerLink } from '../../../auth/owner-link';
import type { Env } from '../../../env';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A linked owner or unit of a complaint (群诉). */
export function partyOutput(row: PartyRow) {
  return {
    type: row.partyType,
    id: row.partyId,
    linkedAt: row.linkedAt.toISOString(),
    linkedBy: { type: row.linkedByType, id: row.linkedById },
  };
}

/** A case as the API answers it; one case (not a list) also names its linked parties. */
export function caseOutput(row: CaseRow, parties?: readonly PartyRow[]) {
  return {
    id: row.id,
    archiveNo: row.archiveNo,
    kind: row.kind,
    channel: row.channel,
    status: row.status,
    urgency: row.urgency,
    severity: row.severity,
    category: row.category,
    branchId: row.branchId,
    projectId: row.projectId,
    buildingId: row.buildingId,
    unitId: row.unitId,
    ownerId: row.ownerId,
    contact: { name: row.contactName, phone: row.contactPhone, email: row.contactEmail },
    description: row.description,
    firstAskOwnerId: row.firstAskOwnerId,
    assigneeId: row.assigneeId,
    departmentId: row.departmentId,
    contractorId: row.contractorId,
    forfeitedContractorIds: row.forfeitedContractorIds ?? [],
    claimAmountFen: row.claimAmountFen,
    claimApprovedBy: row.claimApprovedBy,
    escalationLevel: row.escalationLevel,
    reopenCount: row.reopenCount,
    chaseCount: row.chaseCount,
    lastChasedAt: iso(row.lastChasedAt),
    reworkOfCaseId: row.reworkOfCaseId,
    satisfaction: row.satisfaction,
    lowRatingReason: row.lowRatingReason as LowRatingReason | null,
    receivedAt: row.receivedAt.toISOString(),
    dispatchedAt: iso(row.dispatchedAt),
    contactedAt: iso(row.contactedAt),
    visitBookedFor: iso(row.visitBookedFor),
    arrivedAt: iso(row.arrivedAt),
    completedAt: iso(row.completedAt),
    signedOffAt: iso(row.signedOffAt),
    firstReplyAt: iso(row.firstReplyAt),
    lastDepartmentFeedbackAt: iso(row.lastDepartmentFeedbackAt),
    resolvedAt: iso(row.resolvedAt),
    followupDueAt: iso(row.followupDueAt),
    followedUpAt: iso(row.followedUpAt),
    closedAt: iso(row.closedAt),
    overdueSince: iso(row.overdueSince),
    state: (row.state ?? {}) as Record<string, unknown>,
    ...(parties && { parties: parties.map(partyOutput) }),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function timelineOutput(row: TimelineRow) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    visibility: row.visibility,
    note: row.note,
    data: (row.data ?? null) as Record<string, unknown> | null,
  };
}

export function attachmentOutput(row: AttachmentRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    uploadedByType: row.uploadedByType,
    uploadedById: row.uploadedById,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Mints the owner link of a new case, as an absolute URL on the API that answered. */
export async function ownerLinkFor(env: Env, requestUrl: string, row: CaseRow, now: Date) {
  const { token, expiresAt } = await signOwnerLink(
    env,
    { tenantId: row.tenantId, caseId: row.id, ownerId: row.ownerId },
    now,
  );
  return {
    token,
    url: `${new URL(requestUrl).origin}${ownerLinkPath(token)}`,
    expiresAt: expiresAt.toISOString(),
  };
}
