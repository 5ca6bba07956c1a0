import { linkOwnerUnit, ownersRules, unlinkOwnerUnit } from '../../../app/owners';
import { etagOf, expectedVersion } from '../../lib/etag';
import { orgResourceRouter } from '../org/resource';
import { linkUnitRoute, Owner, OwnerInput, OwnerQuery, OwnerUpdate, unlinkUnitRoute } from './owners.routes';

/** 业主 / 住户: the org CRUD with unit links written in the same batch, plus link and unlink. */
export const ownersRouter = orgResourceRouter({
  ...ownersRules,
  schema: Owner,
  createSchema: OwnerInput,
  updateSchema: OwnerUpdate,
  querySchema: OwnerQuery,
});

ownersRouter.openapi(linkUnitRoute, async (c) => {
  const scope = c.get('scope');
  const body = c.req.valid('json');
  const { row, out } = await linkOwnerUnit(scope, {
    ownerId: c.req.valid('param').id,
    unitId: body.unitId,
    relation: body.relation,
    expectedVersion: expectedVersion(c),
  });
  c.header('ETag', etagOf(row.version));
  return c.json(out as never, 200);
});

ownersRouter.openapi(unlinkUnitRoute, async (c) => {
  const scope = c.get('scope');
  const { id, unitId } = c.req.valid('param');
  const { row, out } = await unlinkOwnerUnit(scope, {
    ownerId: id,
    unitId,
    expectedVersion: expectedVersion(c),
  });
  c.header('ETag', etagOf(row.version));
  return c.json(out as never, 200);
});
