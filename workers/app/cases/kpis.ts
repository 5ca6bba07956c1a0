import { AppError, notFound, type Reach, reports } from '@guanjia/core';
import { findProject } from '../../data/case-channels';
import { maxReportRows, type ReportFilter } from '../../data/case-reports';
import { caseVisibility } from '../../data/case-support';
import { caseKpiFacts, milestoneKpiFacts, replyKpiFacts } from '../../data/kpi-facts';
import { findBranch } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { TenantScope } from '../../data/scope';

/*
 * Statistics and KPIs (统计与考核指标) of a window in the caller's reach: volumes against the
 * window before, the complaint reply rate, first-response and resolution p50/p90 by a group, and
 * SLA compliance per milestone (core's `kpiFigures`). A place outside the reach answers 404.
 */

export function requireComplete(...parts: { complete: boolean }[]) {
  if (parts.some((p) => !p.complete)) {
    throw new AppError(
      'validation_failed',
      `More than ${maxReportRows} rows: narrow the window or the place`,
      {
        issues: [{ path: 'from', message: 'Window too large' }],
      },
    );
  }
}

/** A branch is in reach when it is reached, or one of its projects is. */
async function branchReached(scope: TenantScope, reach: Reach, branchId: string) {
  if (inReach(reach, { branchId })) return true;
  if (reach.kind !== 'some') return false;
  for (const projectId of reach.projectIds) {
    if ((await findProject(scope, projectId))?.branchId === branchId) return true;
  }
  return false;
}

/** The project or branch a report names, when it does: 404 outside the reach or the tenant. */
export async function requireReportPlace(scope: TenantScope, reach: Reach, filter: ReportFilter) {
  if (filter.projectId) {
    const project = await findProject(scope, filter.projectId);
    if (!project || !inReach(reach, { branchId: project.branchId, projectId: project.id })) {
      throw notFound('Project');
    }
  }
  if (filter.branchId) {
    const branch = await findBranch(scope, filter.branchId);
    if (!branch || !(await branchReached(scope, reach, filter.branchId))) throw notFound('Branch');
  }
}

export async function kpiReport(
  scope: TenantScope,
  reach: Reach,
  input: ReportFilter & { groupBy: reports.KpiGroupBy },
) {
  await requireReportPlace(scope, reach, input);
  const visibility = caseVisibility(scope, reach);
  const before = { ...input, ...reports.previousWindow(input) };
  const [current, previous, milestones, replies] = await Promise.all([
    caseKpiFacts(scope, visibility, input),
    caseKpiFacts(scope, visibility, before),
    milestoneKpiFacts(scope, visibility, input),
    replyKpiFacts(scope, visibility, input),
  ]);
  requireComplete(current, previous, milestones, replies);
  const asOf = new Date(Math.min(scope.now.getTime(), input.to.getTime()));
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    previousFrom: before.from.toISOString(),
    previousTo: before.to.toISOString(),
    groupBy: input.groupBy,
    ...reports.kpiFigures({
      current: current.facts,
      previous: previous.facts,
      replies: replies.facts,
      milestones: milestones.facts,
      groupBy: input.groupBy,
      asOf,
    }),
  };
}
export type KpiReport = Awaited<ReturnType<typeof kpiReport>>;

/** The same as one CSV sheet (UTF-8 with BOM, core's one writer), a row per figure, headers in Chinese. */
export function kpiCsv(report: KpiReport): string {
  const rows: reports.CsvCell[][] = [
    ...report.volumes.map((v) => [
      'volume',
      v.dimension,
      v.kind,
      v.key,
      v.current,
      v.previous,
      v.delta,
      v.ratio,
    ]),
    [
      'complaint_reply_rate',
      '',
      'complaint',
      '',
      report.complaintReplyRate.answeredOnTime,
      report.complaintReplyRate.due,
      '',
      report.complaintReplyRate.rate,
    ],
    ...report.firstResponse.map((p) => [
      'first_response',
      report.groupBy,
      '',
      p.group,
      p.count,
      '',
      '',
      '',
      p.p50,
      p.p90,
    ]),
    ...report.resolution.map((p) => [
      'resolution',
      report.groupBy,
      '',
      p.group,
      p.count,
      '',
      '',
      '',
      p.p50,
      p.p90,
    ]),
    ...report.slaCompliance.map((s) => [
      'sla_compliance',
      'milestone',
      '',
      s.milestone,
      s.met,
      s.decided,
      '',
      s.compliance,
    ]),
  ];
  return reports.toCsv(
    ['指标', '维度', '类型', '分组', '本期/达标数', '上期/应计数', '变化', '比率', 'P50(分钟)', 'P90(分钟)'],
    rows,
  );
}
