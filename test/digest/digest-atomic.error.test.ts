import { zonedInstant } from '@guanjia/core/digest/index';
import { describe, expect, it } from 'vitest';
import { cronTick } from '../support/cron';
import { rows } from '../support/events';
import { shardOf } from '../support/shards';
import { newStaff } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

describe('daily complaint digest: all or nothing', () => {
  it('a failed inbox write leaves no digest and no event; the next cron run publishes it whole', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin, 'D');
    const staff = await Promise.all(
      ['cs_supervisor', 'front_desk', 'engineer'].map((role) =>
        newStaff(admin, [{ role, scopeType: 'project', scopeId: estate.projectId }]),
      ),
    );
    const manager = await newStaff(admin, [
      { role: 'branch_cs_manager', scopeType: 'branch', scopeId: estate.branchId },
    ]);
    const recipients = [...staff, manager].map((s) => s.id).sort();
    const digestsOf = () =>
      rows<{ id: string }>(
        'select id from digests where tenant_id = ? and branch_id = ?',
        tenantId,
        estate.branchId,
      );
    const events = () =>
      rows<{ payload: string }>(
        "select payload from outbox_events where tenant_id = ? and type = 'digest.published'",
        tenantId,
      );

    // The database refuses this tenant's digest inbox rows (a real write failure, not a stub).
    await (await shardOf(tenantId))
      .prepare(
        `CREATE TRIGGER refuse_digest_inbox BEFORE INSERT ON inbox_messages
       WHEN NEW.tenant_id = '${tenantId}' AND NEW.kind = 'digest'
       BEGIN SELECT RAISE(ABORT, 'inbox write failed'); END`,
      )
      .run();
    const at = zonedInstant('2032-05-11', '08:30', 'Asia/Shanghai');
    try {
      await cronTick(at); // the tenant's failure is logged; the cron run itself carries on
      expect(await digestsOf()).toEqual([]);
      expect(await events()).toEqual([]);
      expect(
        await rows('select id from inbox_messages where tenant_id = ? and kind = ?', tenantId, 'digest'),
      ).toEqual([]);
    } finally {
      await (await shardOf(tenantId)).prepare('DROP TRIGGER refuse_digest_inbox').run();
    }

    await cronTick(new Date(at.getTime() + 60_000));
    await cronTick(new Date(at.getTime() + 120_000)); // a further tick adds nothing
    const published = await digestsOf();
    expect(published).toHaveLength(1);
    const inbox = await rows<{ user_id: string; digest_id: string }>(
      "select user_id, digest_id from inbox_messages where tenant_id = ? and kind = 'digest'",
      tenantId,
    );
    expect(inbox.map((r) => r.user_id).sort()).toEqual(recipients);
    expect(new Set(inbox.map((r) => r.digest_id))).toEqual(new Set([published[0]?.id]));
    const [event] = await events();
    expect(JSON.parse(event?.payload ?? '{}')).toMatchObject({
      digestId: published[0]?.id,
      reportDate: '2032-05-10',
      recipients: recipients.length,
    });
    expect(await events()).toHaveLength(1);
  });
});
