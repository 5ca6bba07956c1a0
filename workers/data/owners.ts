import { AppError, type FieldIssue, type Reach, reachOf } from '@guanjia/core';
import { cases, owners, ownerUnits, projects, units } from '@guanjia/core/db/schema';
import { and, eq, exists, inArray, type SQL, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import { inReach, projectFilter } from './reach';
import type { RecordRow, RecordTable } from './records';
import type { TenantScope } from './scope';

export const ownersTable = owners as unknown as RecordTable;
export const ownerRelations = ['owner', 'resident', 'family'] as const;
export type OwnerRelation = (typeof ownerRelations)[number];

export interface UnitLink {
  unitId: string;
  relation: OwnerRelation;
}

/** An owner's unit as answered by the API. */
export interface OwnerUnit {
  unitId: string;
  projectId: string;
  buildingId: string;
  number: string;
  relation: OwnerRelation;
}

const never = sql`0`;

/** Owner ids linked to a unit of the given projects (a sub-select, so lists stay one query). */
function ownersLinkedWhere(scope: TenantScope, ...conditions: (SQL | undefined)[]) {
  return scope.db
    .select({ id: ownerUnits.ownerId })
    .from(ownerUnits)
    .where(and(eq(ownerUnits.tenantId, scope.tenantId), ...conditions));
}

/**
 * An owner is within reach when linked to a unit of a reached project;
 * owners without any unit are only for tenant-wide roles.
 */
export function ownerReachFilter(scope: TenantScope, reach: Reach): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  if (reach.kind === 'none') return never;
  return inArray(owners.id, ownersLinkedWhere(scope, projectFilter(scope, reach, ownerUnits.projectId)));
}

export interface OwnerQuery {
  projectId?: string;
  unitId?: string;
  phone?: string;
  name?: string;
}

export function ownerQueryFilters(scope: TenantScope, q: OwnerQuery): (SQL | undefined)[] {
  return [
    q.projectId
      ? inArray(owners.id, ownersLinkedWhere(scope, eq(ownerUnits.projectId, q.projectId)))
      : undefined,
    q.unitId ? inArray(owners.id, ownersLinkedWhere(scope, eq(ownerUnits.unitId, q.unitId))) : undefined,
    q.phone ? eq(owners.phone, q.phone) : undefined,
    q.name ? sql`instr(${owners.name}, ${q.name}) > 0` : undefined,
  ];
}

/** The reach that decides which of an owner's units the caller is shown. */
function unitsReach(scope: TenantScope): Reach {
  const read = reachOf(scope.grants, 'owners.read');
  return read.kind === 'none' ? reachOf(scope.grants, 'owners.manage') : read;
}

/** Adds `units` to each owner: only the units the caller may read, never another project's. */
export async function withUnits(scope: TenantScope, rows: RecordRow[]): Promise<RecordRow[]> {
  if (rows.length === 0) return rows;
  const links = await scope.db
    .select({
      ownerId: ownerUnits.ownerId,
      unitId: ownerUnits.unitId,
      projectId: ownerUnits.projectId,
      buildingId: units.buildingId,
      number: units.number,
      relation: ownerUnits.relation,
    })
    .from(ownerUnits)
    .innerJoin(units, and(eq(units.tenantId, ownerUnits.tenantId), eq(units.id, ownerUnits.unitId)))
    .where(
      and(
        eq(ownerUnits.tenantId, scope.tenantId),
        // one JSON parameter, not one per owner: D1 binds at most 100 per statement
        sql`${ownerUnits.ownerId} in (select value from json_each(${JSON.stringify(rows.map((r) => r.id))}))`,
        projectFilter(scope, unitsReach(scope), ownerUnits.projectId),
      ),
    )
    .orderBy(ownerUnits.unitId);
  const byOwner = new Map<string, OwnerUnit[]>();
  for (const { ownerId, ...unit } of links) {
    byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), unit]);
  }
  return rows.map((row) => ({ ...row, units: byOwner.get(row.id) ?? [] }));
}

interface ReachedUnit {
  id: string;
  projectId: string;
}

/**
 * The units of a link list, each checked to exist in the tenant and lie within the
 * caller's manage reach; every bad entry is reported with its path (e.g. `units.2.unitId`).
 */
export async function unitsInReach(
  scope: TenantScope,
  reach: Reach,
  unitIds: readonly string[],
  pathOf: (index: number) => string,
): Promise<ReachedUnit[]> {
  if (unitIds.length === 0) return [];
  const found = await scope.db
    .select({ id: units.id, projectId: units.projectId, branchId: projects.branchId })
    .from(units)
    .innerJoin(projects, and(eq(projects.tenantId, units.tenantId), eq(projects.id, units.projectId)))
    .where(and(eq(units.tenantId, scope.tenantId), inArray(units.id, [...new Set(unitIds)])));
  const byId = new Map(found.map((u) => [u.id, u]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const result: ReachedUnit[] = [];
  unitIds.forEach((unitId, index) => {
    const unit = byId.get(unitId);
    if (!unit || !inReach(reach, { branchId: unit.branchId, projectId: unit.projectId })) {
      issues.push({ path: pathOf(index), message: `Unit ${unitId} not found` });
    } else if (seen.has(unitId)) {
      issues.push({ path: pathOf(index), message: `Unit ${unitId} is listed twice` });
    } else {
      seen.add(unitId);
      result.push({ id: unit.id, projectId: unit.projectId });
    }
  });
  if (issues.length > 0) {
    throw new AppError('validation_failed', 'Some units are unknown or outside your reach', { issues });
  }
  return result;
}

/**
 * The extra writes of owner records (the factory's `extraWrites` hook): on create the
 * unit links, checked first; on delete the links go with the owner.
 */
export async function ownerLinkWrites(
  scope: TenantScope,
  reach: Reach,
  op: 'create' | 'update' | 'delete',
  input: Record<string, unknown>,
  before?: RecordRow,
): Promise<(id: string) => unknown[]> {
  if (op === 'create') {
    const links = (input.units as UnitLink[] | undefined) ?? [];
    if (links.length === 0 && reach.kind !== 'tenant') {
      throw new AppError('validation_failed', 'Link the owner to at least one unit of your projects', {
        issues: [{ path: 'units', message: 'At least one unit is required' }],
      });
    }
    const found = await unitsInReach(
      scope,
      reach,
      links.map((l) => l.unitId),
      (i) => `units.${i}.unitId`,
    );
    const projectOf = new Map(found.map((u) => [u.id, u.projectId]));
    return (ownerId) =>
      links.length === 0
        ? []
        : [
            scope.db.insert(ownerUnits).values(
              links.map((l) => ({
                tenantId: scope.tenantId,
                ownerId,
                unitId: l.unitId,
                projectId: projectOf.get(l.unitId) as string,
                relation: l.relation,
              })),
            ),
          ];
  }
  if (op === 'delete' && before) {
    if (reach.kind !== 'tenant') {
      const outside = await scope.db
        .select({ unitId: ownerUnits.unitId })
        .from(ownerUnits)
        .where(
          and(
            eq(ownerUnits.tenantId, scope.tenantId),
            eq(ownerUnits.ownerId, before.id),
            sql`not (${projectFilter(scope, reach, ownerUnits.projectId) ?? sql`1`})`,
          ),
        )
        .limit(1);
      if (outside.length > 0) {
        throw new AppError(
          'conflict',
          'The owner also has units outside your projects; unlink your units instead of deleting',
        );
      }
    }
    return () => [
      scope.db
        .delete(ownerUnits)
        .where(and(eq(ownerUnits.tenantId, scope.tenantId), eq(ownerUnits.ownerId, before.id))),
    ];
  }
  return () => [];
}

/** Records that point at an owner; while any exists the owner cannot be deleted. */
export const ownerDependents = [
  { table: cases as unknown as RecordTable, column: cases.ownerId, label: 'cases' },
];

/** The owner's link to one unit, or undefined. */
export async function findLink(scope: TenantScope, ownerId: string, unitId: string) {
  const [link] = await scope.db
    .select()
    .from(ownerUnits)
    .where(
      and(
        eq(ownerUnits.tenantId, scope.tenantId),
        eq(ownerUnits.ownerId, ownerId),
        eq(ownerUnits.unitId, unitId),
      ),
    )
    .limit(1);
  return link;
}

/**
 * Changes the owner's unit links and bumps the owner's version (units are part of the
 * owner's representation), with the audit entry, in one batch. The link statement is
 * guarded on the version read, so a concurrent change makes the whole batch a no-op (412).
 */
async function changeLinks(
  scope: TenantScope,
  before: RecordRow,
  expectedVersion: number | undefined,
  linkStatement: unknown,
  action: string,
  detail: Record<string, unknown>,
): Promise<RecordRow> {
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new AppError('precondition_failed', `Current version is ${before.version}`);
  }
  const next = { updatedAt: scope.now, version: before.version + 1 };
  const [, bumped] = await commit(scope, [
    linkStatement,
    scope.db.update(owners).set(next).where(ownerAsRead(scope, before)),
    auditEntry(
      scope,
      action,
      { type: 'owner', id: before.id },
      { version: before.version },
      {
        version: next.version,
        ...detail,
      },
    ),
  ]);
  if ((bumped as D1Result | undefined)?.meta?.changes === 0) {
    throw new AppError('precondition_failed', 'The owner changed while you were editing it');
  }
  return { ...before, ...next };
}

/** The owner row as read: a batch statement filtered on it does nothing once someone else wrote. */
const ownerAsRead = (scope: TenantScope, before: RecordRow) =>
  and(eq(owners.tenantId, scope.tenantId), eq(owners.id, before.id), eq(owners.version, before.version));

/** Links the owner to a unit, or changes the relation of an existing link. */
export function linkUnit(
  scope: TenantScope,
  before: RecordRow,
  unit: ReachedUnit,
  relation: OwnerRelation,
  expectedVersion: number | undefined,
): Promise<RecordRow> {
  const statement = scope.db
    .insert(ownerUnits)
    .select(
      scope.db
        .select({
          tenantId: owners.tenantId,
          ownerId: owners.id,
          unitId: sql<string>`${unit.id}`.as('unit_id'),
          projectId: sql<string>`${unit.projectId}`.as('project_id'),
          relation: sql<OwnerRelation>`${relation}`.as('relation'),
        })
        .from(owners)
        .where(ownerAsRead(scope, before)),
    )
    .onConflictDoUpdate({
      target: [ownerUnits.tenantId, ownerUnits.ownerId, ownerUnits.unitId],
      set: { relation },
    });
  return changeLinks(scope, before, expectedVersion, statement, 'owners.link_unit', {
    unitId: unit.id,
    relation,
  });
}

export function unlinkUnit(
  scope: TenantScope,
  before: RecordRow,
  unitId: string,
  expectedVersion: number | undefined,
): Promise<RecordRow> {
  const statement = scope.db
    .delete(ownerUnits)
    .where(
      and(
        eq(ownerUnits.tenantId, scope.tenantId),
        eq(ownerUnits.ownerId, before.id),
        eq(ownerUnits.unitId, unitId),
        exists(scope.db.select({ one: sql`1` }).from(owners).where(ownerAsRead(scope, before))),
      ),
    );
  return changeLinks(scope, before, expectedVersion, statement, 'owners.unlink_unit', { unitId });
}
