import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from './api/client';
import { antdLocale, I18nProvider, useI18n } from './i18n';
import { router } from './routes';
import { AuthProvider } from './session/auth';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not change by asking again; a network hiccup may.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.problem.status >= 400),
      refetchOnWindowFocus: false,
    },
  },
});

const fontFamily = getComputedStyle(document.documentElement).getPropertyValue('--gj-font');

function Localized() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={{ token: { fontFamily } }}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localized />
      </I18nProvider>
    </QueryClientProvider>
  );
}
