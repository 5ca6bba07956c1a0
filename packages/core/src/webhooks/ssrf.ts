/**
 * SSRF guard for webhook and provider URLs. A Worker cannot resolve DNS itself, so this guard
 * refuses what it can see: non-https URLs in production, `localhost` names, and hosts that are
 * IP literals in private, loopback, link-local, CGNAT, ULA, multicast or reserved ranges
 * (IPv4, IPv6, and IPv4-mapped IPv6). Names are resolved by the edge over DNS-over-HTTPS and
 * their addresses checked with the same ranges (`./dns.ts`), at save time and before each send.
 * `allowLoopback` (WEBHOOK_ALLOW_LOOPBACK=true, tests and local dev only) lets 127.0.0.0/8,
 * ::1 and localhost through.
 */

export interface UrlPolicy {
  /** Production: only https. */
  requireHttps: boolean;
  allowLoopback: boolean;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

function ipv4Parts(host: string): number[] | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return undefined;
  const parts = host.split('.').map(Number);
  return parts.every((p) => p >= 0 && p <= 255) ? parts : undefined;
}

function ipv4Class(parts: number[]): 'loopback' | 'private' | 'public' {
  const [a = 0, b = 0] = parts;
  if (a === 127) return 'loopback';
  if (
    a === 0 || // this network
    a === 10 ||
    (a === 100 && b >= 64 && b <= 127) || // CGNAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && parts[2] === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  ) {
    return 'private';
  }
  return 'public';
}

/** Expands an IPv6 literal to 8 groups of 16 bits, or undefined when it is not one. */
function ipv6Groups(host: string): number[] | undefined {
  if (!host.includes(':')) return undefined;
  let text = host;
  const v4 = /(\d{1,3}(\.\d{1,3}){3})$/.exec(text);
  if (v4?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Parts(v4[1]) ?? [];
    if (!ipv4Parts(v4[1])) return undefined;
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) =>
    s ? s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : Number.NaN)) : [];
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if ([...head, ...rest].some((g) => Number.isNaN(g))) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  return [...head, ...new Array<number>(8 - total).fill(0), ...rest];
}

function ipv6Class(groups: number[]): 'loopback' | 'private' | 'public' {
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  const allZeroTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (allZeroTo(7) && g7 === 1) return 'loopback';
  if (allZeroTo(8)) return 'private';
  if (allZeroTo(5) && g5 === 0xffff) {
    // IPv4-mapped
    return ipv4Class([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // ULA fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return 'private'; // link-local fe80::/10
  if ((g0 & 0xff00) === 0xff00) return 'private'; // multicast
  if (g0 === 0x64 && groups[1] === 0xff9b) return 'private'; // NAT64 64:ff9b::/96
  if (g0 === 0x2001 && groups[1] === 0xdb8) return 'private'; // documentation
  return 'public';
}

/** Classifies a URL host: a name (`name`) or an IP literal by range. */
export function hostClass(hostname: string): 'name' | 'localhost' | 'loopback' | 'private' | 'public' {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost';
  const v4 = ipv4Parts(host);
  if (v4) return ipv4Class(v4);
  // Numeric forms browsers also accept (2130706433, 0x7f.1) are refused as private: no one needs them.
  if (/^(0x[0-9a-f]+|\d+)(\.(0x[0-9a-f]+|\d+)){0,3}$/.test(host)) return 'private';
  const v6 = ipv6Groups(host);
  if (v6) return ipv6Class(v6);
  return 'name';
}

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
