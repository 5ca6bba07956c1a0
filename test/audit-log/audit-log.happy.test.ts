import { describe, expect, it } from 'vitest';
import { rows } from '../support/events';
import { demo, demoAs, newStaff, staffPassword, uniqueEmail } from '../support/staff';
import { newEstate, newTenant } from '../support/tenants';

type Entry = { id: string; action: string; actorId: string; before: any; after: any; requestId: string };

describe('audit log: the trail of a record', () => {
  it('a group admin reads a staff member’s trail newest first, naming who changed what', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const me = (await admin.get('/v1/me')).body.actorId;
    const person = await admin.post('/v1/staff', {
      name: '张三',
      email: uniqueEmail(),
      password: staffPassword,
      roles: [{ role: 'engineer', scopeType: 'project', scopeId: estate.projectId }],
    });
    const renamed = await admin.patch(`/v1/staff/${person.body.id}`, { name: '张三丰' });
    const res = await admin.get(`/v1/audit-log?targetType=staff&targetId=${person.body.id}`);
    expect(res.status).toBe(200);
    const entries: Entry[] = res.body.data;
    expect(entries.map((e) => e.action)).toEqual(['staff.update', 'staff.create']);
    expect(entries.every((e) => e.actorId === me)).toBe(true);
    expect(entries[0]!.before.name).toBe('张三');
    expect(entries[0]!.after.name).toBe('张三丰');
    expect(entries[1]!.before).toBeNull();
    const one = await admin.get(`/v1/audit-log/${entries[0]!.id}`);
    expect(one.body).toMatchObject({ action: 'staff.update', targetType: 'staff', targetId: person.body.id });
    // The entry names the request that made the change (the X-Request-Id it answered with).
    expect(one.body.requestId).toBe(renamed.headers.get('X-Request-Id'));
    expect(entries[1]!.requestId).toBe(person.headers.get('X-Request-Id'));
    expect(entries[0]!.requestId).not.toBe(entries[1]!.requestId);
    expect(new Date(one.body.at).getTime()).toBeGreaterThan(0);
  });

  it('no password hash is ever written to the trail, not even in the stored rows', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const person = await admin.post('/v1/staff', {
      name: '李四',
      email: uniqueEmail(),
      password: staffPassword,
      roles: [{ role: 'engineer', scopeType: 'project', scopeId: estate.projectId }],
    });
    await admin.patch(`/v1/staff/${person.body.id}`, { phone: '13900001111' });
    await admin.delete(`/v1/staff/${person.body.id}`);
    const res = await admin.get(`/v1/audit-log?targetId=${person.body.id}`);
    expect(res.body.data.map((e: Entry) => e.action)).toEqual([
      'staff.disable',
      'staff.update',
      'staff.create',
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|pbkdf2/);
    const stored = {
      results: await rows('select before, after from audit_log where target_id = ?', person.body.id),
    };
    expect(stored.results).toHaveLength(3);
    expect(JSON.stringify(stored.results)).not.toMatch(/passwordHash|pbkdf2/);
  });

  it('creating an API key is audited without its secret or hash', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const key = await admin.post('/v1/api-keys', {
      name: '门禁',
      grants: [{ role: 'integrator', scopeType: 'project', scopeId: estate.projectId }],
    });
    const res = await admin.get(`/v1/audit-log?action=api_keys.create`);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0].after.prefix).toBe(key.body.prefix);
    expect(JSON.stringify(res.body)).not.toContain(key.body.key);
    expect(res.body.data[0].after.keyHash).toBeUndefined();
  });

  it('adding and removing a role leaves entries an auditor can filter by action', async () => {
    const admin = await demoAs('tenant_admin');
    const person = await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: demo.xixi }]);
    const added = await admin.post(`/v1/staff/${person.id}/roles`, {
      role: 'cs_specialist',
      scopeType: 'project',
      scopeId: demo.xixi,
    });
    await admin.delete(`/v1/staff/${person.id}/roles/${added.body.id}`);
    const removed = await admin.get(`/v1/audit-log?action=staff.roles.remove&targetId=${added.body.id}`);
    expect(removed.body.data).toHaveLength(1);
    expect(removed.body.data[0].before).toMatchObject({ role: 'cs_specialist', userId: person.id });
    expect(removed.body.data[0].after).toBeNull();
  });
});

describe('audit log: browsing', () => {
  it('pages newest first with a cursor, never repeating an entry', async () => {
    const { admin } = await newTenant();
    for (let i = 0; i < 5; i++) await admin.post('/v1/zones', { name: `片区 ${i}` });
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Entry[]; nextCursor: string | null } } = await admin.get(
        `/v1/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    const ids = seen.map((e) => e.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.filter((e) => e.action === 'zones.create')).toHaveLength(5);
    expect(seen.at(-1)!.action).toBe('tenants.create');
  });

  it('filters by actor and by a time window', async () => {
    const { admin } = await newTenant();
    const me = (await admin.get('/v1/me')).body.actorId;
    const before = new Date(Date.now() - 1000).toISOString();
    await admin.post('/v1/zones', { name: '东区' });
    const after = new Date(Date.now() + 1000).toISOString();
    const mine = await admin.get(`/v1/audit-log?actorId=${me}`);
    // The actor's own login is in the log too (auth.login.succeeded, docs/access.md).
    expect(mine.body.data.map((e: Entry) => e.action)).toEqual(['zones.create', 'auth.login.succeeded']);
    const inWindow = await admin.get(`/v1/audit-log?from=${before}&to=${after}&action=zones.create`);
    expect(inWindow.body.data).toHaveLength(1);
    const later = await admin.get(`/v1/audit-log?from=${after}`);
    expect(later.body.data).toEqual([]);
    const earlier = await admin.get(`/v1/audit-log?to=${before}&action=zones.create`);
    expect(earlier.body.data).toEqual([]);
  });
});
