import { notify } from '@guanjia/core';
import type { ChannelKind } from '@guanjia/core/db/schema';
import type { EventEnvelope } from '@guanjia/core/events/catalogue';
import type { TenantScope } from '../../data/scope';
import { tenantCalendarRows } from '../../data/sla-clock';
import { preferencesOf } from '../../data/staff-preferences';
import { type ChannelSend, type Recipient, recordSuppressed } from '../../notify/send';
import { calendarAt } from '../sla/decide';

/*
 * Staff preferences applied to an event's provider messages: each staff recipient hears through
 * the channels they chose, and not in their quiet hours or on days off (on the business calendar
 * at the event's place) unless the message is an emergency. What is held back is recorded as a
 * skipped delivery with why (`channel_off`, `quiet_hours`, `day_off`): the notification log
 * (`GET /v1/notifications?status=skipped`) answers it.
 */
export async function withStaffPreferences(
  scope: TenantScope,
  event: EventEnvelope,
  sends: readonly ChannelSend[],
): Promise<ChannelSend[]> {
  const staffIds = [
    ...new Set(sends.flatMap((s) => s.recipients.filter((r) => r.type === 'staff').map((r) => r.id))),
  ];
  if (staffIds.length === 0) return [...sends];
  const prefs = await preferencesOf(scope, staffIds);
  const place = {
    branchId: event.branchId ?? (typeof event.data.branchId === 'string' ? event.data.branchId : ''),
    projectId: event.projectId ?? (typeof event.data.projectId === 'string' ? event.data.projectId : ''),
  };
  const calendar = calendarAt(await tenantCalendarRows(scope), place, scope.timeZone);
  const out: ChannelSend[] = [];
  for (const send of sends) {
    const groups = new Map<string, { kinds: ChannelKind[]; recipients: Recipient[] }>();
    for (const recipient of send.recipients) {
      let kinds = send.kinds;
      const mine = recipient.type === 'staff' ? prefs.get(recipient.id) : undefined;
      if (mine) {
        kinds = [];
        for (const kind of send.kinds) {
          const why = notify.suppressionOf(mine, kind, scope.now, calendar, send.urgent === true);
          if (why) await recordSuppressed(scope, event.id, kind, send.message.template, recipient, why);
          else kinds.push(kind);
        }
      }
      if (kinds.length === 0) continue;
      const key = kinds.join(',');
      const group = groups.get(key) ?? { kinds, recipients: [] };
      group.recipients.push(recipient);
      groups.set(key, group);
    }
    for (const group of groups.values()) out.push({ ...send, ...group });
  }
  return out;
}
