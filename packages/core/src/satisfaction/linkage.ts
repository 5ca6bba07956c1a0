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

/** Roles whose holders are above the managers (the branch and group leadership). */
const executiveRoles = ['tenant_admin', 'branch_gm'];
/** Roles whose holders are managers (经理级). */
const managerRoles = ['cr_manager', 'project_manager', 'branch_cs_manager'];

/** A person's level for the linkage: their highest role, or department head (部门负责人) if they head one. */
export function staffLevelOf(roles: readonly string[], headsDepartment: boolean): StaffLevel {
  if (roles.some((r) => executiveRoles.includes(r))) return 'executive';
  if (roles.some((r) => managerRoles.includes(r))) return 'manager';
  return headsDepartment ? 'department_head' : 'staff';
}

/** Which results department (`ProjectResult.byDepartment`) a department of each kind answers for. */
export const resultsDepartmentOfKind: Readonly<Record<string, string>> = {
  customer_service: 'customer_service',
  engineering: 'engineering',
  security: 'security',
  cleaning: 'environment',
  landscaping: 'environment',
};

export interface LinkedPerson {
  staffId: string;
  level: StaffLevel;
  /** The projects the person answers for (their project, or a branch's projects). */
  projectIds: readonly string[];
  /** Their department's kind, when they sit in one. */
  departmentKind: string | null;
}

export interface LinkedScore {
  staffId: string;
  level: StaffLevel;
  /** The score the person is appraised on (0–100): their department's, or their projects' overall. */
  score: number | null;
  basis: 'department' | 'projects';
  /** Whether this round's results count against them (分阶段挂钩). */
  counted: boolean;
}

/**
 * The staff scorecard of a round: each person's satisfaction score (a department head or
 * specialist by their department's line in their projects, a manager or executive by their
 * projects' overall score, each the mean over the projects that answered) and whether the
 * round counts against them under the tenant's staged linkage.
 */
export function linkedScores(input: {
  settings: LinkageSettings;
  round: number;
  people: readonly LinkedPerson[];
  projects: readonly {
    projectId: string;
    overall: { score: number | null };
    byDepartment: Record<string, { score: number | null }>;
  }[];
}): LinkedScore[] {
  const byId = new Map(input.projects.map((p) => [p.projectId, p]));
  const mean = (xs: (number | null | undefined)[]) => {
    const v = xs.filter((x): x is number => typeof x === 'number');
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  return input.people.map((p) => {
    const results = p.projectIds.map((id) => byId.get(id)).filter((r) => r !== undefined);
    const dep = p.departmentKind ? resultsDepartmentOfKind[p.departmentKind] : undefined;
    const byDepartment =
      dep && (p.level === 'staff' || p.level === 'department_head')
        ? mean(results.map((r) => r.byDepartment[dep]?.score))
        : null;
    const basis = byDepartment !== null ? 'department' : 'projects';
    return {
      staffId: p.staffId,
      level: p.level,
      score: byDepartment ?? mean(results.map((r) => r.overall.score)),
      basis,
      counted: countsAgainst(input.settings, input.round, p.level),
    };
  });
}
