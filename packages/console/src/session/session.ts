import { publicApi } from '../api/public-client';
import type { components } from '../api/schema';

type TokenPair = components['schemas']['TokenPair'];

/**
 * The staff session: the access token lives in memory only; the single-use refresh token is kept
 * in sessionStorage (this tab) so a reload does not sign the user out. Refreshing runs once at a
 * time (a second refresh with the same token would be a reuse, which revokes the whole family).
 */
const refreshKey = 'guanjia.refresh';
/** Refresh this long before the access token expires. */
const earlyMs = 60_000;

export type EndReason = 'expired' | 'revoked' | 'loggedOut';

let accessToken: string | null = null;
let expiresAt = 0;
let refreshing: Promise<string | null> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<(reason: EndReason) => void>();

export function onSessionEnd(listener: (reason: EndReason) => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasRefreshToken(): boolean {
  return sessionStorage.getItem(refreshKey) !== null;
}

export function startSession(pair: TokenPair) {
  accessToken = pair.accessToken;
  expiresAt = Date.now() + pair.expiresIn * 1000;
  sessionStorage.setItem(refreshKey, pair.refreshToken);
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(), Math.max(5_000, pair.expiresIn * 1000 - earlyMs));
}

export function endSession(reason: EndReason) {
  // Only the first end of a session is told: a request still in flight that fails afterwards
  // (401 once the family is revoked) must not turn "signed out" into "expired".
  if (!accessToken && !sessionStorage.getItem(refreshKey)) return;
  accessToken = null;
  expiresAt = 0;
  clearTimeout(timer);
  sessionStorage.removeItem(refreshKey);
  for (const l of listeners) l(reason);
}

export function currentRefreshToken(): string | null {
  return sessionStorage.getItem(refreshKey);
}

/** The access token to send, refreshed first when it is about to expire; null when signed out. */
export async function validAccessToken(): Promise<string | null> {
  if (accessToken && Date.now() < expiresAt - earlyMs / 2) return accessToken;
  if (!hasRefreshToken()) return null;
  return refresh();
}

function refresh(): Promise<string | null> {
  refreshing ??= (async () => {
    const refreshToken = sessionStorage.getItem(refreshKey);
    if (!refreshToken) return null;
    try {
      // The tokenless client: the staff client's middleware is what calls this.
      const { data, response } = await publicApi.POST('/v1/auth/refresh', { body: { refreshToken } });
      if (!data) {
        // 401: the refresh token was reused (its family is now revoked) or has expired.
        endSession(response.status === 401 ? 'revoked' : 'expired');
        return null;
      }
      startSession(data);
      return accessToken;
    } catch {
      return accessToken; // offline for a moment: keep what we have, the next call tries again
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}
