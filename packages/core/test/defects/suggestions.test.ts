import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseFact,
  type ExistingDefect,
  parseDefectSettings,
  suggestDefects,
} from '../../src/defects/index';

const DAY = 86_400_000;
const t0 = Date.parse('2026-03-01T02:00:00Z');
const settings = parseDefectSettings();
const fact = (
  caseId: string,
  unitId: string | null,
  day: number,
  category = 'leaks.window',
  projectId = 'prj_a',
): CaseFact => ({
  caseId,
  projectId,
  unitId,
  category,
  receivedAt: t0 + day * DAY,
});

describe('suggested defects', () => {
  it('three units reporting window leaks in one project within 30 days propose a defect with the cases', () => {
    const facts = [
      fact('c1', 'u1', 0),
      fact('c2', 'u2', 5, 'leaks.wall'),
      fact('c3', 'u3', 29),
      fact('c4', 'u1', 2),
    ];
    const { proposals, extensions } = suggestDefects(facts, [], settings);
    expect(extensions).toEqual([]);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({
      projectId: 'prj_a',
      category: 'leaks',
      caseIds: ['c1', 'c4', 'c2', 'c3'],
      unitIds: ['u1', 'u2', 'u3'],
      window: { start: t0, end: t0 + 30 * DAY },
    });
  });

  it('the same unit reporting three times, or three units over 31 days, proposes nothing', () => {
    expect(
      suggestDefects([fact('c1', 'u1', 0), fact('c2', 'u1', 1), fact('c3', 'u1', 2)], [], settings).proposals,
    ).toEqual([]);
    expect(
      suggestDefects([fact('c1', 'u1', 0), fact('c2', 'u2', 15), fact('c3', 'u3', 31)], [], settings)
        .proposals,
    ).toEqual([]);
  });

  it('another project or another category does not count', () => {
    const facts = [
      fact('c1', 'u1', 0),
      fact('c2', 'u2', 1, 'plumbing'),
      fact('c3', 'u3', 2, 'leaks', 'prj_b'),
    ];
    expect(suggestDefects(facts, [], settings).proposals).toEqual([]);
  });

  it('exact categories when the tenant says so', () => {
    const facts = [
      fact('c1', 'u1', 0, 'leaks.roof'),
      fact('c2', 'u2', 1, 'leaks.wall'),
      fact('c3', 'u3', 2, 'leaks.wall'),
    ];
    expect(suggestDefects(facts, [], { ...settings, suggestCategoryLevel: 'exact' }).proposals).toEqual([]);
    expect(
      suggestDefects(facts, [], { ...settings, suggestMinUnits: 2, suggestCategoryLevel: 'exact' })
        .proposals[0]?.category,
    ).toBe('leaks.wall');
  });

  it('a fourth report inside an open proposal’s window extends it instead of proposing again', () => {
    const open: ExistingDefect = {
      id: 'dft_1',
      projectId: 'prj_a',
      category: 'leaks.window',
      status: 'suggested',
      caseIds: ['c1', 'c2', 'c3'],
      window: { start: t0, end: t0 + 30 * DAY },
    };
    const facts = [fact('c1', 'u1', 0), fact('c2', 'u2', 1), fact('c3', 'u3', 2), fact('c4', 'u4', 20)];
    expect(suggestDefects(facts, [open], settings)).toEqual({
      proposals: [],
      extensions: [{ defectId: 'dft_1', addCaseIds: ['c4'] }],
    });
  });

  it('cases of a dismissed proposal never propose again', () => {
    const dismissed: ExistingDefect = {
      id: 'dft_1',
      projectId: 'prj_a',
      category: 'leaks',
      status: 'dismissed',
      caseIds: ['c1', 'c2', 'c3'],
      window: { start: t0, end: t0 + 30 * DAY },
    };
    const facts = [fact('c1', 'u1', 0), fact('c2', 'u2', 1), fact('c3', 'u3', 2)];
    expect(suggestDefects(facts, [dismissed], settings)).toEqual({ proposals: [], extensions: [] });
  });

  const factsArb = fc
    .array(
      fc.record({
        unit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
        day: fc.integer({ min: 0, max: 120 }),
        category: fc.constantFrom('leaks.window', 'leaks.wall', 'plumbing', 'elevator.breakdown'),
        project: fc.constantFrom('prj_a', 'prj_b'),
      }),
      { maxLength: 40 },
    )
    .map((rows) =>
      rows.map((r, i) => fact(`c${i}`, r.unit === null ? null : `u${r.unit}`, r.day, r.category, r.project)),
    );
  const settingsArb = fc.record({
    suggestMinUnits: fc.integer({ min: 2, max: 4 }),
    suggestWindowDays: fc.integer({ min: 1, max: 40 }),
    suggestCategoryLevel: fc.constantFrom('root' as const, 'exact' as const),
  });

  /** The register after the wiring applied a result. */
  function apply(existing: ExistingDefect[], result: ReturnType<typeof suggestDefects>): ExistingDefect[] {
    const extended = existing.map((d) => ({
      ...d,
      caseIds: [
        ...d.caseIds,
        ...result.extensions.filter((e) => e.defectId === d.id).flatMap((e) => e.addCaseIds),
      ],
    }));
    return [
      ...extended,
      ...result.proposals.map((p, i) => ({
        id: `new_${existing.length + i}`,
        projectId: p.projectId,
        category: p.category,
        status: 'suggested' as const,
        caseIds: p.caseIds,
        window: p.window,
      })),
    ];
  }

  it('property: every proposal has enough distinct units of one project and category inside its window', () => {
    fc.assert(
      fc.property(factsArb, settingsArb, (facts, s) => {
        const byId = new Map(facts.map((f) => [f.caseId, f]));
        for (const p of suggestDefects(facts, [], s).proposals) {
          expect(p.unitIds.length).toBeGreaterThanOrEqual(s.suggestMinUnits);
          for (const id of p.caseIds) {
            const f = byId.get(id)!;
            expect(f.projectId).toBe(p.projectId);
            expect(f.receivedAt).toBeGreaterThanOrEqual(p.window.start);
            expect(f.receivedAt).toBeLessThanOrEqual(p.window.end);
          }
        }
      }),
    );
  });

  it('property: no case goes to two places, and running again after applying changes nothing', () => {
    fc.assert(
      fc.property(factsArb, settingsArb, (facts, s) => {
        const first = suggestDefects(facts, [], s);
        const used = [
          ...first.proposals.flatMap((p) => p.caseIds),
          ...first.extensions.flatMap((e) => e.addCaseIds),
        ];
        expect(new Set(used).size).toBe(used.length);
        const register = apply([], first);
        expect(suggestDefects(facts, register, s)).toEqual({ proposals: [], extensions: [] });
      }),
    );
  });

  it('property: new cases arriving later extend or propose, and never duplicate an open window', () => {
    fc.assert(
      fc.property(factsArb, factsArb, settingsArb, (before, after, s) => {
        const later = after.map((f) => ({ ...f, caseId: `late_${f.caseId}` }));
        const register = apply([], suggestDefects(before, [], s));
        const second = suggestDefects([...before, ...later], register, s);
        const open = register.filter((d) => d.window);
        for (const p of second.proposals) {
          for (const d of open) {
            if (d.projectId !== p.projectId || d.category !== p.category) continue;
            expect(p.window.start > d.window!.end || p.window.end < d.window!.start).toBe(true);
          }
        }
        expect(suggestDefects([...before, ...later], apply(register, second), s)).toEqual({
          proposals: [],
          extensions: [],
        });
      }),
    );
  });

  it('property: the order of the case list does not matter', () => {
    fc.assert(
      fc.property(factsArb, settingsArb, fc.integer(), (facts, s, seed) => {
        const shuffled = [...facts].sort(
          (a, b) =>
            ((a.caseId.length * seed) % 7) - ((b.caseId.length * seed) % 7) || (a.caseId < b.caseId ? 1 : -1),
        );
        expect(suggestDefects(shuffled, [], s)).toEqual(suggestDefects(facts, [], s));
      }),
    );
  });
});
