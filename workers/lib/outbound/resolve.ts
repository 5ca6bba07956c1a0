import { errorText } from '@guanjia/core';
import {
  checkResolvedAddresses,
  type DnsAnswer,
  type dnsRecordTypes,
  needsResolution,
  parseDnsJson,
} from '@guanjia/core/net/dns';
import type { UrlVerdict } from '@guanjia/core/net/ssrf';
import type { Env } from '../../env';
import { checkUrl, urlPolicy } from './url-policy';

/** Cloudflare's public DNS-over-HTTPS JSON endpoint: the production default of DNS_RESOLVER_URL. */
export const defaultDnsResolver = 'https://cloudflare-dns.com/dns-query';
const resolverTimeoutMs = 5_000;

/** The resolver of this deployment: the var, else Cloudflare's in production, else none (offline dev). */
export function dnsResolverUrl(env: Env): string | undefined {
  return env.DNS_RESOLVER_URL || (env.ENVIRONMENT === 'production' ? defaultDnsResolver : undefined);
}

async function query(resolver: string, name: string, type: keyof typeof dnsRecordTypes): Promise<DnsAnswer> {
  const url = new URL(resolver);
  url.searchParams.set('name', name);
  url.searchParams.set('type', type);
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/dns-json' },
      signal: AbortSignal.timeout(resolverTimeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, reason: `resolver answered HTTP ${response.status}` };
    }
    return parseDnsJson(await response.json(), type);
  } catch (error) {
    return {
      ok: false,
      reason: `resolver unreachable: ${errorText(error, 200)}`,
    };
  }
}

/**
 * The full outbound URL check: core's check of the URL itself, then, for a host name, its A and
 * AAAA records from the DoH resolver checked with core's ranges. A resolver failure refuses (fail
 * closed). Called when a webhook or provider channel is saved and again before each send, so a
 * name re-pointed at a private address later (DNS rebinding) is refused then.
 */
export async function checkUrlResolved(env: Env, raw: string): Promise<UrlVerdict> {
  const verdict = checkUrl(env, raw);
  if (!verdict.ok || !needsResolution(verdict.url)) return verdict;
  const resolver = dnsResolverUrl(env);
  if (!resolver) return verdict;
  const name = verdict.url.hostname.replace(/\.$/, '');
  const answers = await Promise.all([query(resolver, name, 'A'), query(resolver, name, 'AAAA')]);
  const failed = answers.find((a) => !a.ok);
  if (failed && !failed.ok) return { ok: false, reason: `Could not resolve ${name}: ${failed.reason}` };
  const addresses = answers.flatMap((a) => (a.ok ? a.addresses : []));
  return checkResolvedAddresses(verdict.url, addresses, urlPolicy(env));
}
