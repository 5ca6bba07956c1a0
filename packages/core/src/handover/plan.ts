import { z } from 'zod';
import { localDateOf } from '../time-zone';

/*
 * A handover plan (交付计划) per project batch (seed 000 part 2.V): the date, the households, and
 * who answers for the result. 指定某部门主导并对结果负责（项目部至少承担50%的责任）; 项目要承担
 * 交付结果50%的责任，其他部门均分剩余50%责任.
 */

export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

export const ResponsibilitySchema = z.object({
  departmentId: z.string().min(1),
  /** `project`: the project's own department, which leads; `supporting`: the others. */
  role: z.enum(['project', 'supporting']),
  /** Percent of the responsibility, 0 < share ≤ 100, two decimals at most. */
  sharePercent: z.number().gt(0).max(100),
});
export type Responsibility = z.infer<typeof ResponsibilitySchema>;

const cents = (n: number) => Math.round(n * 100);

/** The responsibilities of a plan: one project lead carrying at least `minProjectShare`, shares summing to 100. */
export function responsibilitiesSchema(minProjectShare = 50) {
  return z
    .array(ResponsibilitySchema)
    .min(1)
    .max(30)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((r, i) => {
        if (seen.has(r.departmentId)) {
          ctx.addIssue({ code: 'custom', path: [i, 'departmentId'], message: 'a department appears once' });
        }
        seen.add(r.departmentId);
        if (Math.abs(cents(r.sharePercent) - r.sharePercent * 100) > 1e-6) {
          ctx.addIssue({ code: 'custom', path: [i, 'sharePercent'], message: 'two decimals at most' });
        }
      });
      const leads = list.flatMap((r, i) => (r.role === 'project' ? [i] : []));
      if (leads.length !== 1) {
        ctx.addIssue({ code: 'custom', path: [], message: 'exactly one department has the project role' });
      } else if (list[leads[0]!]!.sharePercent < minProjectShare) {
        ctx.addIssue({
          code: 'custom',
          path: [leads[0]!, 'sharePercent'],
          message: `the project carries at least ${minProjectShare}%`,
        });
      }
      const total = list.reduce((s, r) => s + cents(r.sharePercent), 0);
      if (total !== 10000) {
        ctx.addIssue({ code: 'custom', path: [], message: `shares add up to ${total / 100}%, not 100%` });
      }
    });
}

/** A plan as created; `minProjectShare` is the tenant's `minProjectSharePercent`. */
export const handoverPlanInputSchema = (minProjectShare = 50) =>
  z.object({
    projectId: z.string().min(1),
    /** The batch (批次) name, e.g. "一期 1-5栋". */
    batch: z.string().trim().min(1).max(120),
    handoverOn: LocalDateSchema,
    households: z.number().int().min(1).max(100000),
    buildingIds: z.array(z.string().min(1)).max(200).default([]),
    responsibilities: responsibilitiesSchema(minProjectShare),
  });
export const HandoverPlanInputSchema = handoverPlanInputSchema();
export type HandoverPlanInput = z.input<typeof HandoverPlanInputSchema>;
export type HandoverPlan = z.output<typeof HandoverPlanInputSchema>;

/** The seed's split: the project 50%, the other departments the rest in equal shares (the last takes the rounding). */
export function defaultResponsibilities(
  projectDepartmentId: string,
  otherDepartmentIds: readonly string[],
): Responsibility[] {
  if (otherDepartmentIds.length === 0)
    return [{ departmentId: projectDepartmentId, role: 'project', sharePercent: 100 }];
  const each = Math.floor(5000 / otherDepartmentIds.length);
  return [
    { departmentId: projectDepartmentId, role: 'project', sharePercent: 50 },
    ...otherDepartmentIds.map((departmentId, i) => ({
      departmentId,
      role: 'supporting' as const,
      sharePercent:
        (i === otherDepartmentIds.length - 1 ? 5000 - each * (otherDepartmentIds.length - 1) : each) / 100,
    })),
  ];
}

/** The local date `months` calendar months before `date`, the day clamped to the month's last (05-31 → 02-28). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The date the readiness plan opens (交付前三个月专人负责跟进交付风险表). */
export function planOpensOn(handoverOn: string, opensMonthsBefore: number): string {
  return monthsBefore(handoverOn, opensMonthsBefore);
}

export type PlanPhase = 'not_open' | 'open' | 'handed_over';

/** Where a plan stands on the tenant's local date of `now`. */
export function planPhase(
  plan: Pick<HandoverPlan, 'handoverOn'>,
  now: Date,
  timeZone: string,
  opensMonthsBefore: number,
): PlanPhase {
  const today = localDateOf(now.getTime(), timeZone);
  if (today < planOpensOn(plan.handoverOn, opensMonthsBefore)) return 'not_open';
  return today <= plan.handoverOn ? 'open' : 'handed_over';
}
