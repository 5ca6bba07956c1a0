import type { cases as core, FieldIssue } from '@guanjia/core';
import { caseParties, cases, ownerUnits, units } from '@guanjia/core/db/schema';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from './scope';

/**
 * The further owners and units a complaint involves (群诉), in `case_parties`: checked against
 * the case's project, written in the step's batch, read back for the case and the list filters.
 */

export type PartyRow = typeof caseParties.$inferSelect;

/** A case's linked parties, in the order they were linked. */
export async function listCaseParties(scope: TenantScope, caseId: string): Promise<PartyRow[]> {
  return scope.db
    .select()
    .from(caseParties)
    .where(and(eq(caseParties.tenantId, scope.tenantId), eq(caseParties.caseId, caseId)))
    .orderBy(asc(caseParties.linkedAt), asc(caseParties.partyType), asc(caseParties.partyId));
}

/** The rows as core's parties (for the snapshot). */
export const partiesOf = (rows: readonly PartyRow[]): core.CaseParty[] =>
  rows.map((r) => ({ type: r.partyType, id: r.partyId }));

/**
 * Issues for the ids that are not the tenant's owners or units of `projectId` (an owner belongs
 * to a project through a unit it holds there). `path` names the field: `parties.ownerIds` at
 * intake, `ownerIds` on a step; each issue points at the offending index.
 */
export async function partyIssues(
  scope: TenantScope,
  projectId: string,
  links: { ownerIds: readonly string[]; unitIds: readonly string[] },
  path: { owners: string; units: string },
): Promise<FieldIssue[]> {
  const ownerIds = [...new Set(links.ownerIds)];
  const unitIds = [...new Set(links.unitIds)];
  const [owners, found] = await Promise.all([
    ownerIds.length > 0
      ? scope.db
          .selectDistinct({ id: ownerUnits.ownerId })
          .from(ownerUnits)
          .where(
            and(
              eq(ownerUnits.tenantId, scope.tenantId),
              eq(ownerUnits.projectId, projectId),
              inArray(ownerUnits.ownerId, ownerIds),
            ),
          )
      : [],
    unitIds.length > 0
      ? scope.db
          .select({ id: units.id })
          .from(units)
          .where(
            and(
              eq(units.tenantId, scope.tenantId),
              eq(units.projectId, projectId),
              inArray(units.id, unitIds),
            ),
          )
      : [],
  ]);
  const knownOwners = new Set(owners.map((o) => o.id));
  const knownUnits = new Set(found.map((u) => u.id));
  return [
    ...links.ownerIds.flatMap((id, i) =>
      knownOwners.has(id)
        ? []
        : [{ path: `${path.owners}.${i}`, message: `Owner ${id} not found in the case's project` }],
    ),
    ...links.unitIds.flatMap((id, i) =>
      knownUnits.has(id)
        ? []
        : [{ path: `${path.units}.${i}`, message: `Unit ${id} not found in the case's project` }],
    ),
  ];
}

/** The rows newly linked parties become, linked now by the caller. */
export function partyRows(
  scope: TenantScope,
  caseId: string,
  parties: readonly core.CaseParty[],
): PartyRow[] {
  return parties.map((p) => ({
    tenantId: scope.tenantId,
    caseId,
    partyType: p.type,
    partyId: p.id,
    linkedAt: scope.now,
    linkedByType: scope.actor.type,
    linkedById: scope.actor.id,
  }));
}

/** Inserts for newly linked parties, for the step's batch (a repeated link is a no-op). */
export function partyStatements(scope: TenantScope, rows: readonly PartyRow[]) {
  return rows.map((row) => scope.db.insert(caseParties).values(row).onConflictDoNothing());
}

/**
 * The cases of an owner or a unit: its own, or a complaint that links it (case list filter).
 * One id list from two index searches ((tenant, owner|unit) on cases, (tenant, party) on
 * case_parties), so the list looks cases up by id instead of walking the tenant's. Party ids
 * carry their kind's prefix (`own_`, `unit_`), so the id alone names the party.
 */
export function involvingFilter(scope: TenantScope, type: core.PartyType, id: string): SQL {
  const column = sql.raw(type === 'owner' ? '"owner_id"' : '"unit_id"');
  return sql`${cases.id} IN (SELECT "id" FROM "cases" WHERE "tenant_id" = ${scope.tenantId} AND ${column} = ${id}
    UNION ALL SELECT "case_id" FROM "case_parties" WHERE "tenant_id" = ${scope.tenantId} AND "party_id" = ${id})`;
}
