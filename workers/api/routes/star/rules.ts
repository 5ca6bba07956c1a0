import { AppError, localDate, type Permission, type Reach, reachOf } from '@guanjia/core';
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
// Time in the tenant's zone

function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant of local midnight starting the given local date (month may overflow: 13 = next January). */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - zoneOffsetMs(guess, timeZone);
  return new Date(guess - zoneOffsetMs(first, timeZone));
}

export function quarterOf(now: Date, timeZone: string): { year: number; quarter: number } {
  const [y, m] = localDate(now, timeZone).split('-').map(Number) as [number, number];
  return { year: y, quarter: Math.floor((m - 1) / 3) + 1 };
}

/** [from, to) of a quarter in the tenant's zone. */
export function quarterWindow(year: number, quarter: number, timeZone: string) {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    from: localMidnight(year, firstMonth, 1, timeZone),
    to: localMidnight(year, firstMonth + 3, 1, timeZone),
  };
}

// ---------------------------------------------------------------------------
// The monthly deadline

export type LatePolicy = 'refuse' | 'flag';

function starSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const star = settings.star;
  return star && typeof star === 'object' ? (star as Record<string, unknown>) : {};
}

export function latePolicy(settings: Record<string, unknown>): LatePolicy {
  return starSettings(settings).latePolicy === 'refuse' ? 'refuse' : 'flag';
}

/**
 * "The Wednesday of the last week of the month": the last Wednesday of the month (the last week
 * is the last one that holds a Wednesday of the month). Submissions are on time until the end of
 * that Wednesday in the tenant's zone.
 */
export function monthlyDeadline(
  year: number,
  month: number,
  timeZone: string,
): { day: string; endsAt: Date } {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastWeekday = new Date(Date.UTC(year, month - 1, daysInMonth)).getUTCDay();
  const back = (lastWeekday - 3 + 7) % 7;
  const day = daysInMonth - back;
  return {
    day: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    endsAt: localMidnight(year, month, day + 1, timeZone),
  };
}

export function submissionTiming(now: Date, timeZone: string, settings: Record<string, unknown>) {
  const [y, m] = localDate(now, timeZone).split('-').map(Number) as [number, number];
  const deadline = monthlyDeadline(y, m, timeZone);
  const late = now >= deadline.endsAt;
  if (late && latePolicy(settings) === 'refuse') {
    throw new AppError(
      'illegal_transition',
      `This month's submission deadline (${deadline.day}, the Wednesday of the last week) has passed`,
      { extra: { deadline: deadline.day } },
    );
  }
  return { month: `${y}-${String(m).padStart(2, '0')}`, late, deadline: deadline.day };
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
