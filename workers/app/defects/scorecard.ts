import { AppError, defects as core, fieldError, type Reach, sla } from '@guanjia/core';

import {
  findDepartment,
  insertMeasure,
  listMeasureRows,
  type PreventiveMeasureRow,
  scorecardFacts,
} from '../../data/defects';
import { projectPlace } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';

/**
 * The 100-point defect scorecard of a project or a responsible department for a year (core's
 * `scorecard`, as of `scope.now`), each point taken with its evidence (the defect, the fact).
 */
export async function defectScorecard(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string; departmentId?: string; year: number },
): Promise<core.Scorecard & { evidence: Record<string, { description: string; projectId: string }> }> {
  let subject: core.ScorecardSubject;
  if (query.projectId) {
    const project = await projectPlace(scope, query.projectId);
    if (!inReach(reach, { branchId: project.branchId, projectId: project.id })) {
      throw new AppError('not_found', `Project ${query.projectId} not found`);
    }
    subject = { projectId: project.id };
  } else if (query.departmentId) {
    const department = await findDepartment(scope, query.departmentId);
    const place = department?.branchId
      ? { branchId: department.branchId, projectId: department.projectId }
      : null;
    if (!department || (place ? !inReach(reach, place) : reach.kind !== 'tenant')) {
      throw new AppError('not_found', `Department ${query.departmentId} not found`);
    }
    subject = { departmentId: department.id };
  } else {
    throw fieldError('projectId', 'Give projectId or departmentId');
  }
  const from = new Date(sla.wallToInstant(`${query.year}-01-01`, 0, scope.timeZone));
  const to = new Date(sla.wallToInstant(`${query.year + 1}-01-01`, 0, scope.timeZone));
  const { defects, measures } = await scorecardFacts(scope, subject, from, to);
  const card = core.scorecard({
    subject,
    year: query.year,
    timeZone: scope.timeZone,
    asOf: scope.now,
    defects: defects.map((d) => ({
      id: d.id,
      projectId: d.projectId,
      responsibleDepartmentId: d.responsibleDepartmentId,
      status: d.status,
      foundAt: d.foundAt,
      violatesStandard: d.violatesStandard,
      repeatOfDefectId: d.repeatOfDefectId,
      feedbackDeadline: d.feedbackDeadline,
      feedbackAt: d.feedbackAt,
      completionDeadline: d.completionDeadline,
      completedAt: d.completedAt,
      studiedAt: d.studiedAt,
    })),
    measures: measures.map((m) => ({
      id: m.id,
      projectId: m.projectId,
      departmentId: m.departmentId,
      kind: m.kind,
      takenAt: m.takenAt,
    })),
  });
  const evidence = Object.fromEntries(
    defects.map((d) => [d.id, { description: d.description, projectId: d.projectId }]),
  );
  return { ...card, evidence };
}

/** 预控措施: a preventive measure taken by a project or a department (a training, a sample unit ...). */
export async function recordPreventiveMeasure(
  scope: TenantScope,
  reach: Reach,
  input: {
    projectId: string | null;
    departmentId: string | null;
    kind: (typeof core.preventiveMeasureKinds)[number];
    description: string;
    takenAt: Date;
  },
): Promise<PreventiveMeasureRow> {
  if (!input.projectId && !input.departmentId)
    throw fieldError('projectId', 'Give projectId or departmentId');
  if (input.takenAt > scope.now) throw fieldError('takenAt', 'A measure is recorded once taken');
  if (input.projectId) {
    const project = await projectPlace(scope, input.projectId);
    if (!inReach(reach, { branchId: project.branchId, projectId: project.id })) {
      throw new AppError('not_found', `Project ${input.projectId} not found`);
    }
  } else if (reach.kind !== 'tenant') {
    throw fieldError('projectId', 'Name the project the measure was taken in');
  }
  if (input.departmentId && !(await findDepartment(scope, input.departmentId))) {
    throw fieldError('departmentId', `Department ${input.departmentId} not found`);
  }
  return insertMeasure(scope, { ...input, createdBy: scope.actor.id });
}

export function listPreventiveMeasures(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string; departmentId?: string },
  page: PageRequest,
) {
  return listMeasureRows(scope, reach, query, page);
}
