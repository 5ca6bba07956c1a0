import { AppError, cases as core, DateTimeString, reports } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import { requireReach } from '../../../app/access';
import {
  dashboardReport,
  followupFacts,
  kpiCsv,
  kpiReport,
  lowRatingFacts,
  maxReportRows,
  type ReportFilter,
  readableCases,
  repairFixFacts,
} from '../../../app/cases';
import type { TenantScope } from '../../../data/scope';
import { createRouter } from '../../app';
import { bearerSecurity, commonErrors, createRoute, jsonContent } from '../../lib/openapi';

/** KPI reports over cases: first-time fix rate (一次维修成功率) and follow-up (回访) done rate. */
export const caseReportsRouter = createRouter();

const day = 86_400_000;
/** The longest window one report covers. */
export const maxReportDays = 366;

const id = z.string().min(1).max(64);
const time = DateTimeString;

const ReportQuery = z.object({
  from: time.optional().openapi({ description: 'Window start (inclusive); 30 days before `to` by default' }),
  to: time.optional().openapi({ description: 'Window end (exclusive); now by default' }),
  projectId: id.optional(),
  branchId: id.optional(),
});

function windowOf(scope: TenantScope, query: z.infer<typeof ReportQuery>): ReportFilter {
  const to = query.to ? new Date(query.to) : scope.now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * day);
  if (from >= to) {
    throw new AppError('validation_failed', 'The window must end after it starts', {
      issues: [{ path: 'to', message: 'Must be after from' }],
    });
  }
  if (to.getTime() - from.getTime() > maxReportDays * day) {
    throw new AppError('validation_failed', `A report covers at most ${maxReportDays} days`, {
      issues: [{ path: 'from', message: `At most ${maxReportDays} days before to` }],
    });
  }
  return { from, to, projectId: query.projectId, branchId: query.branchId };
}

function requireComplete(complete: boolean) {
  if (!complete) {
    throw new AppError(
      'validation_failed',
      `More than ${maxReportRows} cases: narrow the window or the place`,
      {
        issues: [{ path: 'from', message: 'Window too large' }],
      },
    );
  }
}

const CategoryFixStats = z.object({
  category: z.string(),
  repairs: z.number().int(),
  repeats: z.number().int(),
  firstTimeFixes: z.number().int(),
  firstTimeFixRate: z.number(),
  repeatShare: z.number(),
});

const FirstTimeFixReport = z
  .object({
    from: z.string(),
    to: z.string(),
    repairs: z.number().int(),
    repeats: z.number().int(),
    firstTimeFixRate: z.number().nullable(),
    categories: z.array(CategoryFixStats),
  })
  .openapi('FirstTimeFixReport');

const firstTimeFixRoute = createRoute({
  method: 'get',
  path: '/reports/first-time-fix',
  operationId: 'getFirstTimeFixReport',
  tags: ['reports'],
  summary:
    'First-time fix rate (一次维修成功率) of the repairs completed in a window, by top-level category, sorted by repeat count and share (维修反复: reopened or re-reported within the tenant rework window)',
  security: bearerSecurity,
  request: { query: ReportQuery.extend({ contractorId: id.optional() }) },
  responses: { 200: jsonContent(FirstTimeFixReport, 'The report'), ...commonErrors },
});

caseReportsRouter.openapi(firstTimeFixRoute, async (c) => {
  const scope = c.get('scope');
  const query = c.req.valid('query');
  const filter = { ...windowOf(scope, query), contractorId: query.contractorId };
  const { facts, complete } = await repairFixFacts(scope, readableCases(scope), filter);
  requireComplete(complete);
  const categories = core.firstTimeFixRate(facts);
  const repairs = categories.reduce((n, s) => n + s.repairs, 0);
  const repeats = categories.reduce((n, s) => n + s.repeats, 0);
  return c.json(
    {
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      repairs,
      repeats,
      firstTimeFixRate: repairs === 0 ? null : (repairs - repeats) / repairs,
      categories,
    },
    200,
  );
});

const FollowupRate = z.object({
  due: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  rate: z.number().nullable(),
});

const LowRatings = z
  .object({
    total: z.number().int(),
    reasons: z.object(
      Object.fromEntries(
        [...core.lowRatingReasons, 'unspecified'].map((r) => [r, z.number().int()]),
      ) as Record<core.LowRatingReason | 'unspecified', z.ZodNumber>,
    ),
  })
  .openapi('LowRatings', {
    description:
      'Unsatisfied follow-up answers given in the window, by the reason the owner or the caller gave (unspecified when none)',
  });

const FollowupReport = z
  .object({
    from: z.string(),
    to: z.string(),
    all: FollowupRate,
    repair: FollowupRate,
    complaint: FollowupRate,
    lowRatings: LowRatings,
  })
  .openapi('FollowupReport');

const followupRoute = createRoute({
  method: 'get',
  path: '/reports/followups',
  operationId: 'getFollowupReport',
  tags: ['reports'],
  summary:
    'Follow-up (回访) done rate of the repairs and complaints whose follow-up fell due in a window: due by now or done, done, overdue',
  security: bearerSecurity,
  request: { query: ReportQuery },
  responses: { 200: jsonContent(FollowupReport, 'The report'), ...commonErrors },
});

caseReportsRouter.openapi(followupRoute, async (c) => {
  const scope = c.get('scope');
  const filter = windowOf(scope, c.req.valid('query'));
  const { facts, complete } = await followupFacts(scope, readableCases(scope), filter);
  requireComplete(complete);
  const low = await lowRatingFacts(scope, readableCases(scope), filter);
  requireComplete(low.complete);
  const rate = (kind?: 'repair' | 'complaint') =>
    core.followupDoneRate(kind ? facts.filter((f) => f.kind === kind) : facts, scope.now);
  return c.json(
    {
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      all: rate(),
      repair: rate('repair'),
      complaint: rate('complaint'),
      lowRatings: core.lowRatingBreakdown(low.facts),
    },
    200,
  );
});

const Compared = z.object({
  key: z.string(),
  current: z.number().int(),
  previous: z.number().int(),
  delta: z.number().int(),
  ratio: z
    .number()
    .nullable()
    .openapi({ description: '(current − previous) / previous; null when previous is 0' }),
});

const Percentiles = z.object({
  group: z.string().openapi({ description: `The group's id, or \`${reports.kpiNoGroup}\`` }),
  count: z.number().int(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
});

const KpiReport = z
  .object({
    from: z.string(),
    to: z.string(),
    previousFrom: z.string(),
    previousTo: z.string(),
    groupBy: z.enum(reports.kpiGroupBys),
    volumes: z.array(
      Compared.extend({
        dimension: z.enum(['kind', 'category', 'channel', 'project']),
        kind: z.string(),
      }),
    ),
    complaintReplyRate: z.object({
      due: z.number().int(),
      answeredOnTime: z.number().int(),
      rate: z.number().nullable(),
    }),
    firstResponse: z
      .array(Percentiles)
      .openapi({ description: 'Minutes from receipt to the first reply (or contact)' }),
    resolution: z
      .array(Percentiles)
      .openapi({ description: 'Minutes from receipt to resolution (or completion)' }),
    slaCompliance: z.array(
      z.object({
        milestone: z.string(),
        met: z.number().int(),
        metLate: z.number().int(),
        breachedOpen: z.number().int(),
        decided: z.number().int(),
        compliance: z.number().nullable(),
      }),
    ),
  })
  .openapi('KpiReport');

const kpiRoute = createRoute({
  method: 'get',
  path: '/reports/kpis',
  operationId: 'getKpiReport',
  tags: ['reports'],
  summary:
    'Statistics and KPIs of the cases received in a window, in your reach: inquiry, complaint and suggestion volumes by kind, category, channel and project against the window before (same length); the complaint reply rate (客户投诉答复率: replies on time over replies due); first-response and resolution p50/p90 in minutes by project, branch, department or agent; SLA compliance per milestone. JSON, or CSV (UTF-8 with BOM) with `format=csv` or `Accept: text/csv`',
  security: bearerSecurity,
  request: {
    query: ReportQuery.extend({
      groupBy: z
        .enum(reports.kpiGroupBys)
        .optional()
        .openapi({ description: 'Percentile grouping; project by default' }),
      format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: UTF-8 with BOM, for Excel' }),
    }),
  },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/json': { schema: KpiReport },
        'text/csv': { schema: z.string().openapi({ example: '\uFEFF指标,维度,类型,分组,...' }) },
      },
    },
    ...commonErrors,
  },
});

caseReportsRouter.openapi(kpiRoute, async (c) => {
  const scope = c.get('scope');
  const query = c.req.valid('query');
  const reach = requireReach(scope, 'cases.read');
  const report = await kpiReport(scope, reach, {
    ...windowOf(scope, query),
    groupBy: query.groupBy ?? 'project',
  });
  const csv =
    query.format === 'csv' || (!query.format && (c.req.header('accept') ?? '').includes('text/csv'));
  if (csv) {
    return c.body(kpiCsv(report), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="kpis-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv"`,
    });
  }
  return c.json(report, 200);
});

const Quantiles = z.object({
  count: z.number().int(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
});
const Rate = z.number().nullable().openapi({ description: 'Between 0 and 1; null when nothing counted' });

const DashboardPeriod = z
  .object({
    received: z.number().int().openapi({ description: 'Cases received in the period, every kind' }),
    byKind: z.array(z.object({ key: z.string(), count: z.number().int() })),
    byChannel: z.array(z.object({ key: z.string(), count: z.number().int() })),
    slaCompliance: KpiReport.shape.slaCompliance,
    firstResponse: Quantiles.openapi({ description: 'Minutes from receipt to the first reply (or contact)' }),
    resolution: Quantiles.openapi({ description: 'Minutes from receipt to resolution (or completion)' }),
    breaches: z.number().int().openapi({
      description: 'SLA milestones of the cases received in the period that passed their target',
    }),
    escalations: z
      .number()
      .int()
      .openapi({ description: 'Cases received in the period that were escalated' }),
    firstTimeFix: z.object({ repairs: z.number().int(), repeats: z.number().int(), rate: Rate }),
    followup: FollowupRate,
    satisfaction: z
      .object({ answered: z.number().int(), unsatisfied: z.number().int(), rate: Rate })
      .openapi({ description: 'Follow-ups done without an unsatisfied answer, over follow-ups done' }),
    complaintReplyRate: KpiReport.shape.complaintReplyRate,
  })
  .openapi('DashboardPeriod');

const DashboardReport = z
  .object({
    from: z.string(),
    to: z.string(),
    previousFrom: z.string(),
    previousTo: z.string(),
    current: DashboardPeriod,
    previous: DashboardPeriod,
    trend: z.array(
      z.object({
        day: z.string().openapi({ description: "Local date (tenant's time zone), YYYY-MM-DD" }),
        received: z.number().int(),
        breaches: z.number().int(),
        escalations: z.number().int(),
      }),
    ),
    projects: z
      .array(
        z.object({
          projectId: z.string(),
          received: z.number().int(),
          breaches: z.number().int(),
          escalations: z.number().int(),
          compliance: Rate,
          resolutionP50: z.number().nullable(),
        }),
      )
      .openapi({ description: 'The projects of the current period, best SLA compliance first' }),
  })
  .openapi('DashboardReport');

const dashboardRoute = createRoute({
  method: 'get',
  path: '/reports/dashboard',
  operationId: 'getDashboardReport',
  tags: ['reports'],
  summary:
    'The manager dashboard (管理看板) of a window in your reach (a project, a branch, or all you read) against the window of the same length before: cases by kind and channel, SLA compliance per milestone, first-response and resolution p50/p90, first-time fix, follow-up done rate and satisfaction, complaint reply rate, breaches and escalations; with a per-day trend and the projects ranked by SLA compliance',
  security: bearerSecurity,
  request: { query: ReportQuery },
  responses: { 200: jsonContent(DashboardReport, 'The dashboard'), ...commonErrors },
});

caseReportsRouter.openapi(dashboardRoute, async (c) => {
  const scope = c.get('scope');
  const reach = requireReach(scope, 'cases.read');
  return c.json(await dashboardReport(scope, reach, windowOf(scope, c.req.valid('query'))), 200);
});
