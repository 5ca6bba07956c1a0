import { z } from 'zod';

/** A tenant's handover rules; parse stored settings with `parseHandoverSettings` for defaults. */
export const HandoverSettingsSchema = z.object({
  /** 交付前三个月: the readiness plan opens this many months before the handover date. */
  opensMonthsBefore: z.number().int().min(1).max(24).default(3),
  /** An item planned later than this many days before the handover date is at risk. */
  riskMarginDays: z.number().int().min(0).max(180).default(14),
  /** The project's own share of the responsibility may not go below this (项目至少承担50%). */
  minProjectSharePercent: z.number().min(0).max(100).default(50),
  /** Pre-handover issues of one category in this many units of a batch are a defect, not repairs. */
  inspectionDefectMinUnits: z.number().int().min(2).max(1000).default(3),
  targets: z
    .object({
      /** 收房率不得低于集中交付率98%. */
      acceptanceRate: z.number().min(0).max(1).default(0.98),
      /** 户均问题数不能超过1. */
      maxIssuesPerHousehold: z.number().min(0).default(1),
      /** 集中交付期间满意度不得低于95%. */
      satisfactionRate: z.number().min(0).max(1).default(0.95),
      /** 不允许出现群体事件. */
      maxGroupIncidents: z.number().int().min(0).default(0),
    })
    .default({
      acceptanceRate: 0.98,
      maxIssuesPerHousehold: 1,
      satisfactionRate: 0.95,
      maxGroupIncidents: 0,
    }),
});
export type HandoverSettings = z.infer<typeof HandoverSettingsSchema>;

/** Settings with every default filled in; throws a ZodError on a bad value. */
export function parseHandoverSettings(input: unknown = {}): HandoverSettings {
  return HandoverSettingsSchema.parse(input ?? {});
}
