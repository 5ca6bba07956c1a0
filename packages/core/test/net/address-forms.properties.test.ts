import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostClass, ipv4ToNumber, reservedIpv4Blocks } from '../../src/net/addresses';
import { checkOutboundUrl } from '../../src/net/ssrf';

const production = { requireHttps: true, allowLoopback: false };
const dev = { requireHttps: false, allowLoopback: true };

const hex = (n: number, width = 0) => n.toString(16).padStart(width, '0');
const bytes = (v: number) => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const dotted = (v: number) => bytes(v).join('.');
const hi = (v: number) => hex(v >>> 16);
const lo = (v: number) => hex(v & 0xffff);
const group = fc.integer({ min: 0, max: 0xffff }).map((g) => hex(g));

/** An address inside one of the blocks (a random host part). */
const inBlock = ([base, bits]: readonly [string, number, string]) =>
  fc.integer({ min: 0, max: 2 ** (32 - bits) - 1 }).map((host) => (ipv4ToNumber(base)! + host) >>> 0);

const reservedIpv4 = fc.constantFrom(...reservedIpv4Blocks).chain(inBlock);
const publicIpv4 = fc
  .integer({ min: 0, max: 0xffffffff })
  .filter((v) => hostClass(dotted(v)) === 'public')
  .map((v) => v >>> 0);

/** The ways a URL can write an IPv4 address as an IPv4 host (the URL parser normalises them). */
function ipv4Spellings(v: number): string[] {
  const [a, b, c, d] = bytes(v) as [number, number, number, number];
  return [
    dotted(v),
    `${dotted(v)}.`, // trailing dot
    String(v), // one decimal number
    `0x${hex(v)}`, // one hex number
    `0X${hex(v).toUpperCase()}`,
    `0${v.toString(8)}`, // one octal number
    [a, b, c, d].map((x) => `0${x.toString(8)}`).join('.'), // octal parts
    [a, b, c, d].map((x) => `0x${hex(x)}`).join('.'), // hex parts
    `${a}.${(b << 16) + (c << 8) + d}`, // a.bcd
    `${a}.${b}.${(c << 8) + d}`, // a.b.cd
    `0x${hex(a)}.0${((b << 16) + (c << 8) + d).toString(8)}`, // mixed
    [a, b, c, d].map((x) => `%3${String(x).split('').join('%3')}`).join('.'), // percent-encoded digits
  ];
}

/** Every IPv6 form that carries an IPv4 address (for Teredo: as server or as client). */
const ipv6Spellings = (v: number) =>
  fc.tuple(group, group, group, group, fc.integer({ min: 0, max: 0xffffffff })).map(([s, t, u, w, other]) =>
    [
      `::ffff:${dotted(v)}`, // IPv4-mapped
      `::ffff:${hi(v)}:${lo(v)}`,
      `0:0:0:0:0:FFFF:${hi(v)}:${lo(v)}`,
      `::${dotted(v)}`, // IPv4-compatible
      `::${hi(v)}:${lo(v)}`,
      `::ffff:0:${dotted(v)}`, // IPv4-translated
      `2002:${hi(v)}:${lo(v)}::`, // 6to4
      `2002:${hi(v)}:${lo(v)}:${s}:${t}:${u}:${w}:1`,
      `64:ff9b::${dotted(v)}`, // NAT64
      `64:ff9b::${hi(v)}:${lo(v)}`,
      `2001:0:${hi(v)}:${lo(v)}:${s}:${t}:${hex((other ^ 0xffffffff) >>> 16)}:${hex((other ^ 0xffffffff) & 0xffff)}`, // Teredo server
      `2001:0:${hi(other)}:${lo(other)}:${s}:${t}:${hex((v ^ 0xffffffff) >>> 16)}:${hex((v ^ 0xffffffff) & 0xffff)}`, // Teredo client
    ].filter((host) => !(v === 1 && compatibleForms(v).includes(host))),
  );

/**
 * `::0.0.0.1` is `::1` itself, the IPv6 loopback (its own rule, exempt in dev like 127.0.0.1),
 * not an IPv4 address carried inside IPv6.
 */
const compatibleForms = (v: number) => [`::${dotted(v)}`, `::${hi(v)}:${lo(v)}`];

const refused = (host: string, policy = production) => {
  const verdict = checkOutboundUrl(`https://${host}/hook`, policy);
  return !verdict.ok;
};

describe('the SSRF guard refuses every way of writing a non-public address', () => {
  it('a reserved IPv4 address in any IPv4 spelling is refused (loopback only where allowed)', () => {
    fc.assert(
      fc.property(reservedIpv4, (v) => {
        for (const host of ipv4Spellings(v)) {
          expect(refused(host), host).toBe(true);
          // The dev exemption covers 127.0.0.0/8 only, however it is written; nothing else.
          expect(refused(host, dev), host).toBe(v >>> 24 !== 127);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a reserved IPv4 address inside any IPv6 form is refused, even where loopback is allowed', () => {
    fc.assert(
      fc.property(reservedIpv4.chain(ipv6Spellings), (hosts) => {
        for (const host of hosts) {
          expect(refused(`[${host}]`), host).toBe(true);
          expect(refused(`[${host}]`, dev), host).toBe(true);
          expect(hostClass(host), host).toBe('private');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a public IPv4 address is accepted in every spelling and inside every IPv6 form', () => {
    fc.assert(
      fc.property(
        publicIpv4.chain((v) => fc.tuple(fc.constant(v), ipv6Spellings(v), publicIpv4)),
        ([v, v6, otherPublic]) => {
          for (const host of ipv4Spellings(v)) expect(refused(host), host).toBe(false);
          // Teredo needs both its addresses public: swap the random other one for a public one.
          const teredo = v6.slice(-2).map((h, i) => {
            const parts = h.split(':');
            const [x, y] = i === 0 ? [6, 7] : [2, 3];
            const value = i === 0 ? (otherPublic ^ 0xffffffff) >>> 0 : otherPublic;
            parts[x] = hex(value >>> 16);
            parts[y] = hex(value & 0xffff);
            return parts.join(':');
          });
          for (const host of [...v6.slice(0, -2), ...teredo]) expect(refused(`[${host}]`), host).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback (refused in production)'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fc00::1', 'unique local'],
    ['fdff:1234::1', 'unique local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['ff0e::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:db8:ffff::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['3fff:fff:ffff::1', 'documentation'],
    ['100::1', 'discard only'],
    ['2001:10::1', 'ORCHID'],
    ['2001:20::1', 'ORCHIDv2'],
    ['2001:2::1', 'benchmarking'],
    ['2001:1::1', 'IETF protocol assignment'],
    ['64:ff9b:1::a00:1', 'NAT64 local use'],
    ['5f00::1', 'SRv6'],
    ['4000::1', 'unassigned'],
    ['::1:2:3:4', 'reserved ::/8'],
    ['fe80::1%25eth0', 'zone id'],
    ['1:2:3:4:5:6:7:8:9', 'not an address'],
  ])('IPv6 %s (%s) is refused', (host) => {
    expect(refused(`[${host}]`)).toBe(true);
  });

  it('reserved IPv6 ranges hold for every address in them, and global unicast is accepted', () => {
    const v6 = (prefix: number[], bits: number) =>
      fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((gs) =>
        gs
          .map((g, i) => {
            const keep = Math.min(16, Math.max(0, bits - i * 16));
            const mask = (0xffff << (16 - keep)) & 0xffff;
            return hex(((prefix[i] ?? 0) & mask) | (g & ~mask & 0xffff));
          })
          .join(':'),
      );
    const reserved = fc.oneof(
      v6([0xfc00], 7),
      v6([0xfe80], 10),
      v6([0xfec0], 10),
      v6([0xff00], 8),
      v6([0x2001, 0xdb8], 32),
      v6([0x3fff], 20),
      v6([0x100, 0, 0, 0], 64),
      v6([0x2001, 0x2, 0], 48),
      v6([0x2001, 0x10], 28),
      v6([0x64, 0xff9b, 1], 48),
    );
    fc.assert(
      fc.property(reserved, (host) => {
        expect(refused(`[${host}]`), host).toBe(true);
      }),
    );
    const global = v6([0x2400], 6).filter((h) => !h.startsWith('2002:'));
    fc.assert(
      fc.property(global, (host) => {
        expect(refused(`[${host}]`), host).toBe(false);
      }),
    );
  });

  it('the reported forms: [::127.0.0.1] and [2002:a9fe:a9fe::] (6to4 of 169.254.169.254)', () => {
    for (const policy of [production, dev]) {
      expect(checkOutboundUrl('http://[::127.0.0.1]/hook', policy).ok).toBe(false);
      expect(checkOutboundUrl('https://[2002:a9fe:a9fe::]/hook', policy).ok).toBe(false);
    }
  });

  it('a numeric host the URL parser would refuse is not taken for a name', () => {
    for (const host of ['256.0.0.1', '1.2.3.4.5', '0x100000000', '08.1', '4294967296', '1.2.3.09']) {
      expect(hostClass(host), host).toBe('private');
    }
    expect(hostClass('08.example.com')).toBe('name');
    expect(hostClass('hooks.0x.example')).toBe('name');
  });
});
