import { requireReach } from '../../../app/access';
import * as audits from '../../../app/audits';
import { createRouter } from '../../app';
import { etagOf } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import { createPlanRoute, getPlanRoute, listPlansRoute } from './plans.routes';

function planOut(p: audits.PlanRow, auditId: string | null) {
  return {
    id: p.id,
    templateId: p.templateId,
    branchId: p.branchId,
    projectId: p.projectId,
    channel: p.channel,
    dueOn: p.dueOn,
    auditorId: p.auditorId,
    status: p.status,
    auditId,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

export const plansRouter = createRouter()
  .openapi(listPlansRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'audits.manage');
    const { cursor, limit, ...query } = c.req.valid('query');
    const { rows, auditIds } = await audits.listAuditPlans(scope, reach, query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(rows, limit);
    const data = page.data.map((p) => planOut(p, auditIds.get(p.id) ?? null));
    return c.json({ data, nextCursor: page.nextCursor }, 200);
  })
  .openapi(getPlanRoute, async (c) => {
    const scope = c.get('scope');
    const view = await audits.getAuditPlan(
      scope,
      requireReach(scope, 'audits.manage'),
      c.req.valid('param').id,
    );
    c.header('ETag', etagOf(view.plan.version));
    return c.json(planOut(view.plan, view.auditId), 200);
  })
  .openapi(createPlanRoute, async (c) => {
    const scope = c.get('scope');
    const view = await audits.scheduleAudit(scope, requireReach(scope, 'audits.manage'), c.req.valid('json'));
    c.header('ETag', etagOf(view.plan.version));
    c.header('Location', `/v1/audit-plans/${view.plan.id}`);
    return c.json(planOut(view.plan, view.auditId), 201);
  });
