/**
 * A reader's view of a ranking made over more than he can see. A branch user reading a
 * group-wide ranking would otherwise see its ranks with gaps (1, 2, 4) where the group's
 * other projects sit. `withinReach` keeps the group's rank as `rank` (the bottom three and
 * the rewards are decided on it) and adds `reachRank`: the competition rank among the entries
 * he sees, ties kept (entries sharing a group rank share a reach rank).
 */
export function withinReach<T extends { rank: number }>(
  ranked: readonly T[],
  keep: (entry: T) => boolean,
): (T & { reachRank: number })[] {
  const out: (T & { reachRank: number })[] = [];
  for (const entry of [...ranked].sort((a, b) => a.rank - b.rank).filter(keep)) {
    const prev = out[out.length - 1];
    out.push({ ...entry, reachRank: prev && prev.rank === entry.rank ? prev.reachRank : out.length + 1 });
  }
  return out;
}
