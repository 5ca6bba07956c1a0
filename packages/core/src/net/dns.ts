import { hostClass, type UrlPolicy, type UrlVerdict } from './ssrf';

/**
 * The resolved-address half of the SSRF guard. A Worker cannot resolve DNS itself, so the edge
 * asks a DNS-over-HTTPS JSON resolver (`application/dns-json`, RFC 8484's JSON dialect as served
 * by Cloudflare and Google) for the A and AAAA records of a URL's host name; this module reads
 * those answers and decides, with the same ranges as the IP-literal check. It runs when a
 * subscription or channel is saved and again before every send (a name may be re-pointed at a
 * private address later: DNS rebinding).
 */

/** DNS record types asked for. */
export const dnsRecordTypes = { A: 1, AAAA: 28 } as const;

export type DnsAnswer = { ok: true; addresses: string[] } | { ok: false; reason: string };

const rcodes: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 4: 'NOTIMP', 5: 'REFUSED' };

/**
 * The addresses of one DoH JSON answer. NOERROR and NXDOMAIN are answers (NXDOMAIN has no
 * addresses); any other status, or a body that is not a DoH JSON answer, is a failure.
 */
export function parseDnsJson(body: unknown, type: keyof typeof dnsRecordTypes): DnsAnswer {
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof (body as { Status?: unknown }).Status !== 'number'
  ) {
    return { ok: false, reason: 'resolver answer is not DNS JSON' };
  }
  const { Status: status, Answer: answer } = body as { Status: number; Answer?: unknown };
  if (status === 3) return { ok: true, addresses: [] };
  if (status !== 0) return { ok: false, reason: `resolver answered ${rcodes[status] ?? `rcode ${status}`}` };
  const records = Array.isArray(answer) ? answer : [];
  const wanted = records.filter(
    (r): r is { type: number; data: string } =>
      typeof r === 'object' && r !== null && r.type === dnsRecordTypes[type] && typeof r.data === 'string',
  );
  return { ok: true, addresses: wanted.map((r) => r.data.trim()) };
}

/**
 * Decides a URL whose host is a name from the addresses it resolves to: refused when it resolves
 * to nothing, or when any address is private, link-local, reserved or (unless allowed) loopback.
 */
export function checkResolvedAddresses(
  url: URL,
  addresses: readonly string[],
  policy: Pick<UrlPolicy, 'allowLoopback'>,
): UrlVerdict {
  if (addresses.length === 0) return { ok: false, reason: `${url.hostname} does not resolve` };
  for (const address of addresses) {
    const kind = hostClass(address.includes(':') ? `[${address}]` : address);
    if (kind === 'public') continue;
    if (kind === 'loopback' && policy.allowLoopback) continue;
    return {
      ok: false,
      reason:
        kind === 'loopback'
          ? `${url.hostname} resolves to a loopback address (${address}); loopback addresses are refused`
          : `${url.hostname} resolves to ${address}; private, link-local and reserved addresses are refused`,
    };
  }
  return { ok: true, url };
}

/** Whether a URL's host is a name that must be resolved before it is trusted. */
export const needsResolution = (url: URL): boolean => hostClass(url.hostname) === 'name';
