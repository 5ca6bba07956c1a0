import { z } from 'zod';

/*
 * One chance per repair (每次报修只给施工单位1次机会), seed 000 part one. A repair reopened as
 * not fixed, reworked, or forfeited by a contractor is not offered to that contractor again,
 * unless a manager overrides with a reason (recorded by the caller). A tenant setting, on by
 * default. The dispatch step asks `mayOffer` before offering a job.
 */

export const OneChanceSettingsSchema = z.object({ enabled: z.boolean().default(true) }).strict();
export type OneChanceSettings = z.output<typeof OneChanceSettingsSchema>;

export const contractorFailures = ['reopened_not_fixed', 'reworked', 'forfeited'] as const;
export type ContractorFailure = (typeof contractorFailures)[number];

export interface PastAttempt {
  contractorId: string;
  failure: ContractorFailure | null;
}

export const OverrideSchema = z
  .object({ managerId: z.string().min(1), reason: z.string().trim().min(1).max(2000) })
  .strict();
export type Override = z.infer<typeof OverrideSchema>;

export type OfferDecision =
  | { allowed: true; override: Override | null }
  | { allowed: false; code: 'contractor_had_its_chance'; failure: ContractorFailure };

/**
 * Whether a repair may be offered to a contractor given the repair's past attempts. An
 * override counts only for a manager (the caller checks the role) and only with a reason.
 */
export function mayOffer(input: {
  settings: OneChanceSettings;
  contractorId: string;
  attempts: readonly PastAttempt[];
  override?: Override | null;
}): OfferDecision {
  const failed = input.attempts.find((a) => a.contractorId === input.contractorId && a.failure !== null);
  if (!input.settings.enabled || !failed?.failure) return { allowed: true, override: null };
  const override = input.override ? OverrideSchema.safeParse(input.override) : null;
  if (override?.success) return { allowed: true, override: override.data };
  return { allowed: false, code: 'contractor_had_its_chance', failure: failed.failure };
}
