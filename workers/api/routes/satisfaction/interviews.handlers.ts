import * as sat from '../../../app/satisfaction';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  fileInterviewRoute,
  getRotationRoute,
  interviewProgressRoute,
  listInterviewsRoute,
  listRotationsRoute,
  rotationCasesRoute,
  rotationReportRoute,
  scheduleRotationRoute,
} from './interviews.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const interviewOut = (i: sat.OwnerInterviewRow) => ({
  id: i.id,
  staffId: i.staffId,
  departmentId: i.departmentId,
  branchId: i.branchId,
  projectId: i.projectId,
  ownerId: i.ownerId,
  unitId: i.unitId,
  interviewedOn: i.interviewedOn,
  livingExperience: i.livingExperience,
  productOpinion: i.productOpinion,
  createdAt: i.createdAt.toISOString(),
});

const rotationOut = ({ rotation: r, reportDueAt, state }: sat.RotationView) => ({
  id: r.id,
  staffId: r.staffId,
  branchId: r.branchId,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  followedCaseIds: r.followedCaseIds,
  report: r.report,
  reportedAt: iso(r.reportedAt),
  reportDueAt: reportDueAt.toISOString(),
  state,
  warnedAt: iso(r.warnedAt),
  breachedAt: iso(r.breachedAt),
  escalatedAt: iso(r.escalatedAt),
  version: r.version,
});

export const interviewsRouter = createRouter()
  .openapi(listInterviewsRoute, async (c) => {
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await sat.listInterviews(c.get('scope'), query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(interviewOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(fileInterviewRoute, async (c) => {
    const row = await sat.fileInterview(c.get('scope'), c.req.valid('json'));
    c.header('Location', `/v1/satisfaction/interviews/${row.id}`);
    return c.json(interviewOut(row), 201);
  })
  .openapi(interviewProgressRoute, async (c) => {
    return c.json(await sat.interviewProgress(c.get('scope'), c.req.valid('query').year), 200);
  })
  .openapi(listRotationsRoute, async (c) => {
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await sat.listRotations(c.get('scope'), query, { after: decodeCursor(cursor), limit });
    const page = toPage(
      rows.map((v) => ({ ...v, id: v.rotation.id })),
      limit,
    );
    return c.json({ data: page.data.map(rotationOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(scheduleRotationRoute, async (c) => {
    const view = await sat.scheduleRotation(c.get('scope'), c.req.valid('json'));
    c.header('ETag', etagOf(view.rotation.version));
    c.header('Location', `/v1/satisfaction/rotations/${view.rotation.id}`);
    return c.json(rotationOut(view), 201);
  })
  .openapi(getRotationRoute, async (c) => {
    const view = await sat.getRotation(c.get('scope'), c.req.valid('param').id);
    c.header('ETag', etagOf(view.rotation.version));
    return c.json(rotationOut(view), 200);
  })
  .openapi(rotationCasesRoute, async (c) => {
    const view = await sat.recordRotationCases(c.get('scope'), {
      id: c.req.valid('param').id,
      caseIds: c.req.valid('json').caseIds,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.rotation.version));
    return c.json(rotationOut(view), 200);
  })
  .openapi(rotationReportRoute, async (c) => {
    const view = await sat.submitRotationReport(c.get('scope'), {
      id: c.req.valid('param').id,
      report: c.req.valid('json').report,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.rotation.version));
    return c.json(rotationOut(view), 200);
  });
