/**
 * IP address classification for the SSRF guard: which addresses a webhook or provider call may
 * reach. An address is `public` only when it is globally reachable unicast; everything else is
 * `private` (refused), except the canonical loopback forms (127.0.0.0/8, ::1), which a test or
 * dev deployment may allow. An IPv6 address that carries an IPv4 address (IPv4-mapped,
 * IPv4-compatible, IPv4-translated, 6to4, NAT64, Teredo) is judged by the IPv4 address inside
 * it, and never counts as loopback: `[::127.0.0.1]` is refused even where 127.0.0.1 is allowed.
 * Ranges from the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates).
 */

export type AddressClass = 'loopback' | 'private' | 'public';

// ---------------------------------------------------------------------------
// IPv4

/** [first address, prefix length, what it is]: every IPv4 block that is not public. */
export const reservedIpv4Blocks: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'shared address space (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local, cloud metadata'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation (TEST-NET-1)'],
  ['192.88.99.0', 24, '6to4 relay anycast (deprecated)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved, broadcast'],
];

const v4Blocks = reservedIpv4Blocks.map(([base, bits]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (ipv4ToNumber(base)! & mask) >>> 0, mask };
});

/**
 * An IPv4 address as the WHATWG URL parser reads a host (decimal, `0x` hex and `0` octal parts;
 * 1 to 4 parts, the last filling the remaining bytes; one trailing dot): `127.1`, `0x7f000001`,
 * `2130706433`, `0177.0.0.01`. Undefined when the host is not written as a number; NaN when it
 * is numeric but out of range (the URL parser refuses those).
 */
export function ipv4ToNumber(host: string): number | undefined {
  const parts = host.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = Number.parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return undefined;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255) || last >= 256 ** (4 - values.length)) return Number.NaN;
  return values.reduce((sum, v, i) => sum + v * 256 ** (3 - i), 0) + last;
}

export function classifyIpv4(address: number): AddressClass {
  if (address >>> 24 === 127) return 'loopback';
  return v4Blocks.some((b) => (address & b.mask) >>> 0 === b.base) ? 'private' : 'public';
}

/** An embedded IPv4 address: never loopback-exempt, only public or not. */
const embedded = (address: number): AddressClass =>
  classifyIpv4(address) === 'public' ? 'public' : 'private';

// ---------------------------------------------------------------------------
// IPv6

/** The 8 groups of 16 bits of an IPv6 literal (compressed, with a dotted IPv4 tail or not). */
export function ipv6Groups(text: string): number[] | undefined {
  let host = text.toLowerCase();
  const tail = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(host);
  if (tail?.[1]) {
    const parts = tail[1].split('.').map(Number);
    if (parts.some((p) => p > 255) || tail[1].split('.').some((p) => p.length > 1 && p.startsWith('0')))
      return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = parts;
    host = `${host.slice(0, -tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = host.split('::');
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

const v4Of = (high: number, low: number) => ((high << 16) | low) >>> 0;

/** [prefix groups, prefix length, what it is]: IPv6 blocks refused outright. */
export const reservedIpv6Blocks: readonly (readonly [string, number, string])[] = [
  ['64:ff9b:1::', 48, 'NAT64 local use (RFC 8215)'],
  ['100::', 64, 'discard only'],
  ['100:0:0:1::', 64, 'dummy prefix (RFC 9780)'],
  ['2001::', 23, 'IETF protocol assignments (ORCHID, benchmarking 2001:2::/48, AMT, …); Teredo decoded'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation (RFC 9637)'],
  ['5f00::', 16, 'SRv6 SIDs'],
  ['fc00::', 7, 'unique local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local (deprecated)'],
  ['ff00::', 8, 'multicast'],
];

const v6Blocks = reservedIpv6Blocks.map(([prefix, bits]) => ({ groups: ipv6Groups(prefix)!, bits }));

function inBlock(groups: number[], block: { groups: number[]; bits: number }): boolean {
  for (let i = 0; i < 8; i++) {
    const bits = Math.min(16, Math.max(0, block.bits - i * 16));
    if (bits === 0) return true;
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if ((groups[i]! & mask) !== (block.groups[i]! & mask)) return false;
  }
  return true;
}

/** The IPv4 address an IPv6 address carries, by its form, or undefined when it carries none. */
export function embeddedIpv4(groups: number[]): number | undefined {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zero = (...gs: number[]) => gs.every((g) => g === 0);
  if (zero(g0, g1, g2, g3, g4) && g5 === 0xffff) return v4Of(g6, g7); // IPv4-mapped ::ffff:0:0/96
  if (zero(g0, g1, g2, g3) && g4 === 0xffff && g5 === 0) return v4Of(g6, g7); // IPv4-translated ::ffff:0:0:0/96
  if (zero(g0, g1, g2, g3, g4, g5)) return v4Of(g6, g7); // IPv4-compatible ::/96 (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b && zero(g2, g3, g4, g5)) return v4Of(g6, g7); // NAT64 64:ff9b::/96
  if (g0 === 0x2002) return v4Of(g1, g2); // 6to4 2002::/16
  return undefined;
}

export function classifyIpv6(groups: number[]): AddressClass {
  const [g0, g1, g2, g3] = groups as [number, number, number, number];
  if (groups.every((g, i) => g === (i === 7 ? 1 : 0))) return 'loopback'; // ::1
  if (groups.every((g) => g === 0)) return 'private'; // unspecified
  // Teredo 2001::/32: the server's IPv4 in bits 32-63, the client's in the last 32, inverted.
  if (g0 === 0x2001 && g1 === 0) {
    const server = v4Of(g2, g3);
    const client = (v4Of(groups[6]!, groups[7]!) ^ 0xffffffff) >>> 0;
    return embedded(server) === 'public' && embedded(client) === 'public' ? 'public' : 'private';
  }
  const v4 = embeddedIpv4(groups);
  if (v4 !== undefined) return embedded(v4);
  if (v6Blocks.some((b) => inBlock(groups, b))) return 'private';
  // Only 2000::/3 is allocated for global unicast; the rest is reserved or unassigned.
  return (g0 & 0xe000) === 0x2000 ? 'public' : 'private';
}

// ---------------------------------------------------------------------------

export type HostClass = 'name' | 'localhost' | AddressClass;

/**
 * Classifies a URL host or a resolved address: a name (to be resolved), `localhost`, or an IP
 * literal by range. Anything numeric that is not a valid address, and anything with a colon that
 * is not an IPv6 literal, is refused as `private` rather than taken for a name.
 */
export function hostClass(hostname: string): HostClass {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost';
  if (host.includes(':')) {
    const groups = ipv6Groups(host);
    return groups ? classifyIpv6(groups) : 'private';
  }
  const v4 = ipv4ToNumber(host);
  if (v4 !== undefined) return Number.isNaN(v4) ? 'private' : classifyIpv4(v4);
  // WHATWG: a host whose last label is numeric is an IPv4 address or invalid, never a name.
  if (/(^|\.)(0x[0-9a-f]*|\d+)$/.test(host)) return 'private';
  return 'name';
}
