import { z } from 'zod';
import type { Calendar } from '../sla/calendar';
import { addDays, wallToInstant } from '../time-zone';
import { type Answer, AnswerSchema, checkAnswers, type QuestionnaireTemplate } from './questionnaire';
import { sampleOf } from './sampling';
import { previousWorkingDate } from './working-days';

/*
 * Survey campaigns (满意度调查): a period, a scope, the owners asked, the channels, and the
 * opening and closing dates on the tenant calendar.
 */

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');

export const surveyChannels = ['sms', 'wechat', 'email'] as const;
export const SurveyChannelSchema = z.enum(surveyChannels);

export const CampaignScopeSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('tenant') }).strict(),
  z.object({ level: z.literal('branch'), branchId: z.string().min(1) }).strict(),
  z.object({ level: z.literal('projects'), projectIds: z.array(z.string().min(1)).min(1).max(500) }).strict(),
]);
export type CampaignScope = z.infer<typeof CampaignScopeSchema>;

export const SamplingSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('all') }).strict(),
  z
    .object({
      mode: z.literal('random'),
      perProject: z.number().int().min(1).max(100_000),
      /** Recorded with the campaign; the same seed redraws the same owners. */
      seed: z.string().min(1).max(100),
    })
    .strict(),
]);
export type Sampling = z.infer<typeof SamplingSchema>;

export const CampaignSchema = z
  .object({
    title: z.string().min(1).max(200),
    /** Which survey round of the tenant this is (1, 2, …): the staged linkage reads it. */
    round: z.number().int().min(1),
    /** The period surveyed, e.g. 2026-H2 or 2026; free text shown on reports. */
    period: z.string().min(1).max(40),
    templateKey: z.string().min(1),
    templateVersion: z.number().int().min(1),
    scope: CampaignScopeSchema,
    sampling: SamplingSchema,
    channels: z.array(SurveyChannelSchema).min(1).max(3),
    /** First local date answers are taken (from its local midnight). */
    opensOn: LocalDate,
    /** Last local date answers are taken (to its local midnight). */
    closesOn: LocalDate,
  })
  .strict()
  .refine((c) => c.closesOn >= c.opensOn, { path: ['closesOn'], message: 'closes before it opens' });
export type Campaign = z.infer<typeof CampaignSchema>;

export interface OwnerCandidate {
  id: string;
  projectId: string;
}

/** The owners a campaign asks: all of them, or `perProject` drawn per project from the seed. */
export function drawOwners<T extends OwnerCandidate>(owners: readonly T[], sampling: Sampling): T[] {
  if (sampling.mode === 'all') return [...owners];
  const byProject = new Map<string, T[]>();
  for (const o of owners) byProject.set(o.projectId, [...(byProject.get(o.projectId) ?? []), o]);
  return [...byProject.keys()]
    .sort()
    .flatMap((p) => sampleOf(byProject.get(p) ?? [], sampling.perProject, `${sampling.seed}:${p}`));
}

/**
 * The window answers are taken in: local midnight of `opensOn` to local midnight after
 * `closesOn`, in the tenant's zone. Whole days, not working hours: owners answer in the
 * evening and at weekends; only staff duties (reminders) follow working days.
 */
export function campaignWindow(campaign: Pick<Campaign, 'opensOn' | 'closesOn'>, calendar: Calendar) {
  const opensAt = new Date(wallToInstant(campaign.opensOn, 0, calendar.timeZone));
  const closesAt = new Date(wallToInstant(addDays(campaign.closesOn, 1), 0, calendar.timeZone));
  return { opensAt, closesAt };
}

/** When owners who have not answered are reminded (`settings.satisfaction.reminder`). */
export const ReminderSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** Working days before the closing date (tenant calendar); 1 is the working day before it. */
    workingDaysBefore: z.number().int().min(1).max(30),
  })
  .strict();
export type ReminderSettings = z.infer<typeof ReminderSettingsSchema>;
export const defaultReminderSettings: ReminderSettings = { enabled: true, workingDaysBefore: 3 };

/**
 * The local date on which owners who have not answered are reminded: `workingDaysBefore`
 * working days before the closing date on the tenant calendar (a holiday close counts back
 * from the working days before it). Null when that falls before the opening (a campaign too
 * short for a reminder: the invitation itself is fresh) or reminders are off.
 */
export function campaignReminderDate(
  campaign: Pick<Campaign, 'opensOn' | 'closesOn'>,
  calendar: Calendar,
  settings: ReminderSettings = defaultReminderSettings,
): string | null {
  if (!settings.enabled) return null;
  let d = campaign.closesOn;
  for (let k = 0; k < settings.workingDaysBefore; k++) d = previousWorkingDate(d, calendar);
  return d > campaign.opensOn ? d : null;
}

export type CampaignPhase = 'scheduled' | 'open' | 'closed';

export function campaignPhase(
  campaign: Pick<Campaign, 'opensOn' | 'closesOn'>,
  calendar: Calendar,
  now: Date,
): CampaignPhase {
  const { opensAt, closesAt } = campaignWindow(campaign, calendar);
  if (now < opensAt) return 'scheduled';
  return now < closesAt ? 'open' : 'closed';
}

export const ResponseInputSchema = z
  .object({
    answers: z.record(z.string(), AnswerSchema),
    /** The owner agrees that staff see who answered (默认匿名). */
    identifiable: z.boolean().default(false),
    comment: z.string().max(2000).optional(),
  })
  .strict();
export type ResponseInput = z.infer<typeof ResponseInputSchema>;

export type ResponseRefusal =
  | { code: 'survey_not_open'; phase: CampaignPhase }
  | { code: 'not_in_sample' }
  | { code: 'already_answered' }
  | { code: 'invalid_answers'; issues: { path: (string | number)[]; message: string }[] };

/** Whether an owner's answers are taken: open window, in the sample, first answer, valid. */
export function acceptResponse(input: {
  campaign: Campaign;
  template: QuestionnaireTemplate;
  calendar: Calendar;
  now: Date;
  inSample: boolean;
  alreadyAnswered: boolean;
  answers: Record<string, Answer>;
}): { ok: true } | { ok: false; refusal: ResponseRefusal } {
  const phase = campaignPhase(input.campaign, input.calendar, input.now);
  if (phase !== 'open') return { ok: false, refusal: { code: 'survey_not_open', phase } };
  if (!input.inSample) return { ok: false, refusal: { code: 'not_in_sample' } };
  if (input.alreadyAnswered) return { ok: false, refusal: { code: 'already_answered' } };
  const issues = checkAnswers(input.template, input.answers);
  if (issues.length) return { ok: false, refusal: { code: 'invalid_answers', issues } };
  return { ok: true };
}

export interface StoredResponse {
  id: string;
  ownerId: string;
  projectId: string;
  identifiable: boolean;
  answers: Record<string, Answer>;
  comment?: string | undefined;
}

/** What staff see of a response: the owner only when they agreed. */
export function staffViewOfResponse(
  r: StoredResponse,
): Omit<StoredResponse, 'ownerId'> & { ownerId: string | null } {
  return { ...r, ownerId: r.identifiable ? r.ownerId : null };
}
