import { satisfaction, type sla } from '@guanjia/core';
import { z } from 'zod';
import { tenantSettings } from '../../data/org-lookups';
import type { TenantScope } from '../../data/scope';
import { tenantCalendarRows } from '../../data/sla-clock';
import { calendarAt } from '../sla/decide';

/*
 * The tenant's satisfaction settings (`settings.satisfaction`), each part with core's defaults:
 * staged linkage (分阶段挂钩), short-board thresholds, the plan re-check deadlines, and how many
 * months of repair and complaint figures a campaign's results are read against.
 */
const SatisfactionSettingsSchema = z.object({
  linkage: satisfaction.LinkageSettingsSchema.default(satisfaction.defaultLinkage),
  /** The one reminder to owners who have not answered (default: 3 working days before the close). */
  reminder: satisfaction.ReminderSettingsSchema.default(satisfaction.defaultReminderSettings),
  shortBoards: satisfaction.ShortBoardThresholdsSchema.default(
    satisfaction.ShortBoardThresholdsSchema.parse({}),
  ),
  recheck: satisfaction.RecheckSettingsSchema.default(satisfaction.defaultRecheckSettings),
  /** The yearly interview quota (访谈): 12 owners per staff member, 6 per manager. */
  interviews: satisfaction.InterviewQuotaSchema.default(satisfaction.defaultInterviewQuota),
  /** Rotation report deadline (轮岗交流汇报): warned and escalated this many working days around it. */
  rotation: z
    .object({
      warnWorkingDays: z.number().int().min(0).max(10),
      escalateWorkingDays: z.number().int().min(0).max(20),
    })
    .default({ warnWorkingDays: 1, escalateWorkingDays: 3 }),
  /** Months of case figures up to a campaign's close that its short boards read (default 6). */
  figuresMonths: z.number().int().min(1).max(24).default(6),
});
export type SatisfactionSettings = z.output<typeof SatisfactionSettingsSchema>;

export async function satisfactionSettings(scope: TenantScope): Promise<SatisfactionSettings> {
  const stored = (await tenantSettings(scope)).satisfaction;
  const parsed = SatisfactionSettingsSchema.safeParse(stored && typeof stored === 'object' ? stored : {});
  return parsed.success ? parsed.data : SatisfactionSettingsSchema.parse({});
}

/** The tenant's calendar (its own row, or office hours with the mainland holidays). */
export async function tenantCalendar(scope: TenantScope): Promise<sla.Calendar> {
  return calendarAt(await tenantCalendarRows(scope), { branchId: '', projectId: '' }, scope.timeZone);
}
