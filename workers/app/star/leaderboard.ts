import { type Reach, star } from '@guanjia/core';
import { staffNames } from '../../data/org-lookups';
import type { TenantScope } from '../../data/scope';
import type { StarWinnerRow } from '../../data/star-cycles';
import { winnersOf } from '../../data/star-cycles';
import { nominationRecords } from '../../data/star-nominations';

export interface LeaderboardQuery {
  branchId: string;
  year?: number;
  quarter?: number;
  by?: 'nominee' | 'project';
}

/**
 * A branch's leaderboard by nominee or project: core's `star.leaderboard` over its nominations
 * (of a quarter, a year or all time), the winners' history, and the staff names both show.
 */
export async function leaderboard(
  scope: TenantScope,
  reach: Reach,
  query: LeaderboardQuery,
): Promise<{
  by: 'nominee' | 'project';
  rows: star.LeaderboardRow[];
  history: StarWinnerRow[];
  names: Map<string, string>;
}> {
  const [records, history] = await Promise.all([
    nominationRecords(scope, reach, query),
    winnersOf(scope, reach, query),
  ]);
  const by = query.by ?? 'nominee';
  const cycleId =
    query.year && query.quarter
      ? star.quarterCycle(query.year, query.quarter as 1 | 2 | 3 | 4).id
      : undefined;
  const rows = star.leaderboard(records, { branchId: query.branchId, cycleId, by });
  const names = await staffNames(scope, [
    ...history.map((w) => w.nomineeId),
    ...(by === 'nominee' ? rows.map((r) => r.key) : []),
  ]);
  return { by, rows, history, names };
}
