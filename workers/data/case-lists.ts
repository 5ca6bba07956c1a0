import { cases, caseTimeline, departments } from '@guanjia/core/db/schema';
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
import { type CaseRow, finishedStatuses } from './case-support';
import type { TenantScope } from './scope';

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
  /** Cases the SLA clock marked overdue (`overdue_since` set), or not. */
  overdue?: boolean;
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

/**
 * The search part of the WHERE. A query of 3+ characters goes through the trigram index
 * (`cases_fts`, external content on `cases.rowid`) and the tenant column is compared without
 * its index (`+tenant_id`) so SQLite drives the query from the matches, not from every case
 * of the tenant. A shorter one (e.g. 漏水) is a substring test within the tenant's rows.
 */
function searchFilter(scope: TenantScope, q: string | undefined): SQL {
  const text = q?.trim();
  if (text && [...text].length >= minTrigramLength) {
    return and(
      sql`+${cases.tenantId} = ${scope.tenantId}`,
      sql`${cases}.rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ${ftsPhrase(text)})`,
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
  return scope.db
    .select()
    .from(cases)
    .where(
      and(
        searchFilter(scope, query.q),
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
        query.overdue === true ? isNotNull(cases.overdueSince) : undefined,
        query.overdue === false ? sql`${cases.overdueSince} IS NULL` : undefined,
      ),
    )
    .orderBy(newest ? desc(cases.id) : asc(cases.id))
    .limit(page.limit + 1);
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

/** Minutes after local midnight when the working day ends, until SLA calendars say otherwise. */
export const endOfWorkingDayMinutes = 18 * 60;

function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts: Record<string, string> = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const n = (k: string) => Number(parts[k] ?? 0);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of a local date and time of day (minutes after midnight) in a zone. */
export function zonedInstant(localDay: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = localDay.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, 0, minutes);
  return new Date(guess - zoneOffsetMs(new Date(guess), timeZone));
}

export interface DepartmentReportCase {
  id: string;
  archiveNo: string;
  kind: string;
  status: string;
  urgency: string;
  projectId: string;
  receivedAt: Date;
  lastUpdateAt: Date | null;
}

export interface DepartmentReportGroup {
  departmentId: string;
  departmentName: string | null;
  cases: DepartmentReportCase[];
}

/**
 * Open cases with a department that had no handling update from it during the local working
 * day (local midnight to 18:00): department feedback, contact, arrival, completion, resolution or
 * an owner reply all count as an update. Cases assigned after the end of the day wait for the next.
 */
export async function departmentDailyReport(
  scope: TenantScope,
  visibility: SQL | undefined,
  localDay: string,
  timeZone: string,
): Promise<{ dayStart: Date; dayEnd: Date; groups: DepartmentReportGroup[] }> {
  const dayStart = zonedInstant(localDay, 0, timeZone);
  const dayEnd = zonedInstant(localDay, endOfWorkingDayMinutes, timeZone);
  const rows = await scope.db
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        isNotNull(cases.departmentId),
        inArray(cases.status, [...departmentHandlingStatuses]),
        notInArray(cases.status, [...finishedStatuses]),
        lt(cases.receivedAt, dayEnd),
        visibility,
      ),
    )
    .orderBy(asc(cases.id))
    .limit(5000);
  const updates = (r: CaseRow) =>
    [
      r.lastDepartmentFeedbackAt,
      r.contactedAt,
      r.arrivedAt,
      r.completedAt,
      r.resolvedAt,
      r.firstReplyAt,
    ].filter((d): d is Date => d !== null && d < dayEnd);
  const stale = rows.filter((r) => !updates(r).some((d) => d >= dayStart));
  const deptIds = [...new Set(stale.map((r) => r.departmentId as string))];
  const names = deptIds.length
    ? await scope.db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(and(eq(departments.tenantId, scope.tenantId), inArray(departments.id, deptIds)))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const groups = deptIds.map((departmentId) => ({
    departmentId,
    departmentName: nameOf.get(departmentId) ?? null,
    cases: stale
      .filter((r) => r.departmentId === departmentId)
      .map((r) => {
        const seen = updates(r).sort((a, b) => b.getTime() - a.getTime());
        return {
          id: r.id,
          archiveNo: r.archiveNo,
          kind: r.kind,
          status: r.status,
          urgency: r.urgency,
          projectId: r.projectId,
          receivedAt: r.receivedAt,
          lastUpdateAt: seen[0] ?? null,
        };
      }),
  }));
  return { dayStart, dayEnd, groups };
}
