import * as defects from '../../../app/defects';
import * as handover from '../../../app/handover';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  completeUnfinishedRoute,
  createPlanRoute,
  getPlanRoute,
  handoverDayRoute,
  listInspectionsRoute,
  listPlansRoute,
  listUnfinishedRoute,
  recordInspectionRoute,
  registerUnfinishedRoute,
  updateItemRoute,
} from './handover.routes';

function workOut(w: handover.UnfinishedView) {
  return {
    id: w.id,
    planId: w.planId,
    projectId: w.projectId,
    description: w.description,
    location: w.location,
    responsibleDepartmentId: w.responsibleDepartmentId,
    dueOn: w.dueOn,
    completedOn: w.completedOn,
    state: w.state,
    version: w.version,
  };
}

function issueOut(i: handover.UnitInspectionView['issues'][number]) {
  return {
    id: i.id,
    unitId: i.unitId,
    buildingId: i.buildingId,
    category: i.category,
    description: i.description,
    nature: i.nature,
    violatesStandard: i.violatesStandard,
    route: i.route,
    defectId: i.defectId,
    caseId: i.caseId,
    foundAt: i.foundAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
  };
}

function inspectionOut(v: handover.UnitInspectionView) {
  const i = v.inspection;
  return {
    id: i.id,
    planId: i.planId,
    unitId: i.unitId,
    buildingId: i.buildingId,
    result: i.result,
    findings: i.findings,
    inspectorId: i.inspectorId,
    inspectedAt: i.inspectedAt.toISOString(),
    issues: v.issues.map(issueOut),
    version: i.version,
  };
}

function planOut(p: handover.HandoverPlanRow, view?: handover.PlanView) {
  return {
    id: p.id,
    branchId: p.branchId,
    projectId: p.projectId,
    batch: p.batch,
    handoverOn: p.handoverOn,
    opensOn: p.opensOn,
    phase: view?.phase ?? ('open' as const),
    households: p.households,
    buildingIds: p.buildingIds,
    responsibilities: p.responsibilities,
    acceptedHouseholds: p.acceptedHouseholds,
    handoverIssues: p.handoverIssues,
    groupIncidents: p.groupIncidents,
    items: view?.items.map((i) => ({
      key: i.key,
      group: i.group,
      labelZh: i.labelZh,
      labelEn: i.labelEn,
      plannedOn: i.plannedOn,
      actualOn: i.actualOn,
      ownerId: i.ownerId,
      notes: i.notes,
      state: i.state,
      atRisk: i.atRisk,
      escalateTo: i.escalateTo,
      version: i.version,
    })),
    targets: view?.targets.map((t) => ({
      key: t.key,
      labelZh: t.label.zh,
      labelEn: t.label.en,
      comparison: t.comparison,
      target: t.target,
      actual: t.actual,
      met: t.met,
    })),
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

const viewOut = (view: handover.PlanView) => planOut(view.plan, view);

export const handoverRouter = createRouter()
  .openapi(listPlansRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await handover.listHandoverPlans(scope, defects.qualityReader(scope), query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map((p) => planOut(p)), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getPlanRoute, async (c) => {
    const scope = c.get('scope');
    const view = await handover.getHandoverPlan(scope, defects.qualityReader(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(view.plan.version));
    return c.json(viewOut(view), 200);
  })
  .openapi(createPlanRoute, async (c) => {
    const scope = c.get('scope');
    const view = await handover.createHandoverPlan(scope, defects.qualityManager(scope), c.req.valid('json'));
    c.header('Location', `/v1/handover-plans/${view.plan.id}`);
    c.header('ETag', etagOf(view.plan.version));
    return c.json(viewOut(view), 201);
  })
  .openapi(updateItemRoute, async (c) => {
    const scope = c.get('scope');
    const { id, key } = c.req.valid('param');
    const view = await handover.updateChecklistItem(scope, defects.qualityManager(scope), {
      planId: id,
      key,
      patch: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    return c.json(viewOut(view), 200);
  })
  .openapi(handoverDayRoute, async (c) => {
    const scope = c.get('scope');
    const view = await handover.recordHandoverDay(scope, defects.qualityManager(scope), {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.plan.version));
    return c.json(viewOut(view), 200);
  })
  .openapi(registerUnfinishedRoute, async (c) => {
    const scope = c.get('scope');
    const work = await handover.registerUnfinishedWork(scope, defects.qualityManager(scope), {
      planId: c.req.valid('param').id,
      ...c.req.valid('json'),
    });
    c.header('Location', `/v1/unfinished-works/${work.id}`);
    return c.json(workOut(work), 201);
  })
  .openapi(listUnfinishedRoute, async (c) => {
    const scope = c.get('scope');
    const result = await handover.listUnfinishedWorks(
      scope,
      defects.qualityReader(scope),
      c.req.valid('param').id,
    );
    return c.json({ data: result.works.map(workOut), summary: result.summary }, 200);
  })
  .openapi(completeUnfinishedRoute, async (c) => {
    const scope = c.get('scope');
    const work = await handover.completeUnfinishedWork(scope, defects.qualityManager(scope), {
      id: c.req.valid('param').id,
      completedOn: c.req.valid('json').completedOn,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(work.version));
    return c.json(workOut(work), 200);
  })
  .openapi(recordInspectionRoute, async (c) => {
    const scope = c.get('scope');
    const view = await handover.recordUnitInspection(scope, defects.qualityManager(scope), {
      planId: c.req.valid('param').id,
      ...c.req.valid('json'),
    });
    c.header('Location', `/v1/handover-plans/${view.inspection.planId}/inspections`);
    return c.json(inspectionOut(view), 201);
  })
  .openapi(listInspectionsRoute, async (c) => {
    const scope = c.get('scope');
    const result = await handover.listUnitInspections(
      scope,
      defects.qualityReader(scope),
      c.req.valid('param').id,
    );
    return c.json(
      {
        data: result.units.map((u) => ({
          unitId: u.unit.id,
          buildingId: u.unit.buildingId,
          number: u.unit.number,
          status: u.status,
          inspection: u.inspection ? inspectionOut({ inspection: u.inspection, issues: u.issues }) : null,
        })),
        progress: result.progress,
      },
      200,
    );
  });
