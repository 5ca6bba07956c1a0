import { localDate } from '../time-zone';
import { type CaseKpiFact, kpiNoGroup, type MilestoneFact, quantile, slaCompliance } from './kpis';

/*
 * The manager dashboard (管理看板): one period's headline figures, comparable with the period
 * before, a per-day trend and a per-project comparison (bars and a ranking). Counts only; the
 * rates that need their own facts (first-time fix, follow-ups, complaint replies) come in
 * already computed by their own rules.
 */

/** A case as the dashboard reads it: the KPI fact plus how far it climbed the escalation ladder. */
export interface DashboardCaseFact extends CaseKpiFact {
  escalationLevel: number;
}

/** A milestone with the case it belongs to, so breaches can be counted by day and project. */
export interface DashboardMilestoneFact extends MilestoneFact {
  projectId: string;
  receivedAt: Date;
}

/** A milestone whose target passed before it was met (breached and open, or met late). */
export const isBreach = (m: MilestoneFact) => m.status === 'breached' || m.status === 'met_late';

const minutes = (from: Date, to: Date | null) =>
  to === null ? null : Math.max(0, (to.getTime() - from.getTime()) / 60_000);

function countBy<T>(xs: readonly T[], keyOf: (x: T) => string) {
  const m = new Map<string, number>();
  for (const x of xs) m.set(keyOf(x), (m.get(keyOf(x)) ?? 0) + 1);
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({ key, count }));
}

function percentiles(values: (number | null)[]) {
  const xs = values.filter((v): v is number => v !== null);
  return { count: xs.length, p50: quantile(xs, 0.5), p90: quantile(xs, 0.9) };
}

/** The counted figures of one period (cases received in it). */
export function dashboardPeriod(
  cases: readonly DashboardCaseFact[],
  milestones: readonly DashboardMilestoneFact[],
) {
  return {
    received: cases.length,
    byKind: countBy(cases, (c) => c.kind),
    byChannel: countBy(cases, (c) => c.channel),
    slaCompliance: slaCompliance(milestones),
    firstResponse: percentiles(cases.map((c) => minutes(c.receivedAt, c.firstResponseAt))),
    resolution: percentiles(cases.map((c) => minutes(c.receivedAt, c.resolvedAt))),
    breaches: milestones.filter(isBreach).length,
    escalations: cases.filter((c) => c.escalationLevel > 0).length,
  };
}
export type DashboardPeriod = ReturnType<typeof dashboardPeriod>;

/** Cases received and milestones breached per local day of the tenant, every day of the window listed. */
export function dashboardTrend(
  window: { from: Date; to: Date },
  cases: readonly DashboardCaseFact[],
  milestones: readonly DashboardMilestoneFact[],
  timeZone: string,
) {
  const days = new Map<string, { received: number; breaches: number; escalations: number }>();
  const last = localDate(new Date(window.to.getTime() - 1), timeZone);
  for (let t = window.from.getTime(); ; t += 86_400_000) {
    const day = localDate(new Date(t), timeZone);
    days.set(day, { received: 0, breaches: 0, escalations: 0 });
    if (day >= last) break;
  }
  const at = (d: Date) => days.get(localDate(d, timeZone));
  for (const c of cases) {
    const day = at(c.receivedAt);
    if (!day) continue;
    day.received += 1;
    if (c.escalationLevel > 0) day.escalations += 1;
  }
  for (const m of milestones) {
    const day = at(m.receivedAt);
    if (day && isBreach(m)) day.breaches += 1;
  }
  return [...days.entries()].map(([day, v]) => ({ day, ...v }));
}

/**
 * Per project: cases received, breaches, SLA compliance (met over decided, every milestone) and
 * the resolution p50, ranked by compliance (best first; none decided last), then by volume.
 */
export function dashboardProjects(
  cases: readonly DashboardCaseFact[],
  milestones: readonly DashboardMilestoneFact[],
) {
  const ids = [...new Set([...cases.map((c) => c.projectId), ...milestones.map((m) => m.projectId)])];
  const rows = ids.map((projectId) => {
    const own = cases.filter((c) => c.projectId === projectId);
    const ms = milestones.filter((m) => m.projectId === projectId);
    const met = ms.filter((m) => m.status === 'met').length;
    const decided = met + ms.filter(isBreach).length;
    return {
      projectId: projectId || kpiNoGroup,
      received: own.length,
      breaches: decided - met,
      escalations: own.filter((c) => c.escalationLevel > 0).length,
      compliance: decided ? met / decided : null,
      resolutionP50: percentiles(own.map((c) => minutes(c.receivedAt, c.resolvedAt))).p50,
    };
  });
  return rows.sort(
    (a, b) =>
      (b.compliance ?? -1) - (a.compliance ?? -1) ||
      b.received - a.received ||
      a.projectId.localeCompare(b.projectId),
  );
}
