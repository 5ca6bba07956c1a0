import { AppError, defects as core, fieldError, newId, type Reach } from '@guanjia/core';
import {
  agendaDefects,
  type DefectDecisionRow,
  type DefectMeetingRow,
  type DefectRow,
  defectStep,
  defectsByIds,
  findDepartment,
  getMeetingRow,
  insertMeeting,
  listMeetingRows,
} from '../../data/defects';
import { activeStaff, projectPlace } from '../../data/org-lookups';
import { outboxEvent } from '../../data/outbox';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import { calendarOfPlace, defectSettings, qualityLeads } from './support';

/** Defect meetings (缺陷会议): the agenda, the decisions, the minutes. */

export interface AgendaView {
  items: { purpose: 'decide' | 'review'; defect: DefectRow }[];
}

/** The open defects of a project (or of the whole reach) in the order a meeting takes them. */
export async function defectAgenda(
  scope: TenantScope,
  reach: Reach,
  projectId: string | null,
): Promise<AgendaView> {
  const rows = await agendaDefects(scope, reach, projectId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const agenda = core.meetingAgenda(
    rows.map((r) => ({
      id: r.id,
      status: r.status,
      foundAt: r.foundAt,
      impact: {
        householdsAffected: r.householdsAffected,
        risk: r.risk,
        estimatedLossFen: r.estimatedLossFen,
      },
    })),
  );
  return { items: agenda.map((a) => ({ purpose: a.purpose, defect: byId.get(a.defectId) as DefectRow })) };
}

/**
 * Records a meeting held: its minutes and one decision per defect (prevention measure, responsible
 * department, rectification date). Each decided defect gets its feedback and completion deadlines
 * on the tenant's calendar and a `defect.decided` event; all in one batch.
 */
export async function holdDefectMeeting(
  scope: TenantScope,
  reach: Reach,
  input: core.DefectMeeting,
): Promise<{ meeting: DefectMeetingRow; decisions: DefectDecisionRow[] }> {
  if (input.heldAt > scope.now) throw fieldError('heldAt', 'A meeting is recorded once held');
  const seen = new Set<string>();
  for (const [i, d] of input.decisions.entries()) {
    if (seen.has(d.defectId)) throw fieldError(`decisions.${i}.defectId`, 'One decision per defect');
    seen.add(d.defectId);
  }
  let place: { branchId: string; projectId: string } | null = null;
  if (input.projectId) {
    const project = await projectPlace(scope, input.projectId);
    place = { branchId: project.branchId, projectId: project.id };
    if (!inReach(reach, place)) throw new AppError('not_found', `Project ${input.projectId} not found`);
  } else if (reach.kind !== 'tenant') {
    throw fieldError('projectId', 'A meeting of the whole group needs a group-wide role; name the project');
  }
  await activeStaff(scope, input.chairId, 'chairId');
  for (const [i, id] of input.attendeeIds.entries()) await activeStaff(scope, id, `attendeeIds.${i}`);

  const found = await defectsByIds(
    scope,
    input.decisions.map((d) => d.defectId),
  );
  const byId = new Map(found.map((d) => [d.id, d]));
  input.decisions.forEach((d, i) => {
    const row = byId.get(d.defectId);
    if (!row || !inReach(reach, row))
      throw fieldError(`decisions.${i}.defectId`, `Defect ${d.defectId} not found`);
    if (input.projectId && row.projectId !== input.projectId) {
      throw fieldError(`decisions.${i}.defectId`, 'The defect is of another project');
    }
  });
  const undecidable = core.undecidableDefects(input, found);
  if (undecidable.length > 0) {
    const i = input.decisions.findIndex((d) => d.defectId === undecidable[0]?.defectId);
    throw fieldError(
      `decisions.${i}.defectId`,
      `Only an accepted defect awaits a decision (this one is ${undecidable[0]?.status})`,
    );
  }
  for (const [i, d] of input.decisions.entries()) {
    if (!(await findDepartment(scope, d.responsibleDepartmentId))) {
      throw fieldError(
        `decisions.${i}.responsibleDepartmentId`,
        `Department ${d.responsibleDepartmentId} not found`,
      );
    }
  }
  const settings = await defectSettings(scope);
  const meetingId = newId('defectMeeting');
  const decisions: Omit<DefectDecisionRow, 'tenantId' | 'createdAt' | 'meetingId'>[] = [];
  const extra: unknown[] = [];
  for (const [i, d] of input.decisions.entries()) {
    const defect = byId.get(d.defectId) as DefectRow;
    const calendar = await calendarOfPlace(scope, defect);
    const deadlines = core.defectDeadlines(d, input.heldAt, calendar, settings);
    if (deadlines.completion <= input.heldAt) {
      throw fieldError(
        `decisions.${i}.rectificationDueOn`,
        'The rectification date must come after the meeting',
      );
    }
    if (deadlines.feedback > deadlines.completion) {
      throw fieldError(
        `decisions.${i}.feedbackDueOn`,
        'The feedback must fall due no later than the rectification',
      );
    }
    const feedbackDueOn =
      d.feedbackDueOn ?? core.workingDatesAfter(input.heldAt, settings.feedbackWorkingDays, calendar);
    decisions.push({
      id: newId('defectDecision'),
      defectId: d.defectId,
      preventionMeasure: d.preventionMeasure,
      responsibleDepartmentId: d.responsibleDepartmentId,
      feedbackDueOn,
      rectificationDueOn: d.rectificationDueOn,
    });
    const status = core.nextDefectStatus(defect.status, 'decide');
    extra.push(
      ...defectStep(
        scope,
        defect,
        {
          status,
          responsibleDepartmentId: d.responsibleDepartmentId,
          feedbackDeadline: deadlines.feedback,
          completionDeadline: deadlines.completion,
        },
        'defects.decide',
      ),
      outboxEvent(
        scope,
        'defect.decided',
        {
          defectId: defect.id,
          branchId: defect.branchId,
          projectId: defect.projectId,
          category: defect.category,
          description: defect.description,
          status,
          meetingId,
          responsibleDepartmentId: d.responsibleDepartmentId,
          preventionMeasure: d.preventionMeasure,
          feedbackDeadline: deadlines.feedback.toISOString(),
          completionDeadline: deadlines.completion.toISOString(),
          notifyStaffIds: await qualityLeads(scope, defect),
        },
        { branchId: defect.branchId, projectId: defect.projectId },
      ),
    );
  }
  return insertMeeting(
    scope,
    {
      id: meetingId,
      branchId: place?.branchId ?? null,
      projectId: place?.projectId ?? null,
      heldAt: input.heldAt,
      chairId: input.chairId,
      attendeeIds: input.attendeeIds,
      minutes: input.minutes,
    },
    decisions,
    extra,
  );
}

export function listDefectMeetings(
  scope: TenantScope,
  reach: Reach,
  query: { projectId?: string },
  page: PageRequest,
): Promise<DefectMeetingRow[]> {
  return listMeetingRows(scope, reach, query, page);
}

export function getDefectMeeting(scope: TenantScope, reach: Reach, id: string) {
  return getMeetingRow(scope, reach, id);
}
