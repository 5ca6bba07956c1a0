import { AppError, defects as core, fieldError, type Reach } from '@guanjia/core';
import {
  caseLinkInserts,
  caseProjects,
  caseUnlinks,
  type DefectDecisionRow,
  type DefectQuery,
  type DefectRow,
  decisionOf,
  defectCaseIds,
  getDefectRow,
  insertDefect,
  listDefectRows,
  updateDefectRow,
} from '../../data/defects';
import { projectPlace } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { acceptedDefect } from './support';

/** The register (产品缺陷): a defect with its cases and the meeting's decision. */

export interface DefectView {
  defect: DefectRow;
  caseIds: string[];
  decision: DefectDecisionRow | null;
}

export type DefectInput = core.DefectInput;
export type DefectPatch = Partial<{
  description: string;
  category: string;
  source: core.DefectSource;
  buildingIds: string[];
  unitTypes: string[];
  impact: { householdsAffected?: number; risk?: core.DefectRisk; estimatedLossFen?: number };
  foundAt: Date;
  caseIds: string[];
  violatesStandard: boolean;
  repeatOfDefectId: string | null;
}>;

export async function listDefects(
  scope: TenantScope,
  reach: Reach,
  query: DefectQuery,
  page: PageRequest,
): Promise<{ rows: DefectRow[]; caseIds: Map<string, string[]> }> {
  const rows = await listDefectRows(scope, reach, query, page);
  return {
    rows,
    caseIds: await defectCaseIds(
      scope,
      rows.map((r) => r.id),
    ),
  };
}

export async function getDefect(scope: TenantScope, reach: Reach, id: string): Promise<DefectView> {
  const defect = await getDefectRow(scope, reach, id);
  return viewOf(scope, defect);
}

async function viewOf(scope: TenantScope, defect: DefectRow): Promise<DefectView> {
  const [links, decision] = await Promise.all([
    defectCaseIds(scope, [defect.id]),
    decisionOf(scope, defect.id),
  ]);
  return { defect, caseIds: links.get(defect.id) ?? [], decision };
}

/** Linked cases must be the tenant's and of the defect's project (400 at `caseIds.<i>` otherwise). */
async function checkCases(scope: TenantScope, projectId: string, caseIds: string[]) {
  const found = await caseProjects(scope, caseIds);
  caseIds.forEach((id, i) => {
    const c = found.get(id);
    if (!c) throw fieldError(`caseIds.${i}`, `Case ${id} not found`);
    if (c.projectId !== projectId) throw fieldError(`caseIds.${i}`, `Case ${id} is of another project`);
  });
}

async function checkRepeatOf(scope: TenantScope, reach: Reach, id: string | null, self?: string) {
  if (!id) return;
  if (id === self) throw fieldError('repeatOfDefectId', 'A defect cannot repeat itself');
  try {
    await getDefectRow(scope, reach, id);
  } catch {
    throw fieldError('repeatOfDefectId', `Defect ${id} not found`);
  }
}

/** Registers a defect by hand: it starts `accepted` (awaiting its meeting's decision). */
export async function registerDefect(
  scope: TenantScope,
  reach: Reach,
  input: DefectInput,
): Promise<DefectView> {
  const body = core.DefectInputSchema.parse(input);
  const project = await projectPlace(scope, body.projectId);
  if (!inReach(reach, { branchId: project.branchId, projectId: project.id })) {
    throw new AppError('not_found', `Project ${body.projectId} not found`);
  }
  const caseIds = [...new Set(body.caseIds)];
  await checkCases(scope, project.id, caseIds);
  await checkRepeatOf(scope, reach, body.repeatOfDefectId);
  const row = await insertDefect(
    scope,
    acceptedDefect(
      scope,
      { branchId: project.branchId, projectId: project.id },
      {
        description: body.description,
        category: body.category,
        source: body.source,
        buildingIds: body.buildingIds,
        unitTypes: body.unitTypes,
        householdsAffected: body.impact.householdsAffected,
        risk: body.impact.risk,
        estimatedLossFen: body.impact.estimatedLossFen,
        foundAt: body.foundAt,
        violatesStandard: body.violatesStandard,
        repeatOfDefectId: body.repeatOfDefectId,
      },
    ),
    caseIds,
  );
  return { defect: row, caseIds, decision: null };
}

/** Edits what was registered; the cases given replace the linked ones. Closed or dismissed defects are final. */
export async function updateDefect(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; patch: DefectPatch; expectedVersion: number | undefined },
): Promise<DefectView> {
  const before = await getDefectRow(scope, reach, input.id);
  if (before.status === 'closed' || before.status === 'dismissed') {
    throw new AppError('illegal_transition', `A ${before.status} defect is not edited`);
  }
  const p = input.patch;
  if (p.repeatOfDefectId !== undefined) await checkRepeatOf(scope, reach, p.repeatOfDefectId, before.id);
  const links = (await defectCaseIds(scope, [before.id])).get(before.id) ?? [];
  let extra: unknown[] = [];
  if (p.caseIds) {
    const next = [...new Set(p.caseIds)];
    await checkCases(scope, before.projectId, next);
    extra = [
      ...caseUnlinks(
        scope,
        before.id,
        links.filter((id) => !next.includes(id)),
      ),
      ...caseLinkInserts(
        scope,
        before.id,
        next.filter((id) => !links.includes(id)),
      ),
    ];
  }
  const changes: Partial<DefectRow> = {};
  if (p.description !== undefined) changes.description = p.description;
  if (p.category !== undefined) changes.category = p.category;
  if (p.source !== undefined) changes.source = p.source;
  if (p.buildingIds !== undefined) changes.buildingIds = p.buildingIds;
  if (p.unitTypes !== undefined) changes.unitTypes = p.unitTypes;
  if (p.impact?.householdsAffected !== undefined) changes.householdsAffected = p.impact.householdsAffected;
  if (p.impact?.risk !== undefined) changes.risk = p.impact.risk;
  if (p.impact?.estimatedLossFen !== undefined) changes.estimatedLossFen = p.impact.estimatedLossFen;
  if (p.foundAt !== undefined) changes.foundAt = p.foundAt;
  if (p.violatesStandard !== undefined) changes.violatesStandard = p.violatesStandard;
  if (p.repeatOfDefectId !== undefined) changes.repeatOfDefectId = p.repeatOfDefectId;
  const after = await updateDefectRow(scope, before, changes, 'defects.update', input.expectedVersion, extra);
  return viewOf(scope, after);
}

/** A step of the life cycle on one defect (accept, dismiss, close): core says which steps exist. */
export async function stepDefect(
  scope: TenantScope,
  reach: Reach,
  input: {
    id: string;
    step: 'accept' | 'dismiss' | 'close';
    reason?: string;
    expectedVersion: number | undefined;
  },
): Promise<DefectView> {
  const before = await getDefectRow(scope, reach, input.id);
  const status = core.nextDefectStatus(before.status, input.step);
  const changes: Partial<DefectRow> = { status };
  if (input.step === 'dismiss') changes.dismissedReason = input.reason ?? null;
  const after = await updateDefectRow(scope, before, changes, `defects.${input.step}`, input.expectedVersion);
  return viewOf(scope, after);
}

/** 整改意见反馈: the responsible department's plan, once per decided defect; it starts the rectification. */
export async function recordFeedback(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; feedback: string; expectedVersion: number | undefined },
): Promise<DefectView> {
  const before = await getDefectRow(scope, reach, input.id);
  if (before.feedbackAt) throw new AppError('illegal_transition', 'The feedback is already recorded');
  if (!['decided', 'overdue'].includes(before.status)) {
    throw new AppError('illegal_transition', `A ${before.status} defect awaits no feedback`, {
      extra: { status: before.status },
    });
  }
  const status =
    before.status === 'decided' ? core.nextDefectStatus(before.status, 'start_rectification') : before.status;
  const after = await updateDefectRow(
    scope,
    before,
    { status, feedback: input.feedback, feedbackAt: scope.now },
    'defects.feedback',
    input.expectedVersion,
  );
  return viewOf(scope, after);
}

/** 整改完成: the rectification is done (on time or late; the scorecard reads which). */
export async function completeRectification(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; note?: string; expectedVersion: number | undefined },
): Promise<DefectView> {
  const before = await getDefectRow(scope, reach, input.id);
  // A decided defect whose department never fed back is started and completed in one step.
  const from =
    before.status === 'decided' ? core.nextDefectStatus(before.status, 'start_rectification') : before.status;
  const status = core.nextDefectStatus(from, 'complete');
  const after = await updateDefectRow(
    scope,
    before,
    {
      status,
      completedAt: scope.now,
      ...(input.note ? { feedback: before.feedback ? `${before.feedback}\n${input.note}` : input.note } : {}),
    },
    'defects.complete',
    input.expectedVersion,
  );
  return viewOf(scope, after);
}

/** 宣讲学习: the defect was studied (the prevention indicator). */
export async function markStudied(
  scope: TenantScope,
  reach: Reach,
  input: { id: string; studiedAt?: Date; expectedVersion: number | undefined },
): Promise<DefectView> {
  const before = await getDefectRow(scope, reach, input.id);
  const at = input.studiedAt ?? scope.now;
  if (at > scope.now) throw fieldError('studiedAt', 'The study cannot be in the future');
  if (before.status === 'suggested' || before.status === 'dismissed') {
    throw new AppError('illegal_transition', `A ${before.status} defect is not studied`);
  }
  const after = await updateDefectRow(
    scope,
    before,
    { studiedAt: at },
    'defects.study',
    input.expectedVersion,
  );
  return viewOf(scope, after);
}
