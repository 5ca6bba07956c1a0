import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, data, type Schemas } from '../api/client';
import { publicApi } from '../api/public-client';
import { useI18n } from '../i18n';
import {
  currentRefreshToken,
  type EndReason,
  endSession,
  hasRefreshToken,
  onSessionEnd,
  startSession,
  validAccessToken,
} from './session';

export type Me = Schemas['Me'];

interface Auth {
  /** null while the session is being restored after a reload. */
  signedIn: boolean | null;
  me: Me | undefined;
  ended: EndReason | null;
  signIn: (pair: Schemas['TokenPair']) => void;
  signOut: () => Promise<void>;
  can: (permission: string) => boolean;
  hasRole: (...roles: string[]) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { rememberFor } = useI18n();
  const [signedIn, setSignedIn] = useState<boolean | null>(hasRefreshToken() ? null : false);
  const [ended, setEnded] = useState<EndReason | null>(null);

  useEffect(() => {
    const off = onSessionEnd((reason) => {
      setEnded(reason);
      setSignedIn(false);
      queryClient.clear();
    });
    if (signedIn === null) void validAccessToken().then((token) => setSignedIn(token !== null));
    return () => void off();
  }, [queryClient, signedIn]);

  const meQuery = useQuery({
    queryKey: ['me'],
    queryFn: () => data(api.GET('/v1/me')),
    enabled: signedIn === true,
    staleTime: 5 * 60_000,
  });
  const me = meQuery.data;
  useEffect(() => rememberFor(me ? `${me.tenantId}:${me.actorId}` : null), [me, rememberFor]);

  const signIn = useCallback((pair: Schemas['TokenPair']) => {
    startSession(pair);
    setEnded(null);
    setSignedIn(true);
  }, []);

  const signOut = useCallback(async () => {
    const refreshToken = currentRefreshToken();
    // Logout revokes the refresh token family on the server, then forgets the tokens here.
    if (refreshToken) await publicApi.POST('/v1/auth/logout', { body: { refreshToken } }).catch(() => {});
    endSession('loggedOut');
  }, []);

  const value = useMemo<Auth>(() => {
    const permissions = new Set(me?.permissions ?? []);
    const roles = new Set((me?.grants ?? []).map((g) => g.role));
    return {
      signedIn,
      me,
      ended,
      signIn,
      signOut,
      can: (p) => permissions.has(p),
      hasRole: (...names) => names.some((r) => roles.has(r)),
    };
  }, [signedIn, me, ended, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
