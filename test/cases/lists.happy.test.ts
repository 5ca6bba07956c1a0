import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { recordQueries } from '../../workers/data/db';
import { eventually, rows } from '../support/events';
import { shardOf } from '../support/shards';
import { newEstate, newTenant } from '../support/tenants';
import { act, as, fx, hotlineRepair, intake } from './support';

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((c) => c.id);

describe('case lists and search', () => {
  it('finds 电梯故 inside 3号楼电梯故障 by full text, and never another tenant’s case', async () => {
    const hotline = await as('hotline_agent');
    const lift = await intake(
      hotline,
      hotlineRepair({
        description: '3号楼电梯故障，停在5楼',
        category: 'elevator.breakdown',
        unitId: fx.xixiUnit(6),
      }),
    );
    const other = await newTenant('Other Group');
    const estate = await newEstate(other.admin);
    const theirs = await intake(other.admin, {
      ...hotlineRepair({ description: '2号楼电梯故障', category: 'elevator' }),
      projectId: estate.projectId,
      unitId: estate.unitId,
    });

    const found = await hotline.get(`/v1/cases?q=${encodeURIComponent('电梯故')}&limit=20`);
    expect(found.status).toBe(200);
    expect(ids(found)).toContain(lift.id);
    expect(ids(found)).not.toContain(theirs.id);
    const bench = await hotline.get(`/v1/cases?q=${encodeURIComponent('电梯故障')}&limit=20`);
    expect(ids(bench)).toContain(lift.id);
    const theirSearch = await other.admin.get(`/v1/cases?q=${encodeURIComponent('电梯故')}`);
    expect(ids(theirSearch)).toEqual([theirs.id]);

    // Two characters are below the trigram: a substring match within the tenant instead.
    const short = await hotline.get(`/v1/cases?q=${encodeURIComponent('电梯')}&limit=200`);
    expect(ids(short)).toContain(lift.id);
    expect(ids(short)).not.toContain(theirs.id);
    // Quotes and FTS operators are plain text.
    expect((await hotline.get(`/v1/cases?q=${encodeURIComponent('"电梯" OR *')}`)).status).toBe(200);
  });

  it('filters by project, kind, status, category (with sub-categories), channel, first-ask owner, contractor and dates', async () => {
    const hotline = await as('hotline_agent');
    const desk = await as('front_desk');
    const a = await intake(
      hotline,
      hotlineRepair({ category: 'plumbing.pipe_burst', unitId: fx.xixiUnit(7) }),
    );
    const b = await intake(desk, {
      kind: 'inquiry',
      channel: 'front_desk',
      projectId: fx.xixi,
      description: '门禁卡怎么补办',
      category: 'security',
      contact: { phone: '13600004444' },
    });
    await act(hotline, a.id, { type: 'dispatch', contractorId: fx.contractor1 });

    const q = async (query: string) => ids(await hotline.get(`/v1/cases?limit=200&${query}`));
    expect(await q(`projectId=${fx.xixi}`)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await q(`projectId=${fx.donghu}`)).not.toContain(a.id);
    expect(await q(`branchId=${fx.hangzhou}&kind=inquiry`)).toContain(b.id);
    expect(await q('kind=inquiry')).not.toContain(a.id);
    expect(await q('status=dispatched')).toContain(a.id);
    expect(await q('category=plumbing')).toContain(a.id);
    expect(await q('category=plumbing')).not.toContain(b.id);
    expect(await q('channel=front_desk')).toEqual(expect.arrayContaining([b.id]));
    expect(await q(`firstAskOwnerId=${fx.frontDesk}`)).toContain(b.id);
    expect(await q(`firstAskOwnerId=${fx.frontDesk}`)).not.toContain(a.id);
    expect(await q(`contractorId=${fx.contractor1}`)).toContain(a.id);
    expect(await q('urgency=emergency')).not.toContain(a.id);
    expect(await q('overdue=true')).not.toContain(a.id);
    expect(await q('overdue=false')).toContain(a.id);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await q(`from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`)).toContain(a.id);
    expect(await q(`to=${encodeURIComponent(past)}`)).not.toContain(a.id);
  });

  it('filters by assignee, department, urgency and the overdue flag the SLA clock sets', async () => {
    const hotline = await as('hotline_agent');
    const urgent = await intake(
      hotline,
      hotlineRepair({ urgency: 'emergency', category: 'elevator', unitId: fx.xixiUnit(5) }),
    );
    const plain = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(5), category: 'noise' }));
    await act(hotline, urgent.id, {
      type: 'dispatch',
      departmentId: fx.xixiEngineering,
      assigneeId: fx.staff(13),
    });
    // The real queue re-arms the case's clock on each of its events, and a re-arm clears a flag
    // the deadlines do not justify: the flag is written once every event of the case is handled.
    const unhandled = () =>
      rows(
        "SELECT id FROM outbox_events WHERE tenant_id = ? AND json_extract(payload, '$.caseId') = ? AND handled_at IS NULL",
        fx.tenantId,
        urgent.id,
      );
    expect(await eventually(unhandled, (r) => r.length === 0)).toEqual([]);
    // What the SLA clock writes when a deadline passes.
    await (await shardOf(fx.tenantId))
      .prepare('UPDATE cases SET overdue_since = ? WHERE tenant_id = ? AND id = ?')
      .bind(Date.now(), fx.tenantId, urgent.id)
      .run();

    const q = async (query: string) => ids(await hotline.get(`/v1/cases?limit=200&${query}`));
    expect(await q(`assigneeId=${fx.staff(13)}`)).toContain(urgent.id);
    expect(await q(`assigneeId=${fx.staff(13)}`)).not.toContain(plain.id);
    expect(await q(`departmentId=${fx.xixiEngineering}`)).toContain(urgent.id);
    expect(await q(`departmentId=${fx.xixiCs}`)).not.toContain(urgent.id);
    expect(await q('urgency=emergency')).toContain(urgent.id);
    expect(await q('urgency=emergency')).not.toContain(plain.id);
    expect(await q('overdue=true')).toContain(urgent.id);
    expect(await q('overdue=true')).not.toContain(plain.id);
    expect(await q('overdue=false')).not.toContain(urgent.id);
    expect(await q(`overdue=true&projectId=${fx.donghu}`)).toEqual([]);
    // The Ningbo desk never sees it, overdue or not.
    const ningbo = await as('front_desk.nb');
    expect(ids(await ningbo.get('/v1/cases?overdue=true&limit=200'))).not.toContain(urgent.id);
  });

  it('pages newest first (or oldest first) with a cursor, without repeats', async () => {
    const hotline = await as('hotline_agent');
    for (let i = 0; i < 5; i++)
      await intake(hotline, hotlineRepair({ projectId: fx.binjiang, unitId: undefined }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await hotline.get(
        `/v1/cases?projectId=${fx.binjiang}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort().reverse()).toEqual(seen);
    const oldest = ids(await hotline.get(`/v1/cases?projectId=${fx.binjiang}&sort=oldest&limit=200`));
    expect(oldest).toEqual([...seen].reverse());
  });

  it('serves lists and searches from indexes (no full scan of cases)', async () => {
    const hotline = await as('hotline_agent');
    const desk = await as('front_desk');
    const queries = await recordQueries(async () => {
      await hotline.get(`/v1/cases?projectId=${fx.xixi}&limit=50`);
      await hotline.get(`/v1/cases?q=${encodeURIComponent('电梯故障')}&limit=20`);
      await hotline.get(`/v1/cases?q=${encodeURIComponent('漏水')}&limit=20`);
      await desk.get('/v1/cases?limit=50&status=received&category=plumbing');
      await hotline.get('/v1/cases?limit=50&kind=repair&channel=hotline&urgency=normal');
      await hotline.get(`/v1/cases?limit=50&contractorId=${fx.contractor1}`);
      await hotline.get('/v1/cases?limit=50&overdue=true');
    });
    const scans: string[] = [];
    for (const query of queries.filter((q) => /^\s*select/i.test(q.sql) && /from "cases"/i.test(q.sql))) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
        .bind(...(query.params as unknown[]))
        .all<{ detail: string }>();
      for (const step of plan.results)
        if (/\bSCAN cases\b/.test(step.detail)) scans.push(`${step.detail} ← ${query.sql}`);
    }
    expect(scans).toEqual([]);
  });
});

describe('the work queue’s deadlines', () => {
  it('each listed case carries its next SLA deadline, and dueBefore keeps the cases due before an instant', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(8) }));
    const dispatched = await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    const contactDue = new Date(new Date(dispatched.dispatchedAt).getTime() + 30 * 60_000).toISOString();

    const listed = await hotline.get(`/v1/cases?limit=200&status=dispatched`);
    const row = listed.body.data.find((c: { id: string }) => c.id === created.id);
    expect(row.nextDeadline).toEqual({
      milestone: 'contractor_contact',
      dueAt: contactDue,
      status: 'pending',
    });
    // A case without a running milestone has none.
    const inquiry = await intake(hotline, {
      kind: 'suggestion',
      channel: 'hotline',
      projectId: fx.xixi,
      description: '建议增加电动车充电桩',
      category: 'other',
      contact: { phone: '13600005555' },
    });
    const all = await hotline.get('/v1/cases?limit=200&kind=suggestion');
    const quiet = all.body.data.find((c: { id: string }) => c.id === inquiry.id);
    expect(quiet).toHaveProperty('nextDeadline');

    const within = (minutes: number) =>
      new Date(new Date(dispatched.dispatchedAt).getTime() + minutes * 60_000).toISOString();
    const soon = await hotline.get(`/v1/cases?limit=200&dueBefore=${encodeURIComponent(within(31))}`);
    expect(ids(soon)).toContain(created.id);
    const notYet = await hotline.get(`/v1/cases?limit=200&dueBefore=${encodeURIComponent(within(29))}`);
    expect(ids(notYet)).not.toContain(created.id);
    expect((await hotline.get('/v1/cases?dueBefore=soon')).body.issues[0].path).toBe('query.dueBefore');
  });
});
