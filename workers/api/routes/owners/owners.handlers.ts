import { AppError } from '@guanjia/core';
import {
  findLink,
  linkUnit,
  ownerDependents,
  ownerLinkWrites,
  ownerQueryFilters,
  ownerReachFilter,
  ownersTable,
  unitsInReach,
  unlinkUnit,
  withUnits,
} from '../../../data/owners';
import { requireReach } from '../../../data/reach';
import { getRecord, type RecordRow } from '../../../data/records';
import type { TenantScope } from '../../../data/scope';
import { etagOf, expectedVersion } from '../../lib/etag';
import { orgResourceRouter } from '../org/resource';
import { linkUnitRoute, Owner, OwnerInput, OwnerQuery, OwnerUpdate, unlinkUnitRoute } from './owners.routes';

/** 业主 / 住户: the org CRUD with unit links written in the same batch, plus link and unlink. */
export const ownersRouter = orgResourceRouter({
  path: 'owners',
  label: 'Owner',
  idKind: 'owner',
  table: ownersTable,
  schema: Owner,
  createSchema: OwnerInput,
  updateSchema: OwnerUpdate,
  querySchema: OwnerQuery,
  readPermission: 'owners.read',
  managePermission: 'owners.manage',
  reachFilter: (scope, reach) => ownerReachFilter(scope, reach),
  queryFilters: (query, scope) => ownerQueryFilters(scope, query),
  nonColumnFields: ['units'],
  extraWrites: ownerLinkWrites,
  expand: withUnits,
  dependents: ownerDependents,
});

/** The owner within the caller's manage reach, or 404. */
async function managedOwner(scope: TenantScope, id: string): Promise<RecordRow> {
  const reach = requireReach(scope, 'owners.manage');
  return getRecord(scope, ownersTable, id, [ownerReachFilter(scope, reach)], 'Owner');
}

ownersRouter.openapi(linkUnitRoute, async (c) => {
  const scope = c.get('scope');
  const reach = requireReach(scope, 'owners.manage');
  const before = await managedOwner(scope, c.req.valid('param').id);
  const body = c.req.valid('json');
  const [unit] = await unitsInReach(scope, reach, [body.unitId], () => 'unitId');
  const row = await linkUnit(
    scope,
    before,
    unit as NonNullable<typeof unit>,
    body.relation,
    expectedVersion(c),
  );
  const [out] = await withUnits(scope, [row]);
  c.header('ETag', etagOf(row.version));
  return c.json(out as never, 200);
});

ownersRouter.openapi(unlinkUnitRoute, async (c) => {
  const scope = c.get('scope');
  const reach = requireReach(scope, 'owners.manage');
  const { id, unitId } = c.req.valid('param');
  const before = await managedOwner(scope, id);
  const link = await findLink(scope, before.id, unitId);
  if (!link) throw new AppError('not_found', `Owner ${id} is not linked to unit ${unitId}`);
  try {
    await unitsInReach(scope, reach, [unitId], () => 'unitId');
  } catch {
    throw new AppError('not_found', `Owner ${id} is not linked to unit ${unitId}`);
  }
  const row = await unlinkUnit(scope, before, unitId, expectedVersion(c));
  const [out] = await withUnits(scope, [row]);
  c.header('ETag', etagOf(row.version));
  return c.json(out as never, 200);
});
