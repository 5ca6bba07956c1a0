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
} from '../../data/owners';
import { requireReach } from '../../data/reach';
import { getRecord, type RecordRow } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import type { ResourceRules } from '../resources';

/* 业主 / 住户: the org resource operations with unit links written in the same batch, plus link and unlink. */

export const ownersRules: ResourceRules = {
  path: 'owners',
  label: 'Owner',
  idKind: 'owner',
  table: ownersTable,
  readPermission: 'owners.read',
  managePermission: 'owners.manage',
  reachFilter: (scope, reach) => ownerReachFilter(scope, reach),
  queryFilters: (query, scope) => ownerQueryFilters(scope, query),
  nonColumnFields: ['units'],
  extraWrites: ownerLinkWrites,
  expand: withUnits,
  dependents: ownerDependents,
};

/** The owner within the caller's manage reach, or 404. */
async function managedOwner(scope: TenantScope, id: string): Promise<RecordRow> {
  const reach = requireReach(scope, 'owners.manage');
  return getRecord(scope, ownersTable, id, [ownerReachFilter(scope, reach)], 'Owner');
}

/** Links a unit in the caller's reach to the owner; answers the owner with their units. */
export async function linkOwnerUnit(
  scope: TenantScope,
  input: {
    ownerId: string;
    unitId: string;
    relation: Parameters<typeof linkUnit>[3];
    expectedVersion?: number;
  },
) {
  const reach = requireReach(scope, 'owners.manage');
  const before = await managedOwner(scope, input.ownerId);
  const [unit] = await unitsInReach(scope, reach, [input.unitId], () => 'unitId');
  const row = await linkUnit(
    scope,
    before,
    unit as NonNullable<typeof unit>,
    input.relation,
    input.expectedVersion,
  );
  const [out] = await withUnits(scope, [row]);
  return { row, out };
}

/** Unlinks a unit; a link that does not exist, or a unit outside reach, is 404. */
export async function unlinkOwnerUnit(
  scope: TenantScope,
  input: { ownerId: string; unitId: string; expectedVersion?: number },
) {
  const reach = requireReach(scope, 'owners.manage');
  const { ownerId: id, unitId } = input;
  const before = await managedOwner(scope, id);
  const link = await findLink(scope, before.id, unitId);
  if (!link) throw new AppError('not_found', `Owner ${id} is not linked to unit ${unitId}`);
  try {
    await unitsInReach(scope, reach, [unitId], () => 'unitId');
  } catch {
    throw new AppError('not_found', `Owner ${id} is not linked to unit ${unitId}`);
  }
  const row = await unlinkUnit(scope, before, unitId, input.expectedVersion);
  const [out] = await withUnits(scope, [row]);
  return { row, out };
}
