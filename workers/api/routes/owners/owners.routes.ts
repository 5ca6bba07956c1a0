import { z } from '@hono/zod-openapi';
import { ownerRelations } from '../../../data/owners';
import {
  bearerSecurity,
  createRoute,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { updateSchemaOf } from '../../lib/update-schema';
import { recordFields } from '../org/schemas';

const id = (prefix: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ example: `${prefix}_01jd8x6v3kf2q9w7t5r4e3d2c1` });

const mobile = /^1[3-9]\d{9}$/;
const landline = /^0\d{9,11}$/;

/**
 * A mainland mobile (13812345678, +86 138 1234 5678) or landline with area code
 * (0571-88880001). Stored as digits only, so the same number always matches.
 */
export const ownerPhone = z
  .string()
  .trim()
  .max(32)
  .transform((raw) => {
    const digits = raw.replace(/[\s\-()]/g, '');
    const national = digits.replace(/^(?:\+|00)?86(?=1\d{10}$)/, '');
    return national;
  })
  .refine((value) => mobile.test(value) || landline.test(value), {
    message: 'Enter a mainland mobile (11 digits, 1[3-9]…) or a landline with its area code (0571-88880001)',
  })
  .openapi({ type: 'string', example: '13812345678' });

/**
 * A 微信公众号 OpenID: 28 characters of [A-Za-z0-9_-] in practice; 6–64 are accepted. Personal
 * data: masked in logs and in the delivery log.
 */
export const ownerWechatOpenId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{6,64}$/, 'A WeChat OpenID is 6–64 letters, digits, _ or - (usually 28, e.g. oXyZ…)')
  .openapi({
    type: 'string',
    pattern: '^[A-Za-z0-9_-]{6,64}$',
    example: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
    description: "微信公众号 OpenID of the owner for this tenant's official account; unique in the tenant",
  });

export const ownerName = z.string().trim().min(1).max(100);
export const ownerEmail = z.string().trim().toLowerCase().email().max(200);
export const relation = z
  .enum(ownerRelations)
  .openapi({ description: '业主 owner, 住户 resident, 家属 family' });

export const UnitLinkInput = z
  .object({ unitId: id('unit'), relation: relation.default('owner') })
  .strict()
  .openapi('UnitLinkInput');

export const OwnerInput = z
  .object({
    name: ownerName,
    phone: ownerPhone,
    altPhone: ownerPhone.nullish(),
    email: ownerEmail.nullish(),
    wechatOpenId: ownerWechatOpenId.nullish(),
    language: z
      .enum(['zh-CN', 'en'])
      .nullish()
      .openapi({ description: 'The language of messages to the owner; Chinese when null' }),
    note: z.string().trim().max(500).nullish(),
    units: z
      .array(UnitLinkInput)
      .max(50)
      .default([])
      .openapi({ description: 'Units of the tenant within your reach; staff of a project must give one' }),
  })
  .strict()
  .openapi('OwnerInput');

export const OwnerUpdate = updateSchemaOf(OwnerInput.omit({ units: true })).openapi('OwnerUpdate');

export const OwnerUnit = z
  .object({
    unitId: z.string(),
    projectId: z.string(),
    buildingId: z.string(),
    number: z.string(),
    relation,
  })
  .openapi('OwnerUnit');

export const Owner = z
  .object({
    ...recordFields,
    name: z.string(),
    phone: z.string(),
    altPhone: z.string().nullable(),
    email: z.string().nullable(),
    wechatOpenId: z.string().nullable().openapi({ description: '微信公众号 OpenID, or null' }),
    language: z.string().nullable().openapi({ description: 'zh-CN (when null) or en' }),
    note: z.string().nullable(),
    units: z.array(OwnerUnit).openapi({ description: 'Only the units within your reach' }),
  })
  .openapi('Owner');

export const OwnerQuery = z.object({
  projectId: z.string().optional(),
  unitId: z.string().optional(),
  phone: ownerPhone.optional().openapi({ description: 'Exact number; spaces and dashes are ignored' }),
  name: z.string().trim().min(1).max(50).optional().openapi({ description: 'Part of the name' }),
});

const OwnerUnitParams = z.object({
  id: IdParamSchema.shape.id,
  unitId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'unitId', in: 'path' } }),
});

export const linkUnitRoute = createRoute({
  method: 'post',
  path: '/owners/{id}/units',
  operationId: 'linkOwnerUnit',
  tags: ['owners'],
  summary: 'Link the owner to a unit (or change the relation of an existing link)',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(UnitLinkInput) },
  responses: { 200: jsonContent(Owner, 'The owner with its units'), ...writeErrors },
});

export const unlinkUnitRoute = createRoute({
  method: 'delete',
  path: '/owners/{id}/units/{unitId}',
  operationId: 'unlinkOwnerUnit',
  tags: ['owners'],
  summary: 'Remove the owner from a unit',
  security: bearerSecurity,
  request: { params: OwnerUnitParams, headers: IfMatchHeaderSchema },
  responses: { 200: jsonContent(Owner, 'The owner with its remaining units'), ...writeErrors },
});
