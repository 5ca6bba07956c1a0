import { env } from 'cloudflare:test';
import { AppError } from '@guanjia/core';
import { auditLog } from '@guanjia/core/db/schema';
import { describe, expect, it } from 'vitest';
import { tenantScope } from '../../workers/app/scope';
import { commit } from '../../workers/data/commit';
import { createLogger } from '../../workers/lib/logger';
import { cronTick } from '../support/cron';
import {
  assignedEvent,
  bucket,
  eventually,
  insertOutboxRow,
  received,
  receiverUrl,
  rows,
} from '../support/events';
import { clockOf, fireAlarm, recordedKeys, shiftCase } from '../support/sla';
import { complaintAt, directoryEntry, move, rowsOn, tenantWithCase } from './move-support';

describe('moving a tenant between D1 shards', () => {
  it('moves cases, armed clocks and pending events from DB to DB2, and everything works after', async () => {
    const t = await tenantWithCase('DB');
    const hook = bucket('move');
    const sub = await t.admin.post('/v1/webhooks', {
      url: `${receiverUrl()}${hook}`,
      eventTypes: ['case.*'],
    });
    expect(sub.status).toBe(201);
    const armedBefore = await clockOf(t.tenantId, t.caseId).state();
    expect(armedBefore.wakeAt).not.toBeNull();
    // An event whose publish was lost before the move: its outbox row is unsent.
    const me = (await t.admin.get('/v1/me')).body;
    const pending = assignedEvent(t.tenantId, me.id ?? me.userId ?? 'staff_x', 'mv');
    await insertOutboxRow(pending, { unsent: true });
    const before = await rowsOn('DB', t.tenantId);
    expect(before.cases).toBe(1);

    const res = await move(t.tenantId, { shard: 'DB2' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tenantId: t.tenantId,
      from: 'DB',
      to: 'DB2',
      moved: true,
      clocksRearmed: 1,
    });
    expect(res.body.eventsPublished).toBeGreaterThanOrEqual(1);
    const copied = Object.fromEntries(
      (res.body.tables as { table: string; rows: number }[])
        .filter((x) => x.rows > 0)
        .map((x) => [x.table, x.rows]),
    );
    expect(copied).toMatchObject({
      cases: 1,
      case_timeline: before.case_timeline,
      outbox_events: expect.any(Number),
    });

    // The directory names DB2. DB keeps its copy (writes refused) for isolates that cached the
    // old entry, until the cron deletes it a minute later.
    expect(await directoryEntry(t.tenantId)).toEqual({ shard: 'DB2', movingTo: null });
    expect((await rowsOn('DB', t.tenantId)).cases).toBe(1);
    await cronTick(Date.now() + 30_000);
    expect((await rowsOn('DB', t.tenantId)).cases).toBe(1);
    await cronTick(Date.now() + 2 * 60_000);
    expect(await rowsOn('DB', t.tenantId)).toEqual({});
    const landed = await rowsOn('DB2', t.tenantId);
    for (const [table, n] of Object.entries(copied)) expect(landed[table] ?? 0).toBeGreaterThanOrEqual(n);

    // Reads and writes work on the new shard with the tokens issued before the move.
    const read = await t.admin.get(`/v1/cases/${t.caseId}`);
    expect(read.status).toBe(200);
    // The clock the move re-armed fires on the new shard: the 24-hour reply is missed.
    expect((await clockOf(t.tenantId, t.caseId).state()).armedAt).toBeGreaterThanOrEqual(
      armedBefore.armedAt ?? 0,
    );
    await shiftCase(t.tenantId, t.caseId, -(24 * 60 + 1));
    expect(await fireAlarm(t.tenantId, t.caseId)).toBe(true);
    expect((await recordedKeys(t.tenantId, t.caseId)).map((k) => k.kind)).toContain('breach');
    const reply = await t.admin.post(`/v1/cases/${t.caseId}/actions`, {
      type: 'reply_owner',
      replyKind: 'progress',
      message: '已联系销售部核实',
    });
    expect(reply.status).toBe(200);
    const second = await t.admin.post('/v1/cases', complaintAt(t.estate, '楼道灯不亮'));
    expect(second.status).toBe(201);
    expect((await rowsOn('DB2', t.tenantId)).cases).toBe(2);
    expect(await rowsOn('DB', t.tenantId)).toEqual({});
    const list = await t.admin.get('/v1/cases?limit=10');
    expect(list.body.data.map((c: { id: string }) => c.id).sort()).toEqual([t.caseId, second.body.id].sort());

    // The clock was re-armed by the move and fires on the new shard.
    expect((await clockOf(t.tenantId, t.caseId).state()).armedAt).toBeGreaterThanOrEqual(
      armedBefore.armedAt ?? 0,
    );
    await shiftCase(t.tenantId, second.body.id, -(24 * 60 + 1));
    expect(await fireAlarm(t.tenantId, second.body.id)).toBe(true);
    expect((await recordedKeys(t.tenantId, second.body.id)).map((k) => k.kind)).toContain('breach');
    expect(await rowsOn('DB', t.tenantId)).toEqual({});

    // The pending event reaches the webhook once (webhook-id = event id), sweeps or not.
    const once = async () => (await received(hook)).filter((r) => r.headers['webhook-id'] === pending.id);
    let got = await eventually(once, (r) => r.length >= 1, 8_000);
    if (got.length === 0) {
      await cronTick(Date.now() + 5 * 60_000);
      got = await eventually(once, (r) => r.length >= 1);
    }
    expect(got).toHaveLength(1);
    await cronTick(Date.now() + 10 * 60_000);
    await cronTick(Date.now() + 20 * 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await once()).toHaveLength(1);
    const [row] = await rows<{ handled_at: number | null }>(
      'select handled_at from outbox_events where id = ?',
      pending.id,
    );
    expect(row?.handled_at).not.toBeNull();

    // The move is in the tenant's audit log, on its new shard.
    const audit = await t.admin.get('/v1/audit-log?limit=50');
    expect(audit.body.data.map((e: { action: string }) => e.action)).toContain('tenants.move');
  });

  it('a writer still routed to the old shard writes nothing there: the guard refuses it with tenant_moving', async () => {
    const t = await tenantWithCase('DB2');
    expect((await move(t.tenantId, { shard: 'DB' })).status).toBe(200);
    const left = await rowsOn('DB2', t.tenantId);
    // A scope as an isolate with a stale directory entry would make it: on DB2.
    const stale = tenantScope(
      { env, now: new Date(), logger: createLogger({ source: 'test' }, 'error') },
      { id: t.tenantId, shard: 'DB2', timeZone: 'Asia/Shanghai' },
      { actor: { type: 'system', id: null } },
    );
    const write = commit(stale, [
      stale.db.insert(auditLog).values({
        id: `audit_stale${Date.now()}`,
        tenantId: t.tenantId,
        actorType: 'system',
        actorId: null,
        action: 'stale.write',
        targetType: 'tenant',
        targetId: t.tenantId,
        before: null,
        after: null,
        requestId: null,
        at: new Date(),
      }),
    ]);
    await expect(write).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'tenant_moving');
    expect(await rowsOn('DB2', t.tenantId)).toEqual(left);
    await cronTick(Date.now() + 2 * 60_000);
    expect(await rowsOn('DB2', t.tenantId)).toEqual({});
    // And back again: a tenant can move home to the directory's shard and on.
    expect((await move(t.tenantId, { shard: 'DB2' })).body).toMatchObject({
      from: 'DB',
      to: 'DB2',
      moved: true,
    });
    expect((await t.admin.get(`/v1/cases/${t.caseId}`)).status).toBe(200);
  });

  it('moving a tenant to the shard it is on changes nothing and answers moved: false', async () => {
    const t = await tenantWithCase('DB2');
    const res = await move(t.tenantId, { shard: 'DB2' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: 'DB2', to: 'DB2', moved: false });
    expect((await rowsOn('DB2', t.tenantId)).cases).toBe(1);
  });
});
