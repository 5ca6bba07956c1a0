import { z } from 'zod';
import { workingDayOn } from '../sla/business-time';
import { type Calendar, minutesOf, TimeOfDaySchema } from '../sla/calendar';
import { localDateOf, wallTime } from '../time-zone';
import { channelKinds } from '../vocabulary';

/*
 * A staff member's notification preferences, pure: which provider channels they hear through and
 * when they are not to be disturbed. Quiet hours are read on the business calendar in force at
 * the case's place (its time zone, and its days off when the person asks for quiet days off).
 * The inbox is never held back. An emergency (a major complaint, an incident, an emergency
 * repair) ignores quiet hours and days off; a channel the person switched off stays off.
 */

export const StaffNotificationPreferencesSchema = z
  .object({
    channels: z
      .array(z.enum(channelKinds))
      .max(channelKinds.length)
      .refine((a) => new Set(a).size === a.length, 'each channel at most once')
      .describe('The provider channels this person hears through; the inbox always gets the message'),
    quietHours: z
      .object({ start: TimeOfDaySchema, end: TimeOfDaySchema })
      .refine((q) => q.start !== q.end, { message: 'start and end differ', path: ['end'] })
      .nullable()
      .describe('Local times on the business calendar (e.g. 22:00–07:30, may cross midnight); null: none'),
    quietOnDaysOff: z
      .boolean()
      .describe(
        "Quiet all day on the business calendar's days off (weekends, public holidays; 调休 days work)",
      ),
    wechatOpenId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .nullable()
      .describe('微信公众号 OpenID: where WeChat template messages to this person go'),
  })
  .strict();
export type StaffNotificationPreferences = z.infer<typeof StaffNotificationPreferencesSchema>;

/** Without a row of their own, a person hears through every channel at any hour. */
export const defaultStaffPreferences: StaffNotificationPreferences = {
  channels: [...channelKinds],
  quietHours: null,
  quietOnDaysOff: false,
  wechatOpenId: null,
};

/** Why a message is held back from one channel (recorded as the skipped delivery's reason). */
export type Suppression = 'channel_off' | 'quiet_hours' | 'day_off';

/** Whether `at` falls inside the quiet window (local time on the calendar's zone); end exclusive. */
export function inQuietHours(at: Date, quiet: { start: string; end: string }, timeZone: string): boolean {
  const wall = wallTime(at.getTime(), timeZone);
  const minute = wall.hour * 60 + wall.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** Whether `at`'s local date is a day off on the calendar (no working time that date). */
export function isDayOff(at: Date, calendar: Calendar): boolean {
  return workingDayOn(localDateOf(at.getTime(), calendar.timeZone), calendar) === null;
}

/**
 * Why one channel is held back for this person at `at`, or undefined when the message goes out.
 * An emergency (`urgent`) ignores quiet hours and days off, never a channel switched off.
 */
export function suppressionOf(
  prefs: StaffNotificationPreferences,
  kind: (typeof channelKinds)[number],
  at: Date,
  calendar: Calendar,
  urgent: boolean,
): Suppression | undefined {
  if (!prefs.channels.includes(kind)) return 'channel_off';
  if (urgent) return undefined;
  if (prefs.quietOnDaysOff && isDayOff(at, calendar)) return 'day_off';
  if (prefs.quietHours && inQuietHours(at, prefs.quietHours, calendar.timeZone)) return 'quiet_hours';
  return undefined;
}
