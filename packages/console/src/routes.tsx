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
        path: 'preferences',
        lazy: async () => ({
          Component: (await import('./pages/preferences/preferences-page')).PreferencesPage,
        }),
      },
      {
        path: 'board',
        lazy: async () => ({ Component: (await import('./pages/board/board-page')).BoardPage }),
      },
      { path: '*', lazy: async () => ({ Component: (await import('./layout/home')).NotFound }) },
    ],
  },
]);
