import { Navigate } from 'react-router';
import { useAuth } from '../../session/auth';
import { adminSections, integrationSections } from './admin-layout';

/** `/admin` and `/integrations`: the caller's first allowed section. */
export function AdminHome() {
  const auth = useAuth();
  return <Navigate to={adminSections.find((s) => auth.can(s.permission))?.path ?? '/'} replace />;
}

export function IntegrationsHome() {
  const auth = useAuth();
  return <Navigate to={integrationSections.find((s) => auth.can(s.permission))?.path ?? '/'} replace />;
}
