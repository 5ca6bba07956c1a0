import type { StaffLocale } from './staff-messages';

/*
 * What a staff inbox row says about an event addressed to its assignee or listed people
 * (assignments, SLA warnings, escalations, Service Star, defects, handover risks, corrective
 * actions, surveys, improvement plans, rotations, complaint summaries), pure. Title and text come
 * from one composition in the reader's language, like `staffMessageFor`'s notices.
 */

export interface StaffEventText {
  title: string;
  text: string;
}

/** The event types `staffEventMessage` composes for. */
export const staffEventTypes = [
  'case.assigned',
  'sla.warning',
  'sla.breached',
  'case.escalated',
  'case.chased',
  'star.winners_announced',
  'defect.suggested',
  'defect.decided',
  'defect.deadline',
  'handover.item_at_risk',
  'corrective_action.created',
  'survey.campaign_closed',
  'improvement_plan.changed',
  'plan_recheck.due_soon',
  'plan_recheck.overdue',
  'plan_recheck.escalated',
  'supervisor_rotation.deadline',
  'complaint_summary.drafted',
  'complaint_summary.submitted',
  'complaint_summary.reviewed',
  'complaint_summary.due_soon',
  'complaint_summary.escalated',
] as const;
export type StaffEventType = (typeof staffEventTypes)[number];

const summaryStep: Record<string, { 'zh-CN': string; en: string }> = {
  'complaint_summary.drafted': { 'zh-CN': '待填写', en: 'to fill in' },
  'complaint_summary.submitted': { 'zh-CN': '已提交', en: 'submitted' },
  'complaint_summary.reviewed': { 'zh-CN': '已审阅', en: 'reviewed' },
  'complaint_summary.due_soon': { 'zh-CN': '即将到期', en: 'due soon' },
  'complaint_summary.escalated': { 'zh-CN': '已逾期升级', en: 'overdue, escalated' },
};
const planStep: Record<string, { 'zh-CN': string; en: string }> = {
  submit: { 'zh-CN': '已提交', en: 'submitted' },
  approve: { 'zh-CN': '已通过', en: 'approved' },
  return: { 'zh-CN': '已退回', en: 'returned' },
  present: { 'zh-CN': '已向总经理汇报', en: 'presented to the general manager' },
  close: { 'zh-CN': '已关闭', en: 'closed' },
};
const recheckState: Record<string, { 'zh-CN': string; en: string }> = {
  warning: { 'zh-CN': '即将到期', en: 'due soon' },
  overdue: { 'zh-CN': '已逾期', en: 'overdue' },
  escalated: { 'zh-CN': '已升级', en: 'escalated' },
};
const defectDeadline: Record<string, { 'zh-CN': string; en: string }> = {
  feedback: { 'zh-CN': '整改意见反馈', en: 'rectification feedback' },
  completion: { 'zh-CN': '整改完成', en: 'rectification completion' },
};

const s = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));

/** The title and text of an event's staff inbox row in the reader's language, or null for another event. */
export function staffEventMessage(
  type: string,
  d: Record<string, unknown>,
  locale: StaffLocale = 'zh-CN',
): StaffEventText | null {
  const en = locale === 'en';
  const t = (zhTitle: string, zhText: string, enTitle: string, enText: string): StaffEventText =>
    en ? { title: enTitle, text: enText } : { title: zhTitle, text: zhText };
  const ref = s(d.archiveNo);
  const pick = (table: Record<string, { 'zh-CN': string; en: string }>, key: string) =>
    table[key]?.[locale] ?? '';
  switch (type as StaffEventType) {
    case 'case.assigned':
      return t(
        `新工单 ${ref}`,
        `工单 ${ref} 已指派给您。`,
        `New case ${ref}`,
        `Case ${ref} was assigned to you.`,
      );
    case 'sla.warning':
      return t(
        `即将超时 ${ref}`,
        `工单 ${ref} 的 ${s(d.milestone)} 将于 ${s(d.dueAt)} 到期。`,
        `Due soon ${ref}`,
        `${s(d.milestone)} of case ${ref} is due at ${s(d.dueAt)}.`,
      );
    case 'sla.breached':
      return t(
        `已超时 ${ref}`,
        `工单 ${ref} 的 ${s(d.milestone)} 已于 ${s(d.dueAt)} 超时。`,
        `Overdue ${ref}`,
        `${s(d.milestone)} of case ${ref} missed ${s(d.dueAt)}.`,
      );
    case 'case.escalated':
      return t(
        `升级 L${s(d.level)} ${ref}`,
        `工单 ${ref} 已升级至第 ${s(d.level)} 级。`,
        `Escalated L${s(d.level)} ${ref}`,
        `Case ${ref} was escalated to level ${s(d.level)}.`,
      );
    case 'case.chased':
      return t(
        `业主催单 ${ref}`,
        `业主催办工单 ${ref}（第 ${s(d.chaseCount)} 次）。`,
        `Owner chased ${ref}`,
        `The owner chased case ${ref} (chase ${s(d.chaseCount)}).`,
      );
    case 'star.winners_announced': {
      const quarter = `${s(d.year)} Q${s(d.quarter)}`;
      return t(
        `服务之星 ${quarter}`,
        `${quarter} 服务之星评选结果已公布。`,
        `Service Star ${quarter}`,
        `The Service Star winners of ${quarter} are announced.`,
      );
    }
    case 'defect.suggested':
      return t(
        '疑似产品缺陷待确认',
        s(d.description),
        'Suspected product defect to confirm',
        s(d.description),
      );
    case 'defect.decided':
      return t(
        '缺陷会议决策：请整改',
        s(d.description),
        'Defect meeting decision: rectify',
        s(d.description),
      );
    case 'defect.deadline': {
      const what = pick(defectDeadline, d.deadline === 'feedback' ? 'feedback' : 'completion');
      const [zh, enTitle] =
        d.kind === 'warning'
          ? [`缺陷${what}即将到期`, `Defect ${what} due soon`]
          : d.kind === 'breach'
            ? [`缺陷${what}已超期`, `Defect ${what} overdue`]
            : [`缺陷${what}超期升级`, `Defect ${what} overdue, escalated`];
      return t(zh, s(d.description), enTitle, s(d.description));
    }
    case 'handover.item_at_risk': {
      const line = `${s(d.batch)} · ${s(d.handoverOn)} · ${s(d.state)}`;
      return t(`交付风险：${s(d.itemLabel)}`, line, `Handover at risk: ${s(d.itemLabel)}`, line);
    }
    case 'corrective_action.created':
      return t(
        '整改任务',
        `${s(d.description)}，请于 ${s(d.deadline)} 前完成。`,
        'Corrective action',
        `${s(d.description)} — due ${s(d.deadline)}.`,
      );
    case 'survey.campaign_closed': {
      const bottom = (Array.isArray(d.bottomThree) ? [...new Set(d.bottomThree.map(String))] : []).join(
        en ? ', ' : '、',
      );
      return t(
        `满意度调查结果 ${s(d.title)}`,
        `满意度调查「${s(d.title)}」已结束：抽样 ${s(d.sampled)} 位业主，${s(d.responses)} 位作答。后三名（${bottom}）须提交提高计划。`,
        `Survey results ${s(d.title)}`,
        `The survey "${s(d.title)}" closed: ${s(d.responses)} of ${s(d.sampled)} owners answered. The bottom three (${bottom}) must file an improvement plan.`,
      );
    }
    case 'improvement_plan.changed': {
      const of = `${s(d.projectId)}${d.department ? ` / ${s(d.department)}` : ''}`;
      const step = pick(planStep, s(d.step)) || s(d.step);
      return t(
        `提高计划 ${step}`,
        `${of} 的提高计划${step}${d.reason ? `：${s(d.reason)}` : '。'}`,
        `Improvement plan ${step}`,
        `The improvement plan of ${of} is ${step}${d.reason ? `: ${s(d.reason)}` : ''}.`,
      );
    }
    case 'plan_recheck.due_soon':
    case 'plan_recheck.overdue':
    case 'plan_recheck.escalated': {
      const quarter = `${s(d.year)} Q${s(d.quarter)}`;
      const state = pick(recheckState, s(d.state));
      return t(
        `提高计划复核${state} ${quarter}`,
        `提高计划 ${s(d.planId)} 的 ${quarter} 复核应于 ${s(d.dueOn)} 前完成（${state}）。`,
        `Improvement plan re-check ${state} ${quarter}`,
        `The ${quarter} re-check of plan ${s(d.planId)} is due ${s(d.dueOn)} (${state}).`,
      );
    }
    case 'supervisor_rotation.deadline': {
      const state = pick(recheckState, s(d.state));
      return t(
        `轮岗交流汇报${state}`,
        `${s(d.startsOn)} – ${s(d.endsOn)} 轮岗的交流汇报应于 ${s(d.reportDue)} 前提交（${state}）。`,
        `Rotation exchange report ${state}`,
        `The exchange report of the rotation ${s(d.startsOn)} – ${s(d.endsOn)} is due ${s(d.reportDue)} (${state}).`,
      );
    }
    case 'complaint_summary.drafted':
    case 'complaint_summary.submitted':
    case 'complaint_summary.reviewed':
    case 'complaint_summary.due_soon':
    case 'complaint_summary.escalated': {
      const step = pick(summaryStep, type);
      return t(
        `${s(d.month)} 月度投诉汇总${step}${d.majorProblem ? '（重大问题）' : ''}`,
        `${s(d.projectId)} 的 ${s(d.month)} 月度投诉汇总（${s(d.total)} 件投诉）${step}，应于 ${s(d.dueOn)} 前完成。`,
        `${s(d.month)} complaint summary ${step}${d.majorProblem ? ' (major problem)' : ''}`,
        `The ${s(d.month)} complaint summary of ${s(d.projectId)} (${s(d.total)} complaints) is ${step}; due ${s(d.dueOn)}.`,
      );
    }
    default:
      return null;
  }
}
