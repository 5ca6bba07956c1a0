import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { recordQueries } from '../../workers/data/db';
import { loadOperations } from '../attack/openapi';
import { loginDemo, seedDemo } from '../support/demo';

/** Tables that hold tenant rows: reading one without an index is a scan across every tenant. */
const tenantTables =
  /\b(SCAN) (zones|branches|projects|buildings|units|owners|owner_units|departments|contractors|contractor_contacts|staff_users|role_assignments|staff_loans|api_keys|audit_log|cases|case_timeline|case_attachments|star_cycles|star_nominations|star_decisions|star_winners|audit_templates|audit_plans|audits|audit_evidence|corrective_actions)\b/;

describe('query plans of every list and search the API issues', () => {
  it('use an index on every tenant table (no full scans)', async () => {
    await seedDemo();
    const roles = ['tenant_admin', 'branch_gm', 'front_desk'];
    const { operations } = await loadOperations();
    const lists = operations.filter((op) => op.method === 'get' && op.secured && !op.path.includes('{'));
    expect(lists.length).toBeGreaterThan(5);
    const queries = await recordQueries(async () => {
      for (const role of roles) {
        const staff = await loginDemo(role);
        for (const op of lists) {
          await staff.get(`${op.path}?limit=5`);
          await staff.get(`${op.path}?limit=5&q=${encodeURIComponent('电梯故障')}`);
        }
      }
    });
    const selects = queries.filter((q) => /^\s*select/i.test(q.sql));
    expect(selects.length).toBeGreaterThan(lists.length);
    const scans: string[] = [];
    for (const query of selects) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
        .bind(...(query.params as unknown[]))
        .all<{ detail: string }>();
      for (const step of plan.results) {
        if (tenantTables.test(step.detail)) scans.push(`${step.detail}  ←  ${query.sql}`);
      }
    }
    expect(scans).toEqual([]);
  });
});

describe('the scan detector itself', () => {
  it('flags a query that reads a tenant table without an index', async () => {
    const plan = await env.DB.prepare("EXPLAIN QUERY PLAN SELECT * FROM cases WHERE description = 'x'").all<{
      detail: string;
    }>();
    expect(plan.results.some((step) => tenantTables.test(step.detail))).toBe(true);
  });
});
