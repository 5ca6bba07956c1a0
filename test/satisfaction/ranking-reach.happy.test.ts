import { withinReach } from '@guanjia/core';
import { describe, expect, it } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import { demoAs } from '../support/staff';

type Row = { id: string; rank: number; reachRank: number };

/** Competition ranks over a list already in rank order: 1, 1, 3 ... */
const competition = (rows: readonly { rank: number }[]) =>
  rows.map((r, i) => 1 + rows.slice(0, i).filter((p) => p.rank < r.rank).length);

describe('a branch user reads a group-wide ranking with ranks of his own reach', () => {
  it('withinReach renumbers the kept entries and keeps ties, the group rank untouched', () => {
    const ranked = [
      { id: 'a', rank: 1 },
      { id: 'b', rank: 2 },
      { id: 'c', rank: 3 },
      { id: 'd', rank: 3 },
      { id: 'e', rank: 5 },
    ];
    expect(withinReach(ranked, (e) => e.id !== 'c' && e.id !== 'a')).toEqual([
      { id: 'b', rank: 2, reachRank: 1 },
      { id: 'd', rank: 3, reachRank: 2 },
      { id: 'e', rank: 5, reachRank: 3 },
    ]);
    expect(withinReach(ranked, (e) => e.id !== 'a').map((e) => e.reachRank)).toEqual([1, 2, 2, 4]);
  });

  it('the Hangzhou GM sees reachRank 1..n over his projects, the admin sees reachRank = rank', async () => {
    const url = `/v1/satisfaction/campaigns/${demoId('svc', 2)}/results`;
    const admin = (await (await demoAs('tenant_admin')).get(url)).body;
    for (const list of [admin.ranking.projects, admin.ranking.departments] as Row[][]) {
      expect(list.map((e) => e.reachRank)).toEqual(list.map((e) => e.rank));
    }
    const res = await (await demoAs('branch_gm')).get(url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = res.body.ranking as { projects: Row[]; departments: Row[] };
    expect(mine.projects.length).toBeGreaterThan(0);
    expect(mine.projects.length).toBeLessThan(admin.ranking.projects.length);
    for (const list of [mine.projects, mine.departments]) {
      expect(list.map((e) => e.reachRank)).toEqual(competition(list));
      // The group rank stays the group's: the same as the admin reads for that entry.
      for (const e of list)
        expect(e.rank).toBe(
          admin.ranking.projects.concat(admin.ranking.departments).find((a: Row) => a.id === e.id).rank,
        );
    }
  });
});
