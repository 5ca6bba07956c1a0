import { AppError, type FieldIssue, newId, type Reach } from '@guanjia/core';
import { buildings, owners, ownerUnits, projects, units } from '@guanjia/core/db/schema';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { auditEntry } from './audit-log';
import { commit } from './commit';
import type { OwnerRelation } from './owners';
import { inReach } from './reach';
import type { TenantScope } from './scope';

/** One valid row of a units-and-owners file, with its line in the file (the header is line 1). */
export interface ImportRow {
  line: number;
  building: string;
  unit: string;
  floor: number | null;
  areaSqm: number | null;
  owner: {
    name: string;
    phone: string;
    email: string | null;
    wechatOpenId: string | null;
    relation: OwnerRelation;
  } | null;
}

/** A project the caller may import into: within reach of every permission given, else 404. */
export async function importableProject(scope: TenantScope, projectId: string, reaches: Reach[]) {
  const [project] = await scope.db
    .select({ id: projects.id, branchId: projects.branchId, name: projects.name })
    .from(projects)
    .where(and(eq(projects.tenantId, scope.tenantId), eq(projects.id, projectId)))
    .limit(1);
  if (!project || !reaches.every((reach) => inReach(reach, { branchId: project.branchId, projectId }))) {
    throw new AppError('not_found', `Project ${projectId} not found`);
  }
  return project;
}

/** What the project and the tenant already hold, for the rows of one file. */
export interface ImportContext {
  buildingIds: Map<string, string>;
  /** `building\0unit` → the unit and the phones of the owners linked to it. */
  units: Map<string, { id: string; ownerPhones: Set<string> }>;
  ownerIds: Map<string, string>;
  /** WeChat OpenID of the file → the tenant's owner that holds it. */
  openIdOwners: Map<string, string>;
}

export const unitKey = (building: string, unit: string) => `${building}\u0000${unit}`;

/**
 * Reads the project's buildings, units and their owners' phones, and the tenant's
 * owners with the file's phones or WeChat OpenIDs, in a few queries (each list goes as one JSON
 * parameter).
 */
export async function loadImportContext(
  scope: TenantScope,
  projectId: string,
  phones: string[],
  openIds: string[] = [],
): Promise<ImportContext> {
  const [buildingRows, unitRows, linkRows, ownerRows, openIdRows] = await Promise.all([
    scope.db
      .select({ id: buildings.id, name: buildings.name })
      .from(buildings)
      .where(and(eq(buildings.tenantId, scope.tenantId), eq(buildings.projectId, projectId))),
    scope.db
      .select({ id: units.id, buildingId: units.buildingId, number: units.number })
      .from(units)
      .where(and(eq(units.tenantId, scope.tenantId), eq(units.projectId, projectId))),
    scope.db
      .select({ unitId: ownerUnits.unitId, phone: owners.phone })
      .from(ownerUnits)
      .innerJoin(owners, and(eq(owners.tenantId, ownerUnits.tenantId), eq(owners.id, ownerUnits.ownerId)))
      .where(and(eq(ownerUnits.tenantId, scope.tenantId), eq(ownerUnits.projectId, projectId))),
    phones.length === 0
      ? Promise.resolve([])
      : scope.db
          .select({ id: owners.id, phone: owners.phone })
          .from(owners)
          .where(
            and(
              eq(owners.tenantId, scope.tenantId),
              sql`${owners.phone} in (select value from json_each(${JSON.stringify(phones)}))`,
            ),
          )
          .orderBy(owners.id),
    openIds.length === 0
      ? Promise.resolve([])
      : scope.db
          .select({ id: owners.id, wechatOpenId: owners.wechatOpenId })
          .from(owners)
          .where(
            and(
              eq(owners.tenantId, scope.tenantId),
              sql`${owners.wechatOpenId} in (select value from json_each(${JSON.stringify(openIds)}))`,
            ),
          ),
  ]);
  const buildingName = new Map(buildingRows.map((b) => [b.id, b.name]));
  const phonesOf = new Map<string, Set<string>>();
  for (const link of linkRows) {
    phonesOf.set(link.unitId, (phonesOf.get(link.unitId) ?? new Set()).add(link.phone));
  }
  const ownerIds = new Map<string, string>();
  for (const owner of ownerRows) if (!ownerIds.has(owner.phone)) ownerIds.set(owner.phone, owner.id);
  return {
    buildingIds: new Map(buildingRows.map((b) => [b.name, b.id])),
    units: new Map(
      unitRows.map((u) => [
        unitKey(buildingName.get(u.buildingId) ?? '', u.number),
        { id: u.id, ownerPhones: phonesOf.get(u.id) ?? new Set() },
      ]),
    ),
    ownerIds,
    openIdOwners: new Map(openIdRows.map((o) => [o.wechatOpenId ?? '', o.id])),
  };
}

export interface ImportCounts {
  buildings: { created: number; reused: number };
  units: { created: number; reused: number };
  owners: { created: number; reused: number };
  links: { created: number; reused: number };
}

/** The rows to insert, decided from the file and what exists; or the bad rows. */
export interface ImportPlan {
  issues: FieldIssue[];
  counts: ImportCounts;
  newBuildings: { id: string; name: string }[];
  newUnits: {
    id: string;
    buildingId: string;
    number: string;
    floor: number | null;
    areaSqm: number | null;
  }[];
  newOwners: {
    id: string;
    name: string;
    phone: string;
    email: string | null;
    wechatOpenId: string | null;
  }[];
  newLinks: { ownerId: string; unitId: string; relation: OwnerRelation }[];
}

/**
 * The import rules (pure; the ids are new ids for what is missing):
 * - a unit appears once per building in a file; a repeat is a bad row;
 * - buildings are matched by name in the project and created when missing;
 * - owners are matched by phone in the tenant and reused (their name, email and WeChat OpenID
 *   are not changed); one phone given for two different names in the file is a bad row;
 * - a WeChat OpenID is one owner's: given for two phones in the file, or held by another owner
 *   of the tenant, the row is bad (one phone given two OpenIDs likewise);
 * - an existing unit is kept as it is (floor and area in the file are not applied);
 *   if it has owners and none has the row's phone, the row is bad (change owners through
 *   /v1/owners); an existing unit with the same owner phone is a no-op, so importing the
 *   same file twice changes nothing.
 */
export function planImport(rows: ImportRow[], existing: ImportContext): ImportPlan {
  const issues: FieldIssue[] = [];
  const plan: ImportPlan = {
    issues,
    counts: {
      buildings: { created: 0, reused: 0 },
      units: { created: 0, reused: 0 },
      owners: { created: 0, reused: 0 },
      links: { created: 0, reused: 0 },
    },
    newBuildings: [],
    newUnits: [],
    newOwners: [],
    newLinks: [],
  };
  const buildingIds = new Map(existing.buildingIds);
  const unitLines = new Map<string, number>();
  const owners = new Map<string, string>();
  const phoneNames = new Map<string, { name: string; line: number }>();
  const openIdPhones = new Map<string, { phone: string; line: number }>();
  const phoneOpenIds = new Map<string, { openId: string; line: number }>();
  const reusedBuildings = new Set<string>();
  const reusedOwners = new Set<string>();

  for (const row of rows) {
    const issue = (column: string, message: string) =>
      issues.push({ path: `line ${row.line}.${column}`, message });
    const key = unitKey(row.building, row.unit);
    const repeatOf = unitLines.get(key);
    if (repeatOf !== undefined) {
      issue('unit', `Unit ${row.unit} of ${row.building} is already on line ${repeatOf}`);
      continue;
    }
    unitLines.set(key, row.line);
    const known = existing.units.get(key);
    if (row.owner) {
      const first = phoneNames.get(row.owner.phone);
      if (first && first.name !== row.owner.name) {
        issue('owner_phone', `This phone is given for another name on line ${first.line}`);
        continue;
      }
      if (!first) phoneNames.set(row.owner.phone, { name: row.owner.name, line: row.line });
      const openId = row.owner.wechatOpenId;
      if (openId) {
        const sameId = openIdPhones.get(openId);
        const samePhone = phoneOpenIds.get(row.owner.phone);
        const holder = existing.openIdOwners.get(openId);
        if (sameId && sameId.phone !== row.owner.phone) {
          issue('wechat_open_id', `This WeChat OpenID is given for another owner on line ${sameId.line}`);
          continue;
        }
        if (samePhone && samePhone.openId !== openId) {
          issue('wechat_open_id', `This phone is given another WeChat OpenID on line ${samePhone.line}`);
          continue;
        }
        if (holder && holder !== existing.ownerIds.get(row.owner.phone)) {
          issue('wechat_open_id', 'This WeChat OpenID belongs to another owner of the group');
          continue;
        }
        openIdPhones.set(openId, { phone: row.owner.phone, line: row.line });
        phoneOpenIds.set(row.owner.phone, { openId, line: row.line });
      }
    }
    if (known && row.owner && known.ownerPhones.size > 0 && !known.ownerPhones.has(row.owner.phone)) {
      issue(
        'owner_phone',
        `Unit ${row.unit} of ${row.building} already has another owner; change its owners through /v1/owners`,
      );
      continue;
    }
    let buildingId = buildingIds.get(row.building);
    if (!buildingId) {
      buildingId = newId('building');
      buildingIds.set(row.building, buildingId);
      plan.newBuildings.push({ id: buildingId, name: row.building });
    } else if (existing.buildingIds.has(row.building)) reusedBuildings.add(row.building);

    let unitId = known?.id;
    if (unitId) plan.counts.units.reused += 1;
    else {
      unitId = newId('unit');
      plan.newUnits.push({
        id: unitId,
        buildingId,
        number: row.unit,
        floor: row.floor,
        areaSqm: row.areaSqm,
      });
    }

    if (!row.owner) continue;
    let ownerId = owners.get(row.owner.phone);
    if (!ownerId) {
      const existingId = existing.ownerIds.get(row.owner.phone);
      ownerId = existingId ?? newId('owner');
      owners.set(row.owner.phone, ownerId);
      if (existingId) reusedOwners.add(existingId);
      else {
        const { name, phone, email } = row.owner;
        const wechatOpenId = phoneOpenIds.get(phone)?.openId ?? null;
        plan.newOwners.push({ id: ownerId, name, phone, email, wechatOpenId });
      }
    }
    if (known?.ownerPhones.has(row.owner.phone)) plan.counts.links.reused += 1;
    else plan.newLinks.push({ ownerId, unitId, relation: row.owner.relation });
  }

  plan.counts.buildings = { created: plan.newBuildings.length, reused: reusedBuildings.size };
  plan.counts.units.created = plan.newUnits.length;
  plan.counts.owners = { created: plan.newOwners.length, reused: reusedOwners.size };
  plan.counts.links.created = plan.newLinks.length;
  return plan;
}

/** D1 binds at most 100 parameters per statement. */
const maxParams = 100;

/** Multi-row inserts, each within the parameter limit (every column is bound). */
function chunkedInserts<T extends Record<string, unknown>>(
  scope: TenantScope,
  table: SQLiteTable,
  rows: T[],
): unknown[] {
  const perStatement = Math.max(1, Math.floor(maxParams / Object.keys(getTableColumns(table)).length));
  const statements: unknown[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    // biome-ignore lint/suspicious/noExplicitAny: the rows carry every column of the given table
    statements.push(scope.db.insert(table).values(rows.slice(i, i + perStatement) as any));
  }
  return statements;
}

/**
 * Writes the plan: every building, unit, owner and link of the file plus one audit
 * entry, in **one** D1 batch, so a failure anywhere (e.g. a unit added meanwhile) writes nothing.
 */
export async function runImport(
  scope: TenantScope,
  projectId: string,
  plan: ImportPlan,
  file: { rows: number; bytes: number },
): Promise<{ statements: number }> {
  const stamp = { tenantId: scope.tenantId, createdAt: scope.now, updatedAt: scope.now, version: 1 };
  const statements = [
    ...chunkedInserts(
      scope,
      buildings,
      plan.newBuildings.map((b) => ({ ...b, ...stamp, projectId })),
    ),
    ...chunkedInserts(
      scope,
      units,
      plan.newUnits.map((u) => ({ ...u, ...stamp, projectId })),
    ),
    ...chunkedInserts(
      scope,
      owners,
      plan.newOwners.map((o) => ({ ...o, ...stamp, altPhone: null, note: null })),
    ),
    ...chunkedInserts(
      scope,
      ownerUnits,
      plan.newLinks.map((l) => ({ ...l, tenantId: scope.tenantId, projectId })),
    ),
  ];
  if (statements.length === 0) return { statements: 0 }; // nothing new: a re-import changes nothing
  const audit = auditEntry(scope, 'imports.units_owners', { type: 'project', id: projectId }, null, {
    ...file,
    ...plan.counts,
  });
  await commit(scope, [...statements, audit]);
  return { statements: statements.length + 1 };
}
