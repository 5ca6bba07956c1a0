import * as defects from '../../../app/defects';
import * as handover from '../../../app/handover';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  completeUnfinishedRoute,
  createPlanRoute,
  getPhotoRoute,
  getPlanRoute,
  getTemplateRoute,
  handoverDayRoute,
  listInspectionsRoute,
  listPlansRoute,
  listUnfinishedRoute,
  recordInspectionRoute,
  registerUnfinishedRoute,
  reinspectRoute,
  resolveIssueRoute,
  saveTemplateRoute,
  updateItemRoute,
  uploadPhotoRoute,
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
    item: i.item,
    category: i.category,
    description: i.description,
    nature: i.nature,
    violatesStandard: i.violatesStandard,
    photoKeys: i.photoKeys,
    route: i.route,
    defectId: i.defectId,
    caseId: i.caseId,
    foundAt: i.foundAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    resolvedBy: i.resolvedBy,
    resolution: i.resolution,
    version: i.version,
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
    round: i.round,
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
      files: c.env.FILES,
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
  })
  .openapi(reinspectRoute, async (c) => {
    const scope = c.get('scope');
    const { id, inspectionId } = c.req.valid('param');
    const view = await handover.reinspectUnit(scope, defects.qualityManager(scope), {
      planId: id,
      inspectionId,
      findings: c.req.valid('json').findings,
      files: c.env.FILES,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.inspection.version));
    return c.json(inspectionOut(view), 200);
  })
  .openapi(resolveIssueRoute, async (c) => {
    const scope = c.get('scope');
    const { id, issueId } = c.req.valid('param');
    const issue = await handover.resolveInspectionIssue(scope, defects.qualityManager(scope), {
      planId: id,
      issueId,
      resolution: c.req.valid('json').resolution,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(issue.version));
    return c.json(issueOut(issue), 200);
  })
  .openapi(uploadPhotoRoute, async (c) => {
    const scope = c.get('scope');
    const photo = await handover.uploadInspectionPhoto(scope, defects.qualityManager(scope), {
      planId: c.req.valid('param').id,
      contentType: c.req.header('Content-Type'),
      declaredBytes: Number(c.req.header('Content-Length') ?? Number.NaN),
      body: c.req.raw.body,
      files: c.env.FILES,
    });
    c.header('Location', `/v1/handover-plans/${c.req.valid('param').id}/inspection-photos/${photo.id}`);
    return c.json(photo, 201);
  })
  .openapi(getPhotoRoute, async (c) => {
    const scope = c.get('scope');
    const { id, photoId } = c.req.valid('param');
    const object = await handover.openInspectionPhoto(scope, defects.qualityReader(scope), {
      planId: id,
      photoId,
      files: c.env.FILES,
    });
    return c.body(object.body, 200, {
      'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
      'Content-Length': String(object.size),
      'Cache-Control': 'private, no-store',
    });
  })
  .openapi(getTemplateRoute, async (c) => {
    const scope = c.get('scope');
    const view = await handover.getChecklistTemplate(scope, defects.qualityReader(scope));
    c.header('ETag', etagOf(view.version));
    return c.json(view, 200);
  })
  .openapi(saveTemplateRoute, async (c) => {
    const scope = c.get('scope');
    const view = await handover.saveChecklistTemplate(scope, defects.qualityManager(scope), {
      items: c.req.valid('json').items,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.version));
    return c.json(view, 200);
  });
