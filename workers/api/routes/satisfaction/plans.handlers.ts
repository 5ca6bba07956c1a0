import type { satisfaction } from '@guanjia/core';
import * as sat from '../../../app/satisfaction';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  filePlanRoute,
  getPlanRoute,
  listPlansRoute,
  planStepRoute,
  recordRecheckRoute,
  revisePlanRoute,
} from './plans.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const planOut = ({ plan: p, rechecks, allowedSteps }: sat.PlanView) => ({
  id: p.id,
  campaignId: p.campaignId,
  branchId: p.branchId,
  projectId: p.projectId,
  department: p.department,
  ownerId: p.ownerId,
  measures: p.measures as satisfaction.PlanDraft['measures'],
  status: p.status,
  allowedSteps,
  submittedAt: iso(p.submittedAt),
  reviewedBy: p.reviewedBy,
  reviewedAt: iso(p.reviewedAt),
  returnReason: p.returnReason,
  presentedTo: p.presentedTo,
  presentedOn: p.presentedOn,
  closedAt: iso(p.closedAt),
  rechecks: rechecks.map((r) => ({
    id: r.id,
    year: r.year,
    quarter: r.quarter,
    dueOn: r.dueOn,
    checkedBy: r.checkedBy,
    checkedAt: iso(r.checkedAt),
    progress: r.progress as { measureId: string; status: string; note?: string }[] | null,
    warnedAt: iso(r.warnedAt),
    breachedAt: iso(r.breachedAt),
    escalatedAt: iso(r.escalatedAt),
  })),
  version: p.version,
});

export const plansRouter = createRouter()
  .openapi(listPlansRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await sat.listPlans(scope, sat.planReach(scope), query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(
      rows.map((v) => ({ ...v, id: v.plan.id })),
      limit,
    );
    return c.json({ data: page.data.map(planOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(filePlanRoute, async (c) => {
    const scope = c.get('scope');
    const view = await sat.filePlan(scope, sat.planReach(scope), c.req.valid('json'));
    c.header('ETag', etagOf(view.plan.version));
    c.header('Location', `/v1/satisfaction/plans/${view.plan.id}`);
    return c.json(planOut(view), 201);
  })
  .openapi(getPlanRoute, async (c) => {
    const scope = c.get('scope');
    const view = await sat.getPlan(scope, sat.planReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(view.plan.version));
    return c.json(planOut(view), 200);
  })
  .openapi(revisePlanRoute, async (c) => {
    const scope = c.get('scope');
    const view = await sat.revisePlan(scope, sat.planReach(scope), {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.plan.version));
    return c.json(planOut(view), 200);
  })
  .openapi(planStepRoute, async (c) => {
    const scope = c.get('scope');
    const view = await sat.planStep(scope, sat.planReach(scope), {
      id: c.req.valid('param').id,
      action: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.plan.version));
    return c.json(planOut(view), 200);
  })
  .openapi(recordRecheckRoute, async (c) => {
    const scope = c.get('scope');
    const { id, recheckId } = c.req.valid('param');
    const view = await sat.recordRecheck(scope, sat.planReach(scope), {
      planId: id,
      recheckId,
      progress: c.req.valid('json').progress,
    });
    return c.json(planOut(view), 200);
  });
