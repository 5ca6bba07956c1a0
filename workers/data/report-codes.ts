import { buildings, projects, reportCodes, tenants, units } from '@guanjia/core/db/schema';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { TenantScope } from './scope';

/*
 * The public report page (业主自助报修): the estate it offers (a project, its buildings, a
 * building's units) and its one-time SMS codes (hashes only), which also count the requests the
 * rate limits allow.
 */

export type ReportCodeRow = typeof reportCodes.$inferSelect;

/** A project of the tenant with its buildings (by name), or undefined. */
export async function reportProject(scope: TenantScope, projectId: string) {
  const [project] = await scope.db
    .select({ id: projects.id, name: projects.name, branchId: projects.branchId })
    .from(projects)
    .where(and(eq(projects.tenantId, scope.tenantId), eq(projects.id, projectId)))
    .limit(1);
  if (!project) return undefined;
  const list = await scope.db
    .select({ id: buildings.id, name: buildings.name })
    .from(buildings)
    .where(and(eq(buildings.tenantId, scope.tenantId), eq(buildings.projectId, projectId)))
    .orderBy(asc(buildings.name))
    .limit(500);
  return { ...project, buildings: list };
}

/** A building of the project with its units (by number), or undefined. */
export async function reportBuilding(scope: TenantScope, projectId: string, buildingId: string) {
  const [building] = await scope.db
    .select({ id: buildings.id, name: buildings.name })
    .from(buildings)
    .where(
      and(
        eq(buildings.tenantId, scope.tenantId),
        eq(buildings.projectId, projectId),
        eq(buildings.id, buildingId),
      ),
    )
    .limit(1);
  if (!building) return undefined;
  const list = await scope.db
    .select({ id: units.id, number: units.number })
    .from(units)
    .where(and(eq(units.tenantId, scope.tenantId), eq(units.buildingId, buildingId)))
    .orderBy(asc(units.number))
    .limit(2000);
  return { ...building, units: list };
}

/** When codes were asked for since `since`: by this phone, from this address, for this project. */
export async function codeRequestTimes(
  scope: TenantScope,
  keys: { phoneKey: string; addressKey: string; projectId: string },
  since: Date,
) {
  type KeyColumn = typeof reportCodes.phoneKey | typeof reportCodes.addressKey | typeof reportCodes.projectId;
  const times = async (column: KeyColumn, value: string) =>
    (
      await scope.db
        .select({ at: reportCodes.createdAt })
        .from(reportCodes)
        .where(
          and(eq(reportCodes.tenantId, scope.tenantId), eq(column, value), gt(reportCodes.createdAt, since)),
        )
        .orderBy(desc(reportCodes.createdAt))
        .limit(200)
    ).map((r) => r.at);
  return {
    phone: await times(reportCodes.phoneKey, keys.phoneKey),
    address: await times(reportCodes.addressKey, keys.addressKey),
    project: await times(reportCodes.projectId, keys.projectId),
  };
}

export function insertReportCode(scope: TenantScope, row: ReportCodeRow) {
  return scope.db.insert(reportCodes).values(row);
}

/** The newest code of this phone for this project. */
export async function latestReportCode(
  scope: TenantScope,
  projectId: string,
  phoneKey: string,
): Promise<ReportCodeRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(reportCodes)
    .where(
      and(
        eq(reportCodes.tenantId, scope.tenantId),
        eq(reportCodes.projectId, projectId),
        eq(reportCodes.phoneKey, phoneKey),
      ),
    )
    .orderBy(desc(reportCodes.createdAt), desc(reportCodes.id))
    .limit(1);
  return row;
}

/** Counts one wrong try (a single statement, so tries sent side by side all count). */
export function countWrongTry(scope: TenantScope, id: string) {
  return scope.db
    .update(reportCodes)
    .set({ attempts: sql`${reportCodes.attempts} + 1` })
    .where(and(eq(reportCodes.tenantId, scope.tenantId), eq(reportCodes.id, id)));
}

/**
 * Fails the whole batch (the case's) unless the code is still unused, so one code files one case
 * even when two submissions race (the json_extract trick of `versionGuard`).
 */
export function unusedCodeGuard(scope: TenantScope, id: string) {
  return scope.db
    .select({
      guard: sql<number>`CASE WHEN EXISTS (SELECT 1 FROM ${reportCodes} WHERE ${reportCodes.tenantId} = ${scope.tenantId}
        AND ${reportCodes.id} = ${id} AND ${reportCodes.usedAt} IS NULL) THEN 1
        ELSE json_extract('report code used', '$') END`,
    })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
}

/** Marks the code used by the case it filed (in the case's batch). */
export function useReportCode(scope: TenantScope, id: string, caseId: string) {
  return scope.db
    .update(reportCodes)
    .set({ usedAt: scope.now, caseId })
    .where(and(eq(reportCodes.tenantId, scope.tenantId), eq(reportCodes.id, id)));
}

/** The project a building of the tenant belongs to, or undefined. */
export async function projectOfBuilding(scope: TenantScope, buildingId: string): Promise<string | undefined> {
  const [row] = await scope.db
    .select({ projectId: buildings.projectId })
    .from(buildings)
    .where(and(eq(buildings.tenantId, scope.tenantId), eq(buildings.id, buildingId)))
    .limit(1);
  return row?.projectId;
}
