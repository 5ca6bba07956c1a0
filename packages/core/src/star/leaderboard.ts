import type { NominationStatus } from './approval';

/** One nomination as the leaderboard needs it. */
export interface NominationRecord {
  nominationId: string;
  branchId: string;
  /** Quarter cycle id, e.g. `2026-Q4`. */
  cycleId: string;
  nomineeId: string;
  projectId: string;
  status: NominationStatus;
  /** Reward in fen (分), when it was money. */
  rewardFen?: number | null;
}

export interface LeaderboardRow {
  /** Competition rank: equal rows share a rank and the next rank skips (1, 1, 3). */
  rank: number;
  /** nomineeId or projectId, per `by`. */
  key: string;
  wins: number;
  nominations: number;
  rewardFen: number;
}

/**
 * The Service Star leaderboard of a branch, for one quarter or (without cycleId) all its
 * history. A win is an announced nomination; a nomination is any submitted one (drafts and
 * withdrawn forms are not nominations yet). Ordered by wins, then nominations, then key, so
 * the same data always gives the same order.
 */
export function leaderboard(
  records: readonly NominationRecord[],
  filter: { branchId: string; cycleId?: string; by?: 'nominee' | 'project' },
): LeaderboardRow[] {
  const rows = new Map<string, LeaderboardRow>();
  for (const r of records) {
    if (r.branchId !== filter.branchId || (filter.cycleId && r.cycleId !== filter.cycleId)) continue;
    if (r.status === 'draft' || r.status === 'withdrawn') continue;
    const key = filter.by === 'project' ? r.projectId : r.nomineeId;
    const row = rows.get(key) ?? { rank: 0, key, wins: 0, nominations: 0, rewardFen: 0 };
    row.nominations += 1;
    if (r.status === 'announced') {
      row.wins += 1;
      row.rewardFen += r.rewardFen ?? 0;
    }
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      b.wins - a.wins || b.nominations - a.nominations || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  sorted.forEach((row, i) => {
    const prev = sorted[i - 1];
    row.rank = prev && prev.wins === row.wins && prev.nominations === row.nominations ? prev.rank : i + 1;
  });
  return sorted;
}
