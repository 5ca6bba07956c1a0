import { z } from 'zod';
import type { HandoverSettings } from './settings';

/*
 * Handover-day targets (责任指标, seed 000 part 2.V): 收房率 ≥ 98% of the batch, 户均问题数 ≤ 1,
 * 集中交付期间满意度 ≥ 95%, no 群体事件 against the project. Computed against the actuals, live.
 */

export const HandoverActualsSchema = z.object({
  /** Households of the batch. */
  households: z.number().int().min(1),
  /** Households that took their homes (收房). */
  accepted: z.number().int().min(0),
  /** Issues owners raised at handover. */
  issues: z.number().int().min(0),
  /** Answers to the handover survey (owner link), and how many of them satisfied. */
  surveyResponses: z.number().int().min(0),
  satisfied: z.number().int().min(0),
  groupIncidents: z.number().int().min(0),
});
export type HandoverActuals = z.infer<typeof HandoverActualsSchema>;

export const handoverTargetKeys = [
  'acceptance_rate',
  'issues_per_household',
  'satisfaction_rate',
  'group_incidents',
] as const;
export type HandoverTargetKey = (typeof handoverTargetKeys)[number];

export interface HandoverTargetResult {
  key: HandoverTargetKey;
  label: { zh: string; en: string };
  comparison: 'at_least' | 'at_most';
  target: number;
  /** Null while there is nothing to measure (no household accepted, no survey answer). */
  actual: number | null;
  met: boolean | null;
}

/**
 * The four targets against the actuals. Issues per household count the households that took
 * their homes (an owner who did not come raised none); satisfaction is the share of survey
 * answers that were satisfied.
 */
export function handoverTargets(
  actuals: HandoverActuals,
  targets: HandoverSettings['targets'],
): HandoverTargetResult[] {
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const result = (
    key: HandoverTargetKey,
    zh: string,
    en: string,
    comparison: 'at_least' | 'at_most',
    target: number,
    actual: number | null,
  ): HandoverTargetResult => ({
    key,
    label: { zh, en },
    comparison,
    target,
    actual,
    met: actual === null ? null : comparison === 'at_least' ? actual >= target : actual <= target,
  });
  return [
    result(
      'acceptance_rate',
      '收房率',
      'Acceptance rate',
      'at_least',
      targets.acceptanceRate,
      ratio(actuals.accepted, actuals.households),
    ),
    result(
      'issues_per_household',
      '户均问题数',
      'Issues per household',
      'at_most',
      targets.maxIssuesPerHousehold,
      ratio(actuals.issues, actuals.accepted),
    ),
    result(
      'satisfaction_rate',
      '交付满意度',
      'Handover satisfaction',
      'at_least',
      targets.satisfactionRate,
      ratio(actuals.satisfied, actuals.surveyResponses),
    ),
    result(
      'group_incidents',
      '群体事件',
      'Group incidents',
      'at_most',
      targets.maxGroupIncidents,
      actuals.groupIncidents,
    ),
  ];
}
