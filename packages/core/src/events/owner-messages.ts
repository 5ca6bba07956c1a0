import { localParts } from '../digest/index';

/**
 * What an owner is told about their case through SMS, WeChat and email, pure: the facts come
 * from the edge (the case row, the contractor's name, a freshly signed owner link). Owner
 * messages: case received with its archive number, contractor appointed, visit booked (the
 * appointment), completion, the follow-up link. Template codes name the provider template
 * (`template.<code>` in a channel's sender settings maps it to the provider's id).
 */
export interface OwnerCaseFacts {
  archiveNo: string;
  /** The tenant's time zone, for the visit time as the owner reads it. */
  timeZone: string;
  contractorName?: string | null;
  visitBookedFor?: Date | null;
  /** The owner link (follow the case, sign off, rate the follow-up). */
  link?: string | null;
  /** What staff said to the owner: the reply, or the owner-facing progress note. */
  said?: string | null;
  /** The owner's language: Chinese unless it says otherwise (`en`). */
  language?: string | null;
}

export interface OwnerMessage {
  template: string;
  subject: string;
  text: string;
  params: Record<string, string>;
  link?: string;
}

/** `YYYY-MM-DD HH:mm` in a time zone. */
export function localDateTime(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Event types that tell the owner something. */
export const ownerMessageEvents = [
  'case.created',
  'case.dispatched',
  'case.contacted',
  'case.completed',
  'followup.due',
  'case.replied',
  'case.owner_noted',
] as const;
export type OwnerMessageEvent = (typeof ownerMessageEvents)[number];

export const isOwnerMessageEvent = (type: string): type is OwnerMessageEvent =>
  (ownerMessageEvents as readonly string[]).includes(type);

/** The message of one case event to its owner; undefined when there is nothing to say (yet). */
export function ownerMessageFor(type: OwnerMessageEvent, facts: OwnerCaseFacts): OwnerMessage | undefined {
  const { archiveNo } = facts;
  const link = facts.link ?? undefined;
  const withLink = (text: string, label: string) => (link ? `${text}${label}：${link}` : text);
  switch (type) {
    case 'case.created':
      return {
        template: 'case.received',
        subject: `已受理 ${archiveNo}`,
        text: withLink(`您的诉求已受理，档案编号 ${archiveNo}。`, '查看进度'),
        params: { archiveNo, ...(link ? { link } : {}) },
        link,
      };
    case 'case.dispatched': {
      const who = facts.contractorName ?? '维修人员';
      return {
        template: 'case.dispatched',
        subject: `已派工 ${archiveNo}`,
        text: `工单 ${archiveNo} 已安排${who}处理，将尽快与您联系预约上门时间。`,
        params: { archiveNo, contractor: who },
      };
    }
    case 'case.contacted': {
      if (!facts.visitBookedFor) return undefined;
      const visitTime = localDateTime(facts.visitBookedFor, facts.timeZone);
      const who = facts.contractorName ?? '维修人员';
      return {
        template: 'case.appointment',
        subject: `预约上门 ${archiveNo}`,
        text: `工单 ${archiveNo}：${who}预约 ${visitTime} 上门，请留意。`,
        params: { archiveNo, contractor: who, visitTime, visitAt: facts.visitBookedFor.toISOString() },
      };
    }
    case 'case.completed':
      return {
        template: 'case.completed',
        subject: `已完成 ${archiveNo}`,
        text: withLink(`工单 ${archiveNo} 已完成。`, '请确认并评价'),
        params: { archiveNo, ...(link ? { link } : {}) },
        link,
      };
    case 'case.replied':
    case 'case.owner_noted': {
      // The complaint's reply and each owner-facing progress note, in the owner's language.
      if (!facts.said) return undefined;
      const en = facts.language === 'en';
      const reply = type === 'case.replied';
      const subject = en
        ? `${reply ? 'Reply' : 'Progress'} on case ${archiveNo}`
        : `${reply ? '回复' : '进展'} ${archiveNo}`;
      const text = en
        ? `${subject}: ${facts.said}${link ? `\nFollow your case: ${link}` : ''}`
        : `工单 ${archiveNo} ${reply ? '回复' : '最新进展'}：${facts.said}${link ? `\n查看进度：${link}` : ''}`;
      return {
        template: reply ? 'case.reply' : 'case.progress',
        subject,
        text,
        params: { archiveNo, message: facts.said, ...(link ? { link } : {}) },
        link,
      };
    }
    case 'followup.due':
      if (!link) return undefined;
      return {
        template: 'followup.link',
        subject: `回访 ${archiveNo}`,
        text: `请对工单 ${archiveNo} 的服务评价：${link}`,
        params: { archiveNo, link },
        link,
      };
  }
}
