import { AppError, newId } from '@guanjia/core';
import { inspectionIssues, unitInspections, units } from '@guanjia/core/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { defectInsert, type NewDefect } from './defects';
import type { TenantScope } from './scope';

/** 分户查验: the inspections of a plan's units and the issues (each a defect) they found. */

export type UnitInspectionRow = typeof unitInspections.$inferSelect;
export type InspectionIssueRow = typeof inspectionIssues.$inferSelect;
export type UnitRow = { id: string; projectId: string; buildingId: string; number: string };

const unitColumns = {
  id: units.id,
  projectId: units.projectId,
  buildingId: units.buildingId,
  number: units.number,
};

export async function findUnit(scope: TenantScope, unitId: string): Promise<UnitRow | null> {
  const [row] = await scope.db
    .select(unitColumns)
    .from(units)
    .where(and(eq(units.tenantId, scope.tenantId), eq(units.id, unitId)))
    .limit(1);
  return row ?? null;
}

export function projectUnits(scope: TenantScope, projectId: string): Promise<UnitRow[]> {
  return scope.db
    .select(unitColumns)
    .from(units)
    .where(and(eq(units.tenantId, scope.tenantId), eq(units.projectId, projectId)))
    .orderBy(asc(units.buildingId), asc(units.number))
    .limit(5000);
}

export function planInspectionRows(scope: TenantScope, planId: string): Promise<UnitInspectionRow[]> {
  return scope.db
    .select()
    .from(unitInspections)
    .where(and(eq(unitInspections.tenantId, scope.tenantId), eq(unitInspections.planId, planId)))
    .limit(5000);
}

export function planIssueRows(scope: TenantScope, planId: string): Promise<InspectionIssueRow[]> {
  return scope.db
    .select()
    .from(inspectionIssues)
    .where(and(eq(inspectionIssues.tenantId, scope.tenantId), eq(inspectionIssues.planId, planId)))
    .orderBy(asc(inspectionIssues.id))
    .limit(10000);
}

type NewInspection = Omit<
  UnitInspectionRow,
  'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version' | 'round'
>;
export type NewIssue = Omit<
  InspectionIssueRow,
  | 'id'
  | 'tenantId'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'route'
  | 'defectId'
  | 'caseId'
  | 'resolvedAt'
  | 'resolvedBy'
  | 'resolution'
>;

/** A failed finding's issue and where it goes: a new defect, or the unit's repair case. */
export type RoutedIssue = { issue: NewIssue } & ({ defect: NewDefect } | { caseId: string });

const stampOf = (scope: TenantScope) => ({
  tenantId: scope.tenantId,
  createdAt: scope.now,
  updatedAt: scope.now,
  version: 1,
});

/** The issues of failed findings, each with the defect it becomes or the repair case it joins. */
function issueWrites(scope: TenantScope, routed: RoutedIssue[]) {
  const issues: InspectionIssueRow[] = [];
  const statements: unknown[] = [];
  for (const r of routed) {
    const defect = 'defect' in r ? defectInsert(scope, r.defect, []) : null;
    const issue: InspectionIssueRow = {
      ...r.issue,
      id: newId('inspectionIssue'),
      ...stampOf(scope),
      route: defect ? 'defect' : 'repair_case',
      defectId: defect?.row.id ?? null,
      caseId: 'caseId' in r ? r.caseId : null,
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
    };
    issues.push(issue);
    statements.push(
      ...(defect?.statements ?? []),
      scope.db.insert(inspectionIssues).values(issue),
      auditEntry(scope, 'inspection_issues.create', { type: 'inspectionIssue', id: issue.id }, null, issue),
    );
  }
  return { issues, statements };
}

/**
 * The writes of a unit's first inspection: the inspection, each failed finding's issue and the
 * defect it becomes, with their audit entries, for one commit (alone, or with the unit's repair
 * case): a second inspection of the unit is a 409 on the unique index.
 */
export function unitInspectionWrites(scope: TenantScope, values: NewInspection, routed: RoutedIssue[]) {
  const inspection: UnitInspectionRow = {
    ...values,
    id: newId('unitInspection'),
    round: 1,
    ...stampOf(scope),
  };
  const written = issueWrites(scope, routed);
  return {
    inspection,
    issues: written.issues,
    statements: [
      scope.db.insert(unitInspections).values(inspection),
      auditEntry(
        scope,
        'unit_inspections.create',
        { type: 'unitInspection', id: inspection.id },
        null,
        inspection,
      ),
      ...written.statements,
    ],
  };
}

export async function getUnitInspection(
  scope: TenantScope,
  planId: string,
  inspectionId: string,
): Promise<UnitInspectionRow> {
  const [row] = await scope.db
    .select()
    .from(unitInspections)
    .where(
      and(
        eq(unitInspections.tenantId, scope.tenantId),
        eq(unitInspections.planId, planId),
        eq(unitInspections.id, inspectionId),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('not_found', `Inspection ${inspectionId} not found`);
  return row;
}

export async function getIssueRow(
  scope: TenantScope,
  planId: string,
  issueId: string,
): Promise<InspectionIssueRow> {
  const [row] = await scope.db
    .select()
    .from(inspectionIssues)
    .where(
      and(
        eq(inspectionIssues.tenantId, scope.tenantId),
        eq(inspectionIssues.planId, planId),
        eq(inspectionIssues.id, issueId),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('not_found', `Inspection issue ${issueId} not found`);
  return row;
}

export function unitIssueRows(scope: TenantScope, planId: string, unitId: string) {
  return scope.db
    .select()
    .from(inspectionIssues)
    .where(
      and(
        eq(inspectionIssues.tenantId, scope.tenantId),
        eq(inspectionIssues.planId, planId),
        eq(inspectionIssues.unitId, unitId),
      ),
    )
    .orderBy(asc(inspectionIssues.id))
    .limit(1000);
}

/** The version-checked change of an issue and its audit entry, for a larger batch. */
function issueStep(
  scope: TenantScope,
  before: InspectionIssueRow,
  changes: Partial<InspectionIssueRow>,
  action: string,
) {
  const next = { ...changes, updatedAt: scope.now, version: before.version + 1 };
  const after = { ...before, ...next };
  return {
    after,
    statements: [
      scope.db
        .update(inspectionIssues)
        .set(next)
        .where(
          and(
            eq(inspectionIssues.tenantId, scope.tenantId),
            eq(inspectionIssues.id, before.id),
            eq(inspectionIssues.version, before.version),
          ),
        ),
      auditEntry(scope, action, { type: 'inspectionIssue', id: before.id }, before, after),
    ],
  };
}

/**
 * The writes of a re-inspection (复查): the inspection's new round, findings and result
 * (version-checked, first in the batch), the issues it resolves and the new ones it found.
 */
export function reinspectionWrites(
  scope: TenantScope,
  before: UnitInspectionRow,
  values: Pick<UnitInspectionRow, 'findings' | 'result' | 'inspectorId' | 'inspectedAt'>,
  resolve: InspectionIssueRow[],
  routed: RoutedIssue[],
) {
  const next = { ...values, round: before.round + 1, updatedAt: scope.now, version: before.version + 1 };
  const inspection = { ...before, ...next };
  const resolved = resolve.map((i) =>
    issueStep(
      scope,
      i,
      { resolvedAt: scope.now, resolvedBy: scope.actor.id, resolution: `复查通过 (${inspection.round})` },
      'inspection_issues.resolve',
    ),
  );
  const written = issueWrites(scope, routed);
  return {
    inspection,
    resolved: resolved.map((r) => r.after),
    issues: written.issues,
    statements: [
      scope.db
        .update(unitInspections)
        .set(next)
        .where(
          and(
            eq(unitInspections.tenantId, scope.tenantId),
            eq(unitInspections.id, before.id),
            eq(unitInspections.version, before.version),
          ),
        ),
      auditEntry(
        scope,
        'unit_inspections.reinspect',
        { type: 'unitInspection', id: before.id },
        before,
        inspection,
      ),
      ...resolved.flatMap((r) => r.statements),
      ...written.statements,
    ],
  };
}

/** Resolves one issue (整改完成) with what was done; version-checked. */
export async function resolveIssueRow(
  scope: TenantScope,
  before: InspectionIssueRow,
  resolution: string,
): Promise<InspectionIssueRow> {
  const step = issueStep(
    scope,
    before,
    { resolvedAt: scope.now, resolvedBy: scope.actor.id, resolution },
    'inspection_issues.resolve',
  );
  const [result] = await commit(scope, step.statements);
  if ((result as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The issue changed meanwhile');
  }
  return step.after;
}

/** Whether the first statement of a committed batch changed nothing (a version that moved on). */
export function firstUnchanged(results: readonly unknown[]): boolean {
  return (results[0] as D1Result | undefined)?.meta?.changes === 0;
}
