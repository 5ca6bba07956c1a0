import { z } from 'zod';

/*
 * Staged linkage (分阶段挂钩), seed 000: "第一次满意度调查成果不予任何挂钩,第二次…跟部门负责人挂钩,
 * 第三次…跟各部门经理级以上人员挂钩,第四次…跟全体人员挂钩". A tenant setting says, per survey
 * round, whose appraisal the results count against; rounds after the last listed keep its rule.
 */

export const linkageAudiences = ['nobody', 'department_heads', 'managers_and_above', 'everyone'] as const;
export const LinkageAudienceSchema = z.enum(linkageAudiences);
export type LinkageAudience = z.infer<typeof LinkageAudienceSchema>;

/** Staff levels, lowest first; a manager is above a department head. */
export const staffLevels = ['staff', 'department_head', 'manager', 'executive'] as const;
export type StaffLevel = (typeof staffLevels)[number];

export const LinkageSettingsSchema = z
  .object({
    /** Index 0 is round 1. */
    rounds: z.array(LinkageAudienceSchema).min(1).max(20),
  })
  .strict();
export type LinkageSettings = z.infer<typeof LinkageSettingsSchema>;

export const defaultLinkage: LinkageSettings = {
  rounds: ['nobody', 'department_heads', 'managers_and_above', 'everyone'],
};

export function linkageOfRound(settings: LinkageSettings, round: number): LinkageAudience {
  const i = Math.max(0, Math.min(round, settings.rounds.length) - 1);
  return settings.rounds[i] as LinkageAudience;
}

/**
 * Whether a round's results count against a staff member. "Department heads" means the
 * department head level exactly (部门负责人); "managers and above" covers manager and executive.
 */
export function countsAgainst(settings: LinkageSettings, round: number, level: StaffLevel): boolean {
  switch (linkageOfRound(settings, round)) {
    case 'nobody':
      return false;
    case 'department_heads':
      return level === 'department_head';
    case 'managers_and_above':
      return level === 'manager' || level === 'executive';
    case 'everyone':
      return true;
  }
}
