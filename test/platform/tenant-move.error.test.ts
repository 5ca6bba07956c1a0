import { describe, expect, it } from 'vitest';
import { cronTick } from '../support/cron';
import { shardNamed } from '../support/shards';
import { complaintAt, directoryEntry, move, rowsOn, tenantWithCase } from './move-support';

describe('moving a tenant: what goes wrong', () => {
  it('an unknown shard is a 400 naming the field; an unknown tenant is a 404; nothing moves', async () => {
    const t = await tenantWithCase('DB');
    const unknown = await move(t.tenantId, { shard: 'DB9' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].path).toBe('shard');
    expect((await move('ten_nobody', { shard: 'DB2' })).status).toBe(404);
    const extra = await move(t.tenantId, { shard: 'DB2', force: true });
    expect(extra.status).toBe(400);
    expect(await directoryEntry(t.tenantId)).toEqual({ shard: 'DB', movingTo: null });
    expect(await rowsOn('DB2', t.tenantId)).toEqual({});
  });

  it('mid-move: reads go on, writes get 503 + Retry-After, a second move is refused, resume finishes it', async () => {
    const t = await tenantWithCase('DB');
    // A move that died after fencing and copying part of the tenant (the worker was killed).
    await shardNamed('DB')
      .prepare("UPDATE tenants SET moving_to = 'DB2' WHERE id = ?")
      .bind(t.tenantId)
      .run();
    await shardNamed('DB2')
      .prepare(
        `INSERT INTO audit_log (id, tenant_id, actor_type, action, target_type, target_id, at)
         VALUES (?, ?, 'system', 'partial.copy', 'tenant', ?, ?)`,
      )
      .bind(`audit_partial${Date.now()}`, t.tenantId, t.tenantId, Date.now())
      .run();

    expect((await t.admin.get(`/v1/cases/${t.caseId}`)).status).toBe(200);
    const refused = await t.admin.post('/v1/cases', complaintAt(t.estate, '又一单'));
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('tenant_moving');
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await rowsOn('DB', t.tenantId)).cases).toBe(1);

    const again = await move(t.tenantId, { shard: 'DB2' });
    expect(again.status).toBe(409);
    expect(again.body.movingTo).toBe('DB2');
    const elsewhere = await move(t.tenantId, { shard: 'DB', resume: true });
    expect(elsewhere.status).toBe(409);

    const resumed = await move(t.tenantId, { shard: 'DB2', resume: true });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ from: 'DB', to: 'DB2', moved: true });
    // The partial copy was cleaned up before copying: no stray row came along.
    const strays = await shardNamed('DB2')
      .prepare("SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'partial.copy'")
      .bind(t.tenantId)
      .first<{ n: number }>();
    expect(strays?.n).toBe(0);
    await cronTick(Date.now() + 2 * 60_000);
    expect(await rowsOn('DB', t.tenantId)).toEqual({});
    expect((await t.admin.post('/v1/cases', complaintAt(t.estate, '又一单'))).status).toBe(201);
    expect((await rowsOn('DB2', t.tenantId)).cases).toBe(2);
  });

  it('a copy that fails verification leaves the tenant on its source, writing, with nothing on the target', async () => {
    const t = await tenantWithCase('DB2');
    // The target database alters what it is given (a real difference, found by the checksum).
    const trigger = `corrupt_${t.tenantId.replace(/\W/g, '_')}`;
    await shardNamed('DB')
      .prepare(
        `CREATE TRIGGER ${trigger} AFTER INSERT ON cases WHEN NEW.tenant_id = '${t.tenantId}'
         BEGIN UPDATE cases SET description = 'corrupted' WHERE rowid = NEW.rowid; END`,
      )
      .run();
    try {
      const failed = await move(t.tenantId, { shard: 'DB' });
      expect(failed.status).toBe(500);
      expect(failed.body.code).toBe('tenant_move_failed');
      expect(failed.body.differences.map((d: { table: string }) => d.table)).toEqual(['cases']);
    } finally {
      await shardNamed('DB').prepare(`DROP TRIGGER ${trigger}`).run();
    }
    expect(await directoryEntry(t.tenantId)).toEqual({ shard: 'DB2', movingTo: null });
    expect(await rowsOn('DB', t.tenantId)).toEqual({});
    expect((await t.admin.post('/v1/cases', complaintAt(t.estate, '又一单'))).status).toBe(201);
    expect((await rowsOn('DB2', t.tenantId)).cases).toBe(2);
    // Retried once the target behaves, the move goes through.
    const retried = await move(t.tenantId, { shard: 'DB' });
    expect(retried.status).toBe(200);
    expect((await rowsOn('DB', t.tenantId)).cases).toBe(2);
    // Asked again for the same shard, the move deletes the old copy at once.
    expect((await move(t.tenantId, { shard: 'DB' })).body.moved).toBe(false);
    expect(await rowsOn('DB2', t.tenantId)).toEqual({});
    expect((await t.admin.get(`/v1/cases/${t.caseId}`)).body.description).toBe('物业承诺的车位没有兑现');
  });
});
