import { describe, expect, it } from 'vitest';
import { call, platformSecret } from '../support/api';
import { receiverUrl } from '../support/events';
import { shardOf } from '../support/shards';
import { newEstate, newTenant } from '../support/tenants';
import { loadOperations } from './openapi';

const writes = async (tenantId: string) => {
  const row = await (await shardOf(tenantId))
    .prepare('SELECT count(*) AS n FROM audit_log WHERE tenant_id = ?')
    .bind(tenantId)
    .first<{ n: number }>();
  return row?.n ?? 0;
};

const utf8 = (text: string) => new TextEncoder().encode(text);
/** `{"name":"ab<0xFF>"}`: not UTF-8 (a lone continuation byte). */
const invalidUtf8 = new Uint8Array([...utf8('{"name":"ab'), 0xff, ...utf8('"}')]);

/** Raw JSON texts whose `name` string breaks a text rule, with what the answer says. */
const badStrings: [string, string][] = [
  ['{"name":"a\\ud800b"}', 'lone UTF-16 surrogate'],
  ['{"name":"a\\udc00"}', 'lone UTF-16 surrogate'],
  ['{"name":"a\\u0000b"}', 'U+0000'],
  ['{"name":"a\\u001bb"}', 'U+001B'],
  ['{"name":"\\u202egnp.exe"}', 'U+202E'],
  ['{"name":"a\\u2066b"}', 'U+2066'],
  ['{"name":"line one\\nline two"}', 'one line'],
];

describe('text is stored as sent, or refused', () => {
  it('on every JSON route: a body that is not UTF-8, a lone surrogate, NUL or a bidi override is a 400 naming the field, and nothing is written', async () => {
    const { tenantId, admin } = await newTenant();
    const { operations } = await loadOperations();
    const targets = operations.filter((op) => op.hasJsonBody);
    expect(targets.length).toBeGreaterThan(40);
    for (const op of targets) {
      const path = op.path.replace(/\{[^}]+\}/g, 'x_00000000000000000000000000');
      const send = (rawBody: string | Uint8Array) =>
        call(op.method.toUpperCase(), path, {
          token: op.path.startsWith('/platform/') ? platformSecret : op.secured ? admin.token : undefined,
          rawBody,
          headers: {
            'content-type': 'application/json',
            'CF-Connecting-IP': `203.0.113.${Math.floor(Math.random() * 250)}`,
          },
        });
      const before = await writes(tenantId);
      const notUtf8 = await send(invalidUtf8);
      const where = `${op.method.toUpperCase()} ${op.path}`;
      expect(notUtf8.status, `${where}: ${JSON.stringify(notUtf8.body)}`).toBe(400);
      expect(notUtf8.body.issues, where).toEqual([
        expect.objectContaining({ path: 'body', code: 'invalid_utf8' }),
      ]);
      for (const [raw, says] of badStrings) {
        const res = await send(raw);
        expect(res.status, `${where} ${raw}`).toBe(400);
        expect(res.body.issues, `${where} ${raw}`).toEqual([
          expect.objectContaining({
            path: 'name',
            code: 'invalid_text',
            message: expect.stringContaining(says),
          }),
        ]);
      }
      expect(await writes(tenantId), `${op.operationId} wrote`).toBe(before);
    }
  });

  it('names the field at its depth, and a key itself is held to the rules', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const res = await call('POST', '/v1/owners', {
      token: admin.token,
      rawBody: `{"name":"李芳","phone":"13800000001","units":[{"unitId":"${estate.unitId}","relation":"own\\u0000er"}]}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      expect.objectContaining({ path: 'units.0.relation', code: 'invalid_text' }),
    ]);
    const key = await call('POST', '/v1/zones', {
      token: admin.token,
      rawBody: '{"na\\ud800me":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(key.status).toBe(400);
    expect(key.body.issues[0]).toMatchObject({ code: 'invalid_text' });
  });

  const texts = ['管家 物业', '报修 🚰💧 已处理 👍🏽', 'Zoë Café', 'é (e + U+0301)', '한국어 日本語 עברית'];

  it('what the POST answers is what a GET reads: CJK, emoji, combining marks, right-to-left script', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    for (const text of texts) {
      const zone = await admin.post('/v1/zones', { name: text });
      expect(zone.status, JSON.stringify(zone.body)).toBe(201);
      expect(zone.body.name).toBe(text);
      expect((await admin.get(`/v1/zones/${zone.body.id}`)).body.name).toBe(text);

      const owner = await admin.post('/v1/owners', {
        name: text,
        phone: '13800000002',
        note: `${text}\n第二行\t缩进`,
        units: [{ unitId: estate.unitId }],
      });
      expect(owner.status, JSON.stringify(owner.body)).toBe(201);
      const read = (await admin.get(`/v1/owners/${owner.body.id}`)).body;
      expect([read.name, read.note]).toEqual([owner.body.name, owner.body.note]);
      expect(read.note).toBe(`${text}\n第二行\t缩进`);

      const kase = await admin.post('/v1/cases', {
        kind: 'repair',
        channel: 'hotline',
        projectId: estate.projectId,
        unitId: estate.unitId,
        description: `${text}\r\n卫生间水管漏水`,
        category: 'plumbing',
        contact: { name: '王先生', phone: '13800001111' },
      });
      expect(kase.status, JSON.stringify(kase.body)).toBe(201);
      expect((await admin.get(`/v1/cases/${kase.body.id}`)).body.description).toBe(kase.body.description);
      expect(kase.body.description).toBe(`${text}\r\n卫生间水管漏水`);
    }
  });

  it('a description keeps its line breaks and tabs; a name refuses them', async () => {
    const { admin } = await newTenant();
    const webhook = await admin.post('/v1/webhooks', {
      url: `${receiverUrl()}/text-rules`,
      eventTypes: ['case.created'],
      description: 'ERP 同步\n\t第二行',
    });
    expect(webhook.status, JSON.stringify(webhook.body)).toBe(201);
    expect((await admin.get(`/v1/webhooks/${webhook.body.id}`)).body.description).toBe('ERP 同步\n\t第二行');
    const tabbed = await admin.post('/v1/zones', { name: '华东\t片区' });
    expect(tabbed.status).toBe(400);
    expect(tabbed.body.issues).toEqual([expect.objectContaining({ path: 'name', code: 'invalid_text' })]);
  });
});
