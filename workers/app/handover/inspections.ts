import { AppError, cases, fieldError, handover, newId, type Reach } from '@guanjia/core';
import { actorOf, loadCaseSettings } from '../../data/case-support';
import { commit } from '../../data/commit';
import { getPlanRow, type HandoverPlanRow } from '../../data/handover';
import {
  findUnit,
  firstUnchanged,
  getIssueRow,
  getUnitInspection,
  type InspectionIssueRow,
  planInspectionRows,
  planIssueRows,
  projectUnits,
  type RoutedIssue,
  reinspectionWrites,
  resolveIssueRow,
  type UnitInspectionRow,
  type UnitRow,
  unitInspectionWrites,
  unitIssueRows,
} from '../../data/handover-inspections';
import type { TenantScope } from '../../data/scope';
import { acceptEvidenceUpload, readEvidenceUpload } from '../audits/evidence-files';
import { createCase } from '../cases/intake';
import { acceptedDefect } from '../defects/support';
import { handoverSettings } from './plans';

/**
 * 内部预查验 (seed 000 part 2.V: 每套都查，问题查出来要及时整改): each unit of a plan is inspected
 * item by item. A failed item is an inspection issue, routed by core's `routeInspectionIssue`: a
 * workmanship or material issue of one unit joins the unit's repair case (one 维修 case per
 * inspection round, listing its items); a design fault, a breach of a standard, or the same kind
 * of issue in `inspectionDefectMinUnits` units of the batch is a product defect (source
 * `pre_handover_inspection`). The inspection, its issues and the case or defects they become are
 * one commit. A re-inspection (复查) resolves the issues whose item passes now; an issue is also
 * resolved by hand with what was done. Photos are uploaded first (the evidence upload rules:
 * type, size) and named in the findings by their id.
 */

export interface UnitInspectionView {
  inspection: UnitInspectionRow;
  issues: InspectionIssueRow[];
}

/** The R2 key of an inspection photo: under the tenant and the plan, so a finding names only its own. */
const photoObjectKey = (scope: TenantScope, planId: string, photoId: string) =>
  `${scope.tenantId}/handover/${planId}/${photoId}`;

export async function uploadInspectionPhoto(
  scope: TenantScope,
  reach: Reach,
  input: {
    planId: string;
    contentType: string | undefined;
    declaredBytes: number;
    body: ReadableStream<Uint8Array> | null;
    files: R2Bucket;
  },
): Promise<{ id: string; contentType: string; sizeBytes: number }> {
  const plan = await getPlanRow(scope, reach, input.planId);
  const contentType = acceptEvidenceUpload(input.contentType, input.declaredBytes, 'image/');
  const body = await readEvidenceUpload(input.body);
  const id = newId('inspectionPhoto');
  await input.files.put(photoObjectKey(scope, plan.id, id), body, {
    httpMetadata: { contentType },
    customMetadata: { uploadedBy: scope.actor.id ?? '' },
  });
  return { id, contentType, sizeBytes: body.byteLength };
}

/** An inspection photo of a plan the caller may see. */
export async function openInspectionPhoto(
  scope: TenantScope,
  reach: Reach,
  input: { planId: string; photoId: string; files: R2Bucket },
): Promise<R2ObjectBody> {
  const plan = await getPlanRow(scope, reach, input.planId);
  const object = await input.files.get(photoObjectKey(scope, plan.id, input.photoId));
  if (!object) throw new AppError('not_found', `Photo ${input.photoId} not found`);
  return object;
}

/**
 * What a finding names must exist: a failed item's category in the tenant's case category tree
 * (its repair case is filed under it), each photo uploaded to this plan (400 at the field).
 */
async function checkFindings(
  scope: TenantScope,
  planId: string,
  findings: handover.InspectionFinding[],
  files: R2Bucket,
) {
  const { categories } = await loadCaseSettings(scope);
  for (const [i, f] of findings.entries()) {
    if (!f.passed && f.category && !cases.isValidCategory(categories, f.category)) {
      throw fieldError(`findings.${i}.category`, `Category ${f.category} is not in the case category tree`);
    }
    for (const [j, key] of f.photoKeys.entries()) {
      if (!(await files.head(photoObjectKey(scope, planId, key)))) {
        throw fieldError(`findings.${i}.photoKeys.${j}`, `Photo ${key} was not uploaded to this plan`);
      }
    }
  }
}

async function unitOfPlan(scope: TenantScope, plan: HandoverPlanRow, unitId: string): Promise<UnitRow> {
  const unit = await findUnit(scope, unitId);
  if (!unit || unit.projectId !== plan.projectId) {
    throw fieldError('unitId', `Unit ${unitId} is not a unit of the plan's project`);
  }
  if (plan.buildingIds.length && !plan.buildingIds.includes(unit.buildingId)) {
    throw fieldError('unitId', `Unit ${unitId} is not in a building of the plan`);
  }
  return unit;
}

/**
 * Each failed finding's issue and its route. The batch core counts is the plan's issues so far
 * with this round's other failures; the repair-case issues get `caseId` (minted before the case).
 */
async function routeFailures(
  scope: TenantScope,
  plan: HandoverPlanRow,
  unit: UnitRow,
  failures: handover.InspectionFinding[],
  caseId: string,
): Promise<RoutedIssue[]> {
  const [settings, earlier] = await Promise.all([handoverSettings(scope), planIssueRows(scope, plan.id)]);
  const round = failures.map((f) => ({ unitId: unit.id, category: f.category ?? f.item }));
  const batch = [...earlier.map((i) => ({ unitId: i.unitId, category: i.category })), ...round];
  return failures.map((f) => {
    const category = f.category ?? f.item;
    const issue = {
      planId: plan.id,
      projectId: plan.projectId,
      buildingId: unit.buildingId,
      unitId: unit.id,
      item: f.item,
      category,
      description: f.description,
      nature: f.nature,
      violatesStandard: f.violatesStandard,
      photoKeys: f.photoKeys,
      inspectorId: scope.actor.id,
      foundAt: scope.now,
    };
    const route = handover.routeInspectionIssue(
      { unitId: unit.id, category, nature: f.nature, violatesStandard: f.violatesStandard },
      batch,
      settings.inspectionDefectMinUnits,
    );
    if (route.to === 'repair_case') return { issue, caseId };
    return {
      issue,
      defect: acceptedDefect(scope, plan, {
        description: `${unit.number} ${f.item}: ${f.description}`,
        category,
        source: 'pre_handover_inspection',
        buildingIds: [unit.buildingId],
        unitTypes: [],
        householdsAffected: route.units,
        risk: handover.findingRisk(f),
        estimatedLossFen: 0,
        foundAt: scope.now,
        violatesStandard: f.violatesStandard,
        repeatOfDefectId: null,
      }),
    };
  });
}

/**
 * Commits `statements` alone, or as the extra writes of the unit's repair case when an issue
 * goes to one (the case, its clock and events in the same batch). Answers the batch's results
 * (undefined with a case: its first statement is the case's).
 */
async function commitWithCase(
  scope: TenantScope,
  plan: HandoverPlanRow,
  unit: UnitRow,
  routed: RoutedIssue[],
  caseId: string,
  statements: unknown[],
): Promise<unknown[] | undefined> {
  const repairs = routed.filter((r) => 'caseId' in r).map((r) => r.issue);
  const first = repairs[0];
  if (!first) return commit(scope, statements);
  const lines = repairs.map((r) => `${r.item}: ${r.description}`).join('；');
  await createCase(
    scope,
    {
      intake: {
        kind: 'repair',
        channel: 'front_desk',
        projectId: plan.projectId,
        buildingId: unit.buildingId,
        unitId: unit.id,
        description: `分户查验 ${plan.batch} ${unit.number}：${lines}`,
        category: first.category,
        urgency: 'normal',
      },
      actor: (place) => actorOf(scope, place),
      reachPermission: null,
    },
    () => statements,
    caseId,
  );
  return undefined;
}

export async function recordUnitInspection(
  scope: TenantScope,
  reach: Reach,
  input: { planId: string; unitId: string; findings: handover.InspectionFinding[]; files: R2Bucket },
): Promise<UnitInspectionView> {
  const plan = await getPlanRow(scope, reach, input.planId);
  const findings = handover.InspectionFindingSchema.array().min(1).max(200).parse(input.findings);
  const unit = await unitOfPlan(scope, plan, input.unitId);
  await checkFindings(scope, plan.id, findings, input.files);
  const caseId = newId('case');
  const routed = await routeFailures(
    scope,
    plan,
    unit,
    findings.filter((f) => !f.passed),
    caseId,
  );
  const written = unitInspectionWrites(
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
    routed,
  );
  try {
    await commitWithCase(scope, plan, unit, routed, caseId, written.statements);
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      throw new AppError('conflict', `Unit ${unit.id} is already inspected for this plan`);
    }
    throw error;
  }
  return { inspection: written.inspection, issues: written.issues };
}

/**
 * Re-inspects a unit (复查): its findings replace the last round's and give the unit's result;
 * an open issue whose item passes is resolved, a failed item without an open issue is a new one
 * (routed as at the first inspection).
 */
export async function reinspectUnit(
  scope: TenantScope,
  reach: Reach,
  input: {
    planId: string;
    inspectionId: string;
    findings: handover.InspectionFinding[];
    files: R2Bucket;
    expectedVersion: number | undefined;
  },
): Promise<UnitInspectionView & { resolved: InspectionIssueRow[] }> {
  const plan = await getPlanRow(scope, reach, input.planId);
  const before = await getUnitInspection(scope, plan.id, input.inspectionId);
  const findings = handover.InspectionFindingSchema.array().min(1).max(200).parse(input.findings);
  if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const unit = await unitOfPlan(scope, plan, before.unitId);
  await checkFindings(scope, plan.id, findings, input.files);
  const issues = await unitIssueRows(scope, plan.id, unit.id);
  const open = issues.filter((i) => i.resolvedAt === null);
  const outcome = handover.reinspectionOutcome(open, findings);
  const caseId = newId('case');
  const routed = await routeFailures(scope, plan, unit, outcome.newFailures, caseId);
  const written = reinspectionWrites(
    scope,
    before,
    {
      findings,
      result: handover.unitInspectionResult(findings),
      inspectorId: scope.actor.id,
      inspectedAt: scope.now,
    },
    open.filter((i) => outcome.resolve.includes(i.id)),
    routed,
  );
  const results = await commitWithCase(scope, plan, unit, routed, caseId, written.statements);
  if (results && firstUnchanged(results)) {
    throw new AppError('precondition_failed', 'The inspection changed meanwhile');
  }
  const resolved = new Map(written.resolved.map((i) => [i.id, i]));
  return {
    inspection: written.inspection,
    issues: [...issues.map((i) => resolved.get(i.id) ?? i), ...written.issues],
    resolved: written.resolved,
  };
}

/** Resolves one issue by hand (整改完成) with what was done; a resolved issue stays resolved. */
export async function resolveInspectionIssue(
  scope: TenantScope,
  reach: Reach,
  input: { planId: string; issueId: string; resolution: string; expectedVersion: number | undefined },
): Promise<InspectionIssueRow> {
  const plan = await getPlanRow(scope, reach, input.planId);
  const before = await getIssueRow(scope, plan.id, input.issueId);
  if (before.resolvedAt) throw new AppError('illegal_transition', 'The issue is already resolved');
  if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const resolution = input.resolution.trim();
  if (!resolution) throw fieldError('resolution', 'Say what was done');
  return resolveIssueRow(scope, before, resolution);
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
