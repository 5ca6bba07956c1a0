import { AppError, newId, type Reach } from '@guanjia/core';
import { branches, starCycles, starNominations, starWinners } from '@guanjia/core/db/schema';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { branchFilter, inReach } from './reach';
import { keysetPage, type PageRequest } from './records';
import type { TenantScope } from './scope';

/** Service Star cycles (one per branch and quarter) and their winners. */

export type StarCycleRow = typeof starCycles.$inferSelect;
export type StarWinnerRow = typeof starWinners.$inferSelect;

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
  const [inserted] = (await commit(scope, [
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

/** The tenant's branches that have no cycle for the quarter yet (two reads when none is missing). */
export async function branchesWithoutCycle(
  scope: TenantScope,
  year: number,
  quarter: number,
): Promise<string[]> {
  const rows = await scope.db
    .select({ id: branches.id })
    .from(branches)
    .where(eq(branches.tenantId, scope.tenantId));
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
  return rows.map((b) => b.id).filter((id) => !open.has(id));
}

export interface CycleQuery {
  branchId?: string;
  year?: number;
  quarter?: number;
}

export function listCycles(
  scope: TenantScope,
  reach: Reach,
  query: CycleQuery,
  page: PageRequest,
): Promise<StarCycleRow[]> {
  return keysetPage(
    scope,
    starCycles,
    [
      query.branchId ? eq(starCycles.branchId, query.branchId) : undefined,
      query.year ? eq(starCycles.year, query.year) : undefined,
      query.quarter ? eq(starCycles.quarter, query.quarter) : undefined,
      branchFilter(scope, reach, starCycles.branchId),
    ],
    page,
  );
}

/**
 * One cycle in reach: a change needs the whole branch; a read (`mode: 'read'`) also lets a
 * project's staff see their branch's cycle, as the list does (`branchFilter`).
 */
export async function getCycle(
  scope: TenantScope,
  reach: Reach,
  id: string,
  mode: 'read' | 'manage' = 'manage',
): Promise<StarCycleRow> {
  const row = await scope.db.query.starCycles.findFirst({
    where: and(
      eq(starCycles.tenantId, scope.tenantId),
      eq(starCycles.id, id),
      mode === 'read' ? branchFilter(scope, reach, starCycles.branchId) : undefined,
    ),
  });
  if (!row || (mode === 'manage' && !inReach(reach, { branchId: row.branchId }))) {
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

/**
 * Announces a cycle in one batch: the cycle (if its version still matches), its winners, their
 * nominations as announced, the audit entry (`after` as given) and `extra` (the events).
 */
export async function announceCycle(
  scope: TenantScope,
  cycle: StarCycleRow,
  winners: StarWinnerRow[],
  after: unknown,
  extra: unknown[],
): Promise<StarCycleRow> {
  const [result] = await commit(scope, [
    scope.db
      .update(starCycles)
      .set({
        status: 'announced',
        announcedBy: scope.actor.id,
        announcedAt: scope.now,
        updatedAt: scope.now,
        version: cycle.version + 1,
      })
      .where(
        and(
          eq(starCycles.tenantId, scope.tenantId),
          eq(starCycles.id, cycle.id),
          eq(starCycles.version, cycle.version),
        ),
      ),
    scope.db.insert(starWinners).values(winners),
    ...winners.map((w) =>
      scope.db
        .update(starNominations)
        .set({ status: 'announced', updatedAt: scope.now })
        .where(and(eq(starNominations.tenantId, scope.tenantId), eq(starNominations.id, w.nominationId))),
    ),
    auditEntry(scope, 'star.cycles.announce', { type: 'starCycle', id: cycle.id }, cycle, after),
    ...extra,
  ]);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The cycle changed while you were announcing it');
  }
  return {
    ...cycle,
    status: 'announced',
    announcedBy: scope.actor.id,
    announcedAt: scope.now,
    updatedAt: scope.now,
    version: cycle.version + 1,
  };
}

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
