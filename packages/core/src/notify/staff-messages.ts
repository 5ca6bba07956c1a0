import { localDateTime } from '../events/owner-messages';

/*
 * What staff are told through their inbox and the provider channels, pure: the facts come from
 * the edge (the case as it stands, its deadlines, a console link). Chinese, as the console's
 * default; template codes name the provider template (`template.<code>` in a channel's sender
 * settings maps it to the SMS or WeChat template id). Each message says what to do and by when.
 * Title and text are composed together in the reader's language (zh-CN unless they chose en),
 * so an inbox row never mixes a Chinese title with an English body.
 */

/** The languages staff read: the console's (zh-CN first). */
export const staffLocales = ['zh-CN', 'en'] as const;
export type StaffLocale = (typeof staffLocales)[number];

/** A staff member's stored locale as one of `staffLocales` (anything else reads Chinese). */
export const staffLocaleOf = (locale: string | null | undefined): StaffLocale =>
  locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';

export interface StaffCaseFacts {
  archiveNo: string;
  /** The owner's unit as staff read it (project, building, unit number), or null. */
  unit: string | null;
  /** The tenant's name of the category in Chinese (下水堵塞). */
  category: string;
  /** Its English name, for staff who read English (else the code or the Chinese name). */
  categoryEn?: string;
  timeZone: string;
  /** The console page of the case. */
  link: string;
}

export interface StaffMessage {
  template: string;
  title: string;
  text: string;
  params: Record<string, string>;
  link: string;
  /** An emergency: quiet hours do not hold it back. */
  urgent: boolean;
}

export type StaffNoticeKind =
  | { kind: 'job_dispatched'; contactDueAt: Date | null; urgent: boolean }
  | { kind: 'department_assigned'; feedbackDueAt: Date | null }
  | { kind: 'first_ask_completed' }
  | { kind: 'first_ask_breached'; milestone: string; dueAt: Date }
  | { kind: 'first_ask_reopened'; reopenCount: number }
  | { kind: 'major_complaint'; severity: string }
  | { kind: 'incident_opened'; severity: string; etaAt: Date | null }
  | { kind: 'claim_approval'; amountFen: number; thresholdFen: number }
  | { kind: 'claim_approved'; amountFen: number }
  | { kind: 'escalated'; level: number; milestone: string | null; urgent: boolean };

/** ¥ with two decimals from fen. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

const severityLabel: Record<string, string> = { major: '重大投诉', group: '群诉', normal: '投诉' };
const severityLabelEn: Record<string, string> = {
  major: 'Major complaint',
  group: 'Group complaint',
  normal: 'Complaint',
};

/** The message of one staff notice about a case, in the reader's language. */
export function staffMessageFor(
  notice: StaffNoticeKind,
  facts: StaffCaseFacts,
  locale: StaffLocale = 'zh-CN',
): StaffMessage {
  const { archiveNo, link } = facts;
  const en = locale === 'en';
  const category = en ? (facts.categoryEn ?? facts.category) : facts.category;
  const where = [facts.unit, category].filter(Boolean).join(en ? ', ' : '，');
  const at = (d: Date) => localDateTime(d, facts.timeZone);
  const base = { archiveNo, category, unit: facts.unit ?? '', link };
  const msg = (
    template: string,
    title: string,
    text: string,
    params: Record<string, string> = {},
    urgent = false,
  ): StaffMessage => ({
    template,
    title,
    text: `${text}\n${link}`,
    params: { ...base, ...params },
    link,
    urgent,
  });
  const label = (severity: string) =>
    en ? (severityLabelEn[severity] ?? 'Complaint') : (severityLabel[severity] ?? '投诉');
  switch (notice.kind) {
    case 'job_dispatched': {
      const due = notice.contactDueAt ? at(notice.contactDueAt) : '';
      return msg(
        'staff.job_dispatched',
        en ? `New job ${archiveNo}` : `新派工 ${archiveNo}`,
        en
          ? `New job ${archiveNo}: ${where}. ${due ? `Contact the owner to book a visit before ${due}; after that the job is lost.` : 'Contact the owner soon to book a visit.'}`
          : `新派工 ${archiveNo}：${where}。${due ? `请于 ${due} 前联系业主预约上门，逾时将丧失本单维修权。` : '请尽快联系业主预约上门。'}`,
        { contactDueAt: due, contactDueAtIso: notice.contactDueAt?.toISOString() ?? '' },
        notice.urgent,
      );
    }
    case 'department_assigned': {
      const due = notice.feedbackDueAt ? at(notice.feedbackDueAt) : '';
      return msg(
        'staff.department_assigned',
        en ? `Department case ${archiveNo}` : `部门工单 ${archiveNo}`,
        en
          ? `Case ${archiveNo} was given to your department: ${where}.${due ? ` Report the handling to customer service before ${due} (1 hour before the owner's reply).` : ''}`
          : `工单 ${archiveNo} 已交由本部门处理：${where}。${due ? `请于 ${due} 前向客服反馈处理详情（回复业主前 1 小时）。` : ''}`,
        { feedbackDueAt: due, feedbackDueAtIso: notice.feedbackDueAt?.toISOString() ?? '' },
      );
    }
    case 'first_ask_completed':
      return msg(
        'staff.first_ask_completed',
        en ? `First-ask case completed ${archiveNo}` : `首问工单已完成 ${archiveNo}`,
        en
          ? `Case ${archiveNo}, which you took first, is completed: ${where}.`
          : `您首问的工单 ${archiveNo} 已处理完成：${where}。`,
      );
    case 'first_ask_breached':
      return msg(
        'staff.first_ask_breached',
        en ? `First-ask case overdue ${archiveNo}` : `首问工单超时 ${archiveNo}`,
        en
          ? `The ${notice.milestone} of case ${archiveNo}, which you took first, was due at ${at(notice.dueAt)} and is overdue: please follow up.`
          : `您首问的工单 ${archiveNo} 的 ${notice.milestone} 已于 ${at(notice.dueAt)} 超时，请跟进。`,
        { milestone: notice.milestone, dueAt: at(notice.dueAt) },
      );
    case 'first_ask_reopened':
      return msg(
        'staff.first_ask_reopened',
        en ? `First-ask case reopened ${archiveNo}` : `首问工单重开 ${archiveNo}`,
        en
          ? `Case ${archiveNo}, which you took first, was reopened (time ${notice.reopenCount}): please follow up.`
          : `您首问的工单 ${archiveNo} 已重新打开（第 ${notice.reopenCount} 次），请跟进。`,
        { reopenCount: String(notice.reopenCount) },
      );
    case 'major_complaint': {
      const l = label(notice.severity);
      return msg(
        'staff.major_complaint',
        `${l} ${archiveNo}`,
        en
          ? `${l} ${archiveNo}: ${where}. The customer-service lead contacts the owner first and forms a task force.`
          : `${l} ${archiveNo}：${where}。请客服负责人先行联系业主并组建专项小组。`,
        { severity: notice.severity },
        true,
      );
    }
    case 'incident_opened': {
      const eta = notice.etaAt ? at(notice.etaAt) : '';
      return msg(
        'staff.incident_opened',
        en ? `Task force formed ${archiveNo}` : `专项小组已成立 ${archiveNo}`,
        en
          ? `${label(notice.severity)} ${archiveNo} has a task force: ${where}.${eta ? ` The owner hears a plan before ${eta}.` : ''}`
          : `${label(notice.severity)} ${archiveNo} 已成立专项小组：${where}。${eta ? `预计 ${eta} 前给业主方案。` : ''}`,
        { severity: notice.severity, etaAt: eta },
        true,
      );
    }
    case 'claim_approval':
      return msg(
        'staff.claim_approval',
        en ? `Claim awaits approval ${archiveNo}` : `理赔待审批 ${archiveNo}`,
        en
          ? `The claim of ${yuan(notice.amountFen)} on case ${archiveNo} is over ${yuan(notice.thresholdFen)} and awaits your approval.`
          : `工单 ${archiveNo} 的理赔 ${yuan(notice.amountFen)} 超过 ${yuan(notice.thresholdFen)}，待您审批。`,
        { amount: yuan(notice.amountFen), threshold: yuan(notice.thresholdFen) },
      );
    case 'claim_approved':
      return msg(
        'staff.claim_approved',
        en ? `Claim approved ${archiveNo}` : `理赔已批准 ${archiveNo}`,
        en
          ? `The claim of ${yuan(notice.amountFen)} on case ${archiveNo} is approved: settle it with the owner.`
          : `工单 ${archiveNo} 的理赔 ${yuan(notice.amountFen)} 已批准，可与业主落实。`,
        { amount: yuan(notice.amountFen) },
      );
    case 'escalated':
      return msg(
        'staff.escalated',
        en ? `Escalated L${notice.level} ${archiveNo}` : `升级 L${notice.level} ${archiveNo}`,
        en
          ? `Case ${archiveNo} was escalated to level ${notice.level}${notice.milestone ? ` (${notice.milestone} overdue)` : ''}: ${where}.`
          : `工单 ${archiveNo} 已升级至第 ${notice.level} 级${notice.milestone ? `（${notice.milestone} 超时）` : ''}：${where}。`,
        { level: String(notice.level), milestone: notice.milestone ?? '' },
        notice.urgent,
      );
  }
}
