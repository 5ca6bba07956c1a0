import { AppError, fieldError, handover, type Reach } from '@guanjia/core';
import { getPlanRow } from '../../data/handover';
import {
  findUnit,
  type InspectionIssueRow,
  insertUnitInspection,
  planInspectionRows,
  planIssueRows,
  projectUnits,
  type UnitInspectionRow,
} from '../../data/handover-inspections';
import type { TenantScope } from '../../data/scope';

/**
 * 分户查验 (交付前内部查验, seed 000 part 2.V: 每套都查): each unit of a plan is inspected item by
 * item; a failed item is an inspection issue and a product defect with source
 * `pre_handover_inspection`, written in the same commit as the inspection.
 */

export interface UnitInspectionView {
  inspection: UnitInspectionRow;
  issues: InspectionIssueRow[];
}

export async function recordUnitInspection(
  scope: TenantScope,
  reach: Reach,
  input: { planId: string; unitId: string; findings: handover.InspectionFinding[] },
): Promise<UnitInspectionView> {
  const plan = await getPlanRow(scope, reach, input.planId);
  const findings = handover.InspectionFindingSchema.array().min(1).max(200).parse(input.findings);
  const unit = await findUnit(scope, input.unitId);
  if (!unit || unit.projectId !== plan.projectId) {
    throw fieldError('unitId', `Unit ${input.unitId} is not a unit of the plan's project`);
  }
  if (plan.buildingIds.length && !plan.buildingIds.includes(unit.buildingId)) {
    throw fieldError('unitId', `Unit ${input.unitId} is not in a building of the plan`);
  }
  const failed = findings
    .filter((f) => !f.passed)
    .map((f) => {
      const category = f.category ?? f.item;
      const description = `${unit.number} ${f.item}: ${f.description}`;
      return {
        issue: {
          planId: plan.id,
          projectId: plan.projectId,
          buildingId: unit.buildingId,
          unitId: unit.id,
          category,
          description: f.description,
          nature: f.nature,
          violatesStandard: f.violatesStandard,
          photoKeys: f.photoKeys,
          inspectorId: scope.actor.id,
          foundAt: scope.now,
          resolvedAt: null,
        },
        defect: {
          branchId: plan.branchId,
          projectId: plan.projectId,
          description,
          category,
          source: 'pre_handover_inspection' as const,
          buildingIds: [unit.buildingId],
          unitTypes: [],
          householdsAffected: 1,
          risk: handover.findingRisk(f),
          estimatedLossFen: 0,
          foundAt: scope.now,
          status: 'accepted' as const,
          violatesStandard: f.violatesStandard,
          repeatOfDefectId: null,
          suggestionKey: null,
          windowStart: null,
          windowEnd: null,
          dismissedReason: null,
          responsibleDepartmentId: null,
          feedbackDeadline: null,
          feedbackAt: null,
          feedback: null,
          completionDeadline: null,
          completedAt: null,
          studiedAt: null,
          createdBy: scope.actor.id,
        },
      };
    });
  try {
    return await insertUnitInspection(
      scope,
      {
        planId: plan.id,
        projectId: plan.projectId,
        buildingId: unit.buildingId,
        unitId: unit.id,
        result: handover.unitInspectionResult(findings),
        findings,
        inspectorId: scope.actor.id,
        inspectedAt: scope.now,
      },
      failed,
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      throw new AppError('conflict', `Unit ${unit.id} is already inspected for this plan`);
    }
    throw error;
  }
}

export type UnitInspectionStatus = 'not_inspected' | 'passed' | 'failed';

/** The plan's units with their inspection status, and the progress per building (查验进度). */
export async function listUnitInspections(scope: TenantScope, reach: Reach, planId: string) {
  const plan = await getPlanRow(scope, reach, planId);
  const [allUnits, inspections, issues] = await Promise.all([
    projectUnits(scope, plan.projectId),
    planInspectionRows(scope, plan.id),
    planIssueRows(scope, plan.id),
  ]);
  const planUnits = plan.buildingIds.length
    ? allUnits.filter((u) => plan.buildingIds.includes(u.buildingId))
    : allUnits;
  const byUnit = new Map(inspections.map((i) => [i.unitId, i]));
  const issuesOf = new Map<string, InspectionIssueRow[]>();
  for (const i of issues) issuesOf.set(i.unitId, [...(issuesOf.get(i.unitId) ?? []), i]);
  return {
    units: planUnits.map((u) => {
      const inspection = byUnit.get(u.id) ?? null;
      return {
        unit: u,
        status: (inspection?.result ?? 'not_inspected') as UnitInspectionStatus,
        inspection,
        issues: issuesOf.get(u.id) ?? [],
      };
    }),
    progress: handover.inspectionProgress(
      planUnits.map((u) => ({ unitId: u.id, buildingId: u.buildingId })),
      new Set(inspections.map((i) => i.unitId)),
      issues.map((i) => ({ buildingId: i.buildingId, resolved: i.resolvedAt !== null })),
    ),
  };
}
