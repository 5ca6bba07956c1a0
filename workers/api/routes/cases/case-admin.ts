import { AppError, cases as core, localDate, newId } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import { inReach, requireReach } from '../../../app/access';
import {
  type ChannelKeyRow,
  caseSettingsVersion,
  departmentDailyReport,
  findProject,
  intakeEmailDomain,
  listChannelKeys,
  loadCaseSettings,
  readableCases,
  rotateChannelKey,
  saveCaseSettings,
} from '../../../app/cases';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { issuesFromZod } from '../../lib/problem';
import { idempotent } from '../../middleware/idempotency';

/** Tenant case settings, the daily department report and per-project channel keys. */
export const caseAdminRouter = createRouter();

// ---------------------------------------------------------------------------
// Settings

const settingsDescription =
  'timeZone, reworkWindowDays (30), unsatisfiedAtOrBelow (2), claimApprovalThresholdFen (1000000), claimApproverRoles ([cr_manager]), categories (the category tree). Missing keys take their defaults. Deadlines are not case settings: the contractor contact deadline is the SLA policy milestone contractor_contact (30 minutes after dispatch) and the 回访 due time the milestone followup (3 days after completion or resolution), both round the clock by default (/v1/sla/policies); a PUT sending contactDeadlineMinutes or followupDelayDays is refused (400).';

/**
 * A node of the category tree, for the document: core's `CategoryNodeSchema` is recursive and
 * unnamed, which the generator cannot follow. Typed as core's node, so the two cannot drift;
 * core's schema still validates every tree (the handler parses the settings with it).
 */
const CaseCategory: z.ZodType<core.CategoryNode> = z
  .lazy(() =>
    z.object({
      code: z.string().openapi({
        description: 'Dotted lower snake_case; a child extends its parent',
        example: 'plumbing.leak',
      }),
      labels: z.object({ 'zh-CN': z.string(), en: z.string() }),
      children: z.array(CaseCategory).optional(),
    }),
  )
  .openapi('CaseCategory');
const categories = z.array(CaseCategory).min(1);

/** The settings as read: core's schema, every default filled in. */
const CaseSettingsDoc = z.object({ ...core.CaseSettingsSchema.shape, categories }).openapi('CaseSettings', {
  description: settingsDescription,
});

/**
 * The settings as sent: core's fields, each optional and without its default (the handler
 * fills them in, the tenant's own time zone first); a retired key is refused naming where its
 * rule lives now.
 */
const CaseSettingsInput = z.preprocess(
  (body, ctx) => {
    if (body === null || typeof body !== 'object') return body;
    for (const key of Object.keys(body)) {
      const retired = core.retiredCaseSettings[key];
      if (Object.hasOwn(core.retiredCaseSettings, key) && retired) {
        ctx.addIssue({ code: 'custom', path: [key], message: retired, input: body });
      }
    }
    return body;
  },
  z
    .object(
      Object.fromEntries(
        Object.entries(core.CaseSettingsSchema.shape).map(([key, field]) => [
          key,
          key === 'categories' ? categories.optional() : field.removeDefault().optional(),
        ]),
      ) as unknown as {
        [K in keyof typeof core.CaseSettingsSchema.shape]: z.ZodOptional<z.ZodType<core.CaseSettings[K]>>;
      },
    )
    .openapi('CaseSettingsInput', { description: settingsDescription }),
);

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/settings/cases',
  operationId: 'getCaseSettings',
  tags: ['settings'],
  summary: 'The tenant case settings with every default filled in (any case reader may read them)',
  security: bearerSecurity,
  responses: { 200: jsonContent(CaseSettingsDoc, 'Case settings (ETag)'), ...commonErrors },
});

const putSettingsRoute = createRoute({
  method: 'put',
  path: '/settings/cases',
  operationId: 'putCaseSettings',
  tags: ['settings'],
  summary: 'Replace the tenant case settings (group-wide org.manage: the tenant admin)',
  security: bearerSecurity,
  request: { headers: IfMatchHeaderSchema, body: jsonBody(CaseSettingsInput) },
  responses: { 200: jsonContent(CaseSettingsDoc, 'The stored settings'), ...writeErrors },
});

caseAdminRouter.openapi(getSettingsRoute, async (c) => {
  const scope = c.get('scope');
  requireReach(scope, 'cases.read');
  const [settings, version] = await Promise.all([loadCaseSettings(scope), caseSettingsVersion(scope)]);
  c.header('ETag', etagOf(version));
  return c.json(settings, 200);
});

caseAdminRouter.openapi(putSettingsRoute, async (c) => {
  const scope = c.get('scope');
  if (requireReach(scope, 'org.manage').kind !== 'tenant') {
    throw new AppError('forbidden', 'Case settings are for a group-wide administrator');
  }
  const body = c.req.valid('json');
  // A missing time zone is the tenant's own, not the platform default.
  const parsed = core.CaseSettingsSchema.safeParse({ timeZone: scope.timeZone, ...body });
  if (!parsed.success) {
    throw new AppError('validation_failed', 'See issues for the fields to correct', {
      issues: issuesFromZod(parsed.error),
    });
  }
  const saved = await saveCaseSettings(scope, parsed.data, expectedVersion(c));
  c.header('ETag', etagOf(saved.version));
  return c.json(saved.settings, 200);
});

// ---------------------------------------------------------------------------
// Daily department report

const ReportCase = z.object({
  id: z.string(),
  archiveNo: z.string(),
  kind: z.string(),
  status: z.string(),
  urgency: z.string(),
  projectId: z.string(),
  receivedAt: z.string(),
  lastUpdateAt: z.string().nullable(),
  endOfDay: z.string().openapi({ description: 'The end of the working day on the case’s project calendar' }),
});

const DepartmentDailyReport = z
  .object({
    date: z.string(),
    endOfDay: z.string().nullable().openapi({
      description:
        'The end of the working day on the tenant calendar; null when the tenant does not work that date',
    }),
    departments: z.array(
      z.object({
        departmentId: z.string(),
        departmentName: z.string().nullable(),
        cases: z.array(ReportCase),
      }),
    ),
  })
  .openapi('DepartmentDailyReport');

const reportRoute = createRoute({
  method: 'get',
  path: '/reports/department-daily',
  operationId: 'getDepartmentDailyReport',
  tags: ['reports'],
  summary:
    'For the front desk: open cases with no handling update from their department by the end of the working day on the business calendar of the case’s project (tenant → branch → project, as the SLA clock merges it); a project not working that date lists none',
  security: bearerSecurity,
  request: {
    query: z.object({
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional()
        .openapi({ description: 'Local date YYYY-MM-DD; today by default' }),
    }),
  },
  responses: { 200: jsonContent(DepartmentDailyReport, 'The report'), ...commonErrors },
});

caseAdminRouter.openapi(reportRoute, async (c) => {
  const scope = c.get('scope');
  const settings = await loadCaseSettings(scope);
  const date = c.req.valid('query').date ?? localDate(scope.now, settings.timeZone);
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new AppError('validation_failed', 'Not a date', {
      issues: [{ path: 'date', message: 'Not a date' }],
    });
  }
  const report = await departmentDailyReport(scope, readableCases(scope), date);
  return c.json(
    {
      date,
      endOfDay: report.tenantDay ? report.tenantDay.end.toISOString() : null,
      departments: report.groups.map((g) => ({
        ...g,
        cases: g.cases.map((r) => ({
          ...r,
          receivedAt: r.receivedAt.toISOString(),
          lastUpdateAt: r.lastUpdateAt ? r.lastUpdateAt.toISOString() : null,
          endOfDay: r.endOfDay.toISOString(),
        })),
      })),
    },
    200,
  );
});

// ---------------------------------------------------------------------------
// Channel keys

const ChannelKey = z
  .object({
    id: z.string(),
    projectId: z.string(),
    displayPrefix: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ChannelKey');

const IssuedChannelKey = ChannelKey.extend({
  key: z.string().openapi({ description: 'Shown once' }),
  intakePath: z.string(),
  emailAddress: z.string(),
}).openapi('IssuedChannelKey');

const channelKeyOutput = (row: ChannelKeyRow) => ({
  id: row.id,
  projectId: row.projectId,
  displayPrefix: row.displayPrefix,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
});

const rotateKeyRoute = createRoute({
  method: 'post',
  path: '/projects/{id}/channel-keys',
  operationId: 'rotateProjectChannelKey',
  tags: ['projects'],
  summary:
    "Issue the project's public intake key (web, WeChat, app, email), revoking the previous one; the key is shown once",
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { params: IdParamSchema, headers: IdempotencyHeaderSchema },
  responses: { 201: jsonContent(IssuedChannelKey, 'The new key'), ...writeErrors },
});

const listKeysRoute = createRoute({
  method: 'get',
  path: '/projects/{id}/channel-keys',
  operationId: 'listProjectChannelKeys',
  summary: "List a project's public intake keys (prefixes only)",
  tags: ['projects'],
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(z.object({ data: z.array(ChannelKey) }).openapi('ChannelKeys'), 'Keys, newest first'),
    ...commonErrors,
  },
});

async function managedProject(scope: Parameters<typeof findProject>[0], projectId: string) {
  const reach = requireReach(scope, 'org.manage');
  const project = await findProject(scope, projectId);
  if (!project || !inReach(reach, { branchId: project.branchId, projectId: project.id })) {
    throw new AppError('not_found', `Project ${projectId} not found`);
  }
  return project;
}

caseAdminRouter.openapi(rotateKeyRoute, async (c) => {
  const scope = c.get('scope');
  const project = await managedProject(scope, c.req.valid('param').id);
  const { row, key } = await rotateChannelKey(scope, project.id, newId('channelKey'));
  c.header('Location', `/v1/projects/${project.id}/channel-keys`);
  return c.json(
    {
      ...channelKeyOutput(row),
      key,
      intakePath: `/public/v1/intake/${key}`,
      emailAddress: `${key}@${intakeEmailDomain}`,
    },
    201,
  );
});

caseAdminRouter.openapi(listKeysRoute, async (c) => {
  const scope = c.get('scope');
  const project = await managedProject(scope, c.req.valid('param').id);
  return c.json({ data: (await listChannelKeys(scope, project.id)).map(channelKeyOutput) }, 200);
});
