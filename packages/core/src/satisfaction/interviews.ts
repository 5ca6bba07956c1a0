import { z } from 'zod';
import type { Calendar } from '../sla/calendar';
import { addDays, localDateOf } from '../time-zone';
import { type Deadline, type DeadlineState, deadlineState, workingDayDeadline } from './working-days';

/*
 * Owner interviews (访谈) and the newly promoted supervisor's rotation (轮岗), seed 000 part two:
 * "企业每个员工每年至少要和12名客户进行访谈…企业管理层每年至少与6名客户进行访谈,要形成访谈汇报提交客服部门。
 * 任何部门升任主管,要到客服中心进行交流,为期2周…2周后提交交流汇报。"
 */

export const InterviewReportSchema = z
  .object({
    ownerId: z.string().min(1),
    unitId: z.string().min(1),
    interviewedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    livingExperience: z.string().trim().min(1).max(5000), // 居住感受
    productOpinion: z.string().trim().min(1).max(5000), // 对产品的评价、意见
  })
  .strict();

export const InterviewQuotaSchema = z
  .object({ staff: z.number().int().min(0).default(12), management: z.number().int().min(0).default(6) })
  .strict();
export type InterviewQuota = z.output<typeof InterviewQuotaSchema>;
export const defaultInterviewQuota: InterviewQuota = { staff: 12, management: 6 };

export interface Interviewer {
  staffId: string;
  departmentId: string;
  management: boolean;
}

export interface InterviewProgress {
  staffId: string;
  departmentId: string;
  quota: number;
  done: number;
  remaining: number;
  /** In the year's last quarter with interviews still owed: remind (最后一个季度提醒). */
  remind: boolean;
}

/**
 * Progress of each person for `year` at `now`; an owner interviewed twice by the same person
 * counts once ("12 owners", not 12 interviews).
 */
export function interviewProgress(input: {
  people: readonly Interviewer[];
  interviews: readonly { staffId: string; ownerId: string; interviewedOn: string }[];
  year: number;
  quota?: InterviewQuota;
  now: Date;
  timeZone: string;
}): InterviewProgress[] {
  const quota = input.quota ?? defaultInterviewQuota;
  const today = localDateOf(input.now.getTime(), input.timeZone);
  const lastQuarter = today >= `${input.year}-10-01` && today <= `${input.year}-12-31`;
  const owners = new Map<string, Set<string>>();
  for (const i of input.interviews) {
    if (!i.interviewedOn.startsWith(`${input.year}-`)) continue;
    owners.set(i.staffId, (owners.get(i.staffId) ?? new Set()).add(i.ownerId));
  }
  return input.people.map((p) => {
    const q = p.management ? quota.management : quota.staff;
    const done = owners.get(p.staffId)?.size ?? 0;
    const remaining = Math.max(0, q - done);
    return {
      staffId: p.staffId,
      departmentId: p.departmentId,
      quota: q,
      done,
      remaining,
      remind: lastQuarter && remaining > 0,
    };
  });
}

/** Per department: the sum of quotas and of interviews counted against them. */
export function departmentProgress(progress: readonly InterviewProgress[]) {
  const by = new Map<string, { quota: number; done: number; people: number; behind: number }>();
  for (const p of progress) {
    const d = by.get(p.departmentId) ?? { quota: 0, done: 0, people: 0, behind: 0 };
    d.quota += p.quota;
    d.done += Math.min(p.done, p.quota);
    d.people += 1;
    if (p.remaining > 0) d.behind += 1;
    by.set(p.departmentId, d);
  }
  return [...by.keys()].sort().map((departmentId) => {
    const d = by.get(departmentId) as { quota: number; done: number; people: number; behind: number };
    return { departmentId, ...d, rate: d.quota ? d.done / d.quota : null };
  });
}

/** The rotation lasts two weeks (14 calendar days from its start). */
export const ROTATION_DAYS = 14;

export interface RotationDue {
  startsOn: string;
  endsOn: string;
  /** The exchange report (交流汇报) is due by the end of the first working day after it ends. */
  reportDeadline: Deadline;
}

export function rotationSchedule(
  startsOn: string,
  calendar: Calendar,
  warnDays = 1,
  escalateDays = 3,
): RotationDue {
  const endsOn = addDays(startsOn, ROTATION_DAYS - 1);
  return {
    startsOn,
    endsOn,
    reportDeadline: workingDayDeadline(addDays(endsOn, 1), calendar, { warnDays, escalateDays }),
  };
}

export function rotationState(due: RotationDue, now: Date, reportedAt: Date | null): DeadlineState {
  return deadlineState(due.reportDeadline, now, reportedAt);
}

/** The roles that make a person management (企业管理层) for the interview quota: 6 owners a year, not 12. */
export const managementRoles = [
  'tenant_admin',
  'cr_manager',
  'project_manager',
  'branch_cs_manager',
  'branch_gm',
] as const;

export function isManagement(roles: readonly string[]): boolean {
  return roles.some((r) => (managementRoles as readonly string[]).includes(r));
}
