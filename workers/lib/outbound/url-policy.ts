import { checkOutboundUrl, type UrlPolicy, type UrlVerdict } from '@guanjia/core/net/ssrf';
import type { Env } from '../../env';

/** The outbound URL policy of this deployment: https only and no loopback in production. */
export function urlPolicy(env: Env): UrlPolicy {
  return {
    requireHttps: env.ENVIRONMENT === 'production',
    allowLoopback: env.ENVIRONMENT !== 'production' && env.WEBHOOK_ALLOW_LOOPBACK === 'true',
  };
}

/**
 * Core's SSRF check of the URL itself (scheme, credentials, IP literals). Host names are checked
 * by their resolved addresses in `checkUrlResolved` (./resolve.ts), which callers use.
 */
export function checkUrl(env: Env, url: string): UrlVerdict {
  return checkOutboundUrl(url, urlPolicy(env));
}

/** At most `max` bytes of a response body, cut on a character boundary. */
export async function excerpt(response: Response, max = 1024): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => {});
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length;
  }
  return new TextDecoder().decode(all.slice(0, max)).replace(/\uFFFD$/, '');
}
