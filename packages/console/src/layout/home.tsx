import { Button, Result } from 'antd';
import { Link, Navigate } from 'react-router';
import { useI18n } from '../i18n';
import { useAuth } from '../session/auth';
import { navItems } from './nav';

/** `/`: the caller's first screen (a contractor's jobs, everyone else's queue or intake). */
export function Home() {
  const auth = useAuth();
  const first = navItems(auth)[0]?.path ?? '/inbox';
  return <Navigate to={first} replace />;
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}
