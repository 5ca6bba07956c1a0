import { z } from 'zod';
import { DateTimeInput } from '../time';
import type { Defect, DefectRisk, DefectStatus } from './model';

/*
 * Defect meetings (缺陷会议, seed 000 part 2.II.5: 召开缺陷会议，对产品缺陷进行决策): an agenda of
 * open defects, one decision per defect (会议决策: prevention measure 预防措施, responsible
 * department 责任部门, rectification deadline), and the minutes.
 */

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');

export const DefectDecisionSchema = z.object({
  defectId: z.string().min(1),
  preventionMeasure: z.string().trim().min(1).max(2000),
  responsibleDepartmentId: z.string().min(1),
  /** Local date by which the rectification is done (the end of its working day is the deadline). */
  rectificationDueOn: LocalDate,
  /** Null: the tenant's `feedbackWorkingDays` after the meeting. */
  feedbackDueOn: LocalDate.nullable().default(null),
});
export type DefectDecision = z.output<typeof DefectDecisionSchema>;

export const DefectMeetingSchema = z
  .object({
    projectId: z.string().min(1).nullable().default(null),
    heldAt: DateTimeInput,
    chairId: z.string().min(1),
    attendeeIds: z.array(z.string().min(1)).max(100).default([]),
    /** 会议纪要. */
    minutes: z.string().max(20000).default(''),
    decisions: z.array(DefectDecisionSchema).max(200),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.decisions.forEach((d, i) => {
      if (seen.has(d.defectId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['decisions', i, 'defectId'],
          message: 'one decision per defect',
        });
      }
      seen.add(d.defectId);
    });
  });
export type DefectMeeting = z.output<typeof DefectMeetingSchema>;

/** Statuses a meeting looks at: awaiting a decision, and decided ones still not rectified. */
const agendaStatuses: readonly DefectStatus[] = ['accepted', 'overdue', 'decided', 'rectifying'];
const riskRank: Record<DefectRisk, number> = { high: 0, medium: 1, low: 2 };

export interface AgendaItem {
  defectId: string;
  /** `decide` for a defect awaiting its decision, `review` for one decided and not yet rectified. */
  purpose: 'decide' | 'review';
}

/**
 * The agenda: defects awaiting a decision first, then overdue, then the rest under
 * rectification; within each, higher risk, then more households, then the earliest found.
 */
export function meetingAgenda(
  defects: readonly Pick<Defect, 'id' | 'status' | 'impact' | 'foundAt'>[],
): AgendaItem[] {
  return defects
    .filter((d) => agendaStatuses.includes(d.status))
    .sort(
      (a, b) =>
        agendaStatuses.indexOf(a.status) - agendaStatuses.indexOf(b.status) ||
        riskRank[a.impact.risk] - riskRank[b.impact.risk] ||
        b.impact.householdsAffected - a.impact.householdsAffected ||
        a.foundAt.getTime() - b.foundAt.getTime(),
    )
    .map((d) => ({ defectId: d.id, purpose: d.status === 'accepted' ? 'decide' : 'review' }));
}

/** The decisions a meeting may record: only for defects `accepted` (awaiting one). */
export function undecidableDefects(
  meeting: Pick<DefectMeeting, 'decisions'>,
  defects: readonly Pick<Defect, 'id' | 'status'>[],
): { defectId: string; status: DefectStatus | null }[] {
  const byId = new Map(defects.map((d) => [d.id, d.status]));
  return meeting.decisions
    .filter((d) => byId.get(d.defectId) !== 'accepted')
    .map((d) => ({ defectId: d.defectId, status: byId.get(d.defectId) ?? null }));
}
