import { z } from 'zod';
import { roles } from '../access/roles';
import { isValidTimeZone } from '../time';
import { emailUnknownSenderPolicies } from './email-threading';
import { CategoryTreeSchema, defaultCategoryTree } from './vocabulary';

/**
 * A tenant's case rules. Every `[N]` of the seeds is a setting here, defaulting to the
 * number the seeds give. Parse stored settings with `parseCaseSettings` so missing keys
 * take their defaults.
 */
export const CaseSettingsSchema = z.object({
  /** Local dates (archive numbers) are taken in this zone. */
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone').default('Asia/Shanghai'),
  /** A repair of the same unit and category within this many days is a repeat repair (维修反复). */
  reworkWindowDays: z.number().int().positive().default(30),
  /** A follow-up satisfaction at or below this (on 1–5) reopens the case. */
  unsatisfiedAtOrBelow: z.number().int().min(1).max(4).default(2),
  /** Claims strictly above this many fen (¥10,000 = 1,000,000 fen) need approval before close. */
  claimApprovalThresholdFen: z.number().int().nonnegative().default(1_000_000),
  /** Roles whose holders may approve a big claim: the customer-relations manager per the seeds. */
  claimApproverRoles: z.array(z.enum(roles)).min(1).default(['cr_manager']),
  categories: CategoryTreeSchema.default(defaultCategoryTree),
  /**
   * An email that names a case (its reply address or a Guanjia Message-ID) but comes from
   * neither the case's owner nor its contact, or fails DMARC: `new_case` opens a flagged case of
   * the sender's own, `reject` refuses it. It never appends either way.
   */
  emailUnknownSenderOnKnownCase: z.enum(emailUnknownSenderPolicies).default('new_case'),
  /** 催单: an owner may chase a case from the owner page once per this many hours. */
  chaseIntervalHours: z.number().int().min(1).max(168).default(4),
  /**
   * One chance per repair (每次报修只给施工单位1次机会, seed 000): a repair the contractor failed
   * (reopened as not fixed after completion, or reworked) is not offered to it again unless a
   * manager overrides with a reason. A forfeit always ends the contractor's chance.
   */
  oneChancePerRepair: z.boolean().default(true),
  /** Roles whose holders may override the one-chance rule. */
  oneChanceOverrideRoles: z
    .array(z.enum(roles))
    .min(1)
    .default(['project_manager', 'cr_manager', 'branch_cs_manager', 'tenant_admin']),
});
export type CaseSettings = z.infer<typeof CaseSettingsSchema>;

/**
 * Keys case settings no longer have, and where the rule lives now. A stored value is ignored
 * (parsing drops it); a write that sends one is refused, so nobody believes it still applies.
 */
export const retiredCaseSettings: Readonly<Record<string, string>> = {
  contactDeadlineMinutes:
    'the contractor contact deadline is the SLA policy milestone contractor_contact (/v1/sla/policies)',
  followupDelayDays:
    'the 回访 due time is the SLA policy milestone followup (/v1/sla/policies; 3 days after completion or resolution by default)',
};

/** Settings with every default filled in; throws a ZodError on a bad value. */
export function parseCaseSettings(input: unknown = {}): CaseSettings {
  return CaseSettingsSchema.parse(input ?? {});
}

export const defaultCaseSettings: CaseSettings = parseCaseSettings({});
