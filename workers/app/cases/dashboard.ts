import { cases as core, type Reach, reports } from '@guanjia/core';
import { followupFacts, lowRatingFacts, type ReportFilter, repairFixFacts } from '../../data/case-reports';
import { caseVisibility } from '../../data/case-support';
import { caseKpiFacts, milestoneKpiFacts, replyKpiFacts } from '../../data/kpi-facts';
import type { TenantScope } from '../../data/scope';
import { requireComplete, requireReportPlace } from './kpis';

/*
 * The manager dashboard (管理看板) of a window in the caller's reach (project, branch or the
 * whole group, as the reach allows), against the window of the same length before it: the
 * statistics' counts, the first-time fix, follow-up and complaint reply rates, plus a per-day
 * trend and a per-project ranking of the current window. A place outside the reach answers 404.
 */

async function period(scope: TenantScope, reach: Reach, filter: ReportFilter) {
  const visibility = caseVisibility(scope, reach);
  const [cases, milestones, replies, fixes, followups, low] = await Promise.all([
    caseKpiFacts(scope, visibility, filter),
    milestoneKpiFacts(scope, visibility, filter),
    replyKpiFacts(scope, visibility, filter),
    repairFixFacts(scope, visibility, filter),
    followupFacts(scope, visibility, filter),
    lowRatingFacts(scope, visibility, filter),
  ]);
  requireComplete(cases, milestones, replies, fixes, followups, low);
  const asOf = new Date(Math.min(scope.now.getTime(), filter.to.getTime()));
  const repairs = core.firstTimeFixRate(fixes.facts);
  const repairCount = repairs.reduce((n, s) => n + s.repairs, 0);
  const repeats = repairs.reduce((n, s) => n + s.repeats, 0);
  const followup = core.followupDoneRate(followups.facts, asOf);
  const unsatisfied = low.facts.length;
  return {
    figures: {
      ...reports.dashboardPeriod(cases.facts, milestones.facts),
      firstTimeFix: {
        repairs: repairCount,
        repeats,
        rate: repairCount ? (repairCount - repeats) / repairCount : null,
      },
      followup,
      satisfaction: {
        answered: followup.done,
        unsatisfied,
        rate: followup.done ? Math.max(0, followup.done - unsatisfied) / followup.done : null,
      },
      complaintReplyRate: reports.replyRate(replies.facts, asOf),
    },
    cases: cases.facts,
    milestones: milestones.facts,
  };
}

export async function dashboardReport(scope: TenantScope, reach: Reach, input: ReportFilter) {
  await requireReportPlace(scope, reach, input);
  const before = { ...input, ...reports.previousWindow(input) };
  const [current, previous] = await Promise.all([period(scope, reach, input), period(scope, reach, before)]);
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    previousFrom: before.from.toISOString(),
    previousTo: before.to.toISOString(),
    current: current.figures,
    previous: previous.figures,
    trend: reports.dashboardTrend(input, current.cases, current.milestones, scope.timeZone),
    projects: reports.dashboardProjects(current.cases, current.milestones),
  };
}
export type DashboardReport = Awaited<ReturnType<typeof dashboardReport>>;
