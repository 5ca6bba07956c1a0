import { z } from 'zod';
import { isValidTimeZone } from '../time';
import { ApprovalChainSchema, defaultApprovalChain } from './approval';
import { deadlineRules, latePolicies } from './deadline';

/** A tenant's Service Star rules; parse stored settings with `parseStarSettings` for defaults. */
export const StarSettingsSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone').default('Asia/Shanghai'),
  /** Which Wednesday is "the Wednesday of the last week"; see deadline.ts. */
  deadlineRule: z.enum(deadlineRules).default('last_wednesday'),
  /** Local HH:MM of the deadline; null = end of the day. */
  deadlineLocalTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
    .nullable()
    .default(null),
  /** A late form is refused or accepted and flagged to reviewers; flagging loses nothing. */
  latePolicy: z.enum(latePolicies).default('flag'),
  approvalChain: ApprovalChainSchema.default(defaultApprovalChain),
});
export type StarSettings = z.infer<typeof StarSettingsSchema>;

/** Settings with every default filled in; throws a ZodError on a bad value. */
export function parseStarSettings(input: unknown = {}): StarSettings {
  return StarSettingsSchema.parse(input ?? {});
}
