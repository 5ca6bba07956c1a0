/*
 * The ranking (排名制), seed 000 part three: "排名靠后旳三名,负责人要向总经理汇报下一年旳提高计划。
 * 进步最快旳前三个名进行奖励。"
 *
 * Ties: standard competition ranking (1, 2, 2, 4): equal scores share a rank, listed by id.
 * The bottom three and the three most improved are read by value, not by position: everyone
 * tied with the third-from-last score must file a plan, and everyone tied with the third-best
 * improvement is rewarded, so a tie never decides who is in by the order of ids. An entry
 * without a score (no responses) is not ranked.
 */

export interface Scored {
  id: string;
  score: number | null;
}

export interface RankedEntry {
  id: string;
  score: number;
  rank: number;
}

export function rank(entries: readonly Scored[]): RankedEntry[] {
  const sorted = entries
    .filter((e): e is { id: string; score: number } => e.score !== null && Number.isFinite(e.score))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: RankedEntry[] = [];
  sorted.forEach((e, i) => {
    const prev = out[i - 1];
    out.push({ id: e.id, score: e.score, rank: prev && prev.score === e.score ? prev.rank : i + 1 });
  });
  return out;
}

/** Those who must file an improvement plan (整改/提高计划): the lowest three scores, ties included. */
export function bottomThree(ranked: readonly RankedEntry[], n = 3): RankedEntry[] {
  if (ranked.length === 0) return [];
  const ascending = [...ranked].sort((a, b) => a.score - b.score);
  const cut = (ascending[Math.min(n, ascending.length) - 1] as RankedEntry).score;
  return ranked.filter((e) => e.score <= cut);
}

export interface Improvement {
  id: string;
  previous: number;
  current: number;
  /** current − previous, in score points. */
  improvement: number;
}

/**
 * The three most improved against the previous campaign, flagged for reward (进步最快前三名).
 * Only entries scored in both campaigns, and only a real improvement (> 0), count.
 */
export function mostImproved(current: readonly Scored[], previous: readonly Scored[], n = 3): Improvement[] {
  const before = new Map(previous.flatMap((p) => (p.score === null ? [] : [[p.id, p.score] as const])));
  const deltas = current
    .flatMap((c) => {
      const p = before.get(c.id);
      return c.score === null || p === undefined
        ? []
        : [{ id: c.id, previous: p, current: c.score, improvement: c.score - p }];
    })
    .filter((d) => d.improvement > 0)
    .sort((a, b) => b.improvement - a.improvement || (a.id < b.id ? -1 : 1));
  if (deltas.length === 0) return [];
  const cut = (deltas[Math.min(n, deltas.length) - 1] as Improvement).improvement;
  return deltas.filter((d) => d.improvement >= cut);
}

/** What a ranking is of: projects, or each project's departments (`projectId:department`). */
export type RankingLevel = 'project' | 'department';

/** The scored entries of a campaign's results at a level, ready for `rank`. */
export function scoredAt(
  results: readonly {
    projectId: string;
    overall: { score: number | null };
    byDepartment: Readonly<Record<string, { score: number | null } | undefined>>;
  }[],
  level: RankingLevel,
): Scored[] {
  if (level === 'project') return results.map((r) => ({ id: r.projectId, score: r.overall.score }));
  return results.flatMap((r) =>
    Object.entries(r.byDepartment).flatMap(([dep, line]) =>
      line ? [{ id: `${r.projectId}:${dep}`, score: line.score }] : [],
    ),
  );
}
