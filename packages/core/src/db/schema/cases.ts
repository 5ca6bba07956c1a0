import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { instant, tenantOwned, versioned } from './columns';

/**
 * 工单: one owner request from any channel. The row carries the facts every
 * SLA clock needs (when it was received, dispatched, contacted, ...).
 */
export const cases = sqliteTable(
  'cases',
  {
    ...tenantOwned(),
    ...versioned(),
    /** 档案编号: local date + daily sequence, e.g. 20261122001. */
    archiveNo: text('archive_no').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    urgency: text('urgency').notNull().default('normal'),
    severity: text('severity'),
    category: text('category').notNull(),
    branchId: text('branch_id').notNull(),
    projectId: text('project_id').notNull(),
    buildingId: text('building_id'),
    unitId: text('unit_id'),
    ownerId: text('owner_id'),
    /** Contact as given at intake (an unknown email sender has no owner record). */
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    description: text('description').notNull(),
    /** 首问负责人: the staff member who received it, accountable until it closes. */
    firstAskOwnerId: text('first_ask_owner_id'),
    assigneeId: text('assignee_id'),
    departmentId: text('department_id'),
    contractorId: text('contractor_id'),
    forfeitedContractorIds: text('forfeited_contractor_ids', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default([]),
    claimAmountFen: integer('claim_amount_fen'),
    claimApprovedBy: text('claim_approved_by'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** 催单: how often the owner chased the case from the owner page, and when last. */
    chaseCount: integer('chase_count').notNull().default(0),
    lastChasedAt: instant('last_chased_at'),
    /** The original case when this one is a repeat repair (维修反复). */
    reworkOfCaseId: text('rework_of_case_id'),
    satisfaction: integer('satisfaction'),
    /** Why a low follow-up rating was given (slow, not_fixed, attitude, cost, other); null otherwise. */
    lowRatingReason: text('low_rating_reason'),
    receivedAt: instant('received_at').notNull(),
    dispatchedAt: instant('dispatched_at'),
    contactedAt: instant('contacted_at'),
    visitBookedFor: instant('visit_booked_for'),
    arrivedAt: instant('arrived_at'),
    completedAt: instant('completed_at'),
    signedOffAt: instant('signed_off_at'),
    firstReplyAt: instant('first_reply_at'),
    lastDepartmentFeedbackAt: instant('last_department_feedback_at'),
    resolvedAt: instant('resolved_at'),
    followupDueAt: instant('followup_due_at'),
    followedUpAt: instant('followed_up_at'),
    closedAt: instant('closed_at'),
    /** Set by the SLA clock when a milestone of the case breaches; cleared when none is breached. */
    overdueSince: instant('overdue_since'),
    /** The rest of the state machine's snapshot (pauses, incident, pending approvals...). */
    state: text('state', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('cases_tenant_archive_uq').on(t.tenantId, t.archiveNo),
    index('cases_tenant_project_idx').on(t.tenantId, t.projectId, t.id),
    index('cases_tenant_branch_idx').on(t.tenantId, t.branchId, t.id),
    index('cases_tenant_status_idx').on(t.tenantId, t.status, t.id),
    index('cases_tenant_contractor_idx').on(t.tenantId, t.contractorId, t.id),
    index('cases_tenant_first_ask_idx').on(t.tenantId, t.firstAskOwnerId, t.id),
    index('cases_tenant_assignee_idx').on(t.tenantId, t.assigneeId, t.id),
    index('cases_tenant_unit_category_idx').on(t.tenantId, t.unitId, t.category, t.completedAt),
    index('cases_tenant_kind_received_idx').on(t.tenantId, t.kind, t.receivedAt),
    // KPI reports: repairs completed in a window (first-time fix), follow-ups due in a window.
    index('cases_tenant_kind_completed_idx').on(t.tenantId, t.kind, t.completedAt),
    index('cases_tenant_kind_followup_due_idx').on(t.tenantId, t.kind, t.followupDueAt),
    // Cases of an owner (with case_parties: the group complaints that link them too).
    index('cases_tenant_owner_idx').on(t.tenantId, t.ownerId, t.id),
    // Case lists: newest first by id within the tenant, narrowed by any one filter.
    index('cases_tenant_id_idx').on(t.tenantId, t.id),
    index('cases_tenant_kind_idx').on(t.tenantId, t.kind, t.id),
    index('cases_tenant_urgency_idx').on(t.tenantId, t.urgency, t.id),
    index('cases_tenant_category_idx').on(t.tenantId, t.category, t.id),
    index('cases_tenant_channel_idx').on(t.tenantId, t.channel, t.id),
    index('cases_tenant_department_idx').on(t.tenantId, t.departmentId, t.id),
    index('cases_tenant_received_idx').on(t.tenantId, t.receivedAt),
    index('cases_tenant_overdue_idx').on(t.tenantId, t.overdueSince),
  ],
);

/** Every event of a case: who, when, what, and whether the owner may see it. */
export const caseTimeline = sqliteTable(
  'case_timeline',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    at: instant('at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    visibility: text('visibility', { enum: ['internal', 'owner'] }).notNull(),
    note: text('note'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('case_timeline_tenant_case_idx').on(t.tenantId, t.caseId, t.id)],
);

/** The daily sequence behind archive numbers, per tenant and local date. */
export const caseSequences = sqliteTable(
  'case_sequences',
  {
    tenantId: text('tenant_id').notNull(),
    localDate: text('local_date').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.localDate] })],
);

/** Photos, recordings and documents of a case, stored in R2. */
export const caseAttachments = sqliteTable(
  'case_attachments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    objectKey: text('object_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    uploadedByType: text('uploaded_by_type').notNull(),
    uploadedById: text('uploaded_by_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('case_attachments_tenant_case_idx').on(t.tenantId, t.caseId, t.id)],
);

/**
 * Per-project intake keys for the public owner channels (web, WeChat, app) and inbound email.
 * The key itself (`pck_<tenant>_<secret>`) names its tenant, like API keys; only its hash is stored.
 */
export const projectChannelKeys = sqliteTable(
  'project_channel_keys',
  {
    ...tenantOwned(),
    projectId: text('project_id').notNull(),
    keyHash: text('key_hash').notNull(),
    /** The first characters, to tell keys apart in lists. */
    displayPrefix: text('display_prefix').notNull(),
    createdBy: text('created_by'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('project_channel_keys_tenant_hash_uq').on(t.tenantId, t.keyHash),
    index('project_channel_keys_tenant_project_idx').on(t.tenantId, t.projectId, t.id),
  ],
);

/**
 * Message-IDs of a case's emails (received and sent). Only the ones Guanjia sent (`outbound`,
 * random ids minted at send time) thread a reply onto its case; received ones only make a
 * redelivery a no-op.
 */
export const caseEmailMessages = sqliteTable(
  'case_email_messages',
  {
    tenantId: text('tenant_id').notNull(),
    messageId: text('message_id').notNull(),
    caseId: text('case_id').notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    /** Whom an outbound message went to (lower case); the sender of an inbound one. */
    address: text('address'),
    at: instant('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.messageId] }),
    index('case_email_messages_tenant_case_idx').on(t.tenantId, t.caseId),
  ],
);

/**
 * The per-case reply address token: the owner's replies go to `<channel key>+<token>@…`. The
 * token is 130 random bits; only its SHA-256 is looked up, and it is kept AES-GCM sealed so
 * every later email to the owner can carry the same address. Minted at the first owner email.
 */
export const caseEmailTokens = sqliteTable(
  'case_email_tokens',
  {
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    tokenSealed: text('token_sealed').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId] }),
    uniqueIndex('case_email_tokens_tenant_hash_uq').on(t.tenantId, t.tokenHash),
  ],
);

/**
 * The further owners and units a complaint involves (群诉: a group complaint links several):
 * one row per linked owner or unit, besides the case's own owner and unit. Links are added
 * (intake or the `link_parties` step), never edited.
 */
export const caseParties = sqliteTable(
  'case_parties',
  {
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    partyType: text('party_type', { enum: ['owner', 'unit'] }).notNull(),
    /** An owner id (`own_…`) or a unit id (`unit_…`) of the case's project. */
    partyId: text('party_id').notNull(),
    linkedAt: instant('linked_at').notNull(),
    linkedByType: text('linked_by_type').notNull(),
    linkedById: text('linked_by_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId, t.partyType, t.partyId] }),
    // Which cases involve an owner or a unit (case list filters).
    index('case_parties_tenant_party_idx').on(t.tenantId, t.partyId, t.caseId),
  ],
);

/**
 * One-time SMS codes of the public report page (业主自助报修): a code proves the owner's phone
 * before their case is filed. Only hashes are kept (the code salted with the row id; the phone
 * and the client address as keys); the rows also count the requests the rate limits allow.
 */
export const reportCodes = sqliteTable(
  'report_codes',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    projectId: text('project_id').notNull(),
    phoneKey: text('phone_key').notNull(),
    addressKey: text('address_key').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: instant('used_at'),
    /** The case the code filed. */
    caseId: text('case_id'),
  },
  (t) => [
    index('report_codes_tenant_phone_idx').on(t.tenantId, t.phoneKey, t.createdAt),
    index('report_codes_tenant_address_idx').on(t.tenantId, t.addressKey, t.createdAt),
    index('report_codes_tenant_project_idx').on(t.tenantId, t.projectId, t.createdAt),
  ],
);
