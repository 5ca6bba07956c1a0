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
    ...inboxInserts(scope, inboxOf(event, notices)),
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
function inboxOf(event: EventEnvelope, notices: readonly StaffNotice[]): InboxItem[] {
  const items = staffInboxFor(event);
  const seen = new Set(items.map((i) => i.userId));
  for (const item of noticeInboxItems(event, notices)) {
    if (seen.has(item.userId)) continue;
    seen.add(item.userId);
    items.push(item);
  }
  return items;
}

/** The notices through every provider channel (staff by their preferences, contacts by SMS and email). */
async function noticeSends(scope: TenantScope, notices: readonly StaffNotice[]): Promise<ChannelSend[]> {
  const sends: ChannelSend[] = [];
  for (const n of notices) {
    const recipients: Recipient[] = [
      ...(await staffRecipients(scope, n.userIds)),
      ...n.contacts.map((c) => ({ type: 'contact' as const, ...c })),
    ];
    if (recipients.length === 0) continue;
    sends.push({
      kinds: [...channelKinds],
      recipients,
      urgent: n.message.urgent,
      message: {
        template: n.message.template,
        subject: n.message.title,
        text: n.message.text,
        params: n.message.params,
        link: n.message.link,
      },
    });
  }
  return sends;
}

/** Staff inbox rows an event causes: assignments, warnings, breaches, escalations, Service Star announcements, corrective actions. */
export function staffInboxFor(event: EventEnvelope): InboxItem[] {
  const d = event.data;
  const ref = `${str(d.archiveNo)}`;
  const item = (userId: string, title: string, body: string): InboxItem => ({
    userId,
    sourceId: event.id,
    kind: event.type,
    title,
    body,
    data: { eventId: event.id, caseId: d.caseId, archiveNo: d.archiveNo },
  });
  switch (event.type) {
    case 'case.assigned':
      return d.assigneeId
        ? [item(str(d.assigneeId), `新工单 ${ref}`, `Case ${ref} was assigned to you.`)]
        : [];
    case 'sla.warning':
      return d.assigneeId
        ? [
            item(
              str(d.assigneeId),
              `即将超时 ${ref}`,
              `${str(d.milestone)} of case ${ref} is due at ${str(d.dueAt)}.`,
            ),
          ]
        : [];
    case 'sla.breached':
      return d.assigneeId
        ? [
            item(
              str(d.assigneeId),
              `已超时 ${ref}`,
              `${str(d.milestone)} of case ${ref} missed ${str(d.dueAt)}.`,
            ),
          ]
        : [];
    case 'case.escalated':
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) =>
        item(
          str(id),
          `升级 L${String(d.level)} ${ref}`,
          `Case ${ref} was escalated to level ${String(d.level)}.`,
        ),
      );
    case 'case.chased':
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) =>
        item(str(id), `业主催单 ${ref}`, `The owner chased case ${ref} (chase ${String(d.chaseCount)}).`),
      );
    case 'star.winners_announced': {
      const quarter = `${String(d.year)} Q${String(d.quarter)}`;
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) => ({
        ...item(str(id), `服务之星 ${quarter}`, `The Service Star winners of ${quarter} are announced.`),
        data: { eventId: event.id, cycleId: d.cycleId },
      }));
    }
    case 'defect.suggested':
    case 'defect.decided':
    case 'defect.deadline': {
      const title =
        event.type === 'defect.suggested'
          ? '疑似产品缺陷待确认'
          : event.type === 'defect.decided'
            ? '缺陷会议决策：请整改'
            : d.kind === 'warning'
              ? `缺陷${d.deadline === 'feedback' ? '整改意见反馈' : '整改完成'}即将到期`
              : d.kind === 'breach'
                ? `缺陷${d.deadline === 'feedback' ? '整改意见反馈' : '整改完成'}已超期`
                : `缺陷${d.deadline === 'feedback' ? '整改意见反馈' : '整改完成'}超期升级`;
      const ids = Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : [];
      return ids.map((id) => ({
        ...item(str(id), title, str(d.description)),
        data: { eventId: event.id, defectId: d.defectId },
      }));
    }
    case 'handover.item_at_risk':
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) => ({
        ...item(
          str(id),
          `交付风险：${str(d.itemLabel)}`,
          `${str(d.batch)} · ${str(d.handoverOn)} · ${str(d.state)}`,
        ),
        data: { eventId: event.id, planId: d.planId },
      }));
    case 'corrective_action.created':
      return d.ownerId
        ? [
            {
              ...item(str(d.ownerId), '整改任务', `${str(d.description)} — due ${str(d.deadline)}.`),
              data: { eventId: event.id, correctiveActionId: d.correctiveActionId, auditId: d.auditId },
            },
          ]
        : [];
    case 'survey.campaign_closed': {
      const bottom = new Set(Array.isArray(d.bottomThree) ? d.bottomThree.map(String) : []);
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) => ({
        ...item(
          str(id),
          `满意度调查结果 ${str(d.title)}`,
          `The survey "${str(d.title)}" closed: ${String(d.responses)} of ${String(d.sampled)} owners answered. The bottom three (${[...bottom].join(', ')}) must file an improvement plan.`,
        ),
        data: { eventId: event.id, campaignId: d.campaignId },
      }));
    }
    case 'improvement_plan.changed':
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) => ({
        ...item(
          str(id),
          `提高计划 ${planStepZh[str(d.step)] ?? str(d.step)}`,
          `The improvement plan of ${str(d.projectId)}${d.department ? ` / ${str(d.department)}` : ''} is ${str(d.status)}${d.reason ? `: ${str(d.reason)}` : ''}.`,
        ),
        data: { eventId: event.id, planId: d.planId, campaignId: d.campaignId },
      }));
    case 'plan_recheck.due_soon':
    case 'plan_recheck.overdue':
    case 'plan_recheck.escalated':
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) => ({
        ...item(
          str(id),
          `提高计划复核${recheckZh[str(d.state)] ?? ''} ${String(d.year)} Q${String(d.quarter)}`,
          `The ${String(d.year)} Q${String(d.quarter)} re-check of plan ${str(d.planId)} is due ${str(d.dueOn)} (${str(d.state)}).`,
        ),
        data: { eventId: event.id, planId: d.planId, recheckId: d.recheckId },
      }));
    case 'supervisor_rotation.deadline':
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) => ({
        ...item(
          str(id),
          `轮岗交流汇报${recheckZh[str(d.state)] ?? ''}`,
          `The exchange report of the rotation ${str(d.startsOn)} – ${str(d.endsOn)} is due ${str(d.reportDue)} (${str(d.state)}).`,
        ),
        data: { eventId: event.id, rotationId: d.rotationId },
      }));
    case 'complaint_summary.drafted':
    case 'complaint_summary.submitted':
    case 'complaint_summary.reviewed':
    case 'complaint_summary.due_soon':
    case 'complaint_summary.escalated':
      return (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).map((id) => ({
        ...item(
          str(id),
          `${str(d.month)} 月度投诉汇总${summaryZh[event.type] ?? ''}${d.majorProblem ? '（重大问题）' : ''}`,
          `The ${str(d.month)} complaint summary of ${str(d.projectId)} (${String(d.total)} complaints) is ${str(d.status)}; due ${str(d.dueOn)}.`,
        ),
        data: { eventId: event.id, summaryId: d.summaryId },
      }));
    default:
      return [];
  }
}

const summaryZh: Record<string, string> = {
  'complaint_summary.drafted': '待填写',
  'complaint_summary.submitted': '已提交',
  'complaint_summary.reviewed': '已审阅',
  'complaint_summary.due_soon': '即将到期',
  'complaint_summary.escalated': '已逾期升级',
};

const planStepZh: Record<string, string> = {
  submit: '已提交',
  approve: '已通过',
  return: '已退回',
  present: '已向总经理汇报',
  close: '已关闭',
};
const recheckZh: Record<string, string> = { warning: '即将到期', overdue: '已逾期', escalated: '已升级' };

/** Messages through provider channels: owners hear of their case's progress and of notices; staff of their work and the daily digest. */
export async function channelSendsFor(
  env: Env,
  scope: TenantScope,
  event: EventEnvelope,
): Promise<ChannelSend[]> {
  if (isOwnerMessageEvent(event.type)) return ownerCaseSends(env, scope, event);
  if (event.type === 'survey.campaign_opened') return surveyLinkSends(env, scope, event);
  const d = event.data;
  const archiveNo = str(d.archiveNo);
  const toStaff = async (template: string, subject: string, text: string) => {
    const recipients = await staffRecipients(
      scope,
      staffInboxFor(event).map((i) => i.userId),
    );
    return recipients.length
      ? [{ kinds: [...staffKinds], recipients, message: { template, subject, text, params: { archiveNo } } }]
      : [];
  };
  switch (event.type) {
    case 'case.assigned':
      return toStaff('staff.assigned', `新工单 ${archiveNo}`, `工单 ${archiveNo} 已分配给您。`);
    case 'sla.warning':
      return toStaff(
        'staff.sla_warning',
        `即将超时 ${archiveNo}`,
        `工单 ${archiveNo} 的 ${str(d.milestone)} 即将超时。`,
      );
    case 'sla.breached':
      return toStaff(
        'staff.sla_breached',
        `已超时 ${archiveNo}`,
        `工单 ${archiveNo} 的 ${str(d.milestone)} 已超时。`,
      );
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
