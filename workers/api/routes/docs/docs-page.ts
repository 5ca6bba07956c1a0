import type { Context, Handler } from 'hono';
import type { AppEnv } from '../../../env';
import { useContentSecurityPolicy } from '../../middleware/security-headers';

async function sha256Source(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
}

/**
 * The API reference page (`/docs`) under the Worker's CSP. Its renderer writes one inline
 * `<script>` that starts the reference: allowed by its hash, computed from the page this route
 * itself rendered from a fixed configuration (no request data reaches it), so an injected script
 * would still be refused. The reference's bundle adds `<style>` elements at run time, hence
 * `'unsafe-inline'` styles on this page only (it shows the public API description, no personal
 * data). Everything else stays `'self'`.
 */
export function docsPage(render: Handler<AppEnv>): Handler<AppEnv> {
  return async (c: Context<AppEnv>, next) => {
    const rendered = (await render(c, next)) as Response;
    const page = await rendered.clone().text();
    const inlineScripts = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
      (m) => m[1] ?? '',
    );
    useContentSecurityPolicy(c, {
      'script-src': ["'self'", ...(await Promise.all(inlineScripts.map(sha256Source)))],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
    });
    return rendered;
  };
}
