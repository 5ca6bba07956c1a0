import * as audits from '../../../app/audits';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  completeCorrectiveRoute,
  getCorrectiveRoute,
  listCorrectiveRoute,
  verifyCorrectiveRoute,
} from './corrective.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An action as the API shows it; `overdue` is read at the request's time. */
function correctiveOut(now: Date, a: audits.CorrectiveRow) {
  return {
    id: a.id,
    auditId: a.auditId,
    branchId: a.branchId,
    projectId: a.projectId,
    itemId: a.itemId,
    description: a.description,
    ownerId: a.ownerId,
    deadline: a.deadline.toISOString(),
    overdue: a.status !== 'verified' && a.deadline < now,
    status: a.status,
    resolution: a.resolution,
    doneAt: iso(a.doneAt),
    verifiedBy: a.verifiedBy,
    verifiedAt: iso(a.verifiedAt),
    returnReason: a.returnReason,
    version: a.version,
  };
}

export const correctiveRouter = createRouter()
  .openapi(listCorrectiveRoute, async (c) => {
    const scope = c.get('scope');
    const reach = audits.auditReach(scope);
    const { cursor, limit, overdue, ...query } = c.req.valid('query');
    const rows = await audits.listCorrectiveActions(
      scope,
      reach,
      { ...query, overdue: overdue === 'true' },
      { after: decodeCursor(cursor), limit },
    );
    const page = toPage(rows, limit);
    return c.json(
      { data: page.data.map((a) => correctiveOut(scope.now, a)), nextCursor: page.nextCursor },
      200,
    );
  })
  .openapi(getCorrectiveRoute, async (c) => {
    const scope = c.get('scope');
    const row = await audits.getCorrectiveAction(scope, audits.auditReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(row.version));
    return c.json(correctiveOut(scope.now, row), 200);
  })
  .openapi(completeCorrectiveRoute, async (c) => {
    const scope = c.get('scope');
    const row = await audits.completeCorrectiveAction(scope, audits.auditReach(scope), {
      id: c.req.valid('param').id,
      resolution: c.req.valid('json').resolution,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(correctiveOut(scope.now, row), 200);
  })
  .openapi(verifyCorrectiveRoute, async (c) => {
    const scope = c.get('scope');
    const row = await audits.verifyCorrectiveAction(scope, audits.auditReach(scope), {
      id: c.req.valid('param').id,
      accepted: c.req.valid('json').accepted,
      comment: c.req.valid('json').comment,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(row.version));
    return c.json(correctiveOut(scope.now, row), 200);
  });
