import { describe, expect, it } from 'vitest';
import { fireAlarm, recordedKeys, shiftCase } from '../support/sla';
import { act, as, frontDeskComplaint, fx, hotlineRepair, intake } from './support';

/*
 * Issue 19 item 5: a supervisor reclassifies a case; the timeline and the audit log say so, and
 * the SLA clock follows (old policies' milestones cancelled as reclassified, the new policy's
 * started from the reclassification).
 */

async function slaOf(caseId: string) {
  const res = await (await as('tenant_admin')).get(`/v1/cases/${caseId}/sla`);
  expect(res.status).toBe(200);
  return res.body.milestones as {
    milestone: string;
    status: string;
    startedAt: string;
    dueAt: string;
    endReason: string | null;
  }[];
}

describe('reclassifying a case', () => {
  it('an inquiry that is a complaint gets the 24-hour reply from the reclassification, in the timeline and the audit log', async () => {
    const desk = await as('front_desk');
    const inquiry = await intake(desk, frontDeskComplaint({ kind: 'inquiry', category: 'property_fees' }));
    // Received five hours ago: the complaint's reply clock must not be back-dated to then.
    await shiftCase(fx.tenantId, inquiry.id, -5 * 60);
    const supervisor = await as('cs_supervisor');
    const offered = await supervisor.get(`/v1/cases/${inquiry.id}/allowed-actions`);
    expect(JSON.stringify(offered.body)).toContain('reclassify');
    const before = Date.now();
    const moved = await act(supervisor, inquiry.id, {
      type: 'reclassify',
      kind: 'complaint',
      category: 'sales_promise',
      reason: '业主明确表示投诉开发商承诺未兑现',
    });
    expect(moved).toMatchObject({
      kind: 'complaint',
      category: 'sales_promise',
      status: 'received',
      severity: 'normal',
    });

    const reply = (await slaOf(inquiry.id)).find((m) => m.milestone === 'first_reply');
    expect(reply?.status).toBe('pending');
    const started = Date.parse(reply?.startedAt ?? '');
    expect(started).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(reply?.dueAt ?? '') - started).toBe(24 * 3_600_000);

    const admin = await as('tenant_admin');
    const timeline = await admin.get(`/v1/cases/${inquiry.id}/timeline`);
    const entry = timeline.body.data.find((t: { action: string }) => t.action === 'reclassify');
    expect(entry).toMatchObject({
      visibility: 'internal',
      note: '业主明确表示投诉开发商承诺未兑现',
      data: {
        from: { kind: 'inquiry', category: 'property_fees' },
        to: { kind: 'complaint', category: 'sales_promise' },
      },
    });
    const audit = await admin.get(`/v1/audit-log?limit=200`);
    expect(JSON.stringify(audit.body)).toContain('cases.reclassify');
  });

  it('a repair raised to emergency ends nothing it still needs, starts the on-site clock from now, and then moves to another estate with a unit there and that estate’s branch', async () => {
    const hotline = await as('hotline_agent');
    const admin = await as('tenant_admin');
    const repair = await intake(hotline, hotlineRepair());
    await act(hotline, repair.id, { type: 'dispatch', contractorId: fx.contractor1 });
    const before = Date.now();
    await act(admin, repair.id, { type: 'reclassify', urgency: 'emergency', reason: '漏水已影响楼下住户' });
    const raised = await slaOf(repair.id);
    const onsite = raised.find((m) => m.milestone === 'onsite_arrival');
    expect(onsite?.status).toBe('pending');
    expect(Date.parse(onsite?.startedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(raised.find((m) => m.milestone === 'contractor_contact')?.status).toBe('pending');

    // Back to normal: the emergency's on-site clock ends as reclassified; 2 hours later nothing breaches.
    await act(admin, repair.id, { type: 'reclassify', urgency: 'normal', reason: '误报，已止水' });
    expect((await slaOf(repair.id)).find((m) => m.milestone === 'onsite_arrival')).toMatchObject({
      status: 'cancelled',
      endReason: 'reclassified',
    });
    await shiftCase(fx.tenantId, repair.id, -120);
    await fireAlarm(fx.tenantId, repair.id);
    const keys = (await recordedKeys(fx.tenantId, repair.id)).map((r) => r.key);
    expect(keys.filter((k) => k.includes(':onsite_arrival:'))).toEqual([]);

    const moved = await act(admin, repair.id, {
      type: 'reclassify',
      projectId: fx.donghu,
      unitId: fx.donghuUnit(1),
      reason: '录错小区',
    });
    expect(moved).toMatchObject({ projectId: fx.donghu, branchId: fx.ningbo, unitId: fx.donghuUnit(1) });
  });
});
