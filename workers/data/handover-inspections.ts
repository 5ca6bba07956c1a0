import { newId } from '@guanjia/core';
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

type NewInspection = Omit<UnitInspectionRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version'>;
type NewIssue = Omit<
  InspectionIssueRow,
  'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'version' | 'route' | 'defectId' | 'caseId'
>;

/**
 * The inspection, each failed finding's issue and the defect it becomes, with their audit entries,
 * in one commit: nothing is half-written (a second inspection of the unit is a 409 on the unique index).
 */
export async function insertUnitInspection(
  scope: TenantScope,
  values: NewInspection,
  failed: { issue: NewIssue; defect: NewDefect }[],
): Promise<{ inspection: UnitInspectionRow; issues: InspectionIssueRow[] }> {
  const stamp = { tenantId: scope.tenantId, createdAt: scope.now, updatedAt: scope.now, version: 1 };
  const inspection: UnitInspectionRow = { ...values, id: newId('unitInspection'), ...stamp };
  const statements: unknown[] = [
    scope.db.insert(unitInspections).values(inspection),
    auditEntry(
      scope,
      'unit_inspections.create',
      { type: 'unitInspection', id: inspection.id },
      null,
      inspection,
    ),
  ];
  const issues: InspectionIssueRow[] = [];
  for (const f of failed) {
    const defect = defectInsert(scope, f.defect, []);
    const issue: InspectionIssueRow = {
      ...f.issue,
      id: newId('inspectionIssue'),
      ...stamp,
      route: 'defect',
      defectId: defect.row.id,
      caseId: null,
    };
    issues.push(issue);
    statements.push(
      ...defect.statements,
      scope.db.insert(inspectionIssues).values(issue),
      auditEntry(scope, 'inspection_issues.create', { type: 'inspectionIssue', id: issue.id }, null, issue),
    );
  }
  await commit(scope, statements);
  return { inspection, issues };
}
