import { AppError, type Permission, type Reach, reachOf, star } from '@guanjia/core';
import { outboxEvent } from '../../../data/outbox';
import type { TenantScope } from '../../../data/scope';
import {
  type CaseFacts,
  openCyclesForAllBranches,
  type StarCycleRow,
  type StarNominationRow,
  type StarWinnerRow,
} from '../../../data/star';

/**
 * The edge's side of the Service Star rules: reach, events, and the adapters onto core's
 * `star` rules (quarters, the monthly deadline, the approval chain, evidence, leaderboard).
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
  decision: 'approve' | 'reject',
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
// The approval chain

export interface ChainStep {
  step: string;
  roles: string[];
}

export const defaultChain: ChainStep[] = [
  { step: 'hr_screening', roles: ['branch_hr'] },
  { step: 'functional_review', roles: ['branch_cs_manager'] },
  { step: 'gm_decision', roles: ['branch_gm'] },
];

export function approvalChain(settings: Record<string, unknown>): ChainStep[] {
  const chain = starSettings(settings).approvalChain;
  if (
    Array.isArray(chain) &&
    chain.length > 0 &&
    chain.every(
      (s) =>
        s &&
        typeof s.step === 'string' &&
        Array.isArray(s.roles) &&
        s.roles.every((r: unknown) => typeof r === 'string'),
    )
  ) {
    return chain as ChainStep[];
  }
  return defaultChain;
}

const chainOf = (n: StarNominationRow): ChainStep[] => (n.chain as ChainStep[] | null) ?? defaultChain;

export function pendingStepName(n: StarNominationRow): string | null {
  if (n.status !== 'submitted' && n.status !== 'in_review') return null;
  return chainOf(n)[n.currentStep]?.step ?? null;
}

export function decide(
  n: StarNominationRow,
  who: { actorId: string | null; roles: Set<string>; decision: 'approve' | 'reject' },
): { index: number; name: string; changes: Partial<StarNominationRow> } {
  if (who.actorId && [n.nomineeId, n.nominatedBy, n.submittedBy].includes(who.actorId)) {
    throw new AppError(
      'forbidden',
      'Nobody reviews a nomination they are the nominee, nominator or submitter of',
    );
  }
  if (n.status !== 'submitted' && n.status !== 'in_review') {
    throw new AppError('illegal_transition', `The nomination is ${n.status}; nothing to decide`);
  }
  const chain = chainOf(n);
  const step = chain[n.currentStep];
  if (!step) throw new AppError('illegal_transition', 'Every step is decided');
  if (!step.roles.some((r) => who.roles.has(r))) {
    throw new AppError(
      'forbidden',
      `Step ${step.step} is decided by ${step.roles.join(' or ')} of the branch`,
      {
        extra: { step: step.step, roles: step.roles },
      },
    );
  }
  const last = n.currentStep === chain.length - 1;
  const changes: Partial<StarNominationRow> =
    who.decision === 'reject'
      ? { status: 'rejected' }
      : { status: last ? 'approved' : 'in_review', currentStep: n.currentStep + 1 };
  return { index: n.currentStep, name: step.step, changes };
}

// ---------------------------------------------------------------------------
// Evidence and leaderboard

export function evidenceSummary(facts: CaseFacts, window: { from: Date; to: Date }) {
  const clocks = facts.milestonesMet + facts.milestonesBreached;
  return {
    period: { from: window.from.toISOString(), to: window.to.toISOString() },
    casesReceived: facts.received,
    casesHandled: facts.handled,
    casesClosed: facts.closed,
    slaCompliance: clocks === 0 ? null : Math.round((facts.milestonesMet / clocks) * 1000) / 10,
    followUps: facts.followedUp,
    satisfactionAverage:
      facts.satisfactionCount === 0
        ? null
        : Math.round((facts.satisfactionSum / facts.satisfactionCount) * 100) / 100,
    commendations: facts.commendations,
  };
}

export function leaderboard(winners: StarWinnerRow[]) {
  const by = new Map<
    string,
    { nomineeId: string; wins: number; rewardFen: number; lastWon: { year: number; quarter: number } | null }
  >();
  for (const w of winners) {
    const e = by.get(w.nomineeId) ?? { nomineeId: w.nomineeId, wins: 0, rewardFen: 0, lastWon: null };
    e.wins += 1;
    e.rewardFen += w.rewardFen ?? 0;
    if (!e.lastWon || w.year * 10 + w.quarter > e.lastWon.year * 10 + e.lastWon.quarter) {
      e.lastWon = { year: w.year, quarter: w.quarter };
    }
    by.set(w.nomineeId, e);
  }
  const sorted = [...by.values()].sort(
    (a, b) => b.wins - a.wins || b.rewardFen - a.rewardFen || a.nomineeId.localeCompare(b.nomineeId),
  );
  let rank = 0;
  return sorted.map((e, i) => {
    const prev = sorted[i - 1];
    if (!prev || prev.wins !== e.wins || prev.rewardFen !== e.rewardFen) rank = i + 1;
    return { rank, ...e };
  });
}

/**
 * For the scheduled handler: opens the current quarter's cycle (tenant time) of every branch of
 * the scope's tenant; already-open cycles are left alone. Answers the cycles it opened.
 */
export function openCurrentCycles(scope: TenantScope): Promise<StarCycleRow[]> {
  const { year, quarter } = quarterOf(scope.now, scope.timeZone);
  return openCyclesForAllBranches(scope, year, quarter);
}
