import { AppError, newId, type Reach, star } from '@guanjia/core';
import { starCycles, starDecisions, starNominations, starWinners } from '@guanjia/core/db/schema';
import { and, asc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { branchCondition, branchFilter, inReach, projectCondition } from './reach';
import { keysetPage, type PageRequest, updateVersioned } from './records';
import type { TenantScope } from './scope';

/** Service Star nominations (服务之星推荐表) and their review decisions. */

export type StarNominationRow = typeof starNominations.$inferSelect;
export type StarDecisionRow = typeof starDecisions.$inferSelect;

const never = sql`0`;

/**
 * Nominators and submitters see the nominations of the projects they reach (drafts included);
 * reviewers see the submitted ones of the branches they reach. Anything else is 404.
 */
export interface StarReach {
  nominate: Reach;
  submit: Reach;
  review: Reach;
}

export function nominationVisible(scope: TenantScope, reach: StarReach): SQL {
  return (
    or(
      projectCondition(scope, reach.nominate, starNominations.projectId),
      projectCondition(scope, reach.submit, starNominations.projectId),
      and(
        ne(starNominations.status, 'draft'),
        branchCondition(scope, reach.review, starNominations.branchId),
      ),
    ) ?? never
  );
}

export function canSee(reach: StarReach, row: StarNominationRow): boolean {
  const place = { branchId: row.branchId, projectId: row.projectId };
  return (
    inReach(reach.nominate, place) ||
    inReach(reach.submit, place) ||
    (row.status !== 'draft' && inReach(reach.review, { branchId: row.branchId }))
  );
}

export interface NominationQuery {
  cycleId?: string;
  branchId?: string;
  projectId?: string;
  status?: string;
}

export function listNominations(
  scope: TenantScope,
  reach: StarReach,
  query: NominationQuery,
  page: PageRequest,
): Promise<StarNominationRow[]> {
  return keysetPage(
    scope,
    starNominations,
    [
      query.cycleId ? eq(starNominations.cycleId, query.cycleId) : undefined,
      query.branchId ? eq(starNominations.branchId, query.branchId) : undefined,
      query.projectId ? eq(starNominations.projectId, query.projectId) : undefined,
      query.status ? eq(starNominations.status, query.status as StarNominationRow['status']) : undefined,
      nominationVisible(scope, reach),
    ],
    page,
  );
}

export async function getNomination(
  scope: TenantScope,
  reach: StarReach,
  id: string,
): Promise<StarNominationRow> {
  const row = await scope.db.query.starNominations.findFirst({
    where: and(eq(starNominations.tenantId, scope.tenantId), eq(starNominations.id, id)),
  });
  if (!row || !canSee(reach, row)) throw new AppError('not_found', `Nomination ${id} not found`);
  return row;
}

/** Nominations of one cycle among `ids` (the ones an announcement names). */
export async function cycleNominations(
  scope: TenantScope,
  cycleId: string,
  ids: string[],
): Promise<StarNominationRow[]> {
  if (ids.length === 0) return [];
  return scope.db
    .select()
    .from(starNominations)
    .where(
      and(
        eq(starNominations.tenantId, scope.tenantId),
        eq(starNominations.cycleId, cycleId),
        inArray(starNominations.id, ids),
      ),
    );
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
): Promise<StarNominationRow> {
  const row: StarNominationRow = {
    ...values,
    id: newId('starNomination'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  await commit(scope, [
    scope.db.insert(starNominations).values(row),
    auditEntry(scope, 'star.nominations.create', { type: 'starNomination', id: row.id }, null, row),
  ]);
  return row;
}

/** Changes a nomination if its version still matches; `extra` statements go in the same batch. */
export function updateNomination(
  scope: TenantScope,
  before: StarNominationRow,
  changes: Partial<StarNominationRow>,
  action: string,
  expectedVersion: number | undefined,
  extra: unknown[] = [],
  /** Statements built from the state after the change (e.g. its outbox event). */
  afterwards: (after: StarNominationRow) => unknown[] = () => [],
): Promise<StarNominationRow> {
  return updateVersioned(scope, starNominations, before, changes, {
    audit: { action, type: 'starNomination' },
    expectedVersion,
    conflict: 'The nomination changed while you were editing it',
    extra,
    afterwards,
  });
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
