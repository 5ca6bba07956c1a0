import { z } from 'zod';
import { quantile } from '../reports/kpis';

/*
 * The contractor scorecard (施工单位考核), seed 000 part one: the contractor must contact the
 * owner within 30 minutes; a contractor that does not repair "放弃这次维修机会"; "维修完毕后,业主签字
 * 确认,呼叫中心三天后回访,回访成果作为对施工单位维修人员奖罚旳根据" — the follow-up result is the
 * basis of reward and penalty. The engineering manager settles the month with this list.
 */

export const followUpResults = [
  'very_satisfied',
  'satisfied',
  'neutral',
  'dissatisfied',
  'unreachable',
] as const;
export type FollowUpResult = (typeof followUpResults)[number];

export const FollowUpResultSchema = z.enum(followUpResults);

/** One repair job of the contractor in the period, from the case and its milestones. */
export const JobFactSchema = z.object({
  caseId: z.string(),
  contractorId: z.string(),
  /** The 30-minute contact milestone: met in time, missed, or not applicable (null). */
  contactMet: z.boolean().nullable(),
  /** The contractor gave the job up or missed the visit (放弃维修机会). */
  forfeited: z.boolean(),
  /** Fixed at the first visit, not reopened. */
  firstTimeFixed: z.boolean(),
  reworked: z.boolean(),
  ownerSignedOff: z.boolean(),
  /** The call centre's follow-up three days after (回访); null when none yet. */
  followUp: FollowUpResultSchema.nullable(),
  /** Why the owner was not satisfied, as the follow-up recorded. */
  followUpReason: z.string().nullable().optional(),
  resolutionMinutes: z.number().min(0).nullable().optional(),
});
export type JobFact = z.infer<typeof JobFactSchema>;

export const ScoringRulesSchema = z
  .object({
    /** Points per follow-up result (the basis, 回访结果). */
    followUp: z
      .object({
        very_satisfied: z.number(),
        satisfied: z.number(),
        neutral: z.number(),
        dissatisfied: z.number(),
        unreachable: z.number(),
      })
      .strict(),
    contactMissed: z.number(),
    forfeit: z.number(),
    rework: z.number(),
    noSignOff: z.number(),
  })
  .strict();
export type ScoringRules = z.infer<typeof ScoringRulesSchema>;

/**
 * Defaults: the follow-up result is the basis (seed 000: "回访成果作为对施工单位维修人员奖罚旳根据"),
 * so it carries the widest range (+2 … −3); of the failures the standards name, a forfeited job
 * (放弃这次维修机会, the job goes to a third party) weighs most (−5), a repeat repair (维修反复)
 * next (−3), a missed 30-minute contact and a missing owner sign-off least (−1 each).
 */
export const defaultScoringRules: ScoringRules = {
  followUp: { very_satisfied: 2, satisfied: 1, neutral: 0, dissatisfied: -3, unreachable: 0 },
  contactMissed: -1,
  forfeit: -5,
  rework: -3,
  noSignOff: -1,
};

/**
 * A job's points. A forfeited job is penalised as not done only: its missed contact (late) and
 * its missing sign-off are the same failure, never counted twice.
 */
export function jobPoints(job: JobFact, rules: ScoringRules): number {
  let p = job.followUp ? rules.followUp[job.followUp] : 0;
  if (job.contactMet === false && !job.forfeited) p += rules.contactMissed;
  if (job.forfeited) p += rules.forfeit;
  if (job.reworked) p += rules.rework;
  if (!job.ownerSignedOff && !job.forfeited) p += rules.noSignOff;
  return p;
}

const rate = (n: number, d: number) => (d ? n / d : null);

export interface Scorecard {
  contractorId: string;
  jobs: number;
  contactMetRate: number | null;
  forfeits: number;
  firstTimeFixRate: number | null;
  reworks: number;
  signOffs: number;
  followUps: Record<FollowUpResult, number>;
  /** Satisfied or very satisfied over follow-ups that reached the owner. */
  followUpSatisfaction: number | null;
  dissatisfiedReasons: { reason: string; count: number }[];
  resolutionP50Minutes: number | null;
  points: number;
}

export function scorecards(jobs: readonly JobFact[], rules: ScoringRules = defaultScoringRules): Scorecard[] {
  const by = new Map<string, JobFact[]>();
  for (const j of jobs) by.set(j.contractorId, [...(by.get(j.contractorId) ?? []), j]);
  return [...by.keys()].sort().map((contractorId) => {
    const js = by.get(contractorId) as JobFact[];
    const contact = js.filter((j) => j.contactMet !== null);
    const followUps = Object.fromEntries(followUpResults.map((r) => [r, 0])) as Record<
      FollowUpResult,
      number
    >;
    for (const j of js) if (j.followUp) followUps[j.followUp] += 1;
    const reached =
      followUps.very_satisfied + followUps.satisfied + followUps.neutral + followUps.dissatisfied;
    const reasons = new Map<string, number>();
    for (const j of js) {
      if (j.followUp === 'dissatisfied' && j.followUpReason) {
        reasons.set(j.followUpReason, (reasons.get(j.followUpReason) ?? 0) + 1);
      }
    }
    return {
      contractorId,
      jobs: js.length,
      contactMetRate: rate(contact.filter((j) => j.contactMet).length, contact.length),
      forfeits: js.filter((j) => j.forfeited).length,
      firstTimeFixRate: rate(js.filter((j) => j.firstTimeFixed).length, js.length),
      reworks: js.filter((j) => j.reworked).length,
      signOffs: js.filter((j) => j.ownerSignedOff).length,
      followUps,
      followUpSatisfaction: rate(followUps.very_satisfied + followUps.satisfied, reached),
      dissatisfiedReasons: [...reasons]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
      resolutionP50Minutes: quantile(
        js.flatMap((j) => (j.resolutionMinutes == null ? [] : [j.resolutionMinutes])),
        0.5,
      ),
      points: js.reduce((s, j) => s + jobPoints(j, rules), 0),
    };
  });
}
