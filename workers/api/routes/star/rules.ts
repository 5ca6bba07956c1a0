import { AppError, type Permission, type Reach, reachOf, star } from '@guanjia/core';
import { outboxEvent } from '../../../data/outbox';
import type { TenantScope } from '../../../data/scope';
import {
  openCyclesForAllBranches,
  type StarCycleRow,
  type StarNominationRow,
  type StarWinnerRow,
} from '../../../data/star';
import { pendingStepName } from './chain';

/**
 * The edge's side of the Service Star rules: reach, events, and the adapters onto core's
 * `star` rules (quarters, the monthly deadline, evidence, leaderboard); the chain is in chain.ts.
 */

export function reachOr(scope: TenantScope, permission: Permission): Reach {
  return reachOf(scope.grants, permission);
}

/** The union of several reaches (tenant wins; `some` sets merge). */
export function unionReach(reaches: Reach[]): Reach {
  if (reaches.some((r) => r.kind === 'tenant')) return { kind: 'tenant' };
  const branchIds = new Set<string>();
  const projectIds = new Set<string>();
  for (const r of reaches) {
    if (r.kind !== 'some') continue;
    for (const id of r.branchIds) branchIds.add(id);
    for (const id of r.projectIds) projectIds.add(id);
  }
  if (branchIds.size === 0 && projectIds.size === 0) return { kind: 'none' };
  return { kind: 'some', branchIds, projectIds };
}

// ---------------------------------------------------------------------------
// Events (outbox rows for the same batch as the change)

const actorOf = (scope: TenantScope) => ({ type: scope.actor.type, id: scope.actor.id });

export function announcementEvents(
  scope: TenantScope,
  cycle: StarCycleRow,
  winners: StarWinnerRow[],
  notifyStaffIds: string[],
): unknown[] {
  return [
    outboxEvent(
      scope,
      'star.winners_announced',
      {
        cycleId: cycle.id,
        branchId: cycle.branchId,
        year: cycle.year,
        quarter: cycle.quarter,
        winners: winners.map((w) => ({
          nominationId: w.nominationId,
          nomineeId: w.nomineeId,
          projectId: w.projectId,
          rewardFen: w.rewardFen,
          rewardDescription: w.rewardDescription,
        })),
        notifyStaffIds,
        actor: actorOf(scope),
      },
      { branchId: cycle.branchId },
    ),
  ];
}

const nominationRef = (n: StarNominationRow) => ({
  nominationId: n.id,
  cycleId: n.cycleId,
  branchId: n.branchId,
  projectId: n.projectId,
  nomineeId: n.nomineeId,
  status: n.status,
});

export function submittedEvent(scope: TenantScope, n: StarNominationRow) {
  return outboxEvent(
    scope,
    'star.nomination_submitted',
    { ...nominationRef(n), late: n.late, submissionMonth: n.submissionMonth ?? '', actor: actorOf(scope) },
    { branchId: n.branchId, projectId: n.projectId },
  );
}

export function decidedEvent(
  scope: TenantScope,
  after: StarNominationRow,
  step: string,
  decision: star.StepDecisionKind,
) {
  return outboxEvent(
    scope,
    'star.nomination_decided',
    { ...nominationRef(after), step, decision, nextStep: pendingStepName(after), actor: actorOf(scope) },
    { branchId: after.branchId, projectId: after.projectId },
  );
}

// ---------------------------------------------------------------------------
// Quarters and the monthly deadline: core's `star` rules in the tenant's zone

export function quarterOf(now: Date, timeZone: string): { year: number; quarter: number } {
  const cycle = star.quarterOf(now, timeZone);
  return { year: cycle.year, quarter: cycle.quarter };
}

/** [from, to) of a quarter in the tenant's zone. */
export function quarterWindow(year: number, quarter: number, timeZone: string) {
  const range = star.cycleRange(star.quarterCycle(year, quarter as 1 | 2 | 3 | 4), timeZone);
  return { from: new Date(range.startsAt), to: new Date(range.endsAt) };
}

/** The deadline part of the tenant's `settings.star` (rule, local time, late policy), with core's defaults. */
const DeadlineSettings = star.StarSettingsSchema.pick({
  deadlineRule: true,
  deadlineLocalTime: true,
  latePolicy: true,
});

function starSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const stored = settings.star;
  return stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
}

export function deadlineSettings(settings: Record<string, unknown>, timeZone: string) {
  const parsed = DeadlineSettings.safeParse(starSettings(settings));
  return { ...(parsed.success ? parsed.data : DeadlineSettings.parse({})), timeZone };
}

/**
 * Whether a submission now makes this month's deadline ("the Wednesday of the last week", read as
 * core's `deadlineRules` document): on time, flagged late, or refused (409 with the deadline date)
 * as the tenant's late policy says.
 */
export function submissionTiming(now: Date, timeZone: string, settings: Record<string, unknown>) {
  const decision = star.decideSubmission({
    submittedAt: now.getTime(),
    settings: deadlineSettings(settings, timeZone),
  });
  if (!decision.accepted) {
    throw new AppError(
      'illegal_transition',
      `This month's submission deadline (${decision.deadline.date}, the Wednesday of the last week) has passed`,
      { extra: { deadline: decision.deadline.date } },
    );
  }
  return { month: decision.deadline.month, late: decision.late, deadline: decision.deadline.date };
}

// ---------------------------------------------------------------------------
// Evidence and leaderboard: core's `computeEvidence` and `leaderboard` on loaded facts

/** The evidence snapshot stored at submission: the window and core's evidence block. */
export function evidenceOf(
  nomineeId: string,
  window: { from: Date; to: Date },
  facts: { cases: star.CaseFact[]; commendations: star.CommendationFact[] },
) {
  return {
    period: { from: window.from.toISOString(), to: window.to.toISOString() },
    ...star.computeEvidence(
      nomineeId,
      { from: window.from.getTime(), to: window.to.getTime() },
      facts.cases,
      facts.commendations,
    ),
  };
}

export function leaderboardOf(
  records: star.NominationRecord[],
  query: { branchId: string; year?: number; quarter?: number; by?: 'nominee' | 'project' },
): star.LeaderboardRow[] {
  const cycleId =
    query.year && query.quarter
      ? star.quarterCycle(query.year, query.quarter as 1 | 2 | 3 | 4).id
      : undefined;
  return star.leaderboard(records, { branchId: query.branchId, cycleId, by: query.by });
}

/**
 * For the scheduled handler: opens the current quarter's cycle (tenant time) of every branch of
 * the scope's tenant; already-open cycles are left alone. Answers the cycles it opened.
 */
export function openCurrentCycles(scope: TenantScope): Promise<StarCycleRow[]> {
  const { year, quarter } = quarterOf(scope.now, scope.timeZone);
  return openCyclesForAllBranches(scope, year, quarter);
}
