import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { act, as, fx, hotlineRepair, intake } from './support';

const page = (token: string, query = '', headers: Record<string, string> = {}) =>
  call('GET', `/owner-link/${token}${query}`, { headers });

const submit = (token: string, step: 'sign-off' | 'follow-up', form: Record<string, string> = {}) =>
  call('POST', `/owner-link/${token}/${step}`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams(form).toString(),
  });

async function completedRepair(description: string) {
  const hotline = await as('hotline_agent');
  const created = await intake(hotline, hotlineRepair({ description }));
  await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
  const contractor = await as('contractor_staff');
  const visit = new Date('2026-12-02T02:00:00Z').toISOString();
  await act(contractor, created.id, { type: 'record_contact', visitBookedFor: visit });
  await act(contractor, created.id, { type: 'arrive' });
  await act(contractor, created.id, { type: 'complete', note: '更换水管接头，已试水' });
  return { hotline, created };
}

describe('the owner’s page behind the owner link', () => {
  it('shows the case in Chinese by default and in English on request, without internal notes', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ description: '厨房水龙头 <b>漏水</b>' }));
    await act(hotline, created.id, { type: 'add_note', note: '内部：业主脾气急' });

    const zh = await page(created.ownerLink.token);
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toContain('text/html');
    const text = String(zh.body);
    expect(text).toContain('<html lang="zh-CN">');
    expect(text).toContain('示范物业集团');
    expect(text).toContain(created.archiveNo);
    expect(text).toContain('已受理');
    expect(text).toContain('给排水');
    expect(text).toContain('工单已受理');
    // The owner's own words are escaped, and staff notes never show.
    expect(text).toContain('厨房水龙头 &lt;b&gt;漏水&lt;/b&gt;');
    expect(text).not.toContain('业主脾气急');
    // Nothing to confirm or rate yet.
    expect(text).not.toContain('/sign-off');
    expect(text).not.toContain('/follow-up');

    const en = String((await page(created.ownerLink.token, '?lang=en')).body);
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Received');
    expect(en).toContain('Plumbing');
    const browser = String(
      (await page(created.ownerLink.token, '', { 'Accept-Language': 'en-GB,en;q=0.9' })).body,
    );
    expect(browser).toContain('Case received');
  });

  it('lets the owner confirm the repair and rate it with plain forms; a bad rating writes nothing', async () => {
    const { hotline, created } = await completedRepair('卫生间下水管漏水');
    const token = created.ownerLink.token;
    const before = String((await page(token)).body);
    expect(before).toContain('维修完成，待您确认');
    expect(before).toContain('预约上门时间');
    expect(before).toContain('2026/12/02 10:00'); // 02:00 UTC in Asia/Shanghai
    expect(before).toContain(`action="/owner-link/${token}/sign-off"`);

    const signed = await submit(token, 'sign-off');
    expect(signed.status).toBe(303);
    expect(signed.headers.get('Location')).toBe(`/owner-link/${token}`);
    expect((await hotline.get(`/v1/cases/${created.id}`)).body.status).toBe('signed_off');

    const refused = await submit(token, 'follow-up', { satisfaction: '9' });
    expect(refused.status).toBe(400);
    expect(String(refused.body)).toContain('请选择 1 到 5 分');
    expect((await hotline.get(`/v1/cases/${created.id}`)).body.satisfaction).toBeNull();

    const rated = await call('POST', `/owner-link/${token}/follow-up?lang=en`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams({ satisfaction: '5', comment: '师傅很专业' }).toString(),
    });
    expect(rated.status).toBe(303);
    expect(rated.headers.get('Location')).toBe(`/owner-link/${token}?lang=en`);
    const after = (await hotline.get(`/v1/cases/${created.id}`)).body;
    expect(after).toMatchObject({ status: 'followed_up', satisfaction: 5 });
    const shown = String((await page(token, '?lang=en')).body);
    expect(shown).toContain('5 · Very satisfied');
    expect(shown).toContain('Follow-up');

    // Signing off again is not possible now: the page says so and nothing changes.
    const again = await submit(token, 'sign-off');
    expect(again.status).toBe(400);
    expect(String(again.body)).toContain('该操作当前不可用');
  });

  it('a tampered or unknown link gets a page that says so, and no case', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair({ description: '楼道灯不亮' }));
    const tampered = `${created.ownerLink.token.slice(0, -4)}AAAA`;
    const res = await page(tampered);
    expect(res.status).toBe(401);
    expect(String(res.body)).toContain('链接无效或已过期');
    expect(String(res.body)).not.toContain(created.archiveNo);
    const post = await submit(tampered, 'sign-off');
    expect(post.status).toBe(401);
  });
});
