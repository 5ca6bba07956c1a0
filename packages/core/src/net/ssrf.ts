import { hostClass } from './addresses';

export { hostClass } from './addresses';

/**
 * SSRF guard for webhook and provider URLs. A Worker cannot resolve DNS itself, so this guard
 * refuses what it can see: non-https URLs in production, `localhost` names, and hosts that are
 * IP literals in any range that is not public unicast, in every way of writing one
 * (`./addresses.ts`: IPv4 in any numeric form, IPv6 with an IPv4 address inside it judged by
 * that address). Names are resolved by the edge over DNS-over-HTTPS and their addresses checked
 * with the same ranges (`./dns.ts`), at save time and before each send.
 * `allowLoopback` (WEBHOOK_ALLOW_LOOPBACK=true, tests and local dev only) lets 127.0.0.0/8,
 * ::1 and localhost through (an IPv6 form carrying 127.x is still refused).
 */

export interface UrlPolicy {
  /** Production: only https. */
  requireHttps: boolean;
  allowLoopback: boolean;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

export function checkOutboundUrl(raw: string, policy: UrlPolicy): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'Not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'Only https URLs are accepted' };
  }
  if (url.username || url.password) return { ok: false, reason: 'URLs may not carry credentials' };
  const kind = hostClass(url.hostname);
  const loopbackAllowed = policy.allowLoopback && (kind === 'loopback' || kind === 'localhost');
  if (policy.requireHttps && url.protocol !== 'https:' && !loopbackAllowed) {
    return { ok: false, reason: 'Only https URLs are accepted' };
  }
  if (kind === 'public' || kind === 'name' || loopbackAllowed) return { ok: true, url };
  return {
    ok: false,
    reason:
      kind === 'localhost' || kind === 'loopback'
        ? 'Loopback addresses are refused'
        : 'Private, link-local and reserved addresses are refused',
  };
}
