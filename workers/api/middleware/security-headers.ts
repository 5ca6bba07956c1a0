import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';

/** CSP directives: name → sources. */
export type CspDirectives = Record<string, readonly string[]>;

/**
 * The policy of every HTML page the Worker serves: its own origin only, never framed, no
 * `<base>` rewrites, forms post back to the Worker. The owner pages are plain forms without
 * script, so `'self'` is all any page needs unless its route widens one directive.
 */
export const baseContentSecurityPolicy: CspDirectives = {
  'default-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

/**
 * Lets one route widen (or replace) directives of its own page, e.g. the hash of an inline
 * `<style>` it renders itself. Directives not named keep the base policy.
 */
export function useContentSecurityPolicy(c: Context<AppEnv>, directives: CspDirectives): void {
  c.set('contentSecurityPolicy', { ...c.get('contentSecurityPolicy'), ...directives });
}

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

const isHtml = (response: Response) => /^\s*text\/html\b/i.test(response.headers.get('content-type') ?? '');

/**
 * The one place security headers are set, for every response of the Worker: `nosniff` on all,
 * and on every HTML page (owner pages in every state, `/docs`, the console shell, any page added
 * later) a Content-Security-Policy, no framing, no referrer and no caching. Keyed on the answer's
 * content type rather than on paths, so a new page is covered without being listed. Hono's own
 * `secureHeaders` sets one fixed set on every response whatever its type, hence this one.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  // The answer's own headers when they may be changed (every JSON answer): no copy of the
  // response per request. Ones from fetch() or static assets are immutable: a fresh response.
  let headers = c.res.headers;
  try {
    headers.set('X-Content-Type-Options', 'nosniff');
  } catch {
    headers = new Headers(c.res.headers);
    headers.set('X-Content-Type-Options', 'nosniff');
    c.res = new Response(c.res.body, { status: c.res.status, statusText: c.res.statusText, headers });
  }
  if (isHtml(c.res)) {
    const policy = { ...baseContentSecurityPolicy, ...c.get('contentSecurityPolicy') };
    headers.set('Content-Security-Policy', serializeCsp(policy));
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Referrer-Policy', 'no-referrer');
    // Owner pages show personal data behind a token: no shared or browser cache keeps them.
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  }
});
