/**
 * Staff roles (seed 003/004) and what each may do. A role is always held
 * within a scope: the whole group, one branch, or one project.
 */
export const roles = [
  'tenant_admin',
  'cr_manager', // 客户关系经理: settles claims above the tenant threshold
  'cs_supervisor', // 客服主管
  'cs_specialist', // 客服专员
  'complaint_supervisor', // 投诉主管
  'complaint_specialist', // 投诉专员
  'hotline_agent', // 接线专员
  'front_desk', // 前台客服
  'project_manager', // 项目经理
  'branch_cs_manager', // 分公司客服经理
  'branch_gm', // 分公司总经理
  'branch_hr', // 行政人事部
  'engineer', // 工程维修
  'security_guard', // 保安
  'contractor_staff', // 施工单位维修人员
  'mystery_shopper', // 神秘客户
  'integrator', // an integrator system, through an API key
] as const;
export type Role = (typeof roles)[number];

export const scopeTypes = ['group', 'branch', 'project'] as const;
export type ScopeType = (typeof scopeTypes)[number];

/** A role held within a scope; scopeId is null for the whole group. */
export interface Grant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

export const permissions = [
  'org.read', // branches, projects, buildings, units, departments, contractors
  'org.manage',
  'owners.read',
  'owners.manage',
  'staff.read',
  'staff.manage',
  'api_keys.manage',
  'audit_log.read',
  'cases.read',
  'cases.create',
  'cases.handle',
  'cases.approve_claim',
  'sla.manage',
  'webhooks.manage',
  'star.nominate',
  'star.submit',
  'star.review',
  'audits.manage',
  'audits.perform',
  'quality.read', // the defect register, scorecards, handover readiness
  'quality.manage',
  'knowledge.read', // the knowledge base and case library
  'knowledge.manage',
  'satisfaction.read', // survey results, rankings, improvement plans
  'satisfaction.manage', // 客服中心: templates, campaigns, plan review and re-check (复核)
  'satisfaction.plan', // the ranked project files its improvement plan (提高计划)
] as const;
export type Permission = (typeof permissions)[number];

const caseDesk: Permission[] = [
  'org.read',
  'owners.read',
  'owners.manage',
  'cases.read',
  'cases.create',
  'cases.handle',
  'knowledge.read',
];

/** Who runs defect meetings, scorecards and handovers, and edits the knowledge base. */
const qualityLead: Permission[] = ['quality.read', 'quality.manage', 'knowledge.manage'];

/** The role × permission half of the matrix; the scope half is the grant's scope. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  tenant_admin: permissions,
  cr_manager: [
    ...caseDesk,
    'cases.approve_claim',
    'staff.read',
    'audit_log.read',
    'sla.manage',
    'audits.manage',
    ...qualityLead,
    'satisfaction.read',
    'satisfaction.manage',
  ],
  cs_supervisor: [
    ...caseDesk,
    'staff.read',
    'star.nominate',
    'audits.manage',
    ...qualityLead,
    'satisfaction.read',
    'satisfaction.plan',
  ],
  cs_specialist: [...caseDesk, 'star.nominate'],
  complaint_supervisor: [...caseDesk, 'staff.read', 'audits.manage', ...qualityLead, 'satisfaction.read'],
  complaint_specialist: caseDesk,
  hotline_agent: caseDesk,
  front_desk: caseDesk,
  project_manager: [
    ...caseDesk,
    'staff.read',
    'star.nominate',
    'star.submit',
    'quality.read',
    'satisfaction.read',
    'satisfaction.plan',
  ],
  branch_cs_manager: [
    ...caseDesk,
    'staff.read',
    'audit_log.read',
    'star.review',
    'audits.manage',
    ...qualityLead,
    'satisfaction.read',
    'satisfaction.manage',
  ],
  branch_gm: [
    ...caseDesk,
    'staff.read',
    'audit_log.read',
    'star.review',
    'cases.approve_claim',
    'quality.read',
    'satisfaction.read',
  ],
  branch_hr: ['org.read', 'staff.read', 'staff.manage', 'star.review'],
  engineer: ['org.read', 'owners.read', 'cases.read', 'cases.handle', 'knowledge.read', 'quality.read'],
  security_guard: ['org.read', 'owners.read', 'cases.read', 'cases.create'],
  contractor_staff: ['cases.read', 'cases.handle'],
  mystery_shopper: ['audits.perform'],
  integrator: ['org.read', 'owners.read', 'cases.read', 'cases.create', 'cases.handle'],
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
