import { notify } from '@guanjia/core';
import { branches, channelKinds, notices } from '@guanjia/core/db/schema';
import type { EventEnvelope } from '@guanjia/core/events/catalogue';
import { isOwnerMessageEvent } from '@guanjia/core/events/owner-messages';
import { and, eq } from 'drizzle-orm';
import { armCaseClock } from '../../clocks/arm';
import { commit } from '../../data/commit';
import { digestRecipients, digestText, findDigest } from '../../data/digests';
import { eventHandled, markHandled } from '../../data/event-handling';
import { type InboxItem, inboxInserts } from '../../data/inbox';
import type { TenantScope } from '../../data/scope';
import { staffLocales } from '../../data/staff';
import { webhookDeliveryInserts } from '../../data/webhooks';
import type { Env } from '../../env';
import { ownerCaseSends, ownerKinds } from '../../notify/owner-messages';
import { type ChannelSend, type Recipient, sendThroughChannels } from '../../notify/send';
import { surveyLinkSends } from '../satisfaction/sends';
import { noticeAudience, ownerRecipients, staffRecipients } from './recipients';
import { noticeInboxItems, type StaffNotice, staffNoticesFor } from './staff-notices';
import { withStaffPreferences } from './staff-preferences';

/*
 * What an outbox event causes (the queue consumer's use case): webhook deliveries, staff inbox
 * rows and provider-channel messages, then the event marked handled.
 */

const staffKinds = ['email'] as const;

/**
 * Everything one event causes, then the event marked handled. Safe to run twice for the same
 * event: a handled event is skipped, and every part of the fan-out has its unique key.
 *
 * Provider messages go first: each is its own row, claimed before its HTTP call and marked sent
 * after it, so a retry never repeats one that went out. Then one batch writes the webhook
 * deliveries, the inbox rows and, when every provider message is done, the handled mark: the
 * event is handled exactly when all it causes is written (a failure anywhere before leaves it
 * unhandled, to be retried by the queue or re-sent by the sweep). The deliveries are enqueued
 * after the batch; one whose message is lost is re-enqueued by the cron (never tried).
 */
export async function processEvent(env: Env, scope: TenantScope, event: EventEnvelope): Promise<void> {
  if (await eventHandled(scope, event.id)) return;
  // The request that changed the case armed its clock already; a failed arm is only logged there.
  // Arming again from the outbox (which the cron sweep re-sends) makes arming at least once.
  if (event.type.startsWith('case.') && typeof event.data.caseId === 'string') {
    await armCaseClock(env, scope.tenantId, event.data.caseId);
  }
  let failed = 0;
  let inFlight = 0;
  const notices = await staffNoticesFor(env, scope, event);
  const sends = await withStaffPreferences(scope, event, [
    ...(await channelSendsFor(env, scope, event)),
    ...(await noticeSends(scope, notices)),
  ]);
  for (const send of sends) {
    const summary = await sendThroughChannels(
      env,
      scope,
      event.id,
      send.kinds,
      send.recipients,
      send.message,
    );
    failed += summary.failed;
    inFlight += summary.inFlight;
  }
  const deliveryInserts = await webhookDeliveryInserts(scope, event);
  const statements = [
    ...deliveryInserts,
    ...inboxInserts(scope, await inboxOf(scope, event, notices)),
    ...(failed === 0 && inFlight === 0 ? [markHandled(scope, event.id)] : []),
  ];
  const results = statements.length ? await commit(scope, statements) : [];
  const deliveries = (results.slice(0, deliveryInserts.length) as { id: string }[][]).flat().map((d) => d.id);
  for (let i = 0; i < deliveries.length; i += 100) {
    await env.DELIVERIES.sendBatch(
      deliveries.slice(i, i + 100).map((deliveryId) => ({ body: { tenantId: scope.tenantId, deliveryId } })),
    );
  }
  if (failed > 0) throw new Error(`${failed} provider sends failed; the event is retried`);
  if (inFlight > 0) throw new Error(`${inFlight} provider sends in flight elsewhere; the event is retried`);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The event's inbox rows: the assignee's and the rung's (`staffInboxFor`), then the notices' to anyone else. */
async function inboxOf(
  scope: TenantScope,
  event: EventEnvelope,
  notices: readonly StaffNotice[],
): Promise<InboxItem[]> {
  const userIds = [...staffInboxFor(event).map((i) => i.userId), ...notices.flatMap((n) => n.userIds)];
  const locales = await staffLocales(scope, userIds);
  const localeOf = (userId: string) => locales.get(userId) ?? 'zh-CN';
  const items = staffInboxFor(event, localeOf);
  const seen = new Set(items.map((i) => i.userId));
  for (const item of noticeInboxItems(event, notices, localeOf)) {
    if (seen.has(item.userId)) continue;
    seen.add(item.userId);
    items.push(item);
  }
  return items;
}

/**
 * The notices through every provider channel (staff by their preferences, contacts by SMS and
 * email), each staff member in their own language; contacts without a login read Chinese.
 */
async function noticeSends(scope: TenantScope, notices: readonly StaffNotice[]): Promise<ChannelSend[]> {
  const locales = await staffLocales(
    scope,
    notices.flatMap((n) => n.userIds),
  );
  const sends: ChannelSend[] = [];
  for (const n of notices) {
    const byLocale = new Map<notify.StaffLocale, string[]>([['zh-CN', []]]);
    for (const id of n.userIds) {
      const locale = locales.get(id) ?? 'zh-CN';
      byLocale.set(locale, [...(byLocale.get(locale) ?? []), id]);
    }
    for (const [locale, userIds] of byLocale) {
      const recipients: Recipient[] = [
        ...(userIds.length ? await staffRecipients(scope, userIds) : []),
        ...(locale === 'zh-CN' ? n.contacts.map((c) => ({ type: 'contact' as const, ...c })) : []),
      ];
      if (recipients.length === 0) continue;
      const message = n.messageIn(locale);
      sends.push({
        kinds: [...channelKinds],
        recipients,
        urgent: message.urgent,
        message: {
          template: message.template,
          subject: message.title,
          text: message.text,
          params: message.params,
          link: message.link,
        },
      });
    }
  }
  return sends;
}

/**
 * Staff inbox rows an event causes: assignments, warnings, breaches, escalations, Service Star
 * announcements, corrective actions. Title and body come from core's `notify.staffEventMessage`
 * in each reader's language (`localeOf`, zh-CN unless they chose English).
 */
export function staffInboxFor(
  event: EventEnvelope,
  localeOf: (userId: string) => notify.StaffLocale = () => 'zh-CN',
): InboxItem[] {
  const d = event.data;
  const item = (userId: string, data: Record<string, unknown>): InboxItem[] => {
    const message = notify.staffEventMessage(event.type, d, localeOf(userId));
    return message
      ? [{ userId, sourceId: event.id, kind: event.type, title: message.title, body: message.text, data }]
      : [];
  };
  const listed = (data: Record<string, unknown>) =>
    (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).flatMap((id) => item(str(id), data));
  const caseData = { eventId: event.id, caseId: d.caseId, archiveNo: d.archiveNo };
  switch (event.type) {
    case 'case.assigned':
    case 'sla.warning':
    case 'sla.breached':
      return d.assigneeId ? item(str(d.assigneeId), caseData) : [];
    case 'case.escalated':
    case 'case.chased':
      return listed(caseData);
    case 'star.winners_announced':
      return listed({ eventId: event.id, cycleId: d.cycleId });
    case 'defect.suggested':
    case 'defect.decided':
    case 'defect.deadline':
      return listed({ eventId: event.id, defectId: d.defectId });
    case 'handover.item_at_risk':
      return listed({ eventId: event.id, planId: d.planId });
    case 'corrective_action.created':
      return d.ownerId
        ? item(str(d.ownerId), {
            eventId: event.id,
            correctiveActionId: d.correctiveActionId,
            auditId: d.auditId,
          })
        : [];
    case 'survey.campaign_closed':
      return listed({ eventId: event.id, campaignId: d.campaignId });
    case 'improvement_plan.changed':
      return listed({ eventId: event.id, planId: d.planId, campaignId: d.campaignId });
    case 'plan_recheck.due_soon':
    case 'plan_recheck.overdue':
    case 'plan_recheck.escalated':
      return listed({ eventId: event.id, planId: d.planId, recheckId: d.recheckId });
    case 'supervisor_rotation.deadline':
      return listed({ eventId: event.id, rotationId: d.rotationId });
    case 'complaint_summary.drafted':
    case 'complaint_summary.submitted':
    case 'complaint_summary.reviewed':
    case 'complaint_summary.due_soon':
    case 'complaint_summary.escalated':
      return listed({ eventId: event.id, summaryId: d.summaryId });
    default:
      return [];
  }
}

/** Messages through provider channels: owners hear of their case's progress and of notices; staff of their work and the daily digest. */
export async function channelSendsFor(
  env: Env,
  scope: TenantScope,
  event: EventEnvelope,
): Promise<ChannelSend[]> {
  if (isOwnerMessageEvent(event.type)) return ownerCaseSends(env, scope, event);
  if (event.type === 'survey.campaign_opened' || event.type === 'survey.campaign_reminded') {
    return surveyLinkSends(env, scope, event);
  }
  const d = event.data;
  const archiveNo = str(d.archiveNo);
  // The assignee's email says what their inbox row says, in their language.
  const toStaff = async (template: string): Promise<ChannelSend[]> => {
    const userIds = staffInboxFor(event).map((i) => i.userId);
    const locales = await staffLocales(scope, userIds);
    const sends: ChannelSend[] = [];
    for (const item of staffInboxFor(event, (id) => locales.get(id) ?? 'zh-CN')) {
      const recipients = await staffRecipients(scope, [item.userId]);
      if (recipients.length === 0) continue;
      const message = { template, subject: item.title, text: item.body, params: { archiveNo } };
      sends.push({ kinds: [...staffKinds], recipients, message });
    }
    return sends;
  };
  switch (event.type) {
    case 'case.assigned':
      return toStaff('staff.assigned');
    case 'sla.warning':
      return toStaff('staff.sla_warning');
    case 'sla.breached':
      return toStaff('staff.sla_breached');
    case 'digest.published': {
      const digest = await findDigest(scope, str(d.digestId));
      if (!digest) return [];
      const [branch] = await scope.db
        .select({ name: branches.name })
        .from(branches)
        .where(and(eq(branches.tenantId, scope.tenantId), eq(branches.id, digest.branchId)))
        .limit(1);
      const text = digestText(digest, branch?.name ?? '');
      const recipients = await staffRecipients(scope, await digestRecipients(scope, digest.branchId));
      return recipients.length
        ? [
            {
              kinds: [...staffKinds],
              recipients,
              message: {
                template: 'digest',
                subject: text.title,
                text: text.body,
                params: { reportDate: digest.reportDate, count: String(digest.complaintCount) },
              },
            },
          ]
        : [];
    }
    case 'notice.published': {
      const [notice] = await scope.db
        .select()
        .from(notices)
        .where(and(eq(notices.tenantId, scope.tenantId), eq(notices.id, str(d.noticeId))))
        .limit(1);
      if (!notice) return [];
      const recipients = await ownerRecipients(
        scope,
        await noticeAudience(scope, notice.branchId, notice.projectId),
      );
      if (recipients.length === 0) return [];
      return [
        {
          kinds: [...ownerKinds],
          recipients,
          message: {
            template: 'notice',
            subject: notice.title,
            text: `${notice.title}\n${notice.body}`,
            params: { title: notice.title },
          },
        },
      ];
    }
    default:
      return [];
  }
}
