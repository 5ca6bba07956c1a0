import { AppError } from '@guanjia/core';
import { businessCalendars } from '@guanjia/core/db/schema';
import { requireReach } from '../../../data/reach';
import { getRecord, type RecordTable, updateRecord } from '../../../data/records';
import {
  caseActionRows,
  caseInReach,
  caseMilestoneRows,
  listSlaActions,
  type MilestoneRow,
  openCaseClockWrites,
  type SlaActionRow,
  slaPlaceFilter,
} from '../../../data/sla';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import { timeRange } from '../../lib/time-range';
import { calendarDayIssues } from './rules';
import { addCalendarDaysRoute, caseSlaRoute, listBreachesRoute } from './sla.routes';

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
    const found = await caseInReach(scope, requireReach(scope, 'cases.read'), c.req.valid('param').id);
    const [milestones, actions] = await Promise.all([
      caseMilestoneRows(scope, found.id),
      caseActionRows(scope, found.id),
    ]);
    return c.json(
      {
        caseId: found.id,
        escalationLevel: found.escalationLevel,
        milestones: milestones.map(milestoneOut),
        actions: actions.map(actionOut),
      },
      200,
    );
  })
  .openapi(listBreachesRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'cases.read');
    const { cursor, limit, from, to, ...filters } = c.req.valid('query');
    const query = { ...filters, ...timeRange({ from, to }) };
    const rows = await listSlaActions(scope, reach, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(actionOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(addCalendarDaysRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'sla.manage');
    const table = businessCalendars as unknown as RecordTable;
    const before = await getRecord(
      scope,
      table,
      c.req.valid('param').id,
      [slaPlaceFilter(scope, reach, 'manage', businessCalendars)],
      'BusinessCalendar',
    );
    const body = c.req.valid('json');
    const merged = (key: 'holidays' | 'makeUpDays') =>
      [...new Set([...((before[key] as string[]) ?? []), ...(body[key] ?? [])])].sort();
    const holidays = merged('holidays');
    const makeUpDays = merged('makeUpDays');
    const clash = calendarDayIssues(holidays, makeUpDays);
    if (clash.length > 0) {
      throw new AppError('validation_failed', 'A date is both a holiday and a make-up day', {
        issues: clash,
      });
    }
    const row = await updateRecord(
      scope,
      table,
      before,
      { holidays, makeUpDays },
      expectedVersion(c),
      { type: 'calendar', action: 'sla/calendars.days.add' },
      await openCaseClockWrites(scope),
    );
    c.header('ETag', etagOf(row.version));
    return c.json(row as never, 200);
  });
