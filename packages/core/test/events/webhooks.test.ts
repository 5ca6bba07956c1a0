import { describe, expect, it } from 'vitest';
import {
  buildDigests,
  digestSlot,
  readRates,
  supervisorsOfUnread,
  zonedInstant,
} from '../../src/digest/index';
import { isValidEventFilter, matchesEventType } from '../../src/events/catalogue';
import { checkResolvedAddresses, needsResolution, parseDnsJson } from '../../src/net/dns';
import { checkOutboundUrl, hostClass } from '../../src/net/ssrf';
import { retryDelaySeconds, retrySchedule } from '../../src/webhooks/retry';
import { generateWebhookSecret, verifyWebhook, webhookHeaders } from '../../src/webhooks/signing';

describe('webhook rules', () => {
  it('retries back off 10 s × 3^n, capped at the 12 h queue maximum, 10 retries', () => {
    expect(retrySchedule()).toEqual([10, 30, 90, 270, 810, 2430, 7290, 21870, 43200, 43200]);
    expect(retryDelaySeconds(50)).toBe(43200);
  });

  it('a signature made with either secret of a rotation verifies', async () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    const at = new Date('2026-11-22T00:00:00Z');
    const headers = await webhookHeaders([a, b], 'evt_1', at, '{"x":1}');
    expect(await verifyWebhook(a, headers, '{"x":1}', at)).toBe(true);
    expect(await verifyWebhook(b, headers, '{"x":1}', at)).toBe(true);
    expect(await verifyWebhook(generateWebhookSecret(), headers, '{"x":1}', at)).toBe(false);
    expect(await verifyWebhook(a, headers, '{"x":2}', at)).toBe(false);
  });

  it('wildcards match event families', () => {
    expect(matchesEventType('case.*', 'case.created')).toBe(true);
    expect(matchesEventType('case.*', 'sla.warning')).toBe(false);
    expect(matchesEventType('org.*', 'org.units.deleted')).toBe(true);
    expect(isValidEventFilter('cases.*')).toBe(false);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['100.100.0.1', 'private'],
    ['169.254.169.254', 'private'],
    ['[::1]', 'loopback'],
    ['[fe80::1]', 'private'],
    ['[fc00::1]', 'private'],
    ['[::ffff:7f00:1]', 'private'], // loopback inside IPv6 is never exempt
    ['localhost', 'localhost'],
    ['8.8.8.8', 'public'],
    ['hooks.example.com', 'name'],
  ])('host %s is %s', (host, kind) => {
    expect(hostClass(host)).toBe(kind);
  });

  it('production refuses http and loopback even when loopback is allowed elsewhere', () => {
    const prod = { requireHttps: true, allowLoopback: false };
    expect(checkOutboundUrl('http://hooks.example.com/x', prod).ok).toBe(false);
    expect(checkOutboundUrl('https://hooks.example.com/x', prod).ok).toBe(true);
    expect(checkOutboundUrl('https://127.0.0.1/x', prod).ok).toBe(false);
    expect(checkOutboundUrl('http://127.0.0.1:8080/x', { requireHttps: false, allowLoopback: true }).ok).toBe(
      true,
    );
  });
});

describe('daily complaint digest', () => {
  it('is due from 08:30 Shanghai and covers the previous local day', () => {
    const before = digestSlot(new Date('2026-11-22T00:29:00Z'), 'Asia/Shanghai');
    const after = digestSlot(new Date('2026-11-22T00:30:00Z'), 'Asia/Shanghai');
    expect(before.due).toBe(false);
    expect(after.due).toBe(true);
    expect(after.reportDate).toBe('2026-11-21');
    expect(after.from.toISOString()).toBe('2026-11-20T16:00:00.000Z');
    expect(after.to.toISOString()).toBe('2026-11-21T16:00:00.000Z');
  });

  it('follows each tenant time zone, including daylight saving', () => {
    expect(zonedInstant('2026-07-01', '08:30', 'Europe/London').toISOString()).toBe(
      '2026-07-01T07:30:00.000Z',
    );
    expect(digestSlot(new Date('2026-11-22T08:30:00Z'), 'Europe/London', '08:30').due).toBe(true);
  });

  it('groups complaints per branch, and a branch with none still gets its digest', () => {
    const at = new Date('2026-11-21T02:00:00Z');
    const digests = buildDigests(
      ['br_a', 'br_b'],
      [
        {
          caseId: 'c1',
          archiveNo: '1',
          branchId: 'br_a',
          projectId: 'p1',
          category: 'noise',
          severity: 'major',
          status: 'received',
          receivedAt: at,
        },
        {
          caseId: 'c2',
          archiveNo: '2',
          branchId: 'br_a',
          projectId: 'p2',
          category: 'fee',
          severity: null,
          status: 'closed',
          receivedAt: at,
        },
      ],
    );
    expect(digests.map((d) => d.complaintCount)).toEqual([2, 0]);
    expect(digests[0]?.bySeverity).toEqual({ major: 1, normal: 1 });
  });

  it('tells the supervisors of the same project or the branch, never oneself', () => {
    const map = supervisorsOfUnread(
      'br',
      [{ userId: 'u1', scopes: [{ scopeType: 'project', scopeId: 'p1' }] }],
      [
        { userId: 's1', role: 'cs_supervisor', scopeType: 'project', scopeId: 'p1' },
        { userId: 's2', role: 'cs_supervisor', scopeType: 'project', scopeId: 'p2' },
        { userId: 'm1', role: 'branch_cs_manager', scopeType: 'branch', scopeId: 'br' },
      ],
    );
    expect([...map.keys()].sort()).toEqual(['m1', 's1']);
    expect(
      readRates([
        { userId: 'u1', read: true, projectIds: ['p1'] },
        { userId: 'u2', read: false, projectIds: ['p1'] },
      ]).projects,
    ).toEqual([{ projectId: 'p1', recipients: 2, read: 1, rate: 0.5 }]);
  });
});

describe('SSRF guard on resolved addresses (DNS-over-HTTPS JSON answers)', () => {
  const url = new URL('https://hooks.example.com/x');
  const noLoopback = { allowLoopback: false };

  it('reads A and AAAA answers, NXDOMAIN as no address, and other statuses as failures', () => {
    const answer = {
      Status: 0,
      Answer: [
        { name: 'hooks.example.com', type: 5, TTL: 60, data: 'edge.example.net.' },
        { name: 'edge.example.net', type: 1, TTL: 30, data: '93.184.216.34' },
      ],
    };
    expect(parseDnsJson(answer, 'A')).toEqual({ ok: true, addresses: ['93.184.216.34'] });
    expect(
      parseDnsJson({ Status: 0, Answer: [{ type: 28, TTL: 10, data: '2606:4700::1' }] }, 'AAAA'),
    ).toEqual({
      ok: true,
      addresses: ['2606:4700::1'],
    });
    expect(parseDnsJson({ Status: 3 }, 'A')).toEqual({ ok: true, addresses: [] });
    expect(parseDnsJson({ Status: 2 }, 'A')).toEqual({ ok: false, reason: 'resolver answered SERVFAIL' });
    expect(parseDnsJson('<html>', 'A').ok).toBe(false);
  });

  it.each([
    [['10.0.0.5'], false],
    [['93.184.216.34', '169.254.169.254'], false],
    [['fd00::1'], false],
    [['::ffff:192.168.0.1'], false],
    [['127.0.0.1'], false],
    [[], false],
    [['93.184.216.34', '2606:4700::1'], true],
  ])('addresses %j are accepted: %s', (addresses, ok) => {
    expect(checkResolvedAddresses(url, addresses, noLoopback).ok).toBe(ok);
  });

  it('loopback passes only when allowed, private never', () => {
    expect(checkResolvedAddresses(url, ['127.0.0.1', '::1'], { allowLoopback: true }).ok).toBe(true);
    expect(checkResolvedAddresses(url, ['10.1.2.3'], { allowLoopback: true })).toEqual({
      ok: false,
      reason:
        'hooks.example.com resolves to 10.1.2.3; private, link-local and reserved addresses are refused',
    });
  });

  it('only names need resolving', () => {
    expect(needsResolution(url)).toBe(true);
    expect(needsResolution(new URL('https://8.8.8.8/x'))).toBe(false);
    expect(needsResolution(new URL('http://[::1]/x'))).toBe(false);
  });
});
