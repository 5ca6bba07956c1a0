import { z } from 'zod';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');

/** One concrete deed (具体事迹) the nomination rests on. */
export const DeedSchema = z.object({
  description: z.string().trim().min(1).max(1000),
  /** When it happened, local date. */
  date: localDate.optional(),
  /** The case it concerns, when there is one, so reviewers can open it. */
  caseId: z.string().min(1).optional(),
});
export type Deed = z.infer<typeof DeedSchema>;

/**
 * The Service Star nomination form (服务之星推荐表) as the project fills it in. The evidence
 * block is not on the form: the platform computes it from its own records (`computeEvidence`).
 */
export const NominationFormSchema = z.object({
  nomineeId: z.string().min(1),
  projectId: z.string().min(1),
  /** The nominee's post as written on the form (岗位), e.g. 前台客服, 维修工. */
  nomineeRole: z.string().trim().min(1).max(60),
  reasons: z.string().trim().min(1).max(2000),
  deeds: z.array(DeedSchema).min(1).max(20),
});
export type NominationForm = z.infer<typeof NominationFormSchema>;

/** What the platform knows about one case, as plain data loaded by the edge. */
export interface CaseFact {
  caseId: string;
  /** Staff who took the case in (受理), if a staff member did. */
  receivedById: string | null;
  /** Staff who handled it (处理), any of them. */
  handlerIds: readonly string[];
  /** Epoch ms. */
  receivedAt: number;
  /** When it was resolved or completed, epoch ms; null while open. */
  resolvedAt: number | null;
  /** Each SLA milestone of the case that has an outcome. */
  slaOutcomes: readonly ('met' | 'breached')[];
  /** Follow-up satisfaction (回访满意度) on 1–5, when the owner rated it. */
  satisfaction: number | null;
}

/** A commendation (表扬: letter, pennant, praise on a follow-up) naming a staff member. */
export interface CommendationFact {
  staffId: string;
  /** Epoch ms. */
  at: number;
}

/** Evidence block attached to a nomination (系统佐证). Ratios are 0..1, null without data. */
export interface NominationEvidence {
  casesReceived: number;
  casesHandled: number;
  sla: { met: number; total: number; complianceRate: number | null };
  satisfaction: { rated: number; average: number | null };
  commendations: number;
}

/**
 * Evidence for a nominee over a half-open window [from, to) of epoch ms (usually the cycle's
 * `cycleRange`). Received counts cases taken in during the window; handled counts cases the
 * nominee worked on that were resolved in it, and SLA and satisfaction are over those
 * handled cases, so an open case never counts against anyone yet.
 */
export function computeEvidence(
  nomineeId: string,
  window: { from: number; to: number },
  cases: readonly CaseFact[],
  commendations: readonly CommendationFact[],
): NominationEvidence {
  const within = (t: number | null) => t !== null && t >= window.from && t < window.to;
  const received = cases.filter((c) => c.receivedById === nomineeId && within(c.receivedAt));
  const handled = cases.filter((c) => c.handlerIds.includes(nomineeId) && within(c.resolvedAt));
  const outcomes = handled.flatMap((c) => c.slaOutcomes);
  const met = outcomes.filter((o) => o === 'met').length;
  const ratings = handled.map((c) => c.satisfaction).filter((s): s is number => s !== null);
  return {
    casesReceived: received.length,
    casesHandled: handled.length,
    sla: { met, total: outcomes.length, complianceRate: outcomes.length ? met / outcomes.length : null },
    satisfaction: {
      rated: ratings.length,
      average: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
    },
    commendations: commendations.filter((c) => c.staffId === nomineeId && within(c.at)).length,
  };
}
