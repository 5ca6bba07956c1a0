import { rootCategory } from '../cases/vocabulary';
import type { DefectStatus } from './model';
import type { DefectSettings } from './settings';

/*
 * Suggested defects: the same category in the same project reported by `suggestMinUnits` or more
 * distinct units within `suggestWindowDays` proposes a defect with its cases attached; someone
 * accepts or dismisses it (seed 000 part 2.II.5: 定期沉淀产品不足，形成案例).
 *
 * - A proposal's window is fixed: from its earliest case to `windowDays` later. A later case of
 *   the same project and category inside an open proposal's window extends it (is attached);
 *   outside, it may start a proposal of its own, whose window never overlaps an open one's. So
 *   re-running over the same facts proposes nothing twice.
 * - A case already linked to any defect (even a dismissed one) is never used again: dismissing a
 *   proposal is final for its cases.
 * - A case without a unit (a public area) is attached but does not count as a unit.
 */

export interface CaseFact {
  caseId: string;
  projectId: string;
  unitId: string | null;
  category: string;
  /** Epoch ms. */
  receivedAt: number;
}

export interface ExistingDefect {
  id: string;
  projectId: string;
  category: string;
  status: DefectStatus;
  caseIds: readonly string[];
  /** A suggestion's window, epoch ms; null on a defect registered by hand. */
  window: { start: number; end: number } | null;
}

export interface DefectProposal {
  /** Stable per project, category and window start: the wiring's unique key. */
  key: string;
  projectId: string;
  category: string;
  caseIds: string[];
  unitIds: string[];
  window: { start: number; end: number };
}

export interface DefectExtension {
  defectId: string;
  addCaseIds: string[];
}

export interface SuggestionResult {
  proposals: DefectProposal[];
  extensions: DefectExtension[];
}

const DAY = 86_400_000;

/** The category key two reports are compared by. */
export function suggestionCategory(code: string, level: DefectSettings['suggestCategoryLevel']): string {
  return level === 'root' ? rootCategory(code) : code;
}

const byTimeThenId = (a: CaseFact, b: CaseFact) =>
  a.receivedAt - b.receivedAt || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);

/** What to propose and which open proposals to extend, given the case facts and the register. */
export function suggestDefects(
  facts: readonly CaseFact[],
  existing: readonly ExistingDefect[],
  settings: Pick<DefectSettings, 'suggestMinUnits' | 'suggestWindowDays' | 'suggestCategoryLevel'>,
): SuggestionResult {
  const level = settings.suggestCategoryLevel;
  const span = settings.suggestWindowDays * DAY;
  const linked = new Set(existing.flatMap((d) => d.caseIds));
  const groups = new Map<string, CaseFact[]>();
  const seen = new Set<string>();
  for (const f of facts) {
    if (linked.has(f.caseId) || seen.has(f.caseId)) continue;
    seen.add(f.caseId);
    const key = `${f.projectId}\u0000${suggestionCategory(f.category, level)}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }

  const extensions: DefectExtension[] = [];
  const proposals: DefectProposal[] = [];
  for (const [key, list] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [projectId, category] = key.split('\u0000') as [string, string];
    const open = existing
      .filter(
        (d) =>
          d.status === 'suggested' &&
          d.window !== null &&
          d.projectId === projectId &&
          suggestionCategory(d.category, level) === category,
      )
      .sort((a, b) => a.window!.start - b.window!.start);
    let rest = [...list].sort(byTimeThenId);
    for (const d of open) {
      const inside = rest.filter((f) => f.receivedAt >= d.window!.start && f.receivedAt <= d.window!.end);
      if (inside.length === 0) continue;
      extensions.push({ defectId: d.id, addCaseIds: inside.map((f) => f.caseId) });
      rest = rest.filter((f) => !inside.includes(f));
    }
    // Earliest qualifying window first; its cases are then taken, and the scan goes on after it.
    for (let i = 0; i < rest.length; ) {
      const start = rest[i]!.receivedAt;
      const window = { start, end: start + span };
      // Never a second proposal over an open one's window: that would be a duplicate.
      if (open.some((d) => d.window!.start <= window.end && window.start <= d.window!.end)) {
        i++;
        continue;
      }
      const inWindow = rest.filter((f) => f.receivedAt >= start && f.receivedAt <= window.end);
      const unitIds = [...new Set(inWindow.flatMap((f) => (f.unitId ? [f.unitId] : [])))].sort();
      if (unitIds.length >= settings.suggestMinUnits) {
        proposals.push({
          key: `${projectId}:${category}:${start}`,
          projectId,
          category,
          caseIds: inWindow.map((f) => f.caseId),
          unitIds,
          window,
        });
        rest = rest.filter((f) => !inWindow.includes(f));
        continue;
      }
      i++;
    }
  }
  return { proposals, extensions };
}
