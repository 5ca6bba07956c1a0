import { z } from 'zod';

/** A tenant's defect rules; parse stored settings with `parseDefectSettings` for defaults. */
export const DefectSettingsSchema = z.object({
  /** Distinct units reporting the same category in the same project that propose a defect. */
  suggestMinUnits: z.number().int().min(2).max(1000).default(3),
  /** The window those reports must fall in, in days. */
  suggestWindowDays: z.number().int().min(1).max(366).default(30),
  /** Compare top-level categories (two agents file the same fault at different depths) or exact codes. */
  suggestCategoryLevel: z.enum(['root', 'exact']).default('root'),
  /** Working days after the meeting by which the responsible department feeds back its plan (整改意见反馈). */
  feedbackWorkingDays: z.number().int().min(1).max(60).default(5),
  /** Business hours before a deadline that its owner is warned. */
  warningBusinessHours: z.number().min(0).max(400).default(16),
  /** Business hours after a breach that it escalates to leadership. */
  escalateAfterBusinessHours: z.number().min(0).max(400).default(16),
});
export type DefectSettings = z.infer<typeof DefectSettingsSchema>;

/** Settings with every default filled in; throws a ZodError on a bad value. */
export function parseDefectSettings(input: unknown = {}): DefectSettings {
  return DefectSettingsSchema.parse(input ?? {});
}
