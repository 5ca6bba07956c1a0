import { describe, expect, it } from 'vitest';
import { shiftCase } from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';
import { intake } from './support';

const hour = 3_600_000;

describe('manager dashboard (/v1/reports/dashboard)', () => {
  it('counts this window against the window before, per day and per project', async () => {
    const tenant = await newTenant('Dashboard Group');
    const estate = await newEstate(tenant.admin);
    const body = (kind: string, category: string, channel = 'hotline') => ({
      kind,
      channel,
      projectId: estate.projectId,
      unitId: estate.unitId,
      description: '看板用',
      category,
      contact: { name: '李女士', phone: '13900001234' },
    });
    const now = Date.now();
    const from = new Date(now - 48 * hour).toISOString();
    const to = new Date(now + hour).toISOString();

    await intake(tenant.admin, body('inquiry', 'property_fees'));
    await intake(tenant.admin, body('inquiry', 'property_fees', 'wechat'));
    const silent = await intake(tenant.admin, body('complaint', 'sales_promise', 'front_desk'));
    await shiftCase(tenant.tenantId, silent.id, -25 * 60); // its reply was due an hour ago
    const old = await intake(tenant.admin, body('inquiry', 'property_fees'));
    await shiftCase(tenant.tenantId, old.id, -60 * 60); // the window before

    const res = await tenant.admin.get(`/v1/reports/dashboard?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.previousTo).toBe(from);
    expect(r.current.received).toBe(3);
    expect(r.previous.received).toBe(1);
    expect(r.current.byKind).toEqual([
      { key: 'complaint', count: 1 },
      { key: 'inquiry', count: 2 },
    ]);
    expect(r.current.byChannel.map((c: { key: string }) => c.key)).toEqual([
      'front_desk',
      'hotline',
      'wechat',
    ]);
    expect(r.current.complaintReplyRate).toMatchObject({ due: 1, answeredOnTime: 0, rate: 0 });
    expect(r.current.breaches).toBeGreaterThanOrEqual(1);
    expect(r.current.firstTimeFix).toEqual({ repairs: 0, repeats: 0, rate: null });
    expect(r.trend.reduce((n: number, d: { received: number }) => n + d.received, 0)).toBe(3);
    expect(r.trend.length).toBeGreaterThanOrEqual(3);
    expect(r.projects).toHaveLength(1);
    expect(r.projects[0]).toMatchObject({ projectId: estate.projectId, received: 3 });
    expect(r.projects[0].breaches).toBe(r.current.breaches);
  });
});
