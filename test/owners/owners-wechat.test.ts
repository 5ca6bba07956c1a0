import { describe, expect, it } from 'vitest';
import { newTenant } from '../support/tenants';

const openId = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M'; // 28 characters, as WeChat issues them

describe("an owner's WeChat OpenID (微信公众号 OpenID)", () => {
  it('is stored on create, read back, changed and cleared on update, and documented in OpenAPI', async () => {
    const { admin } = await newTenant();
    const created = await admin.post('/v1/owners', {
      name: '王伟',
      phone: '13812345678',
      wechatOpenId: ` ${openId} `,
    });
    expect(created.status).toBe(201);
    expect(created.body.wechatOpenId).toBe(openId);
    const read = await admin.get(`/v1/owners/${created.body.id}`);
    expect(read.body.wechatOpenId).toBe(openId);
    const listed = await admin.get('/v1/owners');
    expect(listed.body.data[0].wechatOpenId).toBe(openId);

    const changed = await admin.patch(`/v1/owners/${created.body.id}`, { wechatOpenId: 'oABCDEF-123456' });
    expect(changed.status).toBe(200);
    expect(changed.body.wechatOpenId).toBe('oABCDEF-123456');
    const cleared = await admin.patch(`/v1/owners/${created.body.id}`, { wechatOpenId: null });
    expect(cleared.status).toBe(200);
    expect((await admin.get(`/v1/owners/${created.body.id}`)).body.wechatOpenId).toBeNull();

    const without = await admin.post('/v1/owners', { name: '李芳', phone: '13812345679' });
    expect((await admin.get(`/v1/owners/${without.body.id}`)).body.wechatOpenId).toBeNull();

    const spec = (await admin.get('/openapi.json')).body;
    const schemas = spec.components.schemas;
    for (const name of ['OwnerInput', 'OwnerUpdate', 'Owner']) {
      expect(schemas[name].properties, name).toHaveProperty('wechatOpenId');
    }
    expect(schemas.OwnerInput.properties.wechatOpenId.pattern).toBe('^[A-Za-z0-9_-]{6,64}$');
  });

  it('a malformed OpenID answers 400 naming wechatOpenId, on create and on update; nothing is stored', async () => {
    const { admin } = await newTenant();
    for (const bad of [
      'abc',
      'o6_bmjrPTlm6 2sgVt7hMZOPfL2M',
      'o6_bmjrPTlm6/2sgVt7hMZOPfL2M',
      'x'.repeat(65),
      '',
    ]) {
      const res = await admin.post('/v1/owners', { name: '王伟', phone: '13812345678', wechatOpenId: bad });
      expect(res.status, bad).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['wechatOpenId']);
    }
    expect((await admin.get('/v1/owners')).body.data).toEqual([]);
    const owner = await admin.post('/v1/owners', { name: '王伟', phone: '13812345678' });
    const res = await admin.patch(`/v1/owners/${owner.body.id}`, { wechatOpenId: 'bad id!' });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['wechatOpenId']);
  });

  it('is unique within the tenant: a second owner with it is 409 naming the field; another tenant may use it', async () => {
    const { admin } = await newTenant();
    const first = await admin.post('/v1/owners', {
      name: '王伟',
      phone: '13812345678',
      wechatOpenId: openId,
    });
    expect(first.status).toBe(201);
    const twice = await admin.post('/v1/owners', {
      name: '李芳',
      phone: '13812345679',
      wechatOpenId: openId,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('conflict');
    expect(twice.body.detail).toContain('wechatOpenId');
    expect(twice.body.fields).toEqual(['wechatOpenId']);
    expect((await admin.get('/v1/owners')).body.data).toHaveLength(1);

    const second = await admin.post('/v1/owners', { name: '李芳', phone: '13812345679' });
    const taken = await admin.patch(`/v1/owners/${second.body.id}`, { wechatOpenId: openId });
    expect(taken.status).toBe(409);
    expect((await admin.get(`/v1/owners/${second.body.id}`)).body.wechatOpenId).toBeNull();

    // Owners without one do not clash with each other (the unique index covers present values only).
    expect((await admin.post('/v1/owners', { name: '张敏', phone: '13812345670' })).status).toBe(201);

    const other = await newTenant();
    const elsewhere = await other.admin.post('/v1/owners', {
      name: '王伟',
      phone: '13812345678',
      wechatOpenId: openId,
    });
    expect(elsewhere.status).toBe(201);
  });
});
