import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultResponsibilities,
  HandoverPlanInputSchema,
  handoverPlanInputSchema,
  monthsBefore,
  planOpensOn,
  planPhase,
  responsibilitiesSchema,
} from '../../src/handover/index';

const plan = (responsibilities: unknown) => ({
  projectId: 'prj_a',
  batch: '一期 1-5栋',
  handoverOn: '2026-12-28',
  households: 480,
  responsibilities,
});

describe('a handover plan', () => {
  it('the project carries half, the other departments share the rest equally (seed 000)', () => {
    const r = defaultResponsibilities('dept_prj', ['dept_eng', 'dept_sales', 'dept_cs']);
    expect(r.map((x) => x.sharePercent)).toEqual([50, 16.66, 16.66, 16.68]);
    expect(HandoverPlanInputSchema.safeParse(plan(r)).success).toBe(true);
  });

  it('refuses a project share under 50%, two project leads, a duplicate department or shares not adding to 100', () => {
    const issues = (r: unknown) =>
      HandoverPlanInputSchema.safeParse(plan(r)).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(
      issues([
        { departmentId: 'p', role: 'project', sharePercent: 40 },
        { departmentId: 'e', role: 'supporting', sharePercent: 60 },
      ]),
    ).toEqual([['responsibilities.0.sharePercent', 'the project carries at least 50%']]);
    expect(
      issues([
        { departmentId: 'p', role: 'project', sharePercent: 50 },
        { departmentId: 'e', role: 'project', sharePercent: 50 },
      ]),
    ).toEqual([['responsibilities', 'exactly one department has the project role']]);
    expect(
      issues([
        { departmentId: 'p', role: 'project', sharePercent: 60 },
        { departmentId: 'p', role: 'supporting', sharePercent: 40 },
      ])?.[0],
    ).toEqual(['responsibilities.1.departmentId', 'a department appears once']);
    expect(
      issues([
        { departmentId: 'p', role: 'project', sharePercent: 60 },
        { departmentId: 'e', role: 'supporting', sharePercent: 30 },
      ]),
    ).toEqual([['responsibilities', 'shares add up to 90%, not 100%']]);
  });

  it('a tenant may ask the project to carry more', () => {
    const r = defaultResponsibilities('dept_prj', ['dept_eng']);
    expect(handoverPlanInputSchema(60).safeParse(plan(r)).success).toBe(false);
  });

  it('property: the default split is always valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 29 }), (n) => {
        const others = Array.from({ length: n }, (_, i) => `d${i}`);
        expect(responsibilitiesSchema().safeParse(defaultResponsibilities('p', others)).success).toBe(true);
      }),
    );
  });

  it('opens three calendar months before the date, the day clamped to the month', () => {
    expect(planOpensOn('2026-12-28', 3)).toBe('2026-09-28');
    expect(monthsBefore('2026-05-31', 3)).toBe('2026-02-28');
    expect(monthsBefore('2026-02-15', 3)).toBe('2025-11-15');
    expect(monthsBefore('2028-05-31', 3)).toBe('2028-02-29');
  });

  it('is not open, open, then handed over on the tenant’s local dates', () => {
    const p = { handoverOn: '2026-12-28' };
    // 2026-09-27T16:00Z is already 28 September in Shanghai.
    expect(planPhase(p, new Date('2026-09-27T15:59:00Z'), 'Asia/Shanghai', 3)).toBe('not_open');
    expect(planPhase(p, new Date('2026-09-27T16:00:00Z'), 'Asia/Shanghai', 3)).toBe('open');
    expect(planPhase(p, new Date('2026-12-28T15:59:00Z'), 'Asia/Shanghai', 3)).toBe('open');
    expect(planPhase(p, new Date('2026-12-28T16:00:00Z'), 'Asia/Shanghai', 3)).toBe('handed_over');
  });
});
