import { roles } from '@guanjia/core';
import { describe, expect, it } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import { seedDemo } from '../support/demo';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';

const tables = [
  'branches',
  'projects',
  'buildings',
  'units',
  'owners',
  'owner_units',
  'departments',
  'contractors',
  'staff_users',
  'role_assignments',
] as const;

async function counts() {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await (await shardOf(demo.tenantId))
      .prepare(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ?`)
      .bind(demo.tenantId)
      .first<{ n: number }>();
    out[table] = row?.n ?? 0;
  }
  return out;
}

describe('the demo group', () => {
  it('has 2 branches, 5 projects with buildings, units and owners, 2 contractors and a login for every role; seeding again adds nothing', async () => {
    const first = await seedDemo();
    const after = await counts();
    expect(after).toMatchObject({ branches: 2, projects: 5, contractors: 2 });
    for (const table of ['buildings', 'units', 'owners', 'owner_units', 'departments'] as const) {
      expect(after[table]).toBeGreaterThan(5);
    }
    const staffRoles = new Set(first.logins.map((l) => l.role));
    // Every staff role has a demo login (the integrator is an API key, not a person).
    expect([...staffRoles].sort()).toEqual(roles.filter((r) => r !== 'integrator').sort());

    const again = await seedDemo();
    expect(await counts()).toEqual(after);
    expect(again.logins).toEqual(first.logins);
  });
});

describe('the demo product quality', () => {
  it('has a defect meeting, a scored project, a handover plan in progress and 20+ knowledge articles', async () => {
    await seedDemo();
    const { demoAs } = await import('../support/staff');
    const manager = await demoAs('cr_manager');
    const meetings = await manager.get(`/v1/defect-meetings?projectId=${demo.xixi}`);
    expect(meetings.body.data.length).toBeGreaterThanOrEqual(1);
    const year = new Date().getFullYear();
    const card = await manager.get(`/v1/defects/scorecard?projectId=${demo.xixi}&year=${year}`);
    expect(card.status).toBe(200);
    expect(card.body.total).toBeLessThan(100);
    const plan = await (await shardOf(demo.tenantId))
      .prepare('SELECT count(*) AS n FROM handover_checklist_items WHERE tenant_id = ? AND actual_on IS NULL')
      .bind(demo.tenantId)
      .first<{ n: number }>();
    expect(plan?.n).toBeGreaterThan(0);
    const inspections = await manager.get(`/v1/handover-plans/${demoId('hop', 1)}/inspections`);
    expect(inspections.status).toBe(200);
    const statuses = inspections.body.data.map((u: { status: string }) => u.status);
    expect(statuses.filter((s: string) => s !== 'not_inspected')).toHaveLength(3);
    expect(statuses).toContain('not_inspected');
    const issues = inspections.body.data.flatMap(
      (u: { inspection: { issues: { defectId: string }[] } | null }) => u.inspection?.issues ?? [],
    );
    expect(issues.map((i: { defectId: string }) => i.defectId).sort()).toEqual([
      demoId('dft', 3),
      demoId('dft', 4),
    ]);
    const agenda = await manager.get(`/v1/defect-meetings/agenda?projectId=${demo.xixi}`);
    expect(agenda.body.items.map((i: { defect: { id: string } }) => i.defect.id)).toContain(demoId('dft', 4));
    const desk = await demoAs('front_desk');
    const articles = await desk.get('/v1/knowledge/articles?limit=100');
    expect(articles.body.data.length).toBeGreaterThanOrEqual(20);
    const suggested = await desk.post('/v1/knowledge/suggestions', {
      description: '业主来电说3号楼电梯困人了，里面有个老人',
      projectId: demo.xixi,
    });
    expect(suggested.body.data[0]?.article.title).toBe('电梯困人应急处置');
    const fee = await desk.post('/v1/knowledge/suggestions', {
      description: '业主询问物业费在哪里缴纳，可以微信缴费吗',
    });
    expect(fee.body.data[0]?.article.title).toBe('物业费的收费标准和缴纳方式');
  });
});

describe('the demo mystery-shopper programme', () => {
  const countOf = async (table: string) =>
    (
      await (
        await shardOf(demo.tenantId)
      )
        .prepare(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ?`)
        .bind(demo.tenantId)
        .first<{ n: number }>()
    )?.n ?? 0;

  it('ranks every project with months of trend, has corrective actions in every state and two audits waiting for the shopper; seeding again adds nothing', async () => {
    await seedDemo();
    const { demoAs } = await import('../support/staff');
    const manager = await demoAs('cr_manager');
    const results = await manager.get('/v1/audits/results?groupBy=project');
    expect(results.status).toBe(200);
    expect(results.body.groups).toHaveLength(5);
    for (const g of results.body.groups) expect(g.trend.length).toBeGreaterThanOrEqual(4);
    expect(new Set(results.body.groups.map((g: { passRate: number }) => g.passRate)).size).toBeGreaterThan(1);

    const actions = (await manager.get('/v1/corrective-actions?limit=100')).body.data as {
      status: string;
      overdue: boolean;
      returnReason: string | null;
    }[];
    const states = new Set(actions.map((a) => a.status));
    expect([...states].sort()).toEqual(['done', 'open', 'verified']);
    expect(actions.some((a) => a.status === 'open' && a.returnReason)).toBe(true);
    expect(actions.some((a) => a.overdue)).toBe(true);

    const shopper = await demoAs('mystery_shopper');
    const drafts = await shopper.get('/v1/audits?status=draft');
    expect(drafts.body.data.length).toBeGreaterThanOrEqual(2);

    const before = await Promise.all(
      ['audit_templates', 'audit_plans', 'audits', 'corrective_actions'].map(countOf),
    );
    await seedDemo();
    expect(
      await Promise.all(['audit_templates', 'audit_plans', 'audits', 'corrective_actions'].map(countOf)),
    ).toEqual(before);
  });
});
