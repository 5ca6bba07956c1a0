import { AppError, cases as core, type FieldIssue, newId } from '@guanjia/core';
import { archiveNoOf, newCaseWrites, readIntake } from '../../data/case-intake';
import { type PartyRow, partyIssues, partyRows } from '../../data/case-parties';
import type { CaseRow } from '../../data/case-support';
import { commit } from '../../data/commit';
import { inReach, requireReach } from '../../data/reach';
import type { TenantScope } from '../../data/scope';
import { clockAtIntake } from '../sla/decide';

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
 * Where the case lies, checked against the tenant (400 otherwise, and a project outside the
 * caller's reach is not found): the project, the unit in it, the owner named or the one a
 * caller's phone matches at the unit.
 */
async function placeOf(scope: TenantScope, request: IntakeRequest) {
  const { intake } = request;
  const reach = request.reachPermission ? requireReach(scope, request.reachPermission) : null;
  const read = await readIntake(scope, intake);
  const { project, unit, owner, phoneMatch } = read;
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
  return {
    settings: read.settings,
    place: { project, buildingId, ownerId, ownerContact },
    earlier: read.earlier,
    clock: read.clock,
  };
}

/**
 * Opens a case (受理): from the staff API, the public intake (web, WeChat, app) and inbound
 * email alike. Core receives it (archive number, first-ask owner, rework detection, the
 * deadlines); a claim known at intake is its first step; one commit writes the case, its
 * timeline, parties, audit entry, events and `extra(caseId)` rows with a gap-free archive
 * number, then arms its clock and publishes its events.
 */
export async function createCase(
  scope: TenantScope,
  request: IntakeRequest,
  extra: (caseId: string) => unknown[] = () => [],
  caseId = newId('case'),
): Promise<CreatedCase> {
  const { intake } = request;
  const { settings, place, earlier, clock } = await placeOf(scope, request);
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
    sequence: 1, // a placeholder: the batch sets the real number everywhere it appears
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
    chaseCount: 0,
    lastChasedAt: null,
    state: snapshot.state as Record<string, unknown>,
  };
  const results = await commit(
    scope,
    newCaseWrites(scope, row, localDay, {
      timeline,
      parties,
      events,
      extra: extra(caseId),
      clock: clockAtIntake(scope, row, timeline, clock),
    }),
  );
  return { row: { ...row, archiveNo: archiveNoOf(results) ?? row.archiveNo }, events, parties };
}
