import { AppError, newId, type Reach } from '@guanjia/core';
import {
  cases,
  defectAlerts,
  defectCases,
  defectDecisions,
  defectMeetings,
  departments,
  preventiveMeasures,
  productDefects,
} from '@guanjia/core/db/schema';
import { and, asc, eq, gte, inArray, isNotNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { inReach, projectFilter } from './reach';
import { keysetPage, type PageRequest, updateVersioned } from './records';
import type { TenantScope } from './scope';

/** The product-defect register (产品缺陷): defects, their cases, meetings, decisions, alerts, measures. */

export type DefectRow = typeof productDefects.$inferSelect;
export type DefectMeetingRow = typeof defectMeetings.$inferSelect;
export type DefectDecisionRow = typeof defectDecisions.$inferSelect;
export type PreventiveMeasureRow = typeof preventiveMeasures.$inferSelect;

export interface DefectQuery {
  projectId?: string;
  status?: DefectRow['status'];
  category?: string;
  source?: DefectRow['source'];
  responsibleDepartmentId?: string;
}

export function listDefectRows(
  scope: TenantScope,
  reach: Reach,
  query: DefectQuery,
  page: PageRequest,
): Promise<DefectRow[]> {
  return keysetPage(
    scope,
    productDefects,
    [
      query.projectId ? eq(productDefects.projectId, query.projectId) : undefined,
      query.status ? eq(productDefects.status, query.status) : undefined,
      query.category ? eq(productDefects.category, query.category) : undefined,
      query.source ? eq(productDefects.source, query.source) : undefined,
      query.responsibleDepartmentId
        ? eq(productDefects.responsibleDepartmentId, query.responsibleDepartmentId)
        : undefined,
      projectFilter(scope, reach, productDefects.projectId),
    ],
    page,
    'newest_first',
  );
}

/** A defect of the tenant within `reach`, or 404. */
export async function getDefectRow(scope: TenantScope, reach: Reach, id: string): Promise<DefectRow> {
  const row = await scope.db.query.productDefects.findFirst({
    where: and(eq(productDefects.tenantId, scope.tenantId), eq(productDefects.id, id)),
  });
  if (!row || !inReach(reach, row)) throw new AppError('not_found', `Defect ${id} not found`);
  return row;
}

export async function defectCaseIds(scope: TenantScope, defectIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < defectIds.length; i += 90) {
    const rows = await scope.db
      .select({ defectId: defectCases.defectId, caseId: defectCases.caseId })
      .from(defectCases)
      .where(
        and(
          eq(defectCases.tenantId, scope.tenantId),
          inArray(defectCases.defectId, defectIds.slice(i, i + 90)),
        ),
      )
      .orderBy(asc(defectCases.caseId));
    for (const r of rows) out.set(r.defectId, [...(out.get(r.defectId) ?? []), r.caseId]);
  }
  return out;
}

/** The cases of the tenant among `ids` with their project (for linking checks). */
export async function caseProjects(
  scope: TenantScope,
  ids: string[],
): Promise<Map<string, { projectId: string; unitId: string | null; category: string }>> {
  const out = new Map<string, { projectId: string; unitId: string | null; category: string }>();
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await scope.db
      .select({ id: cases.id, projectId: cases.projectId, unitId: cases.unitId, category: cases.category })
      .from(cases)
      .where(and(eq(cases.tenantId, scope.tenantId), inArray(cases.id, ids.slice(i, i + 90))));
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** A department of the tenant, or null. */
export function findDepartment(scope: TenantScope, id: string) {
  return scope.db.query.departments.findFirst({
    columns: { id: true, name: true, branchId: true, projectId: true },
    where: and(eq(departments.tenantId, scope.tenantId), eq(departments.id, id)),
  });
}

export function caseLinkInserts(scope: TenantScope, defectId: string, caseIds: string[]) {
  const out = [];
  for (let i = 0; i < caseIds.length; i += 20) {
    out.push(
      scope.db
        .insert(defectCases)
        .values(
          caseIds
            .slice(i, i + 20)
            .map((caseId) => ({ tenantId: scope.tenantId, defectId, caseId, linkedAt: scope.now })),
        )
        .onConflictDoNothing(),
    );
  }
  return out;
}

export function caseUnlinks(scope: TenantScope, defectId: string, caseIds: string[]) {
  return caseIds.length === 0
    ? []
    : [
        scope.db
          .delete(defectCases)
          .where(
            and(
              eq(defectCases.tenantId, scope.tenantId),
              eq(defectCases.defectId, defectId),
              inArray(defectCases.caseId, caseIds),
            ),
          ),
      ];
}

export type NewDefect = Omit<DefectRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>;

/** The insert, case links and audit entry of a new defect (for one commit with its events). */
export function defectInsert(scope: TenantScope, values: NewDefect, caseIds: string[]) {
  const row: DefectRow = {
    ...values,
    id: newId('defect'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  return {
    row,
    statements: [
      scope.db.insert(productDefects).values(row),
      ...caseLinkInserts(scope, row.id, caseIds),
      auditEntry(scope, 'defects.create', { type: 'defect', id: row.id }, null, { ...row, caseIds }),
    ],
  };
}

export async function insertDefect(
  scope: TenantScope,
  values: NewDefect,
  caseIds: string[],
  extra: (row: DefectRow) => unknown[] = () => [],
): Promise<DefectRow> {
  const { row, statements } = defectInsert(scope, values, caseIds);
  await commit(scope, [...statements, ...extra(row)]);
  return row;
}

export function updateDefectRow(
  scope: TenantScope,
  before: DefectRow,
  changes: Partial<DefectRow>,
  action: string,
  expectedVersion: number | undefined,
  extra: unknown[] = [],
  afterwards?: (after: DefectRow) => unknown[],
): Promise<DefectRow> {
  return updateVersioned(scope, productDefects, before, changes, {
    audit: { action, type: 'defect' },
    expectedVersion,
    conflict: 'The defect changed meanwhile',
    extra,
    afterwards,
  });
}

/** The version-checked update of a defect inside a larger batch (a meeting's decisions). */
export function defectStep(
  scope: TenantScope,
  before: DefectRow,
  changes: Partial<DefectRow>,
  action: string,
) {
  const next = { ...changes, updatedAt: scope.now, version: before.version + 1 };
  return [
    scope.db
      .update(productDefects)
      .set(next)
      .where(
        and(
          eq(productDefects.tenantId, scope.tenantId),
          eq(productDefects.id, before.id),
          eq(productDefects.version, before.version),
        ),
      ),
    auditEntry(scope, action, { type: 'defect', id: before.id }, before, { ...before, ...next }),
  ];
}

/** Open (not dismissed, not closed) defects of a project within reach, for an agenda. */
export function agendaDefects(
  scope: TenantScope,
  reach: Reach,
  projectId: string | null,
): Promise<DefectRow[]> {
  return scope.db
    .select()
    .from(productDefects)
    .where(
      and(
        eq(productDefects.tenantId, scope.tenantId),
        projectId ? eq(productDefects.projectId, projectId) : undefined,
        inArray(productDefects.status, ['accepted', 'overdue', 'decided', 'rectifying']),
        projectFilter(scope, reach, productDefects.projectId),
      ),
    )
    .orderBy(asc(productDefects.id))
    .limit(500);
}

export async function defectsByIds(scope: TenantScope, ids: string[]): Promise<DefectRow[]> {
  const out: DefectRow[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    out.push(
      ...(await scope.db
        .select()
        .from(productDefects)
        .where(
          and(eq(productDefects.tenantId, scope.tenantId), inArray(productDefects.id, ids.slice(i, i + 90))),
        )),
    );
  }
  return out;
}

/** A meeting, its decisions and the defect changes in one batch. */
export async function insertMeeting(
  scope: TenantScope,
  meeting: Omit<DefectMeetingRow, 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>,
  decisions: Omit<DefectDecisionRow, 'tenantId' | 'createdAt' | 'meetingId'>[],
  extra: unknown[],
): Promise<{ meeting: DefectMeetingRow; decisions: DefectDecisionRow[] }> {
  const row: DefectMeetingRow = {
    ...meeting,
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
    version: 1,
  };
  const rows: DefectDecisionRow[] = decisions.map((d) => ({
    ...d,
    tenantId: scope.tenantId,
    meetingId: row.id,
    createdAt: scope.now,
  }));
  // A second decision for a defect clashes on (tenant, defect): the whole batch fails, nothing half-written.
  await commit(scope, [
    scope.db.insert(defectMeetings).values(row),
    ...rows.map((d) => scope.db.insert(defectDecisions).values(d)),
    auditEntry(scope, 'defect_meetings.create', { type: 'defectMeeting', id: row.id }, null, {
      ...row,
      decisions: rows,
    }),
    ...extra,
  ]);
  return { meeting: row, decisions: rows };
}

export function listMeetingRows(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string },
  page: PageRequest,
): Promise<DefectMeetingRow[]> {
  return keysetPage(
    scope,
    defectMeetings,
    [
      query.projectId ? eq(defectMeetings.projectId, query.projectId) : undefined,
      reach.kind === 'tenant'
        ? undefined
        : and(isNotNull(defectMeetings.projectId), projectFilter(scope, reach, defectMeetings.projectId)),
    ],
    page,
    'newest_first',
  );
}

export async function getMeetingRow(scope: TenantScope, reach: Reach, id: string) {
  const row = await scope.db.query.defectMeetings.findFirst({
    where: and(eq(defectMeetings.tenantId, scope.tenantId), eq(defectMeetings.id, id)),
  });
  const visible =
    row &&
    (row.projectId
      ? inReach(reach, { branchId: row.branchId, projectId: row.projectId })
      : reach.kind === 'tenant');
  if (!row || !visible) throw new AppError('not_found', `Defect meeting ${id} not found`);
  const decisions = await scope.db
    .select()
    .from(defectDecisions)
    .where(and(eq(defectDecisions.tenantId, scope.tenantId), eq(defectDecisions.meetingId, id)))
    .orderBy(asc(defectDecisions.id));
  return { meeting: row, decisions };
}

export async function decisionOf(scope: TenantScope, defectId: string): Promise<DefectDecisionRow | null> {
  const row = await scope.db.query.defectDecisions.findFirst({
    where: and(eq(defectDecisions.tenantId, scope.tenantId), eq(defectDecisions.defectId, defectId)),
  });
  return row ?? null;
}

/** Cases of the tenant received since `since` of the kinds defects come from, for suggestions. */
export async function suggestionFacts(scope: TenantScope, since: Date, limit = 5000) {
  const facts = await scope.db
    .select({
      caseId: cases.id,
      projectId: cases.projectId,
      branchId: cases.branchId,
      unitId: cases.unitId,
      category: cases.category,
      receivedAt: cases.receivedAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        inArray(cases.kind, ['repair', 'complaint']),
        gte(cases.receivedAt, since),
        lte(cases.receivedAt, scope.now),
      ),
    )
    .orderBy(asc(cases.receivedAt))
    .limit(limit);
  const linked = new Set<string>();
  const ids = facts.map((f) => f.caseId);
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await scope.db
      .select({ caseId: defectCases.caseId })
      .from(defectCases)
      .where(
        and(eq(defectCases.tenantId, scope.tenantId), inArray(defectCases.caseId, ids.slice(i, i + 90))),
      );
    for (const r of rows) linked.add(r.caseId);
  }
  const open = await scope.db
    .select()
    .from(productDefects)
    .where(
      and(
        eq(productDefects.tenantId, scope.tenantId),
        eq(productDefects.status, 'suggested'),
        isNotNull(productDefects.windowStart),
      ),
    )
    .limit(1000);
  return { facts, linked, open };
}

/** Decided defects whose feedback or completion is not yet in, with the alert keys recorded for them. */
export async function defectsOnTheClock(scope: TenantScope, until: Date, limit = 500) {
  const rows = await scope.db
    .select()
    .from(productDefects)
    .where(
      and(
        eq(productDefects.tenantId, scope.tenantId),
        inArray(productDefects.status, ['decided', 'rectifying', 'overdue']),
        or(
          and(sql`${productDefects.feedbackAt} is null`, lte(productDefects.feedbackDeadline, until)),
          and(sql`${productDefects.completedAt} is null`, lte(productDefects.completionDeadline, until)),
        ),
      ),
    )
    .orderBy(asc(productDefects.completionDeadline))
    .limit(limit);
  const recorded = new Set<string>();
  for (let i = 0; i < rows.length; i += 90) {
    const keys = await scope.db
      .select({ key: defectAlerts.key })
      .from(defectAlerts)
      .where(
        and(
          eq(defectAlerts.tenantId, scope.tenantId),
          inArray(
            defectAlerts.defectId,
            rows.slice(i, i + 90).map((r) => r.id),
          ),
        ),
      );
    for (const k of keys) recorded.add(k.key);
  }
  return { rows, recorded };
}

/** Records one alert with its writes; a repeated key fails the batch (conflict) and answers false. */
export async function recordDefectAlert(
  scope: TenantScope,
  alert: {
    key: string;
    defectId: string;
    deadline: 'feedback' | 'completion';
    kind: 'warning' | 'breach' | 'escalation';
    due: Date;
  },
  writes: unknown[],
): Promise<boolean> {
  try {
    await commit(scope, [
      scope.db.insert(defectAlerts).values({
        id: newId('defectAlert'),
        tenantId: scope.tenantId,
        key: alert.key,
        defectId: alert.defectId,
        deadline: alert.deadline,
        kind: alert.kind,
        due: alert.due,
        at: scope.now,
      }),
      ...writes,
    ]);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return false;
    throw error;
  }
}

/** The defects and measures a scorecard reads: a project's, or a department's, found in [from, to). */
export async function scorecardFacts(
  scope: TenantScope,
  subject: { projectId: string } | { departmentId: string },
  from: Date,
  to: Date,
) {
  const where: SQL[] = [
    eq(productDefects.tenantId, scope.tenantId),
    gte(productDefects.foundAt, from),
    sql`${productDefects.foundAt} < ${to.getTime()}`,
  ];
  where.push(
    'projectId' in subject
      ? eq(productDefects.projectId, subject.projectId)
      : eq(productDefects.responsibleDepartmentId, subject.departmentId),
  );
  const defects = await scope.db
    .select()
    .from(productDefects)
    .where(and(...where))
    .orderBy(asc(productDefects.id))
    .limit(5000);
  const measures = await scope.db
    .select()
    .from(preventiveMeasures)
    .where(
      and(
        eq(preventiveMeasures.tenantId, scope.tenantId),
        'projectId' in subject
          ? eq(preventiveMeasures.projectId, subject.projectId)
          : eq(preventiveMeasures.departmentId, subject.departmentId),
        gte(preventiveMeasures.takenAt, from),
        sql`${preventiveMeasures.takenAt} < ${to.getTime()}`,
      ),
    )
    .orderBy(asc(preventiveMeasures.id))
    .limit(1000);
  return { defects, measures };
}

export async function insertMeasure(
  scope: TenantScope,
  values: Omit<PreventiveMeasureRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>,
): Promise<PreventiveMeasureRow> {
  const row = {
    ...values,
    id: newId('preventiveMeasure'),
    tenantId: scope.tenantId,
    createdAt: scope.now,
    updatedAt: scope.now,
  } as PreventiveMeasureRow;
  await commit(scope, [
    scope.db.insert(preventiveMeasures).values(row),
    auditEntry(scope, 'preventive_measures.create', { type: 'preventiveMeasure', id: row.id }, null, row),
  ]);
  return row;
}

export function listMeasureRows(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string; departmentId?: string },
  page: PageRequest,
): Promise<PreventiveMeasureRow[]> {
  return keysetPage(
    scope,
    preventiveMeasures,
    [
      query.projectId ? eq(preventiveMeasures.projectId, query.projectId) : undefined,
      query.departmentId ? eq(preventiveMeasures.departmentId, query.departmentId) : undefined,
      reach.kind === 'tenant'
        ? undefined
        : and(
            isNotNull(preventiveMeasures.projectId),
            projectFilter(scope, reach, preventiveMeasures.projectId),
          ),
    ],
    page,
    'newest_first',
  );
}
