import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../support/shards';
import { milestoneRows, shiftCase } from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';
import { act, intake } from './support';

const hour = 3_600_000;

/** Moves a case, its timeline and its milestones (a met one too) by `minutes`. */
async function shiftAll(tenantId: string, caseId: string, minutes: number) {
  await shiftCase(tenantId, caseId, minutes);
  await (await shardOf(tenantId))
    .prepare(
      `UPDATE case_milestones SET started_at = started_at + ?1, due_at = due_at + ?1, met_at = met_at + ?1
       WHERE tenant_id = ?2 AND case_id = ?3 AND status = 'met'`,
    )
    .bind(minutes * 60_000, tenantId, caseId)
    .run();
}

/** A fresh group, so every figure is one of the cases made here. */
async function group() {
  const tenant = await newTenant('KPI Group');
  const estate = await newEstate(tenant.admin);
  const body = (kind: string, category: string, channel = 'hotline') => ({
    kind,
    channel,
    projectId: estate.projectId,
    unitId: estate.unitId,
    description: '统计用',
    category,
    contact: { name: '李女士', phone: '13900001234' },
  });
  return { ...tenant, estate, body };
}

describe('statistics and KPIs (/v1/reports/kpis)', () => {
  it('counts by kind, category and channel against the window before, the complaint reply rate, response percentiles and SLA compliance', async () => {
    const { admin, tenantId, estate, body } = await group();
    const now = Date.now();
    // This window: the 48 hours to now (+1 h); the window before: the 49 hours before it.
    const from = new Date(now - 48 * hour).toISOString();
    const to = new Date(now + hour).toISOString();

    const fees = await intake(admin, body('inquiry', 'property_fees'));
    await act(admin, fees.id, { type: 'answer', note: '可以' });
    await intake(admin, body('inquiry', 'property_fees', 'wechat'));
    const old = await intake(admin, body('inquiry', 'property_fees'));
    await shiftCase(tenantId, old.id, -60 * 60); // received 60 h ago: the window before
    const replied = await intake(admin, body('complaint', 'sales_promise', 'front_desk'));
    await act(admin, replied.id, { type: 'reply_owner', replyKind: 'progress', message: '已核实' });
    await shiftAll(tenantId, replied.id, -30 * 60); // its 24 h reply fell due 6 h ago, met
    const silent = await intake(admin, body('complaint', 'sales_promise', 'front_desk'));
    await shiftCase(tenantId, silent.id, -25 * 60); // due 1 h ago, never answered
    const rows = await milestoneRows(tenantId, silent.id);
    expect(rows.find((r) => r.milestone === 'first_reply')?.dueAt).toBeLessThan(now);

    const res = await admin.get(`/v1/reports/kpis?from=${from}&to=${to}&groupBy=project`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.previousTo).toBe(from);
    expect(r.previousFrom).toBe(new Date(now - 97 * hour).toISOString());
    const volume = (dimension: string, kind: string, key: string) =>
      r.volumes.find(
        (v: { dimension: string; kind: string; key: string }) =>
          v.dimension === dimension && v.kind === kind && v.key === key,
      );
    expect(volume('kind', 'inquiry', 'inquiry')).toMatchObject({
      current: 2,
      previous: 1,
      delta: 1,
      ratio: 1,
    });
    expect(volume('kind', 'complaint', 'complaint')).toMatchObject({ current: 2, previous: 0, ratio: null });
    expect(volume('channel', 'inquiry', 'wechat')).toMatchObject({ current: 1, previous: 0 });
    expect(volume('channel', 'inquiry', 'hotline')).toMatchObject({ current: 1, previous: 1 });
    expect(volume('category', 'complaint', 'sales_promise')).toMatchObject({ current: 2 });
    expect(volume('project', 'inquiry', estate.projectId)).toMatchObject({ current: 2, previous: 1 });

    // 客户投诉答复率: two replies due by now, one on time.
    expect(r.complaintReplyRate).toEqual({ due: 2, answeredOnTime: 1, rate: 0.5 });
    // First response: the answered inquiry and the replied complaint, by project.
    expect(r.firstResponse).toHaveLength(1);
    expect(r.firstResponse[0]).toMatchObject({ group: estate.projectId, count: 2 });
    expect(r.firstResponse[0].p90).toBeLessThan(5);
    const firstReply = r.slaCompliance.find((s: { milestone: string }) => s.milestone === 'first_reply');
    expect(firstReply).toMatchObject({ met: 1 });

    // The same as CSV, by the Accept header and by format=csv: UTF-8 with BOM, Chinese headers.
    const url = `http://api.test/v1/reports/kpis?from=${from}&to=${to}`;
    const auth = { Authorization: `Bearer ${admin.token}` };
    for (const csv of [
      await exports.default.fetch(url, { headers: { ...auth, accept: 'text/csv' } }),
      await exports.default.fetch(`${url}&format=csv`, { headers: auth }),
    ]) {
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      expect(text.startsWith('指标,维度,类型,分组')).toBe(true);
      expect(text).toContain('\r\nvolume,kind,inquiry,inquiry,2,1,1,1\r\n');
      expect(text).toContain('\r\ncomplaint_reply_rate,,complaint,,1,2,,0.5\r\n');
    }

    // Narrowed to the project, grouped by agent: the same volumes, percentiles by assignee.
    const byAgent = await admin.get(
      `/v1/reports/kpis?from=${from}&to=${to}&projectId=${estate.projectId}&branchId=${estate.branchId}&groupBy=agent`,
    );
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.groupBy).toBe('agent');
    expect(byAgent.body.complaintReplyRate).toEqual({ due: 2, answeredOnTime: 1, rate: 0.5 });
  });
});
