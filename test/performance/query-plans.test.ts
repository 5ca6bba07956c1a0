import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { recordQueries } from '../../workers/data/db';
import { demoId } from '../../workers/seed/demo-data';
import { loadOperations } from '../attack/openapi';
import { cronTick } from '../support/cron';
import { loginDemo, seedDemo } from '../support/demo';
import { shardNames } from '../support/shards';

/** Tables that hold tenant rows: reading one without an index is a scan across every tenant. */
const tenantTables =
  /\b(SCAN) (zones|branches|projects|buildings|units|owners|owner_units|departments|contractors|contractor_contacts|staff_users|role_assignments|staff_loans|api_keys|audit_log|cases|case_timeline|case_attachments|case_parties|star_cycles|star_nominations|star_decisions|star_winners|audit_templates|audit_plans|audits|audit_evidence|corrective_actions|outbox_events|login_throttles)\b/;

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

/** The plan steps of every select a request issues, with the SQL. */
async function plansOf(run: () => Promise<void>) {
  const queries = await recordQueries(run);
  const out: { sql: string; steps: string[] }[] = [];
  for (const q of queries.filter((x) => /^\s*select/i.test(x.sql))) {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
      .bind(...(q.params as unknown[]))
      .all<{ detail: string }>();
    out.push({ sql: q.sql, steps: plan.results.map((s) => s.detail) });
  }
  return out;
}

describe('query plans of the KPI reports and the party filters', () => {
  it('first-time fix reads the window’s completions and follow-ups the window’s due dates, through their indexes', async () => {
    await seedDemo();
    const staff = await loginDemo('tenant_admin');
    const fix = await plansOf(async () => {
      await staff.get('/v1/reports/first-time-fix');
    });
    const fixSteps = fix.filter((p) => /completed_at/.test(p.sql)).flatMap((p) => p.steps);
    expect(fixSteps.join('\n')).toMatch(
      /SEARCH cases USING INDEX cases_tenant_kind_completed_idx \(tenant_id=\? AND kind=\? AND completed_at>\? AND completed_at<\?\)/,
    );
    const followups = await plansOf(async () => {
      await staff.get('/v1/reports/followups');
    });
    const dueSteps = followups.filter((p) => /followup_due_at/.test(p.sql)).flatMap((p) => p.steps);
    expect(dueSteps.join('\n')).toMatch(
      /SEARCH cases USING INDEX cases_tenant_kind_followup_due_idx \(tenant_id=\? AND kind=\? AND followup_due_at>\? AND followup_due_at<\?\)/,
    );
  });

  it('the KPI report reads the windows’ cases and their milestones through indexes, never a scan', async () => {
    await seedDemo();
    const staff = await loginDemo('tenant_admin');
    const kpis = await plansOf(async () => {
      await staff.get('/v1/reports/kpis');
    });
    const steps = kpis.flatMap((p) => p.steps).join('\n');
    expect(steps).not.toMatch(/\bSCAN (cases|case_milestones)\b/);
    expect(steps).toMatch(
      /SEARCH cases USING INDEX cases_tenant_received_idx \(tenant_id=\? AND received_at>\? AND received_at<\?\)/,
    );
  });

  it('the owner and unit filters (group complaints included) use indexes, never a scan', async () => {
    await seedDemo();
    const staff = await loginDemo('tenant_admin');
    const plans = await plansOf(async () => {
      await staff.get(`/v1/cases?ownerId=${demoId('own', 3)}&limit=5`);
      await staff.get(`/v1/cases?unitId=${demoId('unit', 4)}&limit=5`);
    });
    const steps = plans.flatMap((p) => p.steps);
    expect(steps.filter((s) => tenantTables.test(s))).toEqual([]);
    expect(steps.join('\n')).toMatch(/case_parties_tenant_party_idx/);
  });
});

describe('query plans of the event list', () => {
  it('each status filter reads the tenant’s rows through an index starting with tenant_id; dead and unsent through their partial ones', async () => {
    await seedDemo();
    const staff = await loginDemo('tenant_admin');
    const range = 'from=2026-01-01T00:00:00Z&to=2099-01-01T00:00:00Z';
    const cursor = btoa(JSON.stringify({ after: 'evt_zzzzzzzzzzzzzzzzzzzzzzzzzz' })).replace(/=+$/, '');
    const stepsOf = async (query: string) =>
      (
        await plansOf(async () => {
          expect((await staff.get(`/v1/events?${query}`)).status).toBe(200);
        })
      )
        .filter((p) => /outbox_events/.test(p.sql))
        .flatMap((p) => p.steps)
        .join('\n');
    for (const query of ['', 'type=case.created', range, `cursor=${cursor}`, 'status=handled']) {
      const steps = await stepsOf(`${query}&limit=5`);
      expect(steps, query).toMatch(
        /SEARCH outbox_events USING INDEX outbox_events_tenant_\w+ \(tenant_id=\?/,
      );
      expect(steps, query).not.toMatch(/SCAN outbox_events|TEMP B-TREE/);
    }
    expect(await stepsOf(`status=dead&type=case.created&${range}&cursor=${cursor}`)).toMatch(
      /SEARCH outbox_events USING INDEX outbox_events_tenant_dead_idx \(tenant_id=\? AND id<\?\)/,
    );
    expect(await stepsOf('status=pending&limit=5')).toMatch(
      /SEARCH outbox_events USING INDEX outbox_events_tenant_(pending|unhandled)_idx \(tenant_id=\?\)/,
    );
    expect(await stepsOf(`status=sent&cursor=${cursor}&limit=5`)).toMatch(
      /SEARCH outbox_events USING INDEX outbox_events_tenant_unhandled_idx \(tenant_id=\? AND id<\?\)/,
    );
  });

  it('the health read (the events not handled, the oldest of them) reads only the partial unhandled index', async () => {
    await seedDemo();
    const staff = await loginDemo('tenant_admin');
    const plans = await plansOf(async () => {
      expect((await staff.get('/v1/events/health')).status).toBe(200);
    });
    const outbox = plans.filter((p) => /outbox_events/.test(p.sql));
    expect(outbox).toHaveLength(2);
    for (const plan of outbox) {
      expect(plan.steps.join('\n'), plan.sql).toMatch(
        /SEARCH outbox_events USING (COVERING )?INDEX outbox_events_tenant_unhandled_idx \(tenant_id=\?\)/,
      );
      expect(plan.steps.join('\n'), plan.sql).not.toMatch(/SCAN outbox_events|TEMP B-TREE/);
    }
  });

  it('the cron sweep finds unsent rows and rows sent but not handled through their indexes, never a scan', async () => {
    const plans = await plansOf(async () => {
      await cronTick(Date.now());
    });
    const sweep = plans.filter((p) => /from "outbox_events"/i.test(p.sql) && !/"tenant_id" = \?/.test(p.sql));
    // Two queries per shard: the unsent rows, then the rows sent but not handled (the shards are
    // swept at the same time, so their queries interleave).
    expect(sweep).toHaveLength(2 * shardNames.length);
    const steps = sweep.map((p) => p.steps.join('\n'));
    const unsent =
      /SEARCH outbox_events USING INDEX outbox_events_unpublished_idx \(published_at=\? AND occurred_at<\?\)/;
    const unhandled = /SEARCH outbox_events USING INDEX outbox_events_sent_unhandled_idx \(last_sent_at<\?\)/;
    expect(steps.filter((plan) => unsent.test(plan))).toHaveLength(shardNames.length);
    expect(steps.filter((plan) => unhandled.test(plan))).toHaveLength(shardNames.length);
    for (const s of steps) expect(s).not.toMatch(/SCAN outbox_events|TEMP B-TREE/);
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
