import { createBrowserRouter } from 'react-router';

/** One chunk per screen: a clerk at the login page downloads the login page only. */
export const router = createBrowserRouter([
  { path: '/login', lazy: async () => ({ Component: (await import('./pages/login/login-page')).LoginPage }) },
  {
    path: '/',
    lazy: async () => ({ Component: (await import('./layout/shell')).Shell }),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./layout/home')).Home }) },
      {
        path: 'queue',
        lazy: async () => ({ Component: (await import('./pages/queue/queue-page')).QueuePage }),
      },
      {
        path: 'intake',
        lazy: async () => ({ Component: (await import('./pages/intake/intake-page')).IntakePage }),
      },
      {
        path: 'cases/:id',
        lazy: async () => ({ Component: (await import('./pages/case/case-page')).CasePage }),
      },
      {
        path: 'jobs',
        lazy: async () => ({ Component: (await import('./pages/contractor/jobs-page')).JobsPage }),
      },
      {
        path: 'department',
        lazy: async () => ({
          Component: (await import('./pages/department/department-page')).DepartmentPage,
        }),
      },
      {
        path: 'inbox',
        lazy: async () => ({ Component: (await import('./pages/inbox/inbox-page')).InboxPage }),
      },
      {
        path: 'report-qr',
        lazy: async () => ({ Component: (await import('./pages/report-qr/report-qr-page')).ReportQrPage }),
      },
      {
        path: 'preferences',
        lazy: async () => ({
          Component: (await import('./pages/preferences/preferences-page')).PreferencesPage,
        }),
      },
      {
        path: 'board',
        lazy: async () => ({ Component: (await import('./pages/board/board-page')).BoardPage }),
      },
      {
        path: 'quality/defects',
        lazy: async () => ({ Component: (await import('./pages/quality/defects-page')).DefectsPage }),
      },
      {
        path: 'quality/defects/:id',
        lazy: async () => ({ Component: (await import('./pages/quality/defects-page')).DefectPage }),
      },
      {
        path: 'quality/handover',
        lazy: async () => ({ Component: (await import('./pages/quality/handover-page')).HandoverPage }),
      },
      {
        path: 'knowledge',
        lazy: async () => ({ Component: (await import('./pages/knowledge/knowledge-page')).KnowledgePage }),
      },
      {
        path: 'dashboard',
        lazy: async () => ({ Component: (await import('./pages/dashboard/dashboard-page')).DashboardPage }),
      },
      {
        path: 'reports',
        lazy: async () => ({ Component: (await import('./pages/reports/reports-page')).ReportsPage }),
      },
      {
        path: 'satisfaction',
        lazy: async () => ({
          Component: (await import('./pages/satisfaction/satisfaction-page')).SatisfactionPage,
        }),
      },
      {
        path: 'audits',
        lazy: async () => ({ Component: (await import('./pages/audits/audits-page')).AuditsPage }),
      },
      {
        path: 'audits/:id',
        lazy: async () => ({ Component: (await import('./pages/audits/audit-page')).AuditPage }),
      },
      { path: 'star', lazy: async () => ({ Component: (await import('./pages/star/star-page')).StarPage }) },
      {
        path: 'admin',
        lazy: async () => ({ Component: (await import('./pages/admin/admin-layout')).AdminLayout }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./pages/admin/admin-home')).AdminHome }),
          },
          {
            path: 'org',
            lazy: async () => ({ Component: (await import('./pages/admin/org-page')).OrgPage }),
          },
          {
            path: 'owners',
            lazy: async () => ({ Component: (await import('./pages/admin/owners-page')).OwnersPage }),
          },
          {
            path: 'departments',
            lazy: async () => ({
              Component: (await import('./pages/admin/departments-page')).DepartmentsPage,
            }),
          },
          {
            path: 'staff',
            lazy: async () => ({ Component: (await import('./pages/admin/staff-page')).StaffPage }),
          },
          {
            path: 'import',
            lazy: async () => ({ Component: (await import('./pages/admin/import-page')).ImportPage }),
          },
          {
            path: 'sla',
            lazy: async () => ({ Component: (await import('./pages/admin/sla-page')).SlaPage }),
          },
          {
            path: 'notices',
            lazy: async () => ({ Component: (await import('./pages/admin/notices-page')).NoticesPage }),
          },
          {
            path: 'channels',
            lazy: async () => ({ Component: (await import('./pages/admin/channels-page')).ChannelsPage }),
          },
        ],
      },
      {
        path: 'integrations',
        lazy: async () => ({ Component: (await import('./pages/admin/admin-layout')).IntegrationsLayout }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./pages/admin/admin-home')).IntegrationsHome }),
          },
          {
            path: 'webhooks',
            lazy: async () => ({
              Component: (await import('./pages/integrations/webhooks-page')).WebhooksPage,
            }),
          },
          {
            path: 'events',
            lazy: async () => ({ Component: (await import('./pages/integrations/events-page')).EventsPage }),
          },
          {
            path: 'api-keys',
            lazy: async () => ({
              Component: (await import('./pages/integrations/api-keys-page')).ApiKeysPage,
            }),
          },
          {
            path: 'audit-log',
            lazy: async () => ({
              Component: (await import('./pages/integrations/audit-log-page')).AuditLogPage,
            }),
          },
        ],
      },
      { path: '*', lazy: async () => ({ Component: (await import('./layout/home')).NotFound }) },
    ],
  },
]);
