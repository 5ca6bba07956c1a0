interface Caller {
  can: (permission: string) => boolean;
  hasRole: (...roles: string[]) => boolean;
  me?: { contractorId: string | null } | undefined;
}

/** Where a screen sits in the side menu: the day's work, the management programmes, the set-up. */
export type NavGroup = 'work' | 'manage' | 'settings';

export interface NavItem {
  path: string;
  label: string;
  group: NavGroup;
}

export const navGroups: readonly NavGroup[] = ['work', 'manage', 'settings'];

const groupOf: Record<string, NavGroup> = {
  '/report-qr': 'manage',
  '/knowledge': 'manage',
  '/quality/defects': 'manage',
  '/quality/handover': 'manage',
  '/dashboard': 'manage',
  '/reports': 'manage',
  '/satisfaction': 'manage',
  '/star': 'manage',
  '/audits': 'manage',
  '/admin': 'settings',
  '/integrations': 'settings',
  '/preferences': 'settings',
};

const supervisors = [
  'tenant_admin',
  'cr_manager',
  'cs_supervisor',
  'complaint_supervisor',
  'project_manager',
  'branch_cs_manager',
  'branch_gm',
];

/** The screens the caller's grants allow (from /v1/me), nothing more. */
export function navItems(caller: Caller): NavItem[] {
  return screens(caller).map((item) => ({ ...item, group: groupOf[item.path] ?? 'work' }));
}

function screens(caller: Caller): Omit<NavItem, 'group'>[] {
  const contractor = Boolean(caller.me?.contractorId);
  const items: Omit<NavItem, 'group'>[] = [];
  if (contractor) items.push({ path: '/jobs', label: 'nav.jobs' });
  if (!contractor && caller.can('cases.read')) items.push({ path: '/queue', label: 'nav.queue' });
  if (caller.can('cases.create')) items.push({ path: '/intake', label: 'nav.intake' });
  if (!contractor && caller.can('cases.handle')) items.push({ path: '/department', label: 'nav.department' });
  if (caller.hasRole(...supervisors)) items.push({ path: '/board', label: 'nav.board' });
  if (!contractor && caller.can('org.read') && caller.hasRole(...supervisors, 'front_desk'))
    items.push({ path: '/report-qr', label: 'nav.reportQr' });
  if (caller.can('knowledge.read')) items.push({ path: '/knowledge', label: 'nav.knowledge' });
  if (caller.can('quality.read')) {
    items.push({ path: '/quality/defects', label: 'nav.defects' });
    items.push({ path: '/quality/handover', label: 'nav.handover' });
  }
  if (caller.hasRole(...supervisors)) {
    items.push({ path: '/dashboard', label: 'nav.dashboard' });
    items.push({ path: '/reports', label: 'nav.reports' });
  }
  if (!contractor && caller.can('satisfaction.read'))
    items.push({ path: '/satisfaction', label: 'nav.satisfaction' });
  if (!contractor && ['star.nominate', 'star.submit', 'star.review'].some((p) => caller.can(p)))
    items.push({ path: '/star', label: 'nav.star' });
  if (['audits.manage', 'audits.perform'].some((p) => caller.can(p)))
    items.push({ path: '/audits', label: 'nav.audits' });
  const admin = ['org.manage', 'staff.manage', 'sla.manage'];
  if (!contractor && admin.some((p) => caller.can(p))) items.push({ path: '/admin', label: 'nav.admin' });
  const integrations = ['webhooks.manage', 'api_keys.manage', 'audit_log.read'];
  if (!contractor && integrations.some((p) => caller.can(p)))
    items.push({ path: '/integrations', label: 'nav.integrations' });
  items.push({ path: '/inbox', label: 'nav.inbox' });
  items.push({ path: '/preferences', label: 'nav.preferences' });
  return items;
}
