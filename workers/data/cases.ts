import {
  AppError,
  cases as core,
  type FieldIssue,
  newId,
  unknownFieldIssues,
  unknownFields,
} from '@guanjia/core';
import {
  auditLog,
  caseAttachments,
  caseSequences,
  cases,
  caseTimeline,
  contractors,
  departments,
  outboxEvents,
  owners,
  ownerUnits,
  projects,
  staffUsers,
  tenants,
  units,
} from '@guanjia/core/db/schema';
import type { EventType } from '@guanjia/core/events/catalogue';
import { and, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit';
import { stepDeadlines } from './case-deadlines';
import {
  listCaseParties,
  type PartyRow,
  partiesOf,
  partyIssues,
  partyRows,
  partyStatements,
} from './case-parties';
import { checkReclassification } from './case-reclassify';
import {
  actorOf,
  type CaseRow,
  caseSettingsKey,
  caseSettingsOf,
  caseSettingsQuery,
  findVisibleCase,
  loadCaseSettings,
  snapshotOf,
} from './case-support';
import { clockChanged, commit, readBatch } from './commit';
import { outboxEvent } from './outbox';
import { inReach, requireReach } from './reach';
import type { TenantScope } from './scope';

/**
 * Cases (工单) in D1: intake with its archive number, one step of the flow, and the forfeit the
 * SLA clock calls. Every write is one D1 batch: the case, its timeline, the audit entry and
 * the events.
 */

// ---------------------------------------------------------------------------
// Events

/** Core's case events that the event catalogue carries under their own name. */
const catalogued = new Set([
  'case.created',
  'case.assigned',
  'case.dispatched',
  'case.contacted',
  'case.forfeited',
  'case.completed',
  'case.signed_off',
  'case.reopened',
  'case.closed',
  'followup.completed',
]);

export interface CaseEventPayload {
  type: string;
  payload: Record<string, unknown>;
}

const isoOf = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Core's events of one write as catalogue payloads (`@guanjia/core/events/catalogue`): each case
 * event carries where the case stands (the row after the change). Steps whose events the
 * catalogue has no name for (arrive, reply, feedback, severity, incident, claim, rework...) are
 * announced once as `case.updated` with the fields that changed.
 */
export function caseEventPayloads(
  scope: TenantScope,
  row: CaseRow,
  events: readonly core.CaseEvent[],
  changed: readonly string[],
): CaseEventPayload[] {
  const actor = { type: scope.actor.type, id: scope.actor.id };
  const ref = {
    caseId: row.id,
    archiveNo: row.archiveNo,
    kind: row.kind,
    status: row.status,
    branchId: row.branchId,
    projectId: row.projectId,
    unitId: row.unitId,
    ownerId: row.ownerId,
  };
  const out: CaseEventPayload[] = [];
  let uncatalogued = false;
  for (const e of events) {
    const d = e.data;
    switch (e.name) {
      case 'case.created':
        out.push({
          type: e.name,
          payload: {
            ...ref,
            channel: row.channel,
            category: row.category,
            urgency: row.urgency,
            receivedAt: row.receivedAt.toISOString(),
            firstAskOwnerId: row.firstAskOwnerId,
            actor,
          },
        });
        break;
      case 'case.assigned':
        if (typeof d.assigneeId === 'string') {
          out.push({
            type: e.name,
            payload: { ...ref, assigneeId: d.assigneeId, departmentId: row.departmentId, actor },
          });
        } else uncatalogued = true;
        break;
      case 'case.dispatched':
        out.push({
          type: e.name,
          payload: {
            ...ref,
            contractorId: row.contractorId,
            assigneeId: row.assigneeId,
            dispatchedAt: isoOf(row.dispatchedAt) ?? e.at.toISOString(),
            actor,
          },
        });
        break;
      case 'case.contacted':
        out.push({ type: e.name, payload: { ...ref, contactedAt: e.at.toISOString(), actor } });
        break;
      case 'case.forfeited':
        out.push({
          type: e.name,
          payload: { ...ref, contractorId: String(d.contractorId), reason: 'contact_deadline_missed', actor },
        });
        break;
      case 'case.completed':
        out.push({ type: e.name, payload: { ...ref, completedAt: e.at.toISOString(), actor } });
        break;
      case 'case.signed_off':
        out.push({ type: e.name, payload: { ...ref, signedOffAt: e.at.toISOString(), actor } });
        break;
      case 'case.reopened':
        out.push({
          type: e.name,
          payload: { ...ref, reopenCount: row.reopenCount, reason: String(d.reason ?? ''), actor },
        });
        break;
      case 'case.closed':
        out.push({
          type: e.name,
          payload: { ...ref, closedAt: e.at.toISOString(), satisfaction: row.satisfaction, actor },
        });
        break;
      case 'followup.completed':
        out.push({
          type: e.name,
          payload: {
            ...ref,
            followedUpAt: e.at.toISOString(),
            satisfied: d.satisfied === true,
            satisfaction: typeof d.satisfaction === 'number' ? d.satisfaction : null,
          },
        });
        break;
      default:
        if (!catalogued.has(e.name)) uncatalogued = true;
    }
  }
  if (uncatalogued) out.push({ type: 'case.updated', payload: { ...ref, changed: [...changed], actor } });
  return out;
}

/**
 * The ONE place case events leave the data layer: outbox rows (`outboxEvent`) for the same batch
 * as the change, placed at the case's branch and project for scoped webhook subscriptions.
 */
export function caseEventStatements(
  scope: TenantScope,
  row: CaseRow,
  events: readonly core.CaseEvent[],
  changed: readonly string[] = [],
): unknown[] {
  return caseEventPayloads(scope, row, events, changed).map((e) =>
    outboxEvent(scope, e.type as EventType, e.payload, { branchId: row.branchId, projectId: row.projectId }),
  );
}

// ---------------------------------------------------------------------------
// Timeline

export function timelineStatements(
  scope: TenantScope,
  caseId: string,
  entries: readonly core.TimelineEntry[],
) {
  // Ids minted in the same millisecond need not sort in minting order: hand them out sorted.
  const ids = entries.map(() => newId('caseTimeline')).sort();
  return entries.map((t, i) =>
    scope.db.insert(caseTimeline).values({
      id: ids[i] as string,
      tenantId: scope.tenantId,
      caseId,
      at: t.at,
      actorType: t.actorType,
      actorId: t.actorId,
      action: t.action,
      visibility: t.visibility,
      note: t.note,
      data: t.data,
    }),
  );
}

// ---------------------------------------------------------------------------
// Intake

export interface IntakeRequest {
  intake: core.CaseIntake;
  /** A compensation claim known at intake (complaints): recorded as a `record_claim` step. */
  claimAmountFen?: number | null;
  /** Who receives it; a function when the roles that count depend on the case's place. */
  actor: core.Actor | ((place: { branchId: string; projectId: string }) => core.Actor);
  /**
   * The permission whose reach the project must lie in; null for owners and email (the channel
   * key already names the project).
   */
  reachPermission: 'cases.create' | null;
}

export interface CreatedCase {
  row: CaseRow;
  events: core.CaseEvent[];
  /** The further owners and units linked at intake (group complaints). */
  parties: PartyRow[];
}

function issue(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { issues: [{ path, message }] });
}

/**
 * What intake reads before it writes, in one D1 round trip (a batch: no read depends on another):
 * the tenant's case settings, the project, unit and owner named, the owner record a caller's
 * phone matches at the unit, and the unit's earlier completed repairs. Then the place is checked
 * against the tenant (400 otherwise).
 */
async function readIntake(scope: TenantScope, request: IntakeRequest) {
  const { intake } = request;
  const t = scope.tenantId;
  const db = scope.db;
  const reach = request.reachPermission ? requireReach(scope, request.reachPermission) : null;
  const reads: unknown[] = [];
  const read = (query: unknown) => reads.push(query) - 1;
  const settingsAt = read(caseSettingsQuery(scope));
  const projectAt = read(
    db
      .select({ id: projects.id, branchId: projects.branchId })
      .from(projects)
      .where(and(eq(projects.tenantId, t), eq(projects.id, intake.projectId)))
      .limit(1),
  );
  const unitAt = intake.unitId
    ? read(
        db
          .select({ projectId: units.projectId, buildingId: units.buildingId })
          .from(units)
          .where(and(eq(units.tenantId, t), eq(units.id, intake.unitId)))
          .limit(1),
      )
    : null;
  const ownerAt = intake.ownerId
    ? read(
        db
          .select({ name: owners.name, phone: owners.phone, email: owners.email })
          .from(owners)
          .where(and(eq(owners.tenantId, t), eq(owners.id, intake.ownerId)))
          .limit(1),
      )
    : null;
  // A caller who is an owner of the unit is linked to their owner record.
  const phoneAt =
    !intake.ownerId && intake.unitId && intake.contact?.phone
      ? read(
          db
            .select({ id: owners.id })
            .from(ownerUnits)
            .innerJoin(
              owners,
              and(eq(owners.tenantId, ownerUnits.tenantId), eq(owners.id, ownerUnits.ownerId)),
            )
            .where(
              and(
                eq(ownerUnits.tenantId, t),
                eq(ownerUnits.unitId, intake.unitId),
                eq(owners.phone, intake.contact.phone),
              ),
            )
            .limit(1),
        )
      : null;
  const earlierAt =
    intake.kind === 'repair' && intake.unitId ? read(earlierRepairsQuery(scope, intake.unitId)) : null;
  const results = (await readBatch(
    db,
    reads as unknown as Parameters<typeof db.batch>[0],
  )) as unknown as unknown[][];
  const first = <T>(at: number | null): T | undefined => (at === null ? undefined : (results[at]?.[0] as T));
  const settings = caseSettingsOf(scope, results[settingsAt] as { settings: Record<string, unknown> }[]);
  const project = first<{ id: string; branchId: string }>(projectAt);
  const unit = first<{ projectId: string; buildingId: string | null }>(unitAt);
  const owner = first<{ name: string; phone: string | null; email: string | null }>(ownerAt);
  const phoneMatch = first<{ id: string }>(phoneAt);
  if (!project || (reach && !inReach(reach, { branchId: project.branchId, projectId: project.id }))) {
    throw issue('projectId', `Project ${intake.projectId} not found`);
  }
  const issues: FieldIssue[] = [];
  let buildingId = intake.buildingId ?? null;
  if (intake.unitId) {
    if (!unit || unit.projectId !== project.id) {
      issues.push({ path: 'unitId', message: `Unit ${intake.unitId} not found in the project` });
    } else buildingId = unit.buildingId;
  }
  if (intake.ownerId && !owner)
    issues.push({ path: 'ownerId', message: `Owner ${intake.ownerId} not found` });
  if (intake.parties) {
    const paths = { owners: 'parties.ownerIds', units: 'parties.unitIds' };
    issues.push(...(await partyIssues(scope, project.id, intake.parties, paths)));
  }
  if (issues.length > 0) {
    throw new AppError('validation_failed', 'See issues for the fields to correct', { issues });
  }
  const ownerContact = owner ? { name: owner.name, phone: owner.phone, email: owner.email } : null;
  const ownerId = intake.ownerId ?? phoneMatch?.id ?? null;
  const earlier = earlierAt === null ? [] : (results[earlierAt] as core.RepairFacts[]);
  return { settings, place: { project, buildingId, ownerId, ownerContact }, earlier };
}

/**
 * Earlier repairs of the unit completed within the rework window, for 维修反复 detection. The
 * window is read in the same statement (the stored `reworkWindowDays`, never less than the
 * default), so this runs in intake's one batch before the settings are parsed: a stored value
 * that does not parse falls back to the default, which the bound covers, and core keeps only
 * the repairs inside the window the settings give (`findReworkOrigin`).
 */
function earlierRepairsQuery(scope: TenantScope, unitId: string) {
  const storedDays = sql`(SELECT CAST(json_extract(${tenants.settings}, ${`$.${caseSettingsKey}.reworkWindowDays`}) AS INTEGER)
    FROM ${tenants} WHERE ${tenants.id} = ${scope.tenantId})`;
  const windowDays = sql`max(coalesce(${storedDays}, 0), ${core.defaultCaseSettings.reworkWindowDays})`;
  return scope.db
    .select({ id: cases.id, unitId: cases.unitId, category: cases.category, completedAt: cases.completedAt })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        eq(cases.unitId, unitId),
        eq(cases.kind, 'repair'),
        isNotNull(cases.completedAt),
        sql`${cases.completedAt} >= ${scope.now.getTime()} - ${windowDays} * 86400000`,
      ),
    );
}

/**
 * Opens a case. The archive number (YYYYMMDD + the tenant's daily sequence) is allocated
 * gap-free and atomically inside the write's one batch (one transaction, run serially by D1):
 * 1. upsert `case_sequences` (tenant, local date): insert 1, or last_value + 1;
 * 2. insert the case with `archive_no = 'YYYYMMDD' || printf('%03d', <that last_value>)` read by a
 *    subquery (core's format: 3 digits, growing past 999);
 * 3. core's receive data, the audit entry and the outbox payloads were built before the number
 *    was known, so the batch sets their `archiveNo` from the case row (json_set);
 * 4. read the number back.
 * Concurrent intakes never collide or retry, and a failed batch rolls its increment back, so the
 * numbers of committed cases have no gaps.
 */
export async function createCase(
  scope: TenantScope,
  request: IntakeRequest,
  extra: (caseId: string) => unknown[] = () => [],
  caseId = newId('case'),
): Promise<CreatedCase> {
  const { intake } = request;
  const { settings, place, earlier } = await readIntake(scope, request);
  core.assertCategory(settings.categories, intake.category);
  const actor =
    typeof request.actor === 'function'
      ? request.actor({ branchId: place.project.branchId, projectId: place.project.id })
      : request.actor;
  const localDay = core.archiveSequenceDate(scope.now, settings.timeZone);
  const received = core.receiveCase({
    id: caseId,
    intake: { ...intake, ownerId: place.ownerId },
    actor,
    now: scope.now,
    settings,
    sequence: 1, // a placeholder: the batch below sets the real number everywhere it appears
    earlierRepairs: earlier,
  });
  let snapshot = received.snapshot;
  const parties = partyRows(scope, caseId, received.parties);
  const timeline = [...received.timeline];
  const events = [...received.events];
  if (request.claimAmountFen && intake.kind === 'complaint') {
    const step = core.applyAction(
      snapshot,
      { type: 'record_claim', amountFen: request.claimAmountFen, note: '受理时登记的索赔' },
      actor,
      scope.now,
      settings,
    );
    snapshot = step.next;
    timeline.push(...step.timeline);
    events.push(...step.events);
  }
  const row: CaseRow = {
    ...snapshot,
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
    archiveNo: received.archiveNo,
    channel: intake.channel,
    branchId: place.project.branchId,
    projectId: place.project.id,
    buildingId: place.buildingId,
    contactName: intake.contact?.name ?? place.ownerContact?.name ?? null,
    contactPhone: intake.contact?.phone ?? place.ownerContact?.phone ?? null,
    contactEmail: intake.contact?.email ?? place.ownerContact?.email ?? null,
    description: intake.description,
    escalationLevel: 0,
    overdueSince: null,
    state: snapshot.state as Record<string, unknown>,
  };
  const t = scope.tenantId;
  const sequence = sql`(SELECT ${caseSequences.lastValue} FROM ${caseSequences}
    WHERE ${caseSequences.tenantId} = ${t} AND ${caseSequences.localDate} = ${localDay})`;
  const archiveOfCase = sql`(SELECT ${cases.archiveNo} FROM ${cases} WHERE ${cases.tenantId} = ${t} AND ${cases.id} = ${caseId})`;
  const results = await commit(scope, [
    scope.db
      .insert(caseSequences)
      .values({ tenantId: t, localDate: localDay, lastValue: 1 })
      .onConflictDoUpdate({
        target: [caseSequences.tenantId, caseSequences.localDate],
        set: { lastValue: sql`${caseSequences.lastValue} + 1` },
      }),
    scope.db.insert(cases).values({
      ...row,
      archiveNo: sql`${localDay.replaceAll('-', '')} || printf('%03d', ${sequence})`,
    }),
    ...timelineStatements(scope, caseId, timeline),
    ...partyStatements(scope, parties),
    auditEntry(scope, 'cases.create', { type: 'case', id: caseId }, null, row),
    ...caseEventStatements(scope, row, events, ['created']),
    ...extra(caseId),
    clockChanged(caseId),
    // The number, wherever it was written before it was known:
    scope.db
      .update(caseTimeline)
      .set({ data: sql`json_set(${caseTimeline.data}, '$.archiveNo', ${archiveOfCase})` })
      .where(
        and(
          eq(caseTimeline.tenantId, t),
          eq(caseTimeline.caseId, caseId),
          sql`json_extract(${caseTimeline.data}, '$.archiveNo') IS NOT NULL`,
        ),
      ),
    scope.db
      .update(auditLog)
      .set({ after: sql`json_set(${auditLog.after}, '$.archiveNo', ${archiveOfCase})` })
      .where(and(eq(auditLog.tenantId, t), eq(auditLog.targetType, 'case'), eq(auditLog.targetId, caseId))),
    scope.db
      .update(outboxEvents)
      .set({ payload: sql`json_set(${outboxEvents.payload}, '$.archiveNo', ${archiveOfCase})` })
      .where(
        and(
          isNull(outboxEvents.publishedAt),
          eq(outboxEvents.occurredAt, scope.now),
          eq(outboxEvents.tenantId, t),
          sql`json_extract(${outboxEvents.payload}, '$.caseId') = ${caseId}`,
        ),
      ),
    scope.db
      .select({ archiveNo: cases.archiveNo })
      .from(cases)
      .where(and(eq(cases.tenantId, t), eq(cases.id, caseId))),
  ]);
  const [numbered] = results.at(-1) as { archiveNo: string }[];
  return { row: { ...row, archiveNo: numbered?.archiveNo ?? row.archiveNo }, events, parties };
}

// ---------------------------------------------------------------------------
// One step of the flow

/** The action's references (contractor, department, staff, attachments, cases) must be this tenant's. */
async function checkActionRefs(scope: TenantScope, row: CaseRow, action: core.CaseAction) {
  const issues: FieldIssue[] = [];
  const exists = async (table: 'contractors' | 'departments' | 'staff', id: string) => {
    const t = { contractors, departments, staff: staffUsers }[table];
    const [hit] = await scope.db
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.tenantId, scope.tenantId), eq(t.id, id)))
      .limit(1);
    return !!hit;
  };
  const a = action as Record<string, unknown>;
  if (typeof a.contractorId === 'string') {
    const [ctr] = await scope.db
      .select({ status: contractors.status })
      .from(contractors)
      .where(and(eq(contractors.tenantId, scope.tenantId), eq(contractors.id, a.contractorId)));
    if (ctr?.status !== 'active') issues.push({ path: 'contractorId', message: 'No such active contractor' });
  }
  if (typeof a.departmentId === 'string' && !(await exists('departments', a.departmentId))) {
    issues.push({ path: 'departmentId', message: 'No such department' });
  }
  for (const key of ['assigneeId', 'leaderId'] as const) {
    if (typeof a[key] === 'string' && !(await exists('staff', a[key] as string))) {
      issues.push({ path: key, message: 'No such staff member' });
    }
  }
  if (Array.isArray(a.memberIds)) {
    const ids = [...new Set(a.memberIds as string[])];
    const found = await scope.db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.tenantId, scope.tenantId), inArray(staffUsers.id, ids)));
    if (found.length !== ids.length) issues.push({ path: 'memberIds', message: 'Unknown staff members' });
  }
  const attachmentIds = [
    ...(Array.isArray(a.attachmentIds) ? (a.attachmentIds as string[]) : []),
    ...(typeof a.signatureAttachmentId === 'string' ? [a.signatureAttachmentId] : []),
  ];
  if (attachmentIds.length > 0) {
    const ids = [...new Set(attachmentIds)];
    const found = await scope.db
      .select({ id: caseAttachments.id })
      .from(caseAttachments)
      .where(
        and(
          eq(caseAttachments.tenantId, scope.tenantId),
          eq(caseAttachments.caseId, row.id),
          inArray(caseAttachments.id, ids),
        ),
      );
    if (found.length !== ids.length)
      issues.push({ path: 'attachmentIds', message: 'Not attachments of this case' });
  }
  if (action.type === 'link_parties') {
    issues.push(
      ...(await partyIssues(scope, row.projectId, action, { owners: 'ownerIds', units: 'unitIds' })),
    );
  }
  if (typeof a.duplicateOfCaseId === 'string') {
    const [dup] = await scope.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, a.duplicateOfCaseId)));
    if (!dup || dup.id === row.id) issues.push({ path: 'duplicateOfCaseId', message: 'No such other case' });
  }
  if (issues.length > 0)
    throw new AppError('validation_failed', 'See issues for the fields to correct', { issues });
}

function parseAction(input: unknown): core.CaseAction {
  const parsed = core.CaseActionSchema.safeParse(input);
  // An unknown field is refused, not dropped (`channel` on a reply, `visibility` on a note).
  const unknown = unknownFieldIssues(unknownFields(core.CaseActionSchema, input));
  if (parsed.success && unknown.length === 0) return parsed.data;
  throw new AppError('validation_failed', 'The action is not valid', {
    issues: [
      ...(parsed.success
        ? []
        : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }))),
      ...unknown,
    ],
  });
}

/**
 * A statement that fails the whole batch unless the case is still at `version`: the batch is one
 * transaction, so the update, timeline, audit and events all commit or none does. (SQLite has no
 * RAISE outside triggers; json_extract of malformed JSON is the portable way to abort.)
 */
function versionGuard(scope: TenantScope, caseId: string, version: number) {
  return scope.db
    .select({
      guard: sql<number>`CASE WHEN EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.tenantId} = ${scope.tenantId}
        AND ${cases.id} = ${caseId} AND ${cases.version} = ${version}) THEN 1
        ELSE json_extract('stale case version', '$') END`,
    })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
}

/**
 * Core's 409 carries the case status as `extra.status`; in a problem document `status` is the
 * HTTP status, so the case's goes out as `caseStatus`.
 */
function withCaseStatus<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof AppError && error.extra && 'status' in error.extra) {
      const { status, ...extra } = error.extra;
      throw new AppError(error.code, error.detail, {
        issues: error.issues,
        extra: { ...extra, caseStatus: status },
      });
    }
    throw error;
  }
}

export interface AppliedAction {
  row: CaseRow;
  transition: core.CaseTransition;
  /** A complaint's linked parties after the step (none for other kinds). */
  parties: PartyRow[];
}

/**
 * Takes one step: reads the case (404 outside `visibility`), runs core's `applyAction`, and
 * writes the changes with an optimistic version check, the timeline rows, the audit entry and
 * the events in one batch. `expectedVersion` (If-Match) answers 412 when stale.
 */
export async function applyCaseAction(
  scope: TenantScope,
  caseId: string,
  input: unknown,
  options: { visibility: SQL | undefined; expectedVersion?: number; actor?: core.Actor },
): Promise<AppliedAction> {
  const row = await findVisibleCase(scope, caseId, options.visibility);
  if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
    throw new AppError('precondition_failed', `Current version is ${row.version}`);
  }
  const action = parseAction(input);
  const [settings, linked] = await Promise.all([
    loadCaseSettings(scope),
    row.kind === 'complaint' ? listCaseParties(scope, row.id) : [],
  ]);
  const actor = options.actor ?? actorOf(scope, row);
  await checkActionRefs(scope, row, action);
  const moved = action.type === 'reclassify' ? await checkReclassification(scope, action, settings) : null;
  const snapshot = { ...snapshotOf(row), parties: partiesOf(linked) };
  // The contact deadline and the 回访 due time are the SLA policy's (one source): ask the clock's rules.
  const deadlines = await stepDeadlines(scope, row, { snapshot, action, actor, settings });
  const transition = withCaseStatus(() =>
    core.applyAction(snapshot, action, actor, scope.now, settings, deadlines),
  );
  const added = partyRows(scope, row.id, transition.linkedParties);
  // A case moved to another project moves to that project's branch too.
  if (moved && transition.changes.projectId !== undefined) {
    (transition.changes as Partial<CaseRow>).branchId = moved.branchId;
  }
  const next: CaseRow = {
    ...row,
    ...(transition.changes as Partial<CaseRow>),
    updatedAt: scope.now,
    version: row.version + 1,
  };
  const set = { ...transition.changes, updatedAt: scope.now, version: next.version } as Partial<CaseRow>;
  try {
    await commit(scope, [
      versionGuard(scope, row.id, row.version),
      scope.db
        .update(cases)
        .set(set)
        .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, row.id), eq(cases.version, row.version))),
      ...timelineStatements(scope, row.id, transition.timeline),
      ...partyStatements(scope, added),
      auditEntry(
        scope,
        `cases.${action.type}`,
        { type: 'case', id: row.id },
        { status: row.status, version: row.version },
        {
          ...transition.changes,
          status: next.status,
          version: next.version,
          ...(added.length > 0 && { linkedParties: transition.linkedParties }),
        },
      ),
      ...caseEventStatements(scope, next, transition.events, Object.keys(transition.changes)),
      clockChanged(row.id),
    ]);
  } catch (error) {
    const text = `${(error as Error)?.message ?? error} ${(error as { cause?: Error })?.cause?.message ?? ''}`;
    if (/malformed JSON/i.test(text)) {
      throw new AppError('precondition_failed', 'The case changed while you were acting on it');
    }
    throw error;
  }
  return { row: next, transition, parties: [...linked, ...added] };
}

/** Writes rows that belong to a case (attachments, email ids) with the case's updatedAt, in one batch. */
export async function touchCase(scope: TenantScope, row: CaseRow, statements: unknown[]): Promise<void> {
  await commit(scope, [
    scope.db
      .update(cases)
      .set({ updatedAt: scope.now })
      .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, row.id))),
    ...statements,
  ]);
}

/** A timeline entry that is a fact, not a step (an owner's email reply), with its extra rows. */
export async function appendTimeline(
  scope: TenantScope,
  row: CaseRow,
  entry: Omit<core.TimelineEntry, 'at'>,
  extra: unknown[] = [],
): Promise<void> {
  await touchCase(scope, row, [
    ...timelineStatements(scope, row.id, [{ ...entry, at: scope.now }]),
    ...extra,
  ]);
}
