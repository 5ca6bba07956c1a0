import type { Context, Next } from 'hono';
import type { AppEnv } from '../../../env';
import { useContentSecurityPolicy } from '../../middleware/security-headers';

/**
 * Path prefixes the API answers itself; a miss under them is the API's own 404 (problem+json),
 * never the console's index.html.
 */
export const apiPathPrefixes = [
  '/v1/',
  '/public/',
  '/owner-link/',
  '/platform/',
  '/.well-known/',
  '/__bench/',
  '/cdn-cgi/',
];
const apiPaths = new Set(['/v1', '/openapi.json', '/docs', '/healthz']);

const isApiPath = (path: string) => apiPaths.has(path) || apiPathPrefixes.some((p) => path.startsWith(p));

/**
 * The staff console and the API reference's script: static assets, served after every API route
 * (wrangler.toml runs the Worker first, so HTML passes the app's middleware like any answer).
 * The assets' single-page fallback answers index.html for a console route such as /cases/case_….
 */
export async function serveConsoleAssets(c: Context<AppEnv>, next: Next) {
  const method = c.req.method;
  if ((method !== 'GET' && method !== 'HEAD') || isApiPath(c.req.path) || !c.env.ASSETS) return next();
  const res = await c.env.ASSETS.fetch(c.req.raw);
  // A missing file (a script of an older build), or no build at all, is the API's 404, not the
  // single-page fallback's HTML.
  const wantsFile = /\.[a-z0-9]+$/i.test(c.req.path) && !c.req.path.endsWith('.html');
  if (res.status === 404 || (wantsFile && res.headers.get('content-type')?.startsWith('text/html')))
    return next();
  // antd writes its styles at run time (CSS-in-JS), and photo previews are blob: URLs; scripts
  // stay 'self' only. A fresh Response, so the header middleware can set its headers.
  useContentSecurityPolicy(c, {
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
  });
  const answer = new Response(res.body, res);
  // The console's HTML is the one file that names the build's scripts: like every page of the
  // Worker it is not stored (the header middleware says no-store), so a new build is seen at once.
  // The hashed scripts and styles keep the assets' own caching.
  if (answer.headers.get('content-type')?.startsWith('text/html')) answer.headers.delete('Cache-Control');
  return answer;
}
