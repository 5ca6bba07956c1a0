import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, Spin } from 'antd';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { api, data } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../session/auth';
import { LangSwitch } from './lang-switch';
import { navItems } from './nav';

/** The signed-in frame: the screens the caller's grants allow, the unread count, language, sign-out. */
export function Shell() {
  const { t } = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const unread = useQuery({
    queryKey: ['inbox', 'unread-count'],
    queryFn: () => data(api.GET('/v1/inbox', { params: { query: { unread: 'true', limit: 100 } } })),
    enabled: auth.signedIn === true && auth.me?.actorType === 'staff',
    refetchInterval: 60_000,
    select: (page) => ({ count: page.data.length, more: page.nextCursor !== null }),
  });

  if (auth.signedIn === false)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (auth.signedIn === null || !auth.me) return <Spin fullscreen description={t('app.loading')} />;

  const items = navItems(auth).map((item) => ({
    key: item.path,
    label:
      item.path === '/inbox' ? (
        <Link to={item.path}>
          {t(item.label)}{' '}
          <Badge
            count={unread.data ? (unread.data.more ? '99+' : unread.data.count) : 0}
            size="small"
            title={t('nav.unread', { count: unread.data?.count ?? 0 })}
          />
        </Link>
      ) : (
        <Link to={item.path}>{t(item.label)}</Link>
      ),
  }));
  const selected = navItems(auth).find((i) => location.pathname.startsWith(i.path))?.path ?? '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="gj-header">
        <Link to="/" className="gj-brand" style={{ fontWeight: 600, fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.brand')}
        </Link>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          items={items}
          style={{ flex: 1, minWidth: 56, borderBottom: 'none' }}
          aria-label="nav"
        />
        <span className="gj-user" title={auth.me.name ?? undefined}>
          {auth.me.name}
        </span>
        <LangSwitch />
        <Button size="small" onClick={() => void auth.signOut()}>
          {t('nav.logout')}
        </Button>
      </Layout.Header>
      <Layout.Content>
        <Suspense fallback={<Spin description={t('app.loading')} />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
