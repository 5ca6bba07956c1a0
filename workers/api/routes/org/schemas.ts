import { departmentKinds } from '@guanjia/core/vocabulary';
import { z } from '@hono/zod-openapi';

const id = (prefix: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ example: `${prefix}_01jd8x6v3kf2q9w7t5r4e3d2c1` });
const name = z.string().trim().min(1).max(100);
const code = z.string().trim().min(1).max(32);

/** Fields every record answers with. */
export const recordFields = {
  id: z.string(),
  createdAt: z.string().datetime().openapi({ type: 'string', format: 'date-time' }),
  updatedAt: z.string().datetime().openapi({ type: 'string', format: 'date-time' }),
  version: z.number().int().openapi({ description: 'Also sent as the ETag' }),
};

export const ZoneInput = z.object({ name, code: code.nullish() }).strict().openapi('ZoneInput');
export const Zone = z
  .object({ ...recordFields, name: z.string(), code: z.string().nullable() })
  .openapi('Zone');

export const BranchInput = z
  .object({
    name,
    code: code.nullish(),
    city: z.string().trim().max(50).nullish(),
    zoneId: id('zone').nullish(),
  })
  .strict()
  .openapi('BranchInput');
export const Branch = z
  .object({
    ...recordFields,
    name: z.string(),
    code: z.string().nullable(),
    city: z.string().nullable(),
    zoneId: z.string().nullable(),
  })
  .openapi('Branch');

export const ProjectInput = z
  .object({ branchId: id('br'), name, code: code.nullish(), address: z.string().trim().max(200).nullish() })
  .strict()
  .openapi('ProjectInput');
export const Project = z
  .object({
    ...recordFields,
    branchId: z.string(),
    name: z.string(),
    code: z.string().nullable(),
    address: z.string().nullable(),
  })
  .openapi('Project');

export const BuildingInput = z
  .object({ projectId: id('prj'), name })
  .strict()
  .openapi('BuildingInput');
export const Building = z
  .object({ ...recordFields, projectId: z.string(), name: z.string() })
  .openapi('Building');

export const UnitInput = z
  .object({
    buildingId: id('bld'),
    number: z.string().trim().min(1).max(32).openapi({ description: '房号, e.g. 1-2-301' }),
    floor: z.number().int().min(-10).max(200).nullish(),
    areaSqm: z.number().int().min(1).max(100_000).nullish(),
  })
  .strict()
  .openapi('UnitInput');
export const Unit = z
  .object({
    ...recordFields,
    projectId: z.string(),
    buildingId: z.string(),
    number: z.string(),
    floor: z.number().nullable(),
    areaSqm: z.number().nullable(),
  })
  .openapi('Unit');

export const DepartmentInput = z
  .object({
    name,
    kind: z.enum(departmentKinds),
    branchId: id('br').nullish(),
    projectId: id('prj').nullish(),
    headIds: z.array(id('stf')).max(20).default([]).openapi({
      description: '部门负责人: staff of the tenant told when a case or feedback is asked of the department',
    }),
  })
  .strict()
  .openapi('DepartmentInput');
export const Department = z
  .object({
    ...recordFields,
    name: z.string(),
    kind: z.enum(departmentKinds),
    branchId: z.string().nullable(),
    projectId: z.string().nullable(),
    headIds: z.array(z.string()),
  })
  .openapi('Department');

export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'Enter a phone number of digits, optionally with + and dashes');

export const ContractorInput = z
  .object({
    name,
    trades: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
    phone: phone.nullish(),
    status: z.enum(['active', 'suspended']).default('active'),
  })
  .strict()
  .openapi('ContractorInput');
export const Contractor = z
  .object({
    ...recordFields,
    name: z.string(),
    trades: z.array(z.string()),
    phone: z.string().nullable(),
    status: z.enum(['active', 'suspended']),
  })
  .openapi('Contractor');

export const ContractorContactInput = z
  .object({
    contractorId: id('ctr'),
    name,
    phone,
    email: z.string().email().nullish(),
    title: z.string().max(50).nullish(),
  })
  .strict()
  .openapi('ContractorContactInput');
export const ContractorContact = z
  .object({
    id: z.string(),
    contractorId: z.string(),
    name: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    title: z.string().nullable(),
  })
  .openapi('ContractorContact');

export const byProjectQuery = z.object({ projectId: z.string().optional() });
export const byBranchQuery = z.object({ branchId: z.string().optional() });
export const byBuildingQuery = z.object({
  projectId: z.string().optional(),
  buildingId: z.string().optional(),
});
export const noQuery = z.object({});
