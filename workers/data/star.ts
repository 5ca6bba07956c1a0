import { AppError, newId, type Reach, star } from '@guanjia/core';
import {
  caseMilestones,
  cases,
  caseTimeline,
  projects,
  roleAssignments,
  staffUsers,
  starCycles,
  starDecisions,
  starNominations,
  starWinners,
  tenants,
} from '@guanjia/core/db/schema';
import { and, asc, desc, eq, gt, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit';
import { branchFilter, inReach, projectFilter } from './reach';
import { runBatch } from './records';
import type { TenantScope } from './scope';

export type StarCycleRow = typeof starCycles.$inferSelect;
export type StarNominationRow = typeof starNominations.$inferSelect;
export type StarDecisionRow = typeof starDecisions.$inferSelect;
export type StarWinnerRow = typeof starWinners.$inferSelect;

const never = sql`0`;

function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { issues: [{ path, message }] });
}

/** The tenant's settings object (the directory row lives in the same shard for now). */
export async function tenantSettings(scope: TenantScope): Promise<Record<string, unknown>> {
  const row = await scope.db.query.tenants.findFirst({
    columns: { settings: true },
    where: eq(tenants.id, scope.tenantId),
  });
  return row?.settings ?? {};
}

/** A project of the tenant, or a field error; reach is checked by the caller. */
export async function projectPlace(scope: TenantScope, projectId: string, path = 'projectId') {
  const project = await scope.db.query.projects.findFirst({
    columns: { id: true, branchId: true, name: true },
    where: and(eq(projects.tenantId, scope.tenantId), eq(projects.id, projectId)),
  });
  if (!project) throw fieldError(path, `Project ${projectId} not found`);
  return project;
}

export async function activeStaff(scope: TenantScope, staffId: string, path: string) {
  const row = await scope.db.query.staffUsers.findFirst({
    columns: { id: true, name: true, status: true },
    where: and(eq(staffUsers.tenantId, scope.tenantId), eq(staffUsers.id, staffId)),
  });
  if (row?.status !== 'active') throw fieldError(path, `Staff ${staffId} not found`);
  return row;
}

// ---------------------------------------------------------------------------
// Cycles

/**
 * The branch's cycle for a quarter, opening it when it does not exist yet. Concurrent openers
 * meet on the unique (tenant, branch, year, quarter) index: the insert does nothing, the read wins.
 */
export async function ensureCycle(
  scope: TenantScope,
  branchId: string,
  year: number,
  quarter: number,
  openedBy: string | null,
): Promise<{ cycle: StarCycleRow; created: boolean }> {
  const existing = await findCycle(scope, branchId, year, quarter);
  if (existing) return { cycle: existing, created: false };
  const row: StarCycleRow = {
    id: newId('starCycle'),
    tenantId: scope.tenantId,
    branchId,
    year,
    quarter,
    status: 'open',
    openedBy,
    openedAt: scope.now,
    announcedBy: null,
    announcedAt: null,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  const [inserted] = (await runBatch(scope.db, [
    scope.db.insert(starCycles).values(row).onConflictDoNothing().returning({ id: starCycles.id }),
    auditEntry(scope, 'star.cycles.open', { type: 'starCycle', id: row.id }, null, row),
  ])) as { id: string }[][];
  if (inserted && inserted.length > 0) return { cycle: row, created: true };
  const winner = await findCycle(scope, branchId, year, quarter);
  if (!winner) throw new AppError('internal', 'Cycle vanished while opening it');
  return { cycle: winner, created: false };
}

async function findCycle(scope: TenantScope, branchId: string, year: number, quarter: number) {
  return scope.db.query.starCycles.findFirst({
    where: and(
      eq(starCycles.tenantId, scope.tenantId),
      eq(starCycles.branchId, branchId),
      eq(starCycles.year, year),
      eq(starCycles.quarter, quarter),
    ),
  });
}

/**
 * Opens the quarter's cycle of every branch of the tenant that has none yet (the scheduled
 * handler calls this every minute: two reads when nothing is missing).
 */
export async function openCyclesForAllBranches(
  scope: TenantScope,
  year: number,
  quarter: number,
): Promise<StarCycleRow[]> {
  const rows = await scope.db.query.branches.findMany({
    columns: { id: true },
    where: (b, { eq: equals }) => equals(b.tenantId, scope.tenantId),
  });
  const open = new Set(
    (
      await scope.db
        .select({ branchId: starCycles.branchId })
        .from(starCycles)
        .where(
          and(
            eq(starCycles.tenantId, scope.tenantId),
            eq(starCycles.year, year),
            eq(starCycles.quarter, quarter),
          ),
        )
    ).map((c) => c.branchId),
  );
  const opened: StarCycleRow[] = [];
  for (const branch of rows.filter((b) => !open.has(b.id))) {
    const { cycle, created } = await ensureCycle(scope, branch.id, year, quarter, null);
    if (created) opened.push(cycle);
  }
  return opened;
}

export interface CycleQuery {
  branchId?: string;
  year?: number;
  quarter?: number;
}

export async function listCycles(
  scope: TenantScope,
  reach: Reach,
  query: CycleQuery,
  page: { after?: string; limit: number },
): Promise<StarCycleRow[]> {
  return scope.db
    .select()
    .from(starCycles)
    .where(
      and(
        eq(starCycles.tenantId, scope.tenantId),
        page.after ? gt(starCycles.id, page.after) : undefined,
        query.branchId ? eq(starCycles.branchId, query.branchId) : undefined,
        query.year ? eq(starCycles.year, query.year) : undefined,
        query.quarter ? eq(starCycles.quarter, query.quarter) : undefined,
        branchFilter(scope, reach, starCycles.branchId),
      ),
    )
    .orderBy(asc(starCycles.id))
    .limit(page.limit + 1);
}

export async function getCycle(scope: TenantScope, reach: Reach, id: string): Promise<StarCycleRow> {
  const row = await scope.db.query.starCycles.findFirst({
    where: and(eq(starCycles.tenantId, scope.tenantId), eq(starCycles.id, id)),
  });
  if (!row || !inReach(reach, { branchId: row.branchId })) {
    throw new AppError('not_found', `Star cycle ${id} not found`);
  }
  return row;
}

export async function cycleWinners(scope: TenantScope, cycleIds: string[]): Promise<StarWinnerRow[]> {
  if (cycleIds.length === 0) return [];
  return scope.db
    .select()
    .from(starWinners)
    .where(and(eq(starWinners.tenantId, scope.tenantId), inArray(starWinners.cycleId, cycleIds)))
    .orderBy(asc(starWinners.id));
}

// ---------------------------------------------------------------------------
// Nominations: who sees what

/**
 * Nominators and submitters see the nominations of the projects they reach (drafts included);
 * reviewers see the submitted ones of the branches they reach. Anything else is 404.
 */
export interface StarReach {
  nominate: Reach;
  submit: Reach;
  review: Reach;
}

export function nominationVisible(scope: TenantScope, star: StarReach): SQL {
  const project = (reach: Reach) =>
    reach.kind === 'none' ? never : (projectFilter(scope, reach, starNominations.projectId) ?? sql`1`);
  const branch = (reach: Reach) =>
    reach.kind === 'none' ? never : (branchFilter(scope, reach, starNominations.branchId) ?? sql`1`);
  return (
    or(
      project(star.nominate),
      project(star.submit),
      and(ne(starNominations.status, 'draft'), branch(star.review)),
    ) ?? never
  );
}

export function canSee(star: StarReach, row: StarNominationRow): boolean {
  const place = { branchId: row.branchId, projectId: row.projectId };
  return (
    inReach(star.nominate, place) ||
    inReach(star.submit, place) ||
    (row.status !== 'draft' && inReach(star.review, { branchId: row.branchId }))
  );
}

export interface NominationQuery {
  cycleId?: string;
  branchId?: string;
  projectId?: string;
  status?: string;
}

export async function listNominations(
  scope: TenantScope,
  star: StarReach,
  query: NominationQuery,
  page: { after?: string; limit: number },
): Promise<StarNominationRow[]> {
  return scope.db
    .select()
    .from(starNominations)
    .where(
      and(
        eq(starNominations.tenantId, scope.tenantId),
        page.after ? gt(starNominations.id, page.after) : undefined,
        query.cycleId ? eq(starNominations.cycleId, query.cycleId) : undefined,
        query.branchId ? eq(starNominations.branchId, query.branchId) : undefined,
        query.projectId ? eq(starNominations.projectId, query.projectId) : undefined,
        query.status ? eq(starNominations.status, query.status as StarNominationRow['status']) : undefined,
        nominationVisible(scope, star),
      ),
    )
    .orderBy(asc(starNominations.id))
    .limit(page.limit + 1);
}

export async function getNomination(
  scope: TenantScope,
  star: StarReach,
  id: string,
): Promise<StarNominationRow> {
  const row = await scope.db.query.starNominations.findFirst({
    where: and(eq(starNominations.tenantId, scope.tenantId), eq(starNominations.id, id)),
  });
  if (!row || !canSee(star, row)) throw new AppError('not_found', `Nomination ${id} not found`);
  return row;
}

export async function nominationDecisions(
  scope: TenantScope,
  nominationIds: string[],
): Promise<StarDecisionRow[]> {
  if (nominationIds.length === 0) return [];
  return scope.db
    .select()
    .from(starDecisions)
    .where(
      and(eq(starDecisions.tenantId, scope.tenantId), inArray(starDecisions.nominationId, nominationIds)),
    )
    .orderBy(asc(starDecisions.nominationId), asc(starDecisions.round), asc(starDecisions.stepIndex));
}

export async function insertNomination(
  scope: TenantScope,
  values: Omit<StarNominationRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>,
  extra: unknown[] = [],
): Promise<StarNominationRow> {
  const row: StarNominationRow = {
    ...values,
    id: newId('starNomination'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await runBatch(scope.db, [
    scope.db.insert(starNominations).values(row),
    ...extra,
    auditEntry(scope, 'star.nominations.create', { type: 'starNomination', id: row.id }, null, row),
  ]);
  return row;
}

/** Changes a nomination if its version still matches; `extra` statements go in the same batch. */
export async function updateNomination(
  scope: TenantScope,
  before: StarNominationRow,
  changes: Partial<StarNominationRow>,
  action: string,
  expectedVersion: number | undefined,
  extra: unknown[] = [],
  /** Statements built from the state after the change (e.g. its outbox event). */
  afterwards: (after: StarNominationRow) => unknown[] = () => [],
): Promise<StarNominationRow> {
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const next = { ...changes, updatedAt: scope.now, version: before.version + 1 };
  const after = { ...before, ...next };
  const [result] = await runBatch(scope.db, [
    scope.db
      .update(starNominations)
      .set(next)
      .where(
        and(
          eq(starNominations.tenantId, scope.tenantId),
          eq(starNominations.id, before.id),
          eq(starNominations.version, before.version),
        ),
      ),
    ...extra,
    ...afterwards(after),
    auditEntry(scope, action, { type: 'starNomination', id: before.id }, before, after),
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The nomination changed while you were editing it');
  }
  return after;
}

export function decisionInsert(
  scope: TenantScope,
  nomination: StarNominationRow,
  step: { round: number; index: number; name: string },
  decision: StarDecisionRow['decision'],
  comment: string | null,
): { row: StarDecisionRow; statement: unknown } {
  const row: StarDecisionRow = {
    id: newId('starDecision'),
    tenantId: scope.tenantId,
    nominationId: nomination.id,
    round: step.round,
    stepIndex: step.index,
    step: step.name,
    decision,
    comment,
    decidedBy: scope.actor.id ?? 'unknown',
    decidedAt: scope.now,
  };
  return { row, statement: scope.db.insert(starDecisions).values(row) };
}

/** The roles the caller holds over a branch: a branch grant on it, or a group grant. */
export function rolesOverBranch(scope: TenantScope, branchId: string): Set<string> {
  const held = new Set<string>();
  for (const grant of scope.grants) {
    if (grant.scopeType === 'group' || (grant.scopeType === 'branch' && grant.scopeId === branchId)) {
      held.add(grant.role);
    }
  }
  return held;
}

// ---------------------------------------------------------------------------
// Evidence from the case records

/**
 * The facts core's `star.computeEvidence` reads for a staff member and a window [from, to):
 * the cases they took in (first-ask owner) or are assigned to, received before `to` and
 * received or resolved from `from` on. Handlers are the assignee and the staff on the case's
 * timeline; SLA outcomes are the case's milestones that were met or breached; a follow-up
 * rated 5 (the top of the scale) is a commendation (表扬) of the nominee at its follow-up.
 */
export async function evidenceFacts(
  scope: TenantScope,
  staffId: string,
  from: Date,
  to: Date,
): Promise<{ cases: star.CaseFact[]; commendations: star.CommendationFact[] }> {
  const resolved = sql`coalesce(${cases.resolvedAt}, ${cases.completedAt}, ${cases.closedAt})`;
  const rows = await scope.db
    .select({
      id: cases.id,
      firstAskOwnerId: cases.firstAskOwnerId,
      assigneeId: cases.assigneeId,
      receivedAt: cases.receivedAt,
      resolvedAt: sql<number | null>`${resolved}`,
      satisfaction: cases.satisfaction,
      followedUpAt: cases.followedUpAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        or(eq(cases.firstAskOwnerId, staffId), eq(cases.assigneeId, staffId)),
        lt(cases.receivedAt, to),
        or(gte(cases.receivedAt, from), sql`${resolved} >= ${from.getTime()}`),
      ),
    )
    .limit(5000);
  const ids = rows.map((r) => r.id);
  const actors = new Map<string, Set<string>>();
  const outcomes = new Map<string, ('met' | 'breached')[]>();
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const [timeline, milestones] = await Promise.all([
      scope.db
        .selectDistinct({ caseId: caseTimeline.caseId, actorId: caseTimeline.actorId })
        .from(caseTimeline)
        .where(
          and(
            eq(caseTimeline.tenantId, scope.tenantId),
            inArray(caseTimeline.caseId, chunk),
            eq(caseTimeline.actorType, 'staff'),
          ),
        ),
      scope.db
        .select({
          caseId: caseMilestones.caseId,
          status: caseMilestones.status,
          breachedAt: caseMilestones.breachedAt,
        })
        .from(caseMilestones)
        .where(and(eq(caseMilestones.tenantId, scope.tenantId), inArray(caseMilestones.caseId, chunk))),
    ]);
    for (const t of timeline) {
      if (t.actorId) actors.set(t.caseId, (actors.get(t.caseId) ?? new Set()).add(t.actorId));
    }
    for (const m of milestones) {
      const outcome =
        m.status === 'met' ? 'met' : m.status === 'breached' || m.breachedAt ? 'breached' : null;
      if (outcome) outcomes.set(m.caseId, [...(outcomes.get(m.caseId) ?? []), outcome]);
    }
  }
  return {
    cases: rows.map((r) => ({
      caseId: r.id,
      receivedById: r.firstAskOwnerId,
      handlerIds: [...new Set([...(r.assigneeId ? [r.assigneeId] : []), ...(actors.get(r.id) ?? [])])],
      receivedAt: r.receivedAt.getTime(),
      resolvedAt: r.resolvedAt === null ? null : Number(r.resolvedAt),
      slaOutcomes: outcomes.get(r.id) ?? [],
      satisfaction: r.satisfaction,
    })),
    commendations: rows
      .filter((r) => r.satisfaction !== null && r.satisfaction >= 5 && r.followedUpAt)
      .map((r) => ({ staffId, at: (r.followedUpAt as Date).getTime() })),
  };
}

// ---------------------------------------------------------------------------
// Winners

export async function winnersOf(
  scope: TenantScope,
  reach: Reach,
  query: { branchId?: string; year?: number; quarter?: number },
): Promise<StarWinnerRow[]> {
  return scope.db
    .select()
    .from(starWinners)
    .where(
      and(
        eq(starWinners.tenantId, scope.tenantId),
        query.branchId ? eq(starWinners.branchId, query.branchId) : undefined,
        query.year ? eq(starWinners.year, query.year) : undefined,
        query.quarter ? eq(starWinners.quarter, query.quarter) : undefined,
        branchFilter(scope, reach, starWinners.branchId),
      ),
    )
    .orderBy(desc(starWinners.year), desc(starWinners.quarter), asc(starWinners.id))
    .limit(1000);
}

/**
 * A branch's nominations as core's `star.leaderboard` reads them (quarter id `2026-Q4`, the
 * winner's reward in fen), optionally of one year or quarter; another branch yields none.
 */
export async function nominationRecords(
  scope: TenantScope,
  reach: Reach,
  query: { branchId: string; year?: number; quarter?: number },
): Promise<star.NominationRecord[]> {
  const rows = await scope.db
    .select({
      nominationId: starNominations.id,
      branchId: starNominations.branchId,
      year: starCycles.year,
      quarter: starCycles.quarter,
      nomineeId: starNominations.nomineeId,
      projectId: starNominations.projectId,
      status: starNominations.status,
      rewardFen: starWinners.rewardFen,
    })
    .from(starNominations)
    .innerJoin(
      starCycles,
      and(eq(starCycles.tenantId, starNominations.tenantId), eq(starCycles.id, starNominations.cycleId)),
    )
    .leftJoin(
      starWinners,
      and(
        eq(starWinners.tenantId, starNominations.tenantId),
        eq(starWinners.nominationId, starNominations.id),
      ),
    )
    .where(
      and(
        eq(starNominations.tenantId, scope.tenantId),
        eq(starNominations.branchId, query.branchId),
        query.year ? eq(starCycles.year, query.year) : undefined,
        query.quarter ? eq(starCycles.quarter, query.quarter) : undefined,
        branchFilter(scope, reach, starNominations.branchId),
      ),
    )
    .limit(5000);
  return rows.map(({ year, quarter, ...r }) => ({
    ...r,
    cycleId: star.quarterCycle(year, quarter as 1 | 2 | 3 | 4).id,
  }));
}

/** Active staff who work in a branch: a branch assignment, or an assignment to one of its projects. */
export async function branchStaffIds(scope: TenantScope, branchId: string): Promise<string[]> {
  const rows = await scope.db
    .selectDistinct({ id: roleAssignments.userId })
    .from(roleAssignments)
    .innerJoin(
      staffUsers,
      and(eq(staffUsers.tenantId, roleAssignments.tenantId), eq(staffUsers.id, roleAssignments.userId)),
    )
    .where(
      and(
        eq(roleAssignments.tenantId, scope.tenantId),
        eq(staffUsers.status, 'active'),
        or(
          and(eq(roleAssignments.scopeType, 'branch'), eq(roleAssignments.scopeId, branchId)),
          and(
            eq(roleAssignments.scopeType, 'project'),
            inArray(
              roleAssignments.scopeId,
              scope.db
                .select({ id: projects.id })
                .from(projects)
                .where(and(eq(projects.tenantId, scope.tenantId), eq(projects.branchId, branchId))),
            ),
          ),
        ),
      ),
    )
    .limit(5000);
  return rows.map((r) => r.id).sort();
}

export async function staffNames(scope: TenantScope, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await scope.db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, scope.tenantId), inArray(staffUsers.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
