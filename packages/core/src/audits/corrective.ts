import type { Role } from '../access/roles';
import { addDays, localDateOf, wallToInstant } from '../time-zone';
import { templateItems } from './answers';
import type { AuditScore } from './scoring';
import type { AuditSettings } from './settings';
import type { AuditTemplate } from './template';

/** A corrective action (整改项) to create; the edge assigns a person of the owner role. */
export interface CorrectiveActionDraft {
  /** Unique within the audit (`item:<key>` or `section:<key>`), so re-running creates nothing twice. */
  key: string;
  sectionKey: string;
  itemKey: string | null;
  critical: boolean;
  ownerRole: Role;
  description: { zh: string; en: string };
  /** Local due date and the instant it ends (epoch ms, inclusive). */
  dueOn: string;
  deadline: number;
}

/**
 * The corrective actions a failed audit needs: one per failed item, and one per section that
 * scored below the threshold without any failed item (it lost marks on graded items). A
 * passing audit needs none. Due N days after the visit's local date, at the end of that day.
 */
export function correctiveActions(input: {
  template: AuditTemplate;
  score: AuditScore;
  /** When the visit or call took place, epoch ms. */
  visitedAt: number;
  settings: AuditSettings;
}): CorrectiveActionDraft[] {
  const { template, score, settings } = input;
  if (score.passed !== false) return [];
  const visitDate = localDateOf(input.visitedAt, settings.timeZone);
  const due = (critical: boolean) => {
    const dueOn = addDays(
      visitDate,
      critical ? settings.criticalCorrectiveDeadlineDays : settings.correctiveDeadlineDays,
    );
    return { dueOn, deadline: wallToInstant(addDays(dueOn, 1), 0, settings.timeZone) - 1 };
  };
  const items = new Map(templateItems(template).map((e) => [e.item.key, e.item]));
  const actions: CorrectiveActionDraft[] = score.failedItems.map((failed) => {
    const item = items.get(failed.itemKey);
    const critical = failed.critical !== null;
    return {
      key: `item:${failed.itemKey}`,
      sectionKey: failed.sectionKey,
      itemKey: failed.itemKey,
      critical,
      ownerRole: item?.ownerRole ?? template.ownerRole,
      description: {
        zh: `整改：${item?.label.zh ?? failed.itemKey}`,
        en: `Correct: ${item?.label.en ?? failed.itemKey}`,
      },
      ...due(critical),
    };
  });
  for (const section of score.sections) {
    if (section.score === null || section.score >= score.threshold) continue;
    if (score.failedItems.some((f) => f.sectionKey === section.sectionKey)) continue;
    const def = template.sections.find((s) => s.key === section.sectionKey);
    actions.push({
      key: `section:${section.sectionKey}`,
      sectionKey: section.sectionKey,
      itemKey: null,
      critical: false,
      ownerRole: template.ownerRole,
      description: {
        zh: `整改：${def?.label.zh ?? section.sectionKey}（得分${section.score}）`,
        en: `Improve: ${def?.label.en ?? section.sectionKey} (scored ${section.score})`,
      },
      ...due(false),
    });
  }
  return actions;
}
