import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signOwnerLink } from '../../workers/auth/owner-link';
import { call } from '../support/api';
import { newTenant } from '../support/tenants';
import { act, as, caseTableCounts, fx, hotlineRepair, intake, ownerLink } from './support';

const webInquiry = {
  kind: 'inquiry',
  channel: 'web',
  description: '请问游泳池几点开放',
  category: 'public_facilities',
  contact: { name: '周杰', phone: '13500005555' },
};

async function xixiKey() {
  const admin = await as('tenant_admin');
  return (await admin.post(`/v1/projects/${fx.xixi}/channel-keys`)).body.key as string;
}

describe('public intake security', () => {
  it('unknown, malformed and forged keys answer 404 and write nothing', async () => {
    // The key first: it seeds the demo group, whose own cases are not what is counted here.
    const key = await xixiKey();
    const before = await caseTableCounts();
    const forged = `${key.slice(0, -4)}zzzz`;
    for (const k of ['nope', 'pck_00000000000000000000000001_abcdefghijklmnopqrstuvwxyz', forged]) {
      expect((await call('POST', `/public/v1/intake/${k}`, { body: webInquiry })).status).toBe(404);
    }
    expect((await caseTableCounts()).cases).toBe(before.cases);
  });

  it('validates the body: 400 and nothing written', async () => {
    const key = await xixiKey();
    const before = await caseTableCounts();
    for (const body of [
      { ...webInquiry, channel: 'hotline' },
      { ...webInquiry, contact: { name: '周' } },
      { ...webInquiry, unitId: fx.donghuUnit(1) },
      { ...webInquiry, projectId: fx.donghu },
      { ...webInquiry, description: '' },
    ]) {
      const res = await call('POST', `/public/v1/intake/${key}`, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await caseTableCounts()).toEqual(before);
  });

  it('is rate limited per key (429 with Retry-After)', async () => {
    const key = await xixiKey();
    let limited: { status: number; headers: Headers } | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await call('POST', `/public/v1/intake/${key}`, {
        body: { ...webInquiry, description: `游泳池 ${i}` },
      });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(201);
    }
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('Retry-After')).toBe('60');
  });
});

describe('owner link security', () => {
  it('a tampered link answers 401, and so does an expired one', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(5) }));
    const token = created.ownerLink.token;
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/')));
    const forgedPayload = btoa(JSON.stringify({ ...payload, sub: 'case_other' }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    for (const bad of [`${h}.${forgedPayload}.${s}`, `${h}.${p}.${s.slice(0, -3)}AAA`, 'not-a-token']) {
      const res = await ownerLink.view(bad);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_token');
      expect((await ownerLink.signOff(bad)).status).toBe(401);
    }
    const expired = await signOwnerLink(
      env as never,
      { tenantId: fx.tenantId, caseId: created.id, ownerId: null },
      new Date(Date.now() - 31 * 86_400_000),
    );
    expect((await ownerLink.view(expired.token)).status).toBe(401);
    expect((await ownerLink.followUp(expired.token, { satisfaction: 5 })).status).toBe(401);
  });

  it('an owner link is not an access token, and an access token is not an owner link', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(5) }));
    expect((await call('GET', '/v1/cases', { token: created.ownerLink.token })).status).toBe(401);
    expect((await ownerLink.view(hotline.token)).status).toBe(401);
  });

  it('a link to a case that is not there answers 404; owners cannot take staff steps', async () => {
    const other = await newTenant('Link Group');
    const ghost = await signOwnerLink(
      env as never,
      { tenantId: other.tenantId, caseId: 'case_ghost', ownerId: null },
      new Date(),
    );
    expect((await ownerLink.view(ghost.token)).status).toBe(404);

    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(5) }));
    const early = await ownerLink.signOff(created.ownerLink.token);
    expect(early.status).toBe(409);
    expect(early.body.allowed).toEqual([]);
    await act(hotline, created.id, { type: 'add_note', note: '内部备注：业主脾气急' });
    const view = await ownerLink.view(created.ownerLink.token);
    expect(JSON.stringify(view.body)).not.toContain('内部备注');
    expect(JSON.stringify(view.body)).not.toContain(fx.staff(3));
  });
});
