import type { CaseStatus } from './model';
import type { CaseKind, LowRatingReason } from './vocabulary';
import { type CategoryNode, findCategory } from './vocabulary';

/*
 * What an owner reads on the owner link page, in Chinese first (zh-CN) with English. The API
 * keeps its English codes; only owner-facing text is translated here.
 */

export const ownerLocales = ['zh-CN', 'en'] as const;
export type OwnerLocale = (typeof ownerLocales)[number];

/** The locale to answer in: an explicit choice, else the first supported one the browser asks for, else zh-CN. */
export function pickOwnerLocale(
  explicit: string | undefined,
  acceptLanguage: string | undefined,
): OwnerLocale {
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** One text in each owner locale. */
export type Bilingual = Readonly<Record<OwnerLocale, string>>;
type Labels<K extends string> = Readonly<Record<K, Bilingual>>;

/**
 * The one label-table mechanism of owner-facing text: `table[key]` in `locale`, `{name}`
 * placeholders filled from `values` (an unknown placeholder stays as written). A code the
 * table does not hold answers the code itself, so a new code never renders blank.
 */
export function labelOf<K extends string>(
  table: Labels<K>,
  locale: OwnerLocale,
  key: string,
  values: Record<string, string | number> = {},
): string {
  const entry = (table as Partial<Record<string, Bilingual>>)[key];
  if (!entry) return key;
  return entry[locale].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in values ? String(values[name]) : m,
  );
}

const kindLabels: Labels<CaseKind> = {
  inquiry: { 'zh-CN': '咨询', en: 'Inquiry' },
  repair: { 'zh-CN': '报修', en: 'Repair' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
  suggestion: { 'zh-CN': '建议', en: 'Suggestion' },
};

const statusLabels: Labels<CaseStatus> = {
  received: { 'zh-CN': '已受理', en: 'Received' },
  dispatched: { 'zh-CN': '已派单', en: 'Dispatched' },
  contacted: { 'zh-CN': '已预约上门', en: 'Visit booked' },
  on_site: { 'zh-CN': '维修人员已到场', en: 'Technician on site' },
  completed: { 'zh-CN': '维修完成，待您确认', en: 'Completed, awaiting your confirmation' },
  signed_off: { 'zh-CN': '您已确认完工', en: 'Confirmed by you' },
  forfeited: { 'zh-CN': '正在重新安排维修单位', en: 'Reassigning the repair' },
  assigned: { 'zh-CN': '已转交责任部门', en: 'Passed to the responsible department' },
  in_progress: { 'zh-CN': '处理中', en: 'In progress' },
  resolved: { 'zh-CN': '已处理', en: 'Resolved' },
  answered: { 'zh-CN': '已答复', en: 'Answered' },
  acknowledged: { 'zh-CN': '已收到', en: 'Acknowledged' },
  adopted: { 'zh-CN': '已采纳', en: 'Adopted' },
  noted: { 'zh-CN': '已记录', en: 'Noted' },
  followed_up: { 'zh-CN': '已回访', en: 'Followed up' },
  reopened: { 'zh-CN': '重新处理中', en: 'Reopened' },
  waiting_for_owner: { 'zh-CN': '等待您的回复', en: 'Waiting for you' },
  closed: { 'zh-CN': '已结案', en: 'Closed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

/** The steps an owner sees on the timeline (owner-visible entries only ever carry these). */
const stepLabels: Labels<string> = {
  receive: { 'zh-CN': '工单已受理', en: 'Case received' },
  dispatch: { 'zh-CN': '已派给维修单位', en: 'Sent to a repair team' },
  reassign: { 'zh-CN': '已改派维修单位', en: 'Sent to another repair team' },
  record_contact: { 'zh-CN': '维修人员已联系您并预约上门', en: 'The technician called and booked a visit' },
  arrive: { 'zh-CN': '维修人员已到场', en: 'The technician arrived' },
  complete: { 'zh-CN': '维修完成', en: 'Repair completed' },
  sign_off: { 'zh-CN': '您已确认完工', en: 'You confirmed the repair' },
  assign_department: { 'zh-CN': '已转交责任部门', en: 'Passed to the responsible department' },
  reply_owner: { 'zh-CN': '客服回复', en: 'Reply from customer service' },
  // Only notes written for the owner (visibility `owner`) reach the owner's page.
  add_note: { 'zh-CN': '客服留言', en: 'A note from customer service' },
  resolve: { 'zh-CN': '已处理', en: 'Resolved' },
  answer: { 'zh-CN': '已答复', en: 'Answered' },
  acknowledge: { 'zh-CN': '已收到', en: 'Acknowledged' },
  adopt: { 'zh-CN': '建议已采纳', en: 'Suggestion adopted' },
  mark_noted: { 'zh-CN': '已记录', en: 'Noted' },
  follow_up: { 'zh-CN': '回访', en: 'Follow-up' },
  reopen: { 'zh-CN': '重新处理', en: 'Reopened' },
  wait_for_owner: { 'zh-CN': '等待您的回复', en: 'Waiting for you' },
  resume: { 'zh-CN': '继续处理', en: 'Handling resumed' },
  close: { 'zh-CN': '已结案', en: 'Closed' },
  cancel: { 'zh-CN': '已取消', en: 'Cancelled' },
  owner_email: { 'zh-CN': '收到您的邮件', en: 'Your email' },
  chase: { 'zh-CN': '您已催单', en: 'You chased this case' },
};

const pageText = {
  title: { 'zh-CN': '我的工单', en: 'My case' },
  archiveNo: { 'zh-CN': '工单号', en: 'Case number' },
  kind: { 'zh-CN': '类型', en: 'Type' },
  status: { 'zh-CN': '状态', en: 'Status' },
  category: { 'zh-CN': '类别', en: 'Category' },
  description: { 'zh-CN': '问题描述', en: 'Description' },
  receivedAt: { 'zh-CN': '受理时间', en: 'Received' },
  visitBookedFor: { 'zh-CN': '预约上门时间', en: 'Booked visit' },
  timeline: { 'zh-CN': '处理进度', en: 'Progress' },
  notices: { 'zh-CN': '通知与公告', en: 'Notices' },
  readNotice: { 'zh-CN': '阅读全文', en: 'Read the notice' },
  backToCase: { 'zh-CN': '返回我的工单', en: 'Back to my case' },
  signOff: { 'zh-CN': '确认维修完成', en: 'Confirm the repair is done' },
  signOffHint: {
    'zh-CN': '维修人员已完成维修。请确认问题已解决。',
    en: 'The technician has finished. Please confirm the problem is fixed.',
  },
  followUp: { 'zh-CN': '服务评价', en: 'Rate our service' },
  satisfaction: { 'zh-CN': '满意度', en: 'Satisfaction' },
  comment: { 'zh-CN': '意见或建议（选填）', en: 'Comments (optional)' },
  lowRatingReason: {
    'zh-CN': '如不满意，主要原因（选填）',
    en: 'If unsatisfied, the main reason (optional)',
  },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  thanks: { 'zh-CN': '感谢您的反馈。', en: 'Thank you for your feedback.' },
  rated: { 'zh-CN': '您的评价', en: 'Your rating' },
  invalidLink: {
    'zh-CN': '链接无效或已过期。请联系物业服务中心获取新的链接。',
    en: 'This link is invalid or has expired. Please ask the property service centre for a new one.',
  },
  notFound: { 'zh-CN': '未找到该工单。', en: 'This case was not found.' },
  tooMany: { 'zh-CN': '操作太频繁，请稍后再试。', en: 'Too many requests; please try again shortly.' },
  pickRating: { 'zh-CN': '请选择 1 到 5 分。', en: 'Please choose 1 to 5.' },
  notNow: { 'zh-CN': '该操作当前不可用。', en: 'That is not possible right now.' },
  /** The link to the other language, in that language. */
  switchTo: { 'zh-CN': 'English', en: '中文' },
} as const;

export type OwnerText = keyof typeof pageText;

const satisfactionLabels = {
  'zh-CN': ['', '非常不满意', '不满意', '一般', '满意', '非常满意'],
  en: ['', 'Very unsatisfied', 'Unsatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
} as const;

/** Why a low rating was given, as the owner reads it. */
const lowRatingReasonLabels: Labels<LowRatingReason> = {
  slow: { 'zh-CN': '处理太慢', en: 'Too slow' },
  not_fixed: { 'zh-CN': '问题没有解决', en: 'Not fixed' },
  attitude: { 'zh-CN': '服务态度', en: 'Attitude' },
  cost: { 'zh-CN': '费用问题', en: 'Cost' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** Owner-facing wording in one locale; an unknown code falls back to the code itself. */
export function ownerLabels(locale: OwnerLocale, categories: readonly CategoryNode[]) {
  return {
    text: (key: OwnerText) => labelOf(pageText, locale, key),
    kind: (kind: string) => labelOf(kindLabels, locale, kind),
    status: (status: string) => labelOf(statusLabels, locale, status),
    step: (action: string) => labelOf(stepLabels, locale, action),
    category: (code: string) => findCategory(categories, code)?.labels[locale] ?? code,
    satisfaction: (score: number) => satisfactionLabels[locale][score] ?? String(score),
    lowRatingReason: (reason: string) => labelOf(lowRatingReasonLabels, locale, reason),
  };
}
