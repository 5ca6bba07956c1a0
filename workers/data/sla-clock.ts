import { newId } from '@guanjia/core';
import {
  businessCalendars,
  caseMilestones,
  cases,
  caseTimeline,
  type EscalationLevel,
  escalationRungs,
  type MilestoneEndReason,
  type MilestoneStatus,
  projects,
  type SlaActionKind,
  type SlaScopeKey,
  slaActions,
  slaPolicies,
} from '@guanjia/core/db/schema';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { readBatch } from './commit';
import type { TenantScope } from './scope';

export type CaseRow = typeof cases.$inferSelect;
export type PolicyRow = typeof slaPolicies.$inferSelect;
export type CalendarRow = typeof businessCalendars.$inferSelect;
export type RungRow = typeof escalationRungs.$inferSelect;
export type MilestoneRow = typeof caseMilestones.$inferSelect;

/** One timeline row as the clock reads it (core maps it to case events). */
export interface TimelineFactRow {
  action: string;
  at: Date;
  data: Record<string, unknown> | null;
  visibility: 'internal' | 'owner';
}

/** Everything the clock reads to decide, in one D1 round trip (a batch). */
export interface ClockContext {
  caseRow: CaseRow;
  /** Every stored policy of the tenant (disabled ones too: core skips them), highest priority first. */
  policies: PolicyRow[];
  /** The calendar layers of the case's place: the tenant's, its branch's and its project's rows. */
  calendars: CalendarRow[];
  /** Rungs of the case's project, branch and tenant (all levels). */
  rungs: RungRow[];
  milestones: MilestoneRow[];
  /** The case's timeline, oldest first: the facts the clock decides on. */
  timeline: TimelineFactRow[];
  /** What the clock already recorded for this case: key and when. */
  recorded: { key: string; at: Date }[];
  /** Keys of what the clock already recorded for this case. */
  actionKeys: Set<string>;
}

/** Where a case (or a project) sits: its calendars, policies and rungs are layered by this. */
export interface PlaceRef {
  branchId: string;
  projectId: string;
}

const placeKeys = (c: PlaceRef): SlaScopeKey[] => [
  'tenant',
  `branch:${c.branchId}`,
  `project:${c.projectId}`,
];

/** The most specific row of a place: project over branch over tenant. */
export function nearest<T extends { scopeKey: string }>(rows: T[], c: PlaceRef): T | null {
  const [tenant, branch, project] = placeKeys(c);
  return (
    rows.find((r) => r.scopeKey === project) ??
    rows.find((r) => r.scopeKey === branch) ??
    rows.find((r) => r.scopeKey === tenant) ??
    null
  );
}

/** The row of one level of a case's place (`tenant`, `branch` or `project`), if any. */
export function rowAt<T extends { scopeKey: string }>(
  rows: T[],
  c: PlaceRef,
  level: 'tenant' | 'branch' | 'project',
): T | null {
  const [tenant, branch, project] = placeKeys(c);
  const key = { tenant, branch, project }[level];
  return rows.find((r) => r.scopeKey === key) ?? null;
}

/**
 * Reads a case and what its clock needs in one D1 round trip (a batch); null when the case is
 * gone. The calendar and rung layers of the case's place are picked by its branch and project
 * read in the same statement, so nothing waits for the case row first.
 */
export async function loadClockContext(scope: TenantScope, caseId: string): Promise<ClockContext | null> {
  const db = scope.db;
  const t = scope.tenantId;
  const ofCase = and(eq(cases.tenantId, t), eq(cases.id, caseId));
  const placeKeysOfCase = (scopeKey: typeof businessCalendars.scopeKey | typeof escalationRungs.scopeKey) =>
    sql`${scopeKey} IN ('tenant',
      'branch:' || (SELECT ${cases.branchId} FROM ${cases} WHERE ${ofCase}),
      'project:' || (SELECT ${cases.projectId} FROM ${cases} WHERE ${ofCase}))`;
  const [[caseRow], policies, calendars, rungs, milestones, actions, timeline] = await readBatch(db, [
    db.select().from(cases).where(ofCase).limit(1),
    db
      .select()
      .from(slaPolicies)
      .where(eq(slaPolicies.tenantId, t))
      .orderBy(desc(slaPolicies.priority), asc(slaPolicies.id)),
    db
      .select()
      .from(businessCalendars)
      .where(and(eq(businessCalendars.tenantId, t), placeKeysOfCase(businessCalendars.scopeKey))),
    db
      .select()
      .from(escalationRungs)
      .where(and(eq(escalationRungs.tenantId, t), placeKeysOfCase(escalationRungs.scopeKey))),
    db
      .select()
      .from(caseMilestones)
      .where(and(eq(caseMilestones.tenantId, t), eq(caseMilestones.caseId, caseId))),
    db
      .select({ key: slaActions.key, at: slaActions.at })
      .from(slaActions)
      .where(and(eq(slaActions.tenantId, t), eq(slaActions.caseId, caseId))),
    db
      .select({
        action: caseTimeline.action,
        at: caseTimeline.at,
        data: caseTimeline.data,
        visibility: caseTimeline.visibility,
      })
      .from(caseTimeline)
      .where(and(eq(caseTimeline.tenantId, t), eq(caseTimeline.caseId, caseId)))
      .orderBy(asc(caseTimeline.id)),
  ]);
  if (!caseRow) return null;
  return {
    caseRow,
    policies,
    calendars,
    rungs,
    milestones,
    timeline,
    recorded: actions,
    actionKeys: new Set(actions.map((a) => a.key)),
  };
}

/** What a clock decides on besides the case's own facts: the tenant's policies, the place's calendars and rungs. */
export type ClockInputs = Pick<ClockContext, 'policies' | 'calendars' | 'rungs'>;

/**
 * The reads of `ClockInputs` for a case to be opened at a project (its branch read in the same
 * statements), to run in the intake's one batch: the clock of a new case is evaluated on what
 * the intake writes, with no read after it.
 */
export function clockInputsAtProjectQueries(scope: TenantScope, projectId: string) {
  const db = scope.db;
  const t = scope.tenantId;
  const branchOfProject = sql`(SELECT ${projects.branchId} FROM ${projects} WHERE ${projects.tenantId} = ${t} AND ${projects.id} = ${projectId})`;
  const placeKeys = (scopeKey: typeof businessCalendars.scopeKey | typeof escalationRungs.scopeKey) =>
    sql`${scopeKey} IN ('tenant', 'branch:' || ${branchOfProject}, ${`project:${projectId}`})`;
  return [
    db
      .select()
      .from(slaPolicies)
      .where(eq(slaPolicies.tenantId, t))
      .orderBy(desc(slaPolicies.priority), asc(slaPolicies.id)),
    db
      .select()
      .from(businessCalendars)
      .where(and(eq(businessCalendars.tenantId, t), placeKeys(businessCalendars.scopeKey))),
    db
      .select()
      .from(escalationRungs)
      .where(and(eq(escalationRungs.tenantId, t), placeKeys(escalationRungs.scopeKey))),
  ] as const;
}

/** Every calendar layer of the tenant (one per tenant, branch or project at most: a short read). */
export async function tenantCalendarRows(scope: TenantScope): Promise<CalendarRow[]> {
  return scope.db.select().from(businessCalendars).where(eq(businessCalendars.tenantId, scope.tenantId));
}

/** Who sits on a rung for a case: the project's row first, then the branch's, then the tenant's. */
export function rungMembers(rungs: RungRow[], c: CaseRow, level: EscalationLevel): string[] {
  return (
    nearest(
      rungs.filter((r) => r.level === level),
      c,
    )?.staffIds ?? []
  );
}

/** One milestone of the current cycle as the clock sees it now. */
export interface MilestoneProjection {
  milestone: string;
  cycle: number;
  policyId: string | null;
  /** The policy's name and version (null for the shipped defaults a tenant never stored). */
  policyName: string | null;
  policyVersion: number | null;
  status: MilestoneStatus;
  startedAt: Date | null;
  warnAt: Date | null;
  dueAt: Date | null;
  metAt: Date | null;
  endedAt: Date | null;
  endReason: MilestoneEndReason | null;
  pausedMs: number;
}

/** Statuses a later evaluation may still change; the others are history. */
const open: readonly MilestoneStatus[] = ['pending', 'warned', 'paused'];

const sameInstant = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const keyOf = (m: { milestone: string; cycle: number }) => `${m.milestone}#${m.cycle}`;

function unchanged(row: MilestoneRow, m: MilestoneProjection): boolean {
  return (
    row.status === m.status &&
    row.policyId === m.policyId &&
    row.policyName === m.policyName &&
    row.policyVersion === m.policyVersion &&
    row.pausedMs === m.pausedMs &&
    row.endReason === m.endReason &&
    sameInstant(row.startedAt, m.startedAt) &&
    sameInstant(row.warnAt, m.warnAt) &&
    sameInstant(row.dueAt, m.dueAt) &&
    sameInstant(row.metAt, m.metAt) &&
    sameInstant(row.endedAt, m.endedAt)
  );
}

/**
 * The writes that bring the stored milestones to the projection, under "what happened stays
 * what happened": a row still open (pending, warned, paused) follows the projection (a changed
 * target or calendar moves it); a breached row only gains its late meeting (`met_late`) or its
 * end; a met, met-late, ended or cancelled row never changes. A stored open row the projection
 * no longer has (its policy no longer applies, the case was reclassified or reopened) is
 * cancelled now with `orphanReason`'s reason. Empty when nothing would change, so a repeated
 * arm writes nothing.
 */
export function milestoneWrites(
  scope: TenantScope,
  caseId: string,
  stored: readonly MilestoneRow[],
  projected: readonly MilestoneProjection[],
  orphanReason: (row: MilestoneRow) => MilestoneEndReason,
) {
  const byKey = new Map(stored.map((r) => [keyOf(r), r]));
  const statements = [];
  const ofRow = (row: MilestoneRow, ...statuses: MilestoneStatus[]) =>
    and(
      eq(caseMilestones.tenantId, scope.tenantId),
      eq(caseMilestones.id, row.id),
      inArray(caseMilestones.status, statuses),
    );
  for (const m of projected) {
    const row = byKey.get(keyOf(m));
    if (!row) {
      statements.push(
        scope.db
          .insert(caseMilestones)
          .values({ id: newId('milestone'), tenantId: scope.tenantId, caseId, ...m, updatedAt: scope.now })
          .onConflictDoNothing(),
      );
      continue;
    }
    if (row.status === 'breached') {
      if (m.status === 'met_late' && m.metAt) {
        statements.push(
          scope.db
            .update(caseMilestones)
            .set({ status: 'met_late', metAt: m.metAt, updatedAt: scope.now })
            .where(ofRow(row, 'breached')),
        );
      } else if (m.endedAt && row.endedAt === null) {
        statements.push(
          scope.db
            .update(caseMilestones)
            .set({ endedAt: m.endedAt, endReason: m.endReason, updatedAt: scope.now })
            .where(ofRow(row, 'breached')),
        );
      }
      continue;
    }
    if (!open.includes(row.status) || unchanged(row, m)) continue;
    const { milestone: _m, cycle: _c, ...fields } = m;
    statements.push(
      scope.db
        .update(caseMilestones)
        .set({ ...fields, updatedAt: scope.now })
        .where(ofRow(row, ...open)),
    );
  }
  const kept = new Set(projected.map(keyOf));
  for (const row of stored) {
    if (kept.has(keyOf(row)) || !open.includes(row.status)) continue;
    statements.push(
      scope.db
        .update(caseMilestones)
        .set({ status: 'cancelled', endedAt: scope.now, endReason: orphanReason(row), updatedAt: scope.now })
        .where(ofRow(row, ...open)),
    );
  }
  return statements;
}

/** Marks a milestone warned or breached at `at` (first time only); a finished row keeps its status. */
export function markMilestone(
  scope: TenantScope,
  caseId: string,
  key: { milestone: string; cycle: number },
  kind: 'warning' | 'breach',
  at: Date,
) {
  const where = and(
    eq(caseMilestones.tenantId, scope.tenantId),
    eq(caseMilestones.caseId, caseId),
    eq(caseMilestones.milestone, key.milestone),
    eq(caseMilestones.cycle, key.cycle),
  );
  return kind === 'warning'
    ? scope.db
        .update(caseMilestones)
        .set({
          warnedAt: sql`coalesce(${caseMilestones.warnedAt}, ${at.getTime()})`,
          status: sql`case when ${caseMilestones.status} = 'pending' then 'warned' else ${caseMilestones.status} end`,
        })
        .where(where)
    : scope.db
        .update(caseMilestones)
        .set({
          breachedAt: sql`coalesce(${caseMilestones.breachedAt}, ${at.getTime()})`,
          status: sql`case when ${caseMilestones.status} in ('pending', 'warned', 'paused') then 'breached' else ${caseMilestones.status} end`,
        })
        .where(where);
}

export interface ClockAction {
  key: string;
  kind: SlaActionKind;
  milestone: string;
  cycle: number;
  dueAt: Date | null;
  data: Record<string, unknown>;
}

/** Records a warning, breach or escalation once: a repeated alarm inserts nothing. */
export function insertClockAction(scope: TenantScope, c: CaseRow, action: ClockAction) {
  return scope.db
    .insert(slaActions)
    .values({
      id: newId('slaAction'),
      tenantId: scope.tenantId,
      caseId: c.id,
      branchId: c.branchId,
      projectId: c.projectId,
      at: scope.now,
      ...action,
    })
    .onConflictDoNothing({ target: [slaActions.tenantId, slaActions.key] });
}

/** Moves a case up the ladder; never down (a late, stale evaluation cannot lower it). */
export function raiseEscalation(scope: TenantScope, caseId: string, level: number) {
  return scope.db
    .update(cases)
    .set({ escalationLevel: sql`max(${cases.escalationLevel}, ${level})`, updatedAt: scope.now })
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, caseId)));
}

/**
 * The case list's overdue marker: set (once, keeping the first instant) while a milestone of
 * the current cycle is past due and unmet; cleared when none is.
 */
export function setOverdue(scope: TenantScope, caseId: string, since: Date | null) {
  return scope.db
    .update(cases)
    .set({ overdueSince: since === null ? null : sql`coalesce(${cases.overdueSince}, ${since.getTime()})` })
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, caseId)));
}

/**
 * Keeps `cases.followup_due_at` on the policy's follow-up milestone when a policy or calendar
 * change moved it (the follow-up report counts that column); a follow-up already done keeps its own.
 */
export function setFollowupDue(scope: TenantScope, caseId: string, dueAt: Date) {
  return scope.db
    .update(cases)
    .set({ followupDueAt: dueAt })
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, caseId), isNull(cases.followedUpAt)));
}
