import {
  branchesRules,
  buildingsRules,
  contractorContactsRules,
  contractorsRules,
  departmentsRules,
  projectsRules,
  unitsRules,
  zonesRules,
} from '../../../app/org/resources';
import { updateSchemaOf } from '../../lib/update-schema';
import { orgResourceRouter } from './resource';
import {
  Branch,
  BranchInput,
  Building,
  BuildingInput,
  byBranchQuery,
  byBuildingQuery,
  byProjectQuery,
  Contractor,
  ContractorContact,
  ContractorContactInput,
  ContractorInput,
  Department,
  DepartmentInput,
  noQuery,
  Project,
  ProjectInput,
  Unit,
  UnitInput,
  Zone,
  ZoneInput,
} from './schemas';

export const zonesRouter = orgResourceRouter({
  ...zonesRules,
  schema: Zone,
  createSchema: ZoneInput,
  updateSchema: updateSchemaOf(ZoneInput),
  querySchema: noQuery,
});

export const branchesRouter = orgResourceRouter({
  ...branchesRules,
  schema: Branch,
  createSchema: BranchInput,
  updateSchema: updateSchemaOf(BranchInput),
  querySchema: noQuery,
});

export const projectsRouter = orgResourceRouter({
  ...projectsRules,
  schema: Project,
  createSchema: ProjectInput,
  updateSchema: updateSchemaOf(ProjectInput),
  querySchema: byBranchQuery,
});

export const buildingsRouter = orgResourceRouter({
  ...buildingsRules,
  schema: Building,
  createSchema: BuildingInput,
  updateSchema: updateSchemaOf(BuildingInput.omit({ projectId: true })),
  querySchema: byProjectQuery,
});

export const unitsRouter = orgResourceRouter({
  ...unitsRules,
  schema: Unit,
  createSchema: UnitInput,
  updateSchema: updateSchemaOf(UnitInput.omit({ buildingId: true })),
  querySchema: byBuildingQuery,
});

export const departmentsRouter = orgResourceRouter({
  ...departmentsRules,
  schema: Department,
  createSchema: DepartmentInput,
  updateSchema: updateSchemaOf(DepartmentInput),
  querySchema: byBranchQuery,
});

export const contractorsRouter = orgResourceRouter({
  ...contractorsRules,
  schema: Contractor,
  createSchema: ContractorInput,
  updateSchema: updateSchemaOf(ContractorInput),
  querySchema: noQuery,
});

export const contractorContactsRouter = orgResourceRouter({
  ...contractorContactsRules,
  schema: ContractorContact,
  createSchema: ContractorContactInput,
  updateSchema: updateSchemaOf(ContractorContactInput.omit({ contractorId: true })),
  querySchema: noQuery.extend({ contractorId: byProjectQuery.shape.projectId }),
});
