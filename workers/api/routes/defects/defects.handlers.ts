import { AppError, defects as core, type Reach } from '@guanjia/core';
import type { Context } from 'hono';
import * as defects from '../../../app/defects';
import type { TenantScope } from '../../../data/scope';
import type { AppEnv } from '../../../env';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  acceptDefectRoute,
  agendaRoute,
  closeDefectRoute,
  completeDefectRoute,
  createDefectRoute,
  createMeasureRoute,
  createMeetingRoute,
  dismissDefectRoute,
  feedbackDefectRoute,
  getDefectRoute,
  getMeetingRoute,
  listDefectsRoute,
  listMeasuresRoute,
  listMeetingsRoute,
  runSuggestionsRoute,
  scorecardRoute,
  studyDefectRoute,
  updateDefectRoute,
} from './defects.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function defectOut(
  view: Pick<defects.DefectView, 'defect' | 'caseIds'> & { decision?: defects.DefectView['decision'] },
) {
  const d = view.defect;
  return {
    id: d.id,
    branchId: d.branchId,
    projectId: d.projectId,
    description: d.description,
    category: d.category,
    source: d.source,
    buildingIds: d.buildingIds,
    unitTypes: d.unitTypes,
    impact: { householdsAffected: d.householdsAffected, risk: d.risk, estimatedLossFen: d.estimatedLossFen },
    foundAt: d.foundAt.toISOString(),
    status: d.status,
    allowedSteps: core.allowedDefectSteps(d.status),
    violatesStandard: d.violatesStandard,
    repeatOfDefectId: d.repeatOfDefectId,
    suggested:
      d.windowStart && d.windowEnd
        ? { windowStart: d.windowStart.toISOString(), windowEnd: d.windowEnd.toISOString() }
        : null,
    dismissedReason: d.dismissedReason,
    caseIds: view.caseIds,
    decision: view.decision
      ? {
          meetingId: view.decision.meetingId,
          preventionMeasure: view.decision.preventionMeasure,
          responsibleDepartmentId: view.decision.responsibleDepartmentId,
          feedbackDueOn: view.decision.feedbackDueOn,
          rectificationDueOn: view.decision.rectificationDueOn,
        }
      : null,
    responsibleDepartmentId: d.responsibleDepartmentId,
    feedbackDeadline: iso(d.feedbackDeadline),
    feedbackAt: iso(d.feedbackAt),
    feedback: d.feedback,
    completionDeadline: iso(d.completionDeadline),
    completedAt: iso(d.completedAt),
    studiedAt: iso(d.studiedAt),
    createdAt: d.createdAt.toISOString(),
    version: d.version,
  };
}

function meetingOut(
  m: defects.DefectMeetingRow,
  decisions?: {
    meetingId: string;
    defectId: string;
    preventionMeasure: string;
    responsibleDepartmentId: string;
    feedbackDueOn: string;
    rectificationDueOn: string;
  }[],
) {
  return {
    id: m.id,
    branchId: m.branchId,
    projectId: m.projectId,
    heldAt: m.heldAt.toISOString(),
    chairId: m.chairId,
    attendeeIds: m.attendeeIds,
    minutes: m.minutes,
    decisions: decisions?.map((d) => ({
      meetingId: d.meetingId,
      defectId: d.defectId,
      preventionMeasure: d.preventionMeasure,
      responsibleDepartmentId: d.responsibleDepartmentId,
      feedbackDueOn: d.feedbackDueOn,
      rectificationDueOn: d.rectificationDueOn,
    })),
    createdAt: m.createdAt.toISOString(),
    version: m.version,
  };
}

function measureOut(m: defects.PreventiveMeasureRow) {
  return {
    id: m.id,
    projectId: m.projectId,
    departmentId: m.departmentId,
    kind: m.kind,
    description: m.description,
    takenAt: m.takenAt.toISOString(),
    createdBy: m.createdBy,
  };
}

const answer = (c: { header: (k: string, v: string) => void }, view: defects.DefectView) => {
  c.header('ETag', etagOf(view.defect.version));
  return defectOut(view);
};

/**
 * One shape for the register's steps (accept, dismiss, close, feedback, complete, study): the
 * defect of the path (`id`), the caller's `quality.manage` reach and the If-Match version go to the
 * step's use case; the defect answers with its ETag.
 */
async function stepAnswer(
  c: Context<AppEnv>,
  id: string,
  run: (
    scope: TenantScope,
    reach: Reach,
    base: { id: string; expectedVersion: number | undefined },
  ) => Promise<defects.DefectView>,
) {
  const scope = c.get('scope');
  const view = await run(scope, defects.qualityManager(scope), {
    id,
    expectedVersion: expectedVersion(c),
  });
  return c.json(answer(c, view), 200);
}

export const defectsRouter = createRouter()
  .openapi(scorecardRoute, async (c) => {
    const scope = c.get('scope');
    const card = await defects.defectScorecard(scope, defects.qualityReader(scope), c.req.valid('query'));
    return c.json(
      {
        subject: card.subject,
        year: card.year,
        total: card.total,
        indicators: card.indicators.map((i) => ({
          indicator: i.indicator,
          labelZh: core.scorecardRules[i.indicator].zh,
          labelEn: core.scorecardRules[i.indicator].en,
          full: i.full,
          perOccurrence: core.scorecardRules[i.indicator].perOccurrence,
          score: i.score,
          uncounted: i.uncounted,
          taken: i.taken.map((t) => ({
            points: t.points,
            fact: t.fact,
            defectId: t.defectId,
            defectDescription: t.defectId ? (card.evidence[t.defectId]?.description ?? null) : null,
          })),
        })),
      },
      200,
    );
  })
  .openapi(runSuggestionsRoute, async (c) => {
    const scope = c.get('scope');
    const reach = defects.qualityManager(scope);
    if (reach.kind !== 'tenant') {
      // The pass reads every project of the tenant: a group-wide manager's to start.
      throw new AppError('forbidden', 'Running the suggestion pass needs a group-wide role');
    }
    const result = await defects.proposeDefects(scope);
    return c.json(
      {
        proposed: result.proposed.map((d) => defectOut({ defect: d, caseIds: [], decision: null })),
        extended: result.extended,
      },
      200,
    );
  })
  .openapi(listDefectsRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, ...query } = c.req.valid('query');
    const { rows, caseIds } = await defects.listDefects(scope, defects.qualityReader(scope), query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(rows, limit);
    return c.json(
      {
        data: page.data.map((d) =>
          defectOut({ defect: d, caseIds: caseIds.get(d.id) ?? [], decision: null }),
        ),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(getDefectRoute, async (c) => {
    const scope = c.get('scope');
    const view = await defects.getDefect(scope, defects.qualityReader(scope), c.req.valid('param').id);
    return c.json(answer(c, view), 200);
  })
  .openapi(createDefectRoute, async (c) => {
    const scope = c.get('scope');
    const view = await defects.registerDefect(scope, defects.qualityManager(scope), c.req.valid('json'));
    c.header('Location', `/v1/defects/${view.defect.id}`);
    return c.json(answer(c, view), 201);
  })
  .openapi(updateDefectRoute, async (c) => {
    const scope = c.get('scope');
    const { foundAt, ...patch } = c.req.valid('json');
    const view = await defects.updateDefect(scope, defects.qualityManager(scope), {
      id: c.req.valid('param').id,
      patch: { ...patch, ...(foundAt !== undefined ? { foundAt: new Date(foundAt) } : {}) },
      expectedVersion: expectedVersion(c),
    });
    return c.json(answer(c, view), 200);
  })
  .openapi(acceptDefectRoute, (c) =>
    stepAnswer(c, c.req.valid('param').id, (scope, reach, base) =>
      defects.stepDefect(scope, reach, { ...base, step: 'accept' }),
    ),
  )
  .openapi(dismissDefectRoute, (c) =>
    stepAnswer(c, c.req.valid('param').id, (scope, reach, base) =>
      defects.stepDefect(scope, reach, { ...base, step: 'dismiss', reason: c.req.valid('json').reason }),
    ),
  )
  .openapi(closeDefectRoute, (c) =>
    stepAnswer(c, c.req.valid('param').id, (scope, reach, base) =>
      defects.stepDefect(scope, reach, { ...base, step: 'close' }),
    ),
  )
  .openapi(feedbackDefectRoute, (c) =>
    stepAnswer(c, c.req.valid('param').id, (scope, reach, base) =>
      defects.recordFeedback(scope, reach, { ...base, feedback: c.req.valid('json').feedback }),
    ),
  )
  .openapi(completeDefectRoute, (c) =>
    stepAnswer(c, c.req.valid('param').id, (scope, reach, base) =>
      defects.completeRectification(scope, reach, { ...base, note: c.req.valid('json').note }),
    ),
  )
  .openapi(studyDefectRoute, (c) =>
    stepAnswer(c, c.req.valid('param').id, (scope, reach, base) => {
      const at = c.req.valid('json').studiedAt;
      return defects.markStudied(scope, reach, { ...base, studiedAt: at ? new Date(at) : undefined });
    }),
  )
  .openapi(agendaRoute, async (c) => {
    const scope = c.get('scope');
    const agenda = await defects.defectAgenda(
      scope,
      defects.qualityReader(scope),
      c.req.valid('query').projectId ?? null,
    );
    return c.json(
      {
        items: agenda.items.map((i) => ({
          purpose: i.purpose,
          defect: defectOut({ defect: i.defect, caseIds: [], decision: null }),
        })),
      },
      200,
    );
  })
  .openapi(listMeetingsRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await defects.listDefectMeetings(scope, defects.qualityReader(scope), query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map((m) => meetingOut(m)), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getMeetingRoute, async (c) => {
    const scope = c.get('scope');
    const view = await defects.getDefectMeeting(scope, defects.qualityReader(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(view.meeting.version));
    return c.json(meetingOut(view.meeting, view.decisions), 200);
  })
  .openapi(createMeetingRoute, async (c) => {
    const scope = c.get('scope');
    const body = c.req.valid('json');
    const view = await defects.holdDefectMeeting(scope, defects.qualityManager(scope), {
      ...body,
      heldAt: new Date(body.heldAt),
    });
    c.header('Location', `/v1/defect-meetings/${view.meeting.id}`);
    return c.json(meetingOut(view.meeting, view.decisions), 201);
  })
  .openapi(createMeasureRoute, async (c) => {
    const scope = c.get('scope');
    const body = c.req.valid('json');
    const row = await defects.recordPreventiveMeasure(scope, defects.qualityManager(scope), {
      ...body,
      takenAt: new Date(body.takenAt),
    });
    c.header('Location', `/v1/preventive-measures/${row.id}`);
    return c.json(measureOut(row), 201);
  })
  .openapi(listMeasuresRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await defects.listPreventiveMeasures(scope, defects.qualityReader(scope), query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(measureOut), nextCursor: page.nextCursor }, 200);
  });
