import {
  buildings,
  caseMilestones,
  cases,
  caseTimeline,
  departments,
  projects,
  units,
} from '@guanjia/core/db/schema';
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  lt,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { involvingFilter } from './case-parties';
import { type CaseRow, finishedStatuses } from './case-support';
import type { TenantScope } from './scope';
import { type CalendarRow, tenantCalendarRows } from './sla-clock';

/** Case lists, search, the timeline and the daily department report. All reads: no writes here. */

export interface CaseQuery {
  projectId?: string;
  branchId?: string;
  kind?: string;
  status?: string;
  urgency?: string;
  category?: string;
  channel?: string;
  /** receivedAt ≥ from */
  from?: Date;
  /** receivedAt < to */
  to?: Date;
  firstAskOwnerId?: string;
  assigneeId?: string;
  contractorId?: string;
  departmentId?: string;
  /** The owner's own cases and the complaints that link the owner (群诉). */
  ownerId?: string;
  /** The unit's own cases and the complaints that link the unit. */
  unitId?: string;
  /** Cases the SLA clock marked overdue (`overdue_since` set), or not. */
  overdue?: boolean;
  /** Cases escalated at least one rung (`escalation_level` > 0), or never. */
  escalated?: boolean;
  /** Cases with a running milestone (pending or warned) due before this instant. */
  dueBefore?: Date;
  /** Full text over descriptions. */
  q?: string;
  sort: 'newest' | 'oldest';
}

/** Shortest query the trigram index can answer; shorter ones fall back to a substring scan of the tenant. */
export const minTrigramLength = 3;

/** An FTS5 phrase: the whole query, quotes doubled, so operators in it are plain text. */
export function ftsPhrase(q: string): string {
  return `"${q.replaceAll('"', '""')}"`;
}

/** The rowid span of one tenant in `cases_search`: a case's search row is n * 2^40 + its rowid. */
const searchSpan = 1099511627776;

/**
 * Above this many matches of the phrase in the tenant, a search walks the tenant's cases in page
 * order and keeps those in the match set (a page fills within a few hundred rows when 1 in 50 or
 * more match); at or below it, it starts from the matches (each looked up, then sorted). Either
 * way the cost follows the tenant's own cases, never the shard's.
 */
export const denseSearchMatches = 2000;

/**
 * The search part of the WHERE. A query of 3+ characters goes through the tenant's range of the
 * trigram index (`cases_search`, migration 0023): one small read first finds the tenant's number
 * in the index and how many of its cases match (counting stops at `denseSearchMatches`), which
 * picks the plan; `+tenant_id` keeps SQLite from driving a sparse search from the tenant's index.
 * A shorter query (e.g. 漏水) is a substring test within the tenant's rows.
 */
async function searchFilter(scope: TenantScope, q: string | undefined): Promise<SQL> {
  const text = q?.trim();
  if (text && [...text].length >= minTrigramLength) {
    const phrase = ftsPhrase(text);
    const [tenant] = await scope.db.all<{ n: number; matches: number }>(
      sql`SELECT n, (SELECT count(*) FROM (SELECT 1 FROM cases_search WHERE cases_search MATCH ${phrase}
          AND rowid >= n * ${searchSpan} AND rowid < (n + 1) * ${searchSpan} LIMIT ${denseSearchMatches + 1})) AS matches
        FROM case_search_tenants WHERE tenant_id = ${scope.tenantId}`,
    );
    if (!tenant) return sql`0`; // no case of the tenant was ever written
    const lo = sql`${tenant.n} * ${searchSpan}`;
    const matching = sql`${cases}.rowid IN (SELECT rowid - ${lo} FROM cases_search
      WHERE cases_search MATCH ${phrase} AND rowid >= ${lo} AND rowid < ${lo} + ${searchSpan})`;
    return and(
      tenant.matches > denseSearchMatches
        ? eq(cases.tenantId, scope.tenantId)
        : sql`+${cases.tenantId} = ${scope.tenantId}`,
      matching,
    ) as SQL;
  }
  return and(
    eq(cases.tenantId, scope.tenantId),
    text ? sql`instr(${cases.description}, ${text}) > 0` : undefined,
  ) as SQL;
}

/** A category filter matches the code and every code below it (plumbing → plumbing.pipe_burst). */
function categoryFilter(code: string): SQL | undefined {
  return or(eq(cases.category, code), and(gte(cases.category, `${code}.`), lt(cases.category, `${code}/`)));
}

/** A keyset page of visible cases, newest (id desc) or oldest first. */
export async function listCases(
  scope: TenantScope,
  visibility: SQL | undefined,
  query: CaseQuery,
  page: { after?: string; limit: number },
): Promise<CaseRow[]> {
  const newest = query.sort === 'newest';
  const search = await searchFilter(scope, query.q);
  return scope.db
    .select()
    .from(cases)
    .where(
      and(
        search,
        visibility,
        page.after ? (newest ? lt(cases.id, page.after) : gt(cases.id, page.after)) : undefined,
        query.projectId ? eq(cases.projectId, query.projectId) : undefined,
        query.branchId ? eq(cases.branchId, query.branchId) : undefined,
        query.kind ? eq(cases.kind, query.kind) : undefined,
        query.status ? eq(cases.status, query.status) : undefined,
        query.urgency ? eq(cases.urgency, query.urgency) : undefined,
        query.category ? categoryFilter(query.category) : undefined,
        query.channel ? eq(cases.channel, query.channel) : undefined,
        query.from ? gte(cases.receivedAt, query.from) : undefined,
        query.to ? lt(cases.receivedAt, query.to) : undefined,
        query.firstAskOwnerId ? eq(cases.firstAskOwnerId, query.firstAskOwnerId) : undefined,
        query.assigneeId ? eq(cases.assigneeId, query.assigneeId) : undefined,
        query.contractorId ? eq(cases.contractorId, query.contractorId) : undefined,
        query.departmentId ? eq(cases.departmentId, query.departmentId) : undefined,
        query.ownerId ? involvingFilter(scope, 'owner', query.ownerId) : undefined,
        query.unitId ? involvingFilter(scope, 'unit', query.unitId) : undefined,
        query.overdue === true ? isNotNull(cases.overdueSince) : undefined,
        query.overdue === false ? sql`${cases.overdueSince} IS NULL` : undefined,
        query.escalated === true ? gt(cases.escalationLevel, 0) : undefined,
        query.escalated === false ? eq(cases.escalationLevel, 0) : undefined,
        query.dueBefore ? dueBeforeFilter(scope, query.dueBefore) : undefined,
      ),
    )
    .orderBy(newest ? desc(cases.id) : asc(cases.id))
    .limit(page.limit + 1);
}

/** Milestones still counting down: what a next deadline can be. */
const runningMilestones = ['pending', 'warned', 'breached'] as const;

/** A running (pending or warned) milestone of the case falls due before `before`. */
function dueBeforeFilter(scope: TenantScope, before: Date): SQL {
  return sql`EXISTS (SELECT 1 FROM ${caseMilestones} WHERE ${caseMilestones.tenantId} = ${scope.tenantId}
    AND ${caseMilestones.caseId} = ${cases.id} AND ${caseMilestones.status} IN ('pending', 'warned')
    AND ${caseMilestones.dueAt} < ${before.getTime()})`;
}

export interface NextDeadline {
  milestone: string;
  dueAt: Date;
  status: (typeof runningMilestones)[number];
}

/**
 * Each listed case's next deadline: the earliest due time among its milestones still running or
 * breached and not yet met, in one read for the whole page (the queue shows it as a countdown).
 */
export async function nextDeadlines(
  scope: TenantScope,
  caseIds: string[],
): Promise<Map<string, NextDeadline>> {
  if (caseIds.length === 0) return new Map();
  return nextDeadlinesOf(await nextDeadlinesQuery(scope, caseIds));
}

function nextDeadlinesQuery(scope: TenantScope, caseIds: string[]) {
  return scope.db
    .select({
      caseId: caseMilestones.caseId,
      milestone: caseMilestones.milestone,
      dueAt: caseMilestones.dueAt,
      status: caseMilestones.status,
    })
    .from(caseMilestones)
    .where(
      and(
        eq(caseMilestones.tenantId, scope.tenantId),
        inArray(caseMilestones.caseId, caseIds.length ? caseIds : ['__none__']),
        inArray(caseMilestones.status, [...runningMilestones]),
        isNotNull(caseMilestones.dueAt),
      ),
    );
}

function nextDeadlinesOf(
  rows: { caseId: string; milestone: string; dueAt: Date | null; status: string }[],
): Map<string, NextDeadline> {
  const next = new Map<string, NextDeadline>();
  for (const row of rows) {
    if (!row.dueAt) continue;
    const seen = next.get(row.caseId);
    if (!seen || row.dueAt < seen.dueAt) {
      next.set(row.caseId, {
        milestone: row.milestone,
        dueAt: row.dueAt,
        status: row.status as NextDeadline['status'],
      });
    }
  }
  return next;
}

/** Where a case is, by name: what a contractor on the way (without org.read) needs to find it. */
export interface CasePlace {
  projectName: string | null;
  buildingName: string | null;
  unitNumber: string | null;
}

/** The place names of the listed cases, three tenant-scoped reads in one D1 batch. */
export async function casePlaces(
  scope: TenantScope,
  rows: readonly PlacedCase[],
): Promise<Map<string, CasePlace>> {
  if (rows.length === 0) return new Map();
  const [projectRows, buildingRows, unitRows] = await scope.db.batch(casePlacesQueries(scope, rows));
  return casePlacesOf(rows, projectRows, buildingRows, unitRows);
}

/**
 * A page of cases' next deadlines and places, in one D1 round trip (the list's two follow-up
 * reads batched, rather than two calls that the shard runs one after the other anyway).
 */
export async function pageDetails(
  scope: TenantScope,
  rows: readonly PlacedCase[],
): Promise<{ deadlines: Map<string, NextDeadline>; places: Map<string, CasePlace> }> {
  if (rows.length === 0) return { deadlines: new Map(), places: new Map() };
  const [deadlineRows, projectRows, buildingRows, unitRows] = await scope.db.batch([
    nextDeadlinesQuery(
      scope,
      rows.map((r) => r.id),
    ),
    ...casePlacesQueries(scope, rows),
  ]);
  return {
    deadlines: nextDeadlinesOf(deadlineRows),
    places: casePlacesOf(rows, projectRows, buildingRows, unitRows),
  };
}

type PlacedCase = Pick<CaseRow, 'id' | 'projectId' | 'buildingId' | 'unitId'>;

function casePlacesQueries(scope: TenantScope, rows: readonly PlacedCase[]) {
  const ids = (pick: (r: PlacedCase) => string | null) => [
    ...new Set(rows.map(pick).filter((v): v is string => v !== null)),
  ];
  const projectIds = ids((r) => r.projectId);
  const buildingIds = ids((r) => r.buildingId);
  const unitIds = ids((r) => r.unitId);
  const none = ['__none__'];
  return [
    scope.db
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(
        and(
          eq(projects.tenantId, scope.tenantId),
          inArray(projects.id, projectIds.length ? projectIds : none),
        ),
      ),
    scope.db
      .select({ id: buildings.id, name: buildings.name })
      .from(buildings)
      .where(
        and(
          eq(buildings.tenantId, scope.tenantId),
          inArray(buildings.id, buildingIds.length ? buildingIds : none),
        ),
      ),
    scope.db
      .select({ id: units.id, number: units.number })
      .from(units)
      .where(and(eq(units.tenantId, scope.tenantId), inArray(units.id, unitIds.length ? unitIds : none))),
  ] as const;
}

function casePlacesOf(
  rows: readonly PlacedCase[],
  projectRows: { id: string; name: string }[],
  buildingRows: { id: string; name: string }[],
  unitRows: { id: string; number: string }[],
): Map<string, CasePlace> {
  const places = new Map<string, CasePlace>();
  const projectName = new Map(projectRows.map((r) => [r.id, r.name]));
  const buildingName = new Map(buildingRows.map((r) => [r.id, r.name]));
  const unitNumber = new Map(unitRows.map((r) => [r.id, r.number]));
  for (const r of rows) {
    places.set(r.id, {
      projectName: projectName.get(r.projectId) ?? null,
      buildingName: r.buildingId ? (buildingName.get(r.buildingId) ?? null) : null,
      unitNumber: r.unitId ? (unitNumber.get(r.unitId) ?? null) : null,
    });
  }
  return places;
}

export type TimelineRow = typeof caseTimeline.$inferSelect;

/** A case's timeline in order; the owner link asks for the owner-facing entries only. */
export async function listTimeline(
  scope: TenantScope,
  caseId: string,
  options: { ownerOnly?: boolean } = {},
): Promise<TimelineRow[]> {
  const rows = await scope.db
    .select()
    .from(caseTimeline)
    .where(
      and(
        eq(caseTimeline.tenantId, scope.tenantId),
        eq(caseTimeline.caseId, caseId),
        options.ownerOnly ? eq(caseTimeline.visibility, 'owner') : undefined,
      ),
    )
    .orderBy(asc(caseTimeline.id))
    .limit(1000);
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------------------
// Daily department report

/** Statuses in which a department (or in-house team) is expected to be working on the case. */
export const departmentHandlingStatuses = [
  'received',
  'assigned',
  'in_progress',
  'dispatched',
  'contacted',
  'on_site',
  'reopened',
] as const;

/**
 * What the daily department report decides over: the tenant's open cases with a department in a
 * handling status received before `before` (the next local midnight), and the tenant's calendar
 * rows (the use case merges the calendar in force per project, as the SLA clock does).
 */
export async function departmentReportCandidates(
  scope: TenantScope,
  visibility: SQL | undefined,
  before: Date,
): Promise<{ rows: CaseRow[]; calendars: CalendarRow[] }> {
  const [rows, calendars] = await Promise.all([
    scope.db
      .select()
      .from(cases)
      .where(
        and(
          eq(cases.tenantId, scope.tenantId),
          isNotNull(cases.departmentId),
          inArray(cases.status, [...departmentHandlingStatuses]),
          notInArray(cases.status, [...finishedStatuses]),
          lt(cases.receivedAt, before),
          visibility,
        ),
      )
      .orderBy(asc(cases.id))
      .limit(5000),
    tenantCalendarRows(scope),
  ]);
  return { rows, calendars };
}

/** The names of the tenant's departments among `ids`. */
export async function departmentNames(scope: TenantScope, ids: string[]): Promise<Map<string, string>> {
  const names = ids.length
    ? await scope.db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(and(eq(departments.tenantId, scope.tenantId), inArray(departments.id, ids)))
    : [];
  return new Map(names.map((n) => [n.id, n.name]));
}
