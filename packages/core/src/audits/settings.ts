import { z } from 'zod';
import { isValidTimeZone } from '../time';

/** A tenant's audit rules; parse stored settings with `parseAuditSettings` for defaults. */
export const AuditSettingsSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone').default('Asia/Shanghai'),
  /** An audit scoring below this (0..100) fails and creates corrective actions (整改). */
  passThreshold: z.number().min(0).max(100).default(80),
  /** Days after the visit's local date a corrective action is due. */
  correctiveDeadlineDays: z.number().int().positive().default(7),
  /** Shorter for a failed critical item: a forbidden phrase or a false promise cannot wait a week. */
  criticalCorrectiveDeadlineDays: z.number().int().positive().default(3),
  /** Hours before an open corrective action's deadline that its owner and supervisor are warned. */
  correctiveWarningHours: z.number().int().min(0).max(168).default(24),
});
export type AuditSettings = z.infer<typeof AuditSettingsSchema>;

/** Settings with every default filled in; throws a ZodError on a bad value. */
export function parseAuditSettings(input: unknown = {}): AuditSettings {
  return AuditSettingsSchema.parse(input ?? {});
}
