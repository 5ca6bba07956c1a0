import type { CaseSettings } from './settings';
import { rootCategory } from './vocabulary';

const day = 86_400_000;

/** Whether `at` falls within the tenant's rework window (default 30 days) after a completion. */
export function withinReworkWindow(completedAt: Date, at: Date, settings: CaseSettings): boolean {
  const elapsed = at.getTime() - completedAt.getTime();
  return elapsed >= 0 && elapsed <= settings.reworkWindowDays * day;
}

/** What rework detection needs to know about an earlier repair. */
export interface RepairFacts {
  id: string;
  unitId: string | null;
  category: string;
  completedAt: Date | null;
}

/**
 * 维修反复: the earlier repair a new report repeats, or null. It must be of the same unit and the
 * same top-level category, completed within the rework window before `reportedAt`; the most
 * recent such repair is the one whose first-time fix is spoiled. A report with no unit (a
 * public area) is never matched, since "the same place" is unknown.
 */
export function findReworkOrigin(
  report: { unitId: string | null; category: string; reportedAt: Date },
  earlier: readonly RepairFacts[],
  settings: CaseSettings,
): string | null {
  if (report.unitId === null) return null;
  const root = rootCategory(report.category);
  let best: RepairFacts | null = null;
  for (const r of earlier) {
    if (r.unitId !== report.unitId || r.completedAt === null) continue;
    if (rootCategory(r.category) !== root) continue;
    if (!withinReworkWindow(r.completedAt, report.reportedAt, settings)) continue;
    if (!best || (best.completedAt as Date) < r.completedAt) best = r;
  }
  return best?.id ?? null;
}

/** A completed repair as first-time-fix statistics see it. */
export interface FixFacts {
  id: string;
  category: string;
  /** Set on a re-report: the original repair it repeats. */
  reworkOfCaseId: string | null;
  /** Set when the repair itself was reopened within the window (`state.reworked`). */
  reworked: boolean;
}

export interface CategoryFixStats {
  /** Top-level category code. */
  category: string;
  /** Original repairs (re-reports are the same fault, so they are not counted again). */
  repairs: number;
  /** 维修反复: originals reopened or re-reported within the window. */
  repeats: number;
  firstTimeFixes: number;
  /** 一次维修成功率: firstTimeFixes / repairs. */
  firstTimeFixRate: number;
  /** This category's share of all repeats, 0 when there are none. */
  repeatShare: number;
}

/**
 * First-time fix rate by top-level category, sorted by repeat count, then by the share of
 * the category's repairs that were repeats (both descending, then by code), as fed back to
 * construction. The caller picks the
 * period; repairs completed less than the window ago may still turn into repeats.
 */
export function firstTimeFixRate(repairs: readonly FixFacts[]): CategoryFixStats[] {
  const spoiled = new Set(repairs.flatMap((r) => (r.reworkOfCaseId ? [r.reworkOfCaseId] : [])));
  const byCategory = new Map<string, { repairs: number; repeats: number }>();
  for (const r of repairs) {
    if (r.reworkOfCaseId !== null) continue;
    const key = rootCategory(r.category);
    const acc = byCategory.get(key) ?? { repairs: 0, repeats: 0 };
    acc.repairs += 1;
    if (r.reworked || spoiled.has(r.id)) acc.repeats += 1;
    byCategory.set(key, acc);
  }
  const totalRepeats = [...byCategory.values()].reduce((n, a) => n + a.repeats, 0);
  return [...byCategory.entries()]
    .map(([category, a]) => ({
      category,
      repairs: a.repairs,
      repeats: a.repeats,
      firstTimeFixes: a.repairs - a.repeats,
      firstTimeFixRate: (a.repairs - a.repeats) / a.repairs,
      repeatShare: totalRepeats === 0 ? 0 : a.repeats / totalRepeats,
    }))
    .sort(
      (x, y) =>
        y.repeats - x.repeats ||
        y.repeats / y.repairs - x.repeats / x.repairs ||
        x.category.localeCompare(y.category),
    );
}
