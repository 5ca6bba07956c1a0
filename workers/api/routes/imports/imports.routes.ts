import { AppError } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { ownerRelations } from '../../../data/owners';
import {
  bearerSecurity,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { ProblemSchema } from '../../lib/problem';
import { idempotent } from '../../middleware/idempotency';
import { ownerEmail, ownerName, ownerPhone, ownerWechatOpenId } from '../owners/owners.routes';

export const maxImportBytes = 2 * 1024 * 1024;
export const maxImportRows = 5000;
export const importColumns = [
  'building',
  'unit',
  'floor',
  'area_sqm',
  'owner_name',
  'owner_phone',
  'owner_email',
  'relation',
] as const;
/** Columns a file may leave out. */
export const optionalImportColumns = ['wechat_open_id'] as const;
export type ImportColumn = (typeof importColumns)[number] | (typeof optionalImportColumns)[number];

/** The import's own body limit; the app's JSON limit skips this route (see `ownBodyLimitRoutes`). */
export const csvBodyLimit = bodyLimit({
  maxSize: maxImportBytes,
  onError: () => {
    throw new AppError('payload_too_large', `Import files are limited to ${maxImportBytes} bytes`);
  },
});

/** Empty cells are absent values. */
const cell = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

const relationAliases: Record<string, (typeof ownerRelations)[number]> = {
  业主: 'owner',
  住户: 'resident',
  租户: 'resident',
  家属: 'family',
};

/** One data row of the file, by column name (cells are strings). */
export const ImportRowSchema = z
  .object({
    building: z.string().trim().min(1, 'Give the building (楼栋)').max(100),
    unit: z.string().trim().min(1, 'Give the unit number (房号)').max(32),
    floor: cell(
      z
        .string()
        .trim()
        .regex(/^-?\d{1,3}$/, 'Floor must be a whole number, e.g. 12 or -1')
        .transform(Number)
        .pipe(z.number().min(-10, 'Floor is at least -10').max(200, 'Floor is at most 200')),
    ),
    area_sqm: cell(
      z
        .string()
        .trim()
        .regex(/^\d{1,6}(\.\d{1,2})?$/, 'Area must be square metres with at most 2 decimals, e.g. 89.5')
        .transform(Number)
        .pipe(z.number().positive('Area must be more than 0').max(100_000)),
    ),
    owner_name: cell(ownerName),
    owner_phone: cell(ownerPhone),
    owner_email: cell(ownerEmail),
    wechat_open_id: cell(ownerWechatOpenId),
    relation: cell(
      z
        .string()
        .trim()
        .transform((v) => relationAliases[v] ?? v.toLowerCase())
        .pipe(
          z.enum(ownerRelations, { message: 'Relation is owner, resident or family (业主, 住户, 家属)' }),
        ),
    ),
  })
  .superRefine((row, ctx) => {
    if (row.owner_name && !row.owner_phone) {
      ctx.addIssue({ code: 'custom', path: ['owner_phone'], message: 'An owner needs a phone' });
    }
    if (row.owner_phone && !row.owner_name) {
      ctx.addIssue({ code: 'custom', path: ['owner_name'], message: 'An owner needs a name' });
    }
    if (!row.owner_phone && (row.owner_email || row.relation || row.wechat_open_id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['owner_phone'],
        message: 'owner_email, wechat_open_id and relation need an owner (owner_name and owner_phone)',
      });
    }
  });

const counts = z.object({ created: z.number().int(), reused: z.number().int() });

export const ImportResult = z
  .object({
    projectId: z.string(),
    rows: z.number().int().openapi({ description: 'Data rows in the file (the header not counted)' }),
    buildings: counts,
    units: counts,
    owners: counts,
    links: counts.openapi({ description: 'Owner ↔ unit links' }),
    changed: z.boolean().openapi({ description: 'False when the file added nothing (e.g. imported before)' }),
  })
  .openapi('UnitsOwnersImportResult');

const example = `building,unit,floor,area_sqm,owner_name,owner_phone,owner_email,relation
1号楼,1-101,1,89.5,王伟,13812345678,wangwei@example.com,owner
1号楼,1-102,1,120,李芳,0571-88880001,,业主
2号楼,2-301,3,95,张敏,139 0000 1234,,resident
2号楼,2-302,3,95,,,,`;

export const importUnitsOwnersRoute = createRoute({
  method: 'post',
  path: '/projects/{id}/imports/units-owners',
  operationId: 'importUnitsOwners',
  tags: ['imports'],
  summary: 'Import the units and owners of a project from CSV (房号与业主批量导入)',
  description: `Send a CSV file as \`text/csv\` (UTF-8, with or without BOM; at most ${maxImportRows} rows and 2 MB).
The header row is required and names these columns, in any order:
\`${importColumns.join(',')}\`, and optionally \`${optionalImportColumns.join(',')}\`.

- \`building\` 楼栋 and \`unit\` 房号 are required; a unit appears once per building in a file.
- \`floor\` 楼层 (whole number) and \`area_sqm\` 建筑面积 (up to 2 decimals) are optional.
- \`owner_name\` 业主姓名 and \`owner_phone\` 手机或座机 go together (leave both empty for a vacant unit);
  \`owner_email\` is optional; \`relation\` is owner / resident / family (业主 / 住户 / 家属), default owner.
- \`wechat_open_id\` 微信 OpenID (optional column and cell): 6–64 of A–Z a–z 0–9 _ - (usually 28); an
  OpenID is one owner's, so one given for two phones, or held by another owner of the group, is a bad row.

Example (例):

\`\`\`csv
${example}
\`\`\`

Rules: buildings are matched by name and created when missing; owners are matched by phone within the
group and reused as they are (an existing owner's name, email and OpenID are not changed: use PATCH /v1/owners); an existing unit is kept as it is, and if it already has owners the row's
phone must be one of them (then the row changes nothing), otherwise the row is bad. Importing the same
file twice changes nothing.

All or nothing: if any row is bad the answer is 422 \`import_rejected\` and nothing is written. Every
problem is one entry of \`issues\` with \`path\` = \`line <n>.<column>\` (the header is line 1) and a
\`message\`, e.g. \`{ "path": "line 7.owner_phone", "message": "Enter a mainland mobile …" }\`;
\`badLines\` lists the bad line numbers. Needs \`org.manage\` and \`owners.manage\` over the project.`,
  security: bearerSecurity,
  middleware: [csvBodyLimit, idempotent] as const,
  request: {
    params: IdParamSchema,
    headers: IdempotencyHeaderSchema,
    body: {
      required: true,
      content: { 'text/csv': { schema: z.string().openapi({ example }) } },
    },
  },
  responses: {
    200: jsonContent(ImportResult, 'Imported: what was created and what already existed'),
    ...writeErrors,
    415: {
      description: 'The body is not text/csv',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
    422: {
      description: 'Bad rows (`issues`, `badLines`); nothing was imported',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
});
