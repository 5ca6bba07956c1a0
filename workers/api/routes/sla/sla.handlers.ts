import {
  addCalendarDays,
  caseSla,
  listBreaches,
  previewCalendarDays,
  withHolidayCoverage,
} from '../../../app/sla';
import { requireReach } from '../../../data/reach';
import type { MilestoneRow, SlaActionRow } from '../../../data/sla';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import { timeRange } from '../../lib/time-range';
import {
  addCalendarDaysRoute,
  caseSlaRoute,
  listBreachesRoute,
  previewCalendarDaysRoute,
} from './sla.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const milestoneOut = (m: MilestoneRow) => ({
  milestone: m.milestone,
  cycle: m.cycle,
  policyId: m.policyId,
  policyName: m.policyName,
  policyVersion: m.policyVersion,
  status: m.status,
  startedAt: iso(m.startedAt),
  warnAt: iso(m.warnAt),
  dueAt: iso(m.dueAt),
  warnedAt: iso(m.warnedAt),
  breachedAt: iso(m.breachedAt),
  metAt: iso(m.metAt),
  endedAt: iso(m.endedAt),
  endReason: m.endReason,
  pausedMs: m.pausedMs,
});

const actionOut = (a: SlaActionRow) => ({
  id: a.id,
  key: a.key,
  kind: a.kind,
  caseId: a.caseId,
  branchId: a.branchId,
  projectId: a.projectId,
  milestone: a.milestone,
  cycle: a.cycle,
  dueAt: iso(a.dueAt),
  at: a.at.toISOString(),
  data: a.data,
});

/** The SLA views: a case's clocks and the breach lists; both need `cases.read`. */
export const slaViewsRouter = createRouter()
  .openapi(caseSlaRoute, async (c) => {
    const scope = c.get('scope');
    const sla = await caseSla(scope, requireReach(scope, 'cases.read'), c.req.valid('param').id);
    return c.json(
      {
        caseId: sla.case.id,
        escalationLevel: sla.case.escalationLevel,
        milestones: sla.milestones.map(milestoneOut),
        actions: sla.actions.map(actionOut),
      },
      200,
    );
  })
  .openapi(listBreachesRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'cases.read');
    const { cursor, limit, from, to, ...filters } = c.req.valid('query');
    const query = { ...filters, ...timeRange({ from, to }) };
    const rows = await listBreaches(scope, reach, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(actionOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(addCalendarDaysRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'sla.manage');
    const row = await addCalendarDays(scope, reach, {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(withHolidayCoverage(scope, row) as never, 200);
  })
  .openapi(previewCalendarDaysRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'sla.manage');
    const preview = await previewCalendarDays(scope, reach, {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
    });
    return c.json(preview as never, 200);
  });
