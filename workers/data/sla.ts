import { AppError, type Reach } from '@guanjia/core';
import {
  branches,
  type businessCalendars,
  caseMilestones,
  cases,
  type escalationRungs,
  projects,
  type SlaActionKind,
  type SlaScopeKey,
  slaActions,
} from '@guanjia/core/db/schema';
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { type ClockChanged, clockChanged } from './commit';
import { branchFilter, inReach, projectFilter } from './reach';
import type { RecordRow } from './records';
import type { TenantScope } from './scope';

const never = sql`0`;

/** Statuses after which a case runs no clock. */
export const finishedCaseStatuses = ['closed', 'cancelled'] as const;

function placeIssue(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { issues: [{ path, message }] });
}

export interface SlaPlace {
  scopeKey: SlaScopeKey;
  branchId: string | null;
  projectId: string | null;
}

/**
 * Where a calendar or an escalation rung applies: the tenant (no branch, no project), a branch,
 * or a project. Checks the place exists in the tenant and lies within the manager's reach; a
 * tenant-wide row needs a group-wide manager, a branch row a manager of the whole branch.
 */
export async function resolveSlaPlace(
  scope: TenantScope,
  reach: Reach,
  values: Record<string, unknown>,
  before?: RecordRow,
): Promise<SlaPlace> {
  const pick = (key: 'branchId' | 'projectId') =>
    (key in values ? values[key] : before?.[key]) as string | null | undefined;
  const branchId = pick('branchId') ?? null;
  const projectId = pick('projectId') ?? null;
  if (branchId && projectId) throw placeIssue('projectId', 'Give a branch or a project, not both');
  if (projectId) {
    const project = await scope.db.query.projects.findFirst({
      where: and(eq(projects.tenantId, scope.tenantId), eq(projects.id, projectId)),
    });
    if (!project || !inReach(reach, { branchId: project.branchId, projectId: project.id })) {
      throw placeIssue('projectId', `Project ${projectId} not found`);
    }
    return { scopeKey: `project:${projectId}`, branchId: null, projectId };
  }
  if (branchId) {
    const branch = await scope.db.query.branches.findFirst({
      where: and(eq(branches.tenantId, scope.tenantId), eq(branches.id, branchId)),
    });
    const wholeBranch = reach.kind === 'tenant' || (reach.kind === 'some' && reach.branchIds.has(branchId));
    if (!branch || !wholeBranch) throw placeIssue('branchId', `Branch ${branchId} not found`);
    return { scopeKey: `branch:${branchId}`, branchId, projectId: null };
  }
  if (reach.kind !== 'tenant') {
    throw new AppError('forbidden', 'A tenant-wide setting needs a group-wide sla.manage role');
  }
  return { scopeKey: 'tenant', branchId: null, projectId: null };
}

type PlacedTable = typeof businessCalendars | typeof escalationRungs;

/**
 * Which calendars or rungs a caller sees (`read`: tenant-wide rows and those of places in reach)
 * or may change (`manage`: tenant-wide rows only group-wide, branch rows only branch-wide).
 */
export function slaPlaceFilter(
  scope: TenantScope,
  reach: Reach,
  mode: 'read' | 'manage',
  table: PlacedTable,
): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  if (reach.kind === 'none') return never;
  const branchRows =
    mode === 'read'
      ? and(isNotNull(table.branchId), branchFilter(scope, reach, table.branchId))
      : reach.branchIds.size > 0
        ? inArray(table.branchId, [...reach.branchIds])
        : never;
  return or(
    mode === 'read' ? eq(table.scopeKey, 'tenant') : undefined,
    branchRows,
    and(isNotNull(table.projectId), projectFilter(scope, reach, table.projectId)),
  );
}

/** Staff ids that are not staff of this tenant, for a field issue. */
export async function unknownStaffIds(scope: TenantScope, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await scope.db.query.staffUsers.findMany({
    columns: { id: true },
    where: (s, { and, eq, inArray }) => and(eq(s.tenantId, scope.tenantId), inArray(s.id, [...ids])),
  });
  const known = new Set(found.map((s) => s.id));
  return ids.filter((id) => !known.has(id));
}

// ---------------------------------------------------------------------------
// Views

export interface CasePlace {
  id: string;
  branchId: string;
  projectId: string;
  contractorId: string | null;
  status: string;
  escalationLevel: number;
  forfeitedContractorIds: string[];
}

/** A case within the caller's reach (contractor staff: only their company's cases), or 404. */
export async function caseInReach(scope: TenantScope, reach: Reach, caseId: string): Promise<CasePlace> {
  const [row] = await scope.db
    .select({
      id: cases.id,
      branchId: cases.branchId,
      projectId: cases.projectId,
      contractorId: cases.contractorId,
      status: cases.status,
      escalationLevel: cases.escalationLevel,
      forfeitedContractorIds: cases.forfeitedContractorIds,
    })
    .from(cases)
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, caseId)))
    .limit(1);
  const visible =
    row && inReach(reach, row) && (scope.contractorId === null || row.contractorId === scope.contractorId);
  if (!visible) throw new AppError('not_found', `Case ${caseId} not found`);
  return row;
}

export type MilestoneRow = typeof caseMilestones.$inferSelect;
export type SlaActionRow = typeof slaActions.$inferSelect;

/** A case's milestones, every cycle, oldest cycle first. */
export async function caseMilestoneRows(scope: TenantScope, caseId: string): Promise<MilestoneRow[]> {
  return scope.db
    .select()
    .from(caseMilestones)
    .where(and(eq(caseMilestones.tenantId, scope.tenantId), eq(caseMilestones.caseId, caseId)))
    .orderBy(asc(caseMilestones.cycle), asc(caseMilestones.dueAt));
}

/** What the clock did to a case, oldest first. */
export async function caseActionRows(scope: TenantScope, caseId: string): Promise<SlaActionRow[]> {
  return scope.db
    .select()
    .from(slaActions)
    .where(and(eq(slaActions.tenantId, scope.tenantId), eq(slaActions.caseId, caseId)))
    .orderBy(asc(slaActions.id));
}

export interface SlaActionQuery {
  kind: SlaActionKind;
  projectId?: string;
  branchId?: string;
  /** Inclusive, on when the clock recorded it. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Only actions whose milestone row was met late (`'true'`) or was not (`'false'`). */
  metLate?: 'true' | 'false';
}

/** Breaches (or warnings, escalations) within the caller's reach, newest first, keyset on id. */
export async function listSlaActions(
  scope: TenantScope,
  reach: Reach,
  query: SlaActionQuery,
  page: { after?: string; limit: number },
): Promise<SlaActionRow[]> {
  return scope.db
    .select()
    .from(slaActions)
    .where(
      and(
        eq(slaActions.tenantId, scope.tenantId),
        eq(slaActions.kind, query.kind),
        page.after ? lt(slaActions.id, page.after) : undefined,
        query.projectId ? eq(slaActions.projectId, query.projectId) : undefined,
        query.branchId ? eq(slaActions.branchId, query.branchId) : undefined,
        query.from ? gte(slaActions.at, query.from) : undefined,
        query.to ? lt(slaActions.at, query.to) : undefined,
        query.metLate ? metLateFilter(query.metLate === 'true') : undefined,
        projectFilter(scope, reach, slaActions.projectId),
      ),
    )
    .orderBy(desc(slaActions.id))
    .limit(page.limit + 1);
}

/** Ids of the tenant's cases that still run a clock, optionally within one branch or project. */
export async function openCaseIds(
  scope: TenantScope,
  place: { branchId?: string | null; projectId?: string | null } = {},
): Promise<string[]> {
  const rows = await scope.db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        notInArray(cases.status, [...finishedCaseStatuses]),
        place.projectId ? eq(cases.projectId, place.projectId) : undefined,
        place.branchId ? eq(cases.branchId, place.branchId) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * The clock notes (`clockChanged`) of every open case of the tenant (or of one branch or
 * project), for the batch of a policy or calendar change, which moves their deadlines: once it
 * commits, their clocks are re-armed.
 */
export async function openCaseClockWrites(
  scope: TenantScope,
  place: { branchId?: string | null; projectId?: string | null } = {},
): Promise<ClockChanged[]> {
  return (await openCaseIds(scope, place)).map(clockChanged);
}

/** Project ids that are not projects of this tenant. */
export async function unknownProjectIds(scope: TenantScope, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await scope.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.tenantId, scope.tenantId), inArray(projects.id, [...ids])));
  const known = new Set(found.map((p) => p.id));
  return ids.filter((id) => !known.has(id));
}

/** Whether the action's milestone (same case, milestone and cycle) reads `met_late`. */
function metLateFilter(metLate: boolean) {
  const late = sql`EXISTS (SELECT 1 FROM ${caseMilestones} WHERE ${caseMilestones.tenantId} = ${slaActions.tenantId}
    AND ${caseMilestones.caseId} = ${slaActions.caseId} AND ${caseMilestones.milestone} = ${slaActions.milestone}
    AND ${caseMilestones.cycle} = ${slaActions.cycle} AND ${caseMilestones.status} = 'met_late')`;
  return metLate ? late : sql`NOT ${late}`;
}
