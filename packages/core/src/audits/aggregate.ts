import { quarterOf } from '../star/cycle';
import { localDateOf } from '../time-zone';

/** One scored audit as the reports need it. */
export interface AuditResultRecord {
  auditId: string;
  projectId: string;
  branchId: string;
  channel: string;
  /** Epoch ms of the visit or call. */
  visitedAt: number;
  score: number | null;
  passed: boolean | null;
}

export interface AuditAggregate {
  /** projectId or branchId. */
  key: string;
  count: number;
  /** Two decimals. */
  mean: number;
  min: number;
  max: number;
  /** Share of audits that passed, 0..1. */
  passRate: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function summarise(key: string, rows: readonly AuditResultRecord[]): AuditAggregate {
  const scores = rows.map((r) => r.score as number);
  return {
    key,
    count: rows.length,
    mean: round2(scores.reduce((a, b) => a + b, 0) / rows.length),
    // reduce, not Math.min(...scores): a spread of a large report overflows the stack.
    min: scores.reduce((a, b) => Math.min(a, b)),
    max: scores.reduce((a, b) => Math.max(a, b)),
    passRate: rows.filter((r) => r.passed).length / rows.length,
  };
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

/** Mean, count, min, max and pass rate per project or branch; audits without a score are left out. */
export function aggregateAudits(
  results: readonly AuditResultRecord[],
  by: 'project' | 'branch',
): AuditAggregate[] {
  const scored = results.filter((r) => r.score !== null);
  const groups = groupBy(scored, (r) => (by === 'project' ? r.projectId : r.branchId));
  return [...groups].map(([key, rows]) => summarise(key, rows)).sort((a, b) => compareKeys(a.key, b.key));
}

/**
 * Ranks aggregates by mean score, best first (项目排名). Equal means share a rank and the
 * next rank skips (1, 1, 3); within a tie, more audits come first, then the key, so the
 * listing never depends on input order.
 */
export function rankAggregates(aggregates: readonly AuditAggregate[]): (AuditAggregate & { rank: number })[] {
  const sorted = [...aggregates].sort(
    (a, b) => b.mean - a.mean || b.count - a.count || compareKeys(a.key, b.key),
  );
  const ranked: (AuditAggregate & { rank: number })[] = [];
  sorted.forEach((a, i) => {
    const prev = ranked[i - 1];
    ranked.push({ ...a, rank: prev && prev.mean === a.mean ? prev.rank : i + 1 });
  });
  return ranked;
}

export interface TrendPoint {
  /** `YYYY-MM` or `YYYY-Qn`, in the tenant's zone. */
  period: string;
  /** projectId or branchId, or `all`. */
  key: string;
  count: number;
  mean: number;
  passRate: number;
}

/** Mean score per month or quarter (local), overall or per project/branch, oldest first. */
export function auditTrend(
  results: readonly AuditResultRecord[],
  options: { period: 'month' | 'quarter'; timeZone: string; by?: 'project' | 'branch' },
): TrendPoint[] {
  const periodOf = (r: AuditResultRecord) =>
    options.period === 'month'
      ? localDateOf(r.visitedAt, options.timeZone).slice(0, 7)
      : quarterOf(r.visitedAt, options.timeZone).id;
  const keyOf = (r: AuditResultRecord) =>
    options.by === 'project' ? r.projectId : options.by === 'branch' ? r.branchId : 'all';
  const groups = groupBy(
    results.filter((r) => r.score !== null),
    (r) => `${keyOf(r)}\u0000${periodOf(r)}`,
  );
  return [...groups]
    .map(([k, rows]) => {
      const [key = '', period = ''] = k.split('\u0000');
      const { count, mean, passRate } = summarise(key, rows);
      return { period, key, count, mean, passRate };
    })
    .sort((a, b) => compareKeys(a.key, b.key) || compareKeys(a.period, b.period));
}
