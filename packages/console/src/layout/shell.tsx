import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Grid, Layout, Menu, Spin } from 'antd';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { api, data } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../session/auth';
import { LangSwitch } from './lang-switch';
import { navGroups, navItems } from './nav';

/** The signed-in frame: the screens the caller's grants allow, the unread count, language, sign-out. */
export function Shell() {
  const { t } = useI18n();
  const auth = useAuth();
  const location = useLocation();
  // A phone keeps the few screens of its user in the header; a desk gets the grouped side menu.
  const wide = Grid.useBreakpoint().md !== false;
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
  const nav = navItems(auth);
  const selected = nav.find((i) => location.pathname.startsWith(i.path))?.path ?? '';
  const grouped = navGroups
    .map((group) => ({
      key: group,
      type: 'group' as const,
      label: t(`nav.group.${group}`),
      children: items.filter((_, i) => nav[i]?.group === group),
    }))
    .filter((g) => g.children.length > 0);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="gj-header">
        <Link to="/" className="gj-brand" style={{ fontWeight: 600, fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.brand')}
        </Link>
        {wide ? (
          <span style={{ flex: 1 }} />
        ) : (
          <Menu
            mode="horizontal"
            selectedKeys={[selected]}
            items={items}
            style={{ flex: 1, minWidth: 56, borderBottom: 'none' }}
            aria-label="nav"
          />
        )}
        <span className="gj-user" title={auth.me.name ?? undefined}>
          {auth.me.name}
        </span>
        <LangSwitch />
        <Button size="small" onClick={() => void auth.signOut()}>
          {t('nav.logout')}
        </Button>
      </Layout.Header>
      <Layout>
        {wide && (
          <Layout.Sider width={184} theme="light" className="gj-nav">
            <Menu mode="inline" selectedKeys={[selected]} items={grouped} aria-label="nav" />
          </Layout.Sider>
        )}
        <Layout.Content>
          <Suspense fallback={<Spin description={t('app.loading')} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
