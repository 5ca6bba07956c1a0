import { Layout, Menu } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { useI18n } from '../../i18n';
import { useAuth } from '../../session/auth';

interface Section {
  path: string;
  label: string;
  permission: string;
}

/** The administration screens, each shown to the callers whose grants allow it. */
export const adminSections: Section[] = [
  { path: '/admin/org', label: 'admin.nav.org', permission: 'org.manage' },
  { path: '/admin/owners', label: 'admin.nav.owners', permission: 'owners.read' },
  { path: '/admin/departments', label: 'admin.nav.departments', permission: 'org.manage' },
  { path: '/admin/staff', label: 'admin.nav.staff', permission: 'staff.read' },
  { path: '/admin/import', label: 'admin.nav.import', permission: 'org.manage' },
  { path: '/admin/sla', label: 'admin.nav.sla', permission: 'sla.manage' },
  { path: '/admin/notices', label: 'admin.nav.notices', permission: 'org.manage' },
  { path: '/admin/channels', label: 'admin.nav.channels', permission: 'webhooks.manage' },
];

export const integrationSections: Section[] = [
  { path: '/integrations/webhooks', label: 'admin.nav.webhooks', permission: 'webhooks.manage' },
  { path: '/integrations/events', label: 'admin.nav.events', permission: 'webhooks.manage' },
  { path: '/integrations/api-keys', label: 'admin.nav.apiKeys', permission: 'api_keys.manage' },
  { path: '/integrations/audit-log', label: 'admin.nav.auditLog', permission: 'audit_log.read' },
];

/** A side menu of sections beside the screen (it folds above the screen on a phone). */
export function SectionLayout({ sections }: { sections: Section[] }) {
  const { t } = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const allowed = sections.filter((s) => auth.can(s.permission));
  const selected = allowed.find((s) => location.pathname.startsWith(s.path))?.path ?? '';
  return (
    <Layout className="gj-sections">
      <Layout.Sider width={232} breakpoint="md" collapsedWidth={0} theme="light" className="gj-sider">
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          aria-label="sections"
          items={allowed.map((s) => ({ key: s.path, label: <Link to={s.path}>{t(s.label)}</Link> }))}
        />
      </Layout.Sider>
      <Layout.Content style={{ minWidth: 0 }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}

export function AdminLayout() {
  return <SectionLayout sections={adminSections} />;
}

export function IntegrationsLayout() {
  return <SectionLayout sections={integrationSections} />;
}
