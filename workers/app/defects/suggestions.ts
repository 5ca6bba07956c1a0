import { defects as core } from '@guanjia/core';
import { commit } from '../../data/commit';
import {
  caseLinkInserts,
  type DefectRow,
  defectInsert,
  defectStep,
  suggestionFacts,
} from '../../data/defects';
import { outboxEvent } from '../../data/outbox';
import type { TenantScope } from '../../data/scope';
import { acceptedDefect, defectSettings, qualityLeads } from './support';

const DAY = 86_400_000;

/**
 * The suggestion pass (cron, or a manager's "look now"): core's `suggestDefects` over the repair
 * and complaint cases of the last two windows proposes defects (status `suggested`, with their
 * cases and window) and attaches later cases to an open proposal. A proposal's key is unique per
 * tenant, so two passes side by side propose it once (the second batch conflicts and is skipped).
 */
export async function proposeDefects(
  scope: TenantScope,
): Promise<{ proposed: DefectRow[]; extended: number }> {
  const settings = await defectSettings(scope);
  const since = new Date(scope.now.getTime() - 2 * settings.suggestWindowDays * DAY);
  const { facts, linked, open } = await suggestionFacts(scope, since);
  const branchOf = new Map(facts.map((f) => [f.projectId, f.branchId]));
  const existing: core.ExistingDefect[] = [
    ...open.map((d) => ({
      id: d.id,
      projectId: d.projectId,
      category: d.category,
      status: d.status,
      caseIds: [],
      window:
        d.windowStart && d.windowEnd ? { start: d.windowStart.getTime(), end: d.windowEnd.getTime() } : null,
    })),
    // Cases already on any defect are never used again.
    { id: '', projectId: '', category: '', status: 'closed', caseIds: [...linked], window: null },
  ];
  const result = core.suggestDefects(
    facts.map((f) => ({
      caseId: f.caseId,
      projectId: f.projectId,
      unitId: f.unitId,
      category: f.category,
      receivedAt: f.receivedAt.getTime(),
    })),
    existing,
    settings,
  );
  const proposed: DefectRow[] = [];
  for (const p of result.proposals) {
    const branchId = branchOf.get(p.projectId) ?? '';
    const { row, statements } = defectInsert(
      scope,
      acceptedDefect(
        scope,
        { branchId, projectId: p.projectId },
        {
          description: `${p.unitIds.length} 户在 ${settings.suggestWindowDays} 天内报告同类问题（${p.category}）`,
          category: p.category,
          source: 'repair',
          buildingIds: [],
          unitTypes: [],
          householdsAffected: p.unitIds.length,
          risk: 'medium',
          estimatedLossFen: 0,
          foundAt: new Date(p.window.start),
          violatesStandard: false,
          repeatOfDefectId: null,
        },
        {
          status: 'suggested',
          suggestionKey: p.key,
          windowStart: new Date(p.window.start),
          windowEnd: new Date(p.window.end),
          createdBy: null,
        },
      ),
      p.caseIds,
    );
    const leads = await qualityLeads(scope, { branchId, projectId: p.projectId });
    try {
      await commit(scope, [
        ...statements,
        outboxEvent(
          scope,
          'defect.suggested',
          {
            defectId: row.id,
            branchId,
            projectId: row.projectId,
            category: row.category,
            description: row.description,
            status: row.status,
            caseIds: p.caseIds,
            unitCount: p.unitIds.length,
            notifyStaffIds: leads,
          },
          { branchId, projectId: row.projectId },
        ),
      ]);
      proposed.push(row);
    } catch (error) {
      if ((error as { code?: string }).code !== 'conflict') throw error;
    }
  }
  let extended = 0;
  const byId = new Map(open.map((d) => [d.id, d]));
  for (const e of result.extensions) {
    const before = byId.get(e.defectId);
    if (!before) continue;
    await commit(scope, [
      ...caseLinkInserts(scope, before.id, e.addCaseIds),
      ...defectStep(
        scope,
        before,
        { householdsAffected: before.householdsAffected + e.addCaseIds.length },
        'defects.extend_suggestion',
      ),
    ]);
    extended += e.addCaseIds.length;
  }
  return { proposed, extended };
}
