import { describe, expect, it } from 'vitest';
import { as, caseTableCounts, fx } from '../cases/support';
import { call } from '../support/api';
import { rows } from '../support/events';
import {
  askCode,
  browse,
  codeSentTo,
  newAddress,
  newPhone,
  pagePath,
  place,
  pngBytes,
  receiptOf,
  smsAtReceiver,
  storedObjects,
  submitForm,
} from './support';

describe('the public report page (业主自助报修)', () => {
  it('offers the project’s buildings, then the building’s units, as plain HTML without script, in Chinese and English', async () => {
    await as('tenant_admin');
    const project = await browse('GET', pagePath(place.xixi, null));
    expect(project.status).toBe(200);
    expect(project.headers.get('content-type')).toContain('text/html');
    expect(project.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-/);
    expect(project.text).toContain('<html lang="zh-CN">');
    expect(project.text).toContain('西溪花园 · 在线报事报修');
    expect(project.text).toContain(`href="${pagePath(place.xixi, place.xixiB1)}"`);
    expect(project.text).toContain('2号楼');
    expect(project.text).not.toContain('<script');

    const building = await browse('GET', pagePath());
    expect(building.status).toBe(200);
    expect(building.text).toContain(`<option value="${fx.xixiUnit(1)}">1号楼 1-101</option>`);
    expect(building.text).not.toContain(fx.xixiUnit(5)); // 2号楼's units are on its own page
    expect(building.text).toContain(`action="${pagePath()}/code"`);
    expect(building.text).toContain('获取短信验证码');

    const en = await browse('GET', `${pagePath()}?lang=en`);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Report a problem');
    expect(en.text).toContain(`action="${pagePath()}/code?lang=en"`);
    const browser = await browse('GET', pagePath(), { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(browser.text).toContain('Text me a code');
  });

  it('files a repair with photos after the SMS code: archive number, owner link, web channel, photos in R2, code spent', async () => {
    const smsPath = await smsAtReceiver();
    const phone = newPhone();
    const address = newAddress();
    const asked = await askCode(phone, address);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain(`验证码已发送至 ${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(asked.text).toContain('enctype="multipart/form-data"');
    expect(asked.text).toContain('厨房下水道堵塞'); // what the owner typed is kept
    const code = await codeSentTo(smsPath, phone);
    expect(code).toMatch(/^\d{6}$/);

    // Hashes at rest: neither the code nor the phone is stored.
    const [stored] = await rows<Record<string, unknown>>(
      'SELECT * FROM report_codes WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
      fx.tenantId,
    );
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain(phone);

    const before = await caseTableCounts();
    const objects = await storedObjects();
    const filed = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(phone, code, [
        { name: '下水道.png', type: 'image/png', bytes: pngBytes },
        { name: 'kitchen.png', type: 'image/png', bytes: pngBytes },
      ]),
    });
    expect(filed.status).toBe(201);
    expect(filed.text).toContain('提交成功，我们已受理您的工单。');
    const receipt = receiptOf(filed.text);
    expect(receipt.archiveNo).toMatch(/^\d{11,}$/);
    expect(receipt.link).toBeDefined();
    expect((await caseTableCounts()).cases).toBe(before.cases + 1);
    expect(await storedObjects()).toBe(objects + 2);

    // The case, as staff see it: received like any owner case on the web channel.
    const admin = await as('tenant_admin');
    const [row] = await rows<{ id: string }>(
      'SELECT id FROM cases WHERE tenant_id = ? AND archive_no = ?',
      fx.tenantId,
      receipt.archiveNo,
    );
    const found = (await admin.get(`/v1/cases/${row?.id}`)).body;
    expect(found).toMatchObject({
      kind: 'repair',
      channel: 'web',
      status: 'received',
      projectId: place.xixi,
      buildingId: place.xixiB1,
      unitId: fx.xixiUnit(1),
      category: 'plumbing.blocked_drain',
      contact: { phone },
      chaseCount: 0,
    });
    const attachments = (await admin.get(`/v1/cases/${row?.id}/attachments`)).body.data;
    expect(attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual([
      'kitchen.png',
      '下水道.png',
    ]);
    expect(attachments.every((a: { uploadedByType: string }) => a.uploadedByType === 'owner')).toBe(true);
    const events = await rows<{ type: string }>(
      "SELECT type FROM outbox_events WHERE tenant_id = ? AND json_extract(payload, '$.caseId') = ?",
      fx.tenantId,
      row?.id,
    );
    expect(events.map((e) => e.type)).toContain('case.created');

    // The owner link works: the owner page opens on the new case.
    const ownerPage = await call('GET', `/owner-link/${receipt.token}`);
    expect(ownerPage.status).toBe(200);
    expect(String(ownerPage.body)).toContain(String(receipt.archiveNo));
    expect(String(ownerPage.body)).toContain('厨房下水道堵塞');

    // The code was spent: the same code files nothing more.
    const again = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(phone, code),
    });
    expect(again.status).toBe(400);
    expect(again.text).toContain('验证码已过期或已使用，请重新获取验证码。');
    expect((await caseTableCounts()).cases).toBe(before.cases + 1);
  });

  it('files in English from ?lang=en, the receipt in English', async () => {
    const smsPath = await smsAtReceiver();
    const phone = newPhone();
    const address = newAddress();
    const asked = await askCode(
      phone,
      address,
      { description: 'Lift stuck at floor 2', category: 'elevator' },
      `${pagePath()}`,
    );
    expect(asked.status).toBe(200);
    const code = await codeSentTo(smsPath, phone);
    const filed = await browse('POST', `${pagePath()}/submit?lang=en`, {
      address,
      multipart: submitForm(phone, code, [], { description: 'Lift stuck at floor 2', category: 'elevator' }),
    });
    expect(filed.status).toBe(201);
    expect(filed.text).toContain('<html lang="en">');
    expect(filed.text).toContain('Thank you: your case is received.');
    expect(filed.text).toContain('?lang=en');
  });
});
