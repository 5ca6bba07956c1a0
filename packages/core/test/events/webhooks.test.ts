import { describe, expect, it } from 'vitest';
import {
  buildDigests,
  digestSlot,
  readRates,
  supervisorsOfUnread,
  zonedInstant,
} from '../../src/digest/index';
import { isValidEventFilter, matchesEventType } from '../../src/events/catalogue';
import { retryDelaySeconds, retrySchedule } from '../../src/webhooks/retry';
import { generateWebhookSecret, verifyWebhook, webhookHeaders } from '../../src/webhooks/signing';
import { checkOutboundUrl, hostClass } from '../../src/webhooks/ssrf';

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
    ['[::ffff:7f00:1]', 'loopback'],
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
