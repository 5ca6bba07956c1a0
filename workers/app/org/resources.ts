import { AppError, type Reach } from '@guanjia/core';
import {
  branches,
  buildings,
  contractorContacts,
  contractors,
  departments,
  ownerUnits,
  projects,
  staffUsers,
  units,
  zones,
} from '@guanjia/core/db/schema';
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { branchFilter, inReach, projectFilter } from '../../data/reach';
import type { RecordTable } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import type { ResourceRules } from '../resources';

/*
 * The org resources' rules (zones, branches, projects, buildings, units, departments,
 * contractors and their contacts): reach, references, dependents. Their five operations are
 * the use cases of `app/resources.ts`; the routes add the HTTP shapes.
 */

const never = sql`0`;

/** Tenant-wide reference data: every reader sees it, only a group-wide manager changes it. */
const tenantLevel = (_scope: TenantScope, reach: Reach, mode: 'read' | 'manage') =>
  mode === 'read' || reach.kind === 'tenant' ? undefined : never;

function refIssue(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { issues: [{ path, message }] });
}

/** A referenced project must exist in the tenant and lie within the caller's manage reach. */
async function projectInReach(scope: TenantScope, reach: Reach, projectId: string, path = 'projectId') {
  const project = await scope.db.query.projects.findFirst({
    where: and(eq(projects.tenantId, scope.tenantId), eq(projects.id, projectId)),
  });
  if (!project || !inReach(reach, { branchId: project.branchId, projectId: project.id })) {
    throw refIssue(path, `Project ${projectId} not found`);
  }
  return project;
}

async function branchInReach(scope: TenantScope, reach: Reach, branchId: string, path = 'branchId') {
  const branch = await scope.db.query.branches.findFirst({
    where: and(eq(branches.tenantId, scope.tenantId), eq(branches.id, branchId)),
  });
  if (!branch || !inReach(reach, { branchId: branch.id }))
    throw refIssue(path, `Branch ${branchId} not found`);
  return branch;
}

const tables = {
  zones: zones as unknown as RecordTable,
  branches: branches as unknown as RecordTable,
  projects: projects as unknown as RecordTable,
  buildings: buildings as unknown as RecordTable,
  units: units as unknown as RecordTable,
  departments: departments as unknown as RecordTable,
  contractors: contractors as unknown as RecordTable,
  contractorContacts: contractorContacts as unknown as RecordTable,
  staffUsers: staffUsers as unknown as RecordTable,
};

export const zonesRules: ResourceRules = {
  path: 'zones',
  label: 'Zone',
  idKind: 'zone',
  table: tables.zones,
  readPermission: 'org.read',
  managePermission: 'org.manage',
  reachFilter: tenantLevel,
  createNeedsTenantReach: true,
  dependents: [{ table: tables.branches, column: branches.zoneId, label: 'branches' }],
};

export const branchesRules: ResourceRules = {
  path: 'branches',
  label: 'Branch',
  idKind: 'branch',
  table: tables.branches,
  readPermission: 'org.read',
  managePermission: 'org.manage',
  reachFilter: (scope, reach) => branchFilter(scope, reach, branches.id),
  createNeedsTenantReach: true,
  async resolveRefs(scope, _reach, values) {
    if (typeof values.zoneId === 'string') {
      const zone = await scope.db.query.zones.findFirst({
        where: and(eq(zones.tenantId, scope.tenantId), eq(zones.id, values.zoneId)),
      });
      if (!zone) throw refIssue('zoneId', `Zone ${values.zoneId} not found`);
    }
    return {};
  },
  dependents: [{ table: tables.projects, column: projects.branchId, label: 'projects' }],
};

export const projectsRules: ResourceRules = {
  path: 'projects',
  label: 'Project',
  idKind: 'project',
  table: tables.projects,
  queryFilters: (q) => [q.branchId ? eq(projects.branchId, q.branchId) : undefined],
  readPermission: 'org.read',
  managePermission: 'org.manage',
  reachFilter: (scope, reach) => projectFilter(scope, reach, projects.id),
  async resolveRefs(scope, reach, values) {
    if (typeof values.branchId === 'string') await branchInReach(scope, reach, values.branchId);
    return {};
  },
  dependents: [
    { table: tables.buildings, column: buildings.projectId, label: 'buildings' },
    { table: tables.units, column: units.projectId, label: 'units' },
  ],
};

export const buildingsRules: ResourceRules = {
  path: 'buildings',
  label: 'Building',
  idKind: 'building',
  table: tables.buildings,
  queryFilters: (q) => [q.projectId ? eq(buildings.projectId, q.projectId) : undefined],
  readPermission: 'org.read',
  managePermission: 'org.manage',
  reachFilter: (scope, reach) => projectFilter(scope, reach, buildings.projectId),
  async resolveRefs(scope, reach, values) {
    if (typeof values.projectId === 'string') await projectInReach(scope, reach, values.projectId);
    return {};
  },
  dependents: [{ table: tables.units, column: units.buildingId, label: 'units' }],
};

export const unitsRules: ResourceRules = {
  path: 'units',
  label: 'Unit',
  idKind: 'unit',
  table: tables.units,
  queryFilters: (q) => [
    q.projectId ? eq(units.projectId, q.projectId) : undefined,
    q.buildingId ? eq(units.buildingId, q.buildingId) : undefined,
  ],
  readPermission: 'org.read',
  managePermission: 'org.manage',
  reachFilter: (scope, reach) => projectFilter(scope, reach, units.projectId),
  async resolveRefs(scope, reach, values) {
    if (typeof values.buildingId !== 'string') return {};
    const building = await scope.db.query.buildings.findFirst({
      where: and(eq(buildings.tenantId, scope.tenantId), eq(buildings.id, values.buildingId)),
    });
    if (!building) throw refIssue('buildingId', `Building ${values.buildingId} not found`);
    await projectInReach(scope, reach, building.projectId, 'buildingId');
    return { projectId: building.projectId };
  },
  dependents: [{ table: ownerUnits, column: ownerUnits.unitId, label: 'owners' }],
};

/** Group departments are seen by every reader; branch and project departments follow reach. */
function departmentFilter(scope: TenantScope, reach: Reach, mode: 'read' | 'manage'): SQL | undefined {
  if (reach.kind === 'tenant') return undefined;
  const groupLevel = and(isNull(departments.branchId), isNull(departments.projectId));
  return or(
    mode === 'read' ? groupLevel : undefined,
    branchFilter(scope, reach, departments.branchId),
    projectFilter(scope, reach, departments.projectId),
  );
}

export const departmentsRules: ResourceRules = {
  path: 'departments',
  label: 'Department',
  idKind: 'department',
  table: tables.departments,
  queryFilters: (q) => [q.branchId ? eq(departments.branchId, q.branchId) : undefined],
  readPermission: 'org.read',
  managePermission: 'org.manage',
  reachFilter: departmentFilter,
  async resolveRefs(scope, reach, values, before) {
    if (Array.isArray(values.headIds) && values.headIds.length > 0) {
      const ids = [...new Set(values.headIds as string[])];
      const found = await scope.db
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(and(eq(staffUsers.tenantId, scope.tenantId), inArray(staffUsers.id, ids)));
      if (found.length !== ids.length)
        throw refIssue('headIds', 'Every head is a staff member of the tenant');
    }
    const branchId = values.branchId === undefined ? before?.branchId : values.branchId;
    const projectId = values.projectId === undefined ? before?.projectId : values.projectId;
    if (typeof projectId === 'string') {
      const project = await projectInReach(scope, reach, projectId);
      return { branchId: project.branchId };
    }
    if (typeof branchId === 'string') await branchInReach(scope, reach, branchId);
    else if (reach.kind !== 'tenant')
      throw new AppError('forbidden', 'Group departments need a group-wide role');
    return {};
  },
  dependents: [{ table: tables.staffUsers, column: staffUsers.departmentId, label: 'staff' }],
};

export const contractorsRules: ResourceRules = {
  path: 'contractors',
  label: 'Contractor',
  idKind: 'contractor',
  table: tables.contractors,
  readPermission: 'org.read',
  managePermission: 'org.manage',
  reachFilter: tenantLevel,
  createNeedsTenantReach: true,
  dependents: [
    { table: tables.contractorContacts, column: contractorContacts.contractorId, label: 'contacts' },
    { table: tables.staffUsers, column: staffUsers.contractorId, label: 'staff logins' },
  ],
};

export const contractorContactsRules: ResourceRules = {
  path: 'contractor-contacts',
  label: 'ContractorContact',
  idKind: 'contractorContact',
  table: tables.contractorContacts,
  queryFilters: (q) => [q.contractorId ? eq(contractorContacts.contractorId, q.contractorId) : undefined],
  readPermission: 'org.read',
  managePermission: 'org.manage',
  reachFilter: tenantLevel,
  createNeedsTenantReach: true,
  async resolveRefs(scope, _reach, values) {
    if (typeof values.contractorId !== 'string') return {};
    const contractor = await scope.db.query.contractors.findFirst({
      where: and(eq(contractors.tenantId, scope.tenantId), eq(contractors.id, values.contractorId)),
    });
    if (!contractor) throw refIssue('contractorId', `Contractor ${values.contractorId} not found`);
    return {};
  },
};
