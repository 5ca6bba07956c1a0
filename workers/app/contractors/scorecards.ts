import { AppError, contractors, newId, type Reach, reports, satisfaction } from '@guanjia/core';
import { wallToInstant } from '@guanjia/core/time-zone';
import * as jobs from '../../data/contractor-jobs';
import type { TenantScope } from '../../data/scope';

/*
 * The contractor scorecard (施工单位考核) per period: jobs, contact-SLA met %, forfeits, first-time
 * fix, rework, sign-offs, follow-up satisfaction and reasons, and reward/penalty points from the
 * tenant's rules (core's defaults: the 回访 result is the basis). What the project's engineering
 * manager settles the month with; read within the caller's reach.
 */

/** The tenant's rules, or core's defaults; with the version a replace must name. */
export async function getScoringRules(scope: TenantScope) {
  const row = await jobs.scoringRules(scope);
  const parsed = contractors.ScoringRulesSchema.safeParse(row?.rules);
  return {
    rules: parsed.success ? parsed.data : contractors.defaultScoringRules,
    version: row?.version ?? 0,
    stored: Boolean(row),
  };
}

export async function saveScoringRules(
  scope: TenantScope,
  input: { rules: contractors.ScoringRules; expectedVersion: number | undefined },
) {
  const before = await jobs.scoringRules(scope);
  const current = before?.version ?? 0;
  if (input.expectedVersion !== undefined && input.expectedVersion !== current) {
    throw new AppError('precondition_failed', `Current version is ${current}`);
  }
  await jobs.saveScoringRules(scope, before, {
    id: before?.id ?? newId('contractorScoringRules'),
    tenantId: scope.tenantId,
    scopeKey: 'tenant',
    rules: input.rules,
    createdAt: before?.createdAt ?? scope.now,
    updatedAt: scope.now,
    version: current + 1,
  });
  return getScoringRules(scope);
}

/** The scorecards of a month (tenant time), for the contractors' jobs in the caller's reach. */
export async function monthScorecards(scope: TenantScope, reach: Reach, input: { month: string }) {
  const from = new Date(wallToInstant(`${input.month}-01`, 0, scope.timeZone));
  const to = new Date(wallToInstant(`${satisfaction.shiftMonth(input.month, 1)}-01`, 0, scope.timeZone));
  const facts = await jobs.contractorJobs(scope, reach, { from, to });
  const { rules } = await getScoringRules(scope);
  return { month: input.month, rules, scorecards: contractors.scorecards(facts, rules) };
}

/** The same as CSV (UTF-8 with BOM, core's one writer), headers in Chinese. */
export function scorecardsCsv(cards: contractors.Scorecard[]): string {
  return reports.toCsv(
    [
      '施工单位',
      '工单数',
      '30分钟联系达标率',
      '放弃次数',
      '一次维修成功率',
      '返修次数',
      '业主签字',
      '回访满意率',
      '奖罚分',
    ],
    cards.map((c) => [
      c.contractorId,
      c.jobs,
      c.contactMetRate,
      c.forfeits,
      c.firstTimeFixRate,
      c.reworks,
      c.signOffs,
      c.followUpSatisfaction,
      c.points,
    ]),
  );
}
