import { newId } from '@guanjia/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { as, caseTableCounts, fx } from '../cases/support';
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
  smsAtReceiver,
  storedObjects,
  submitForm,
} from './support';

afterEach(() => vi.useRealTimers());

// The channel is set up at the real time (staff tokens would be expired at the tests' later times).
let smsPath = '';
beforeAll(async () => {
  smsPath = await smsAtReceiver();
});

// A whole minute an hour from now, so the rate-limit windows start where the test says.
const t0 = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000);
const at = (ms: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(t0.getTime() + ms));
};
const minutes = (n: number) => n * 60_000;
/** 14:05 in the tenant's zone (Asia/Shanghai), as the page writes times. */
const local = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);

describe('the report page refuses with a page that says what to do', () => {
  it('a wrong code: 400, the tries left, what was typed kept, nothing written', async () => {
    const phone = newPhone();
    const address = newAddress();
    await askCode(phone, address, { description: '阳台地漏返水' });
    const code = await codeSentTo(smsPath, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const before = await caseTableCounts();
    const objects = await storedObjects();
    const res = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(phone, wrong, [{ name: 'a.png', type: 'image/png', bytes: pngBytes }], {
        description: '阳台地漏返水',
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('验证码不正确，请核对短信后重新输入（还可尝试 4 次）。');
    expect(res.text).toContain('请重新选择照片'); // file inputs cannot be refilled
    expect(res.text).toContain('>阳台地漏返水</textarea>');
    expect(res.text).toContain(`value="${phone}"`);
    expect(await caseTableCounts()).toEqual(before);
    expect(await storedObjects()).toBe(objects);

    const en = await browse('POST', `${pagePath()}/submit?lang=en`, {
      address,
      multipart: submitForm(phone, wrong),
    });
    expect(en.text).toContain('That code is not right. Check the text and try again (3 tries left).');
  });

  it('too many tries: the fifth wrong code spends it, and then even the right one is refused until a new code', async () => {
    const phone = newPhone();
    const address = newAddress();
    await askCode(phone, address);
    const code = await codeSentTo(smsPath, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) {
      const res = await browse('POST', `${pagePath()}/submit`, {
        address,
        multipart: submitForm(phone, wrong),
      });
      expect(res.status).toBe(400);
    }
    const fifth = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(phone, wrong),
    });
    expect(fifth.status).toBe(429);
    expect(fifth.text).toContain('验证码错误次数过多，此验证码已失效。请重新获取验证码。');
    const right = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(phone, code),
    });
    expect(right.status).toBe(429);
    expect(right.text).toContain('验证码错误次数过多');
    const [stored] = await rows<{ attempts: number; used_at: number | null }>(
      'SELECT attempts, used_at FROM report_codes WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
      fx.tenantId,
    );
    expect(stored).toEqual({ attempts: 5, used_at: null });

    // A new code works.
    await askCode(phone, address);
    const fresh = await codeSentTo(smsPath, phone, 2);
    const filed = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(phone, fresh),
    });
    expect(filed.status).toBe(201);
  });

  it('one code files one case, even when two submissions race; the loser’s photos are discarded', async () => {
    const phone = newPhone();
    const address = newAddress();
    await askCode(phone, address);
    const code = await codeSentTo(smsPath, phone);
    const before = await caseTableCounts();
    const objects = await storedObjects();
    const photo = [{ name: 'a.png', type: 'image/png', bytes: pngBytes }];
    const answers = await Promise.all([
      browse('POST', `${pagePath()}/submit`, { address, multipart: submitForm(phone, code, photo) }),
      browse('POST', `${pagePath()}/submit`, { address, multipart: submitForm(phone, code, photo) }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400]);
    expect(answers.find((a) => a.status === 400)?.text).toContain('验证码已过期或已使用');
    expect((await caseTableCounts()).cases).toBe(before.cases + 1);
    expect(await storedObjects()).toBe(objects + 1);
  });

  it('an expired code: asks for a new one', async () => {
    at(0);
    const phone = newPhone();
    const address = newAddress();
    await askCode(phone, address);
    const code = await codeSentTo(smsPath, phone);
    at(minutes(10));
    const res = await browse('POST', `${pagePath()}/submit`, { address, multipart: submitForm(phone, code) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('验证码已过期或已使用，请重新获取验证码。');
  });

  it('a photo of the wrong type (415) or over 10 MB (413): named, nothing stored, the code still good', async () => {
    const phone = newPhone();
    const address = newAddress();
    await askCode(phone, address);
    const code = await codeSentTo(smsPath, phone);
    const before = await caseTableCounts();
    const objects = await storedObjects();

    const wrongType = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(phone, code, [
        { name: 'ok.png', type: 'image/png', bytes: pngBytes },
        { name: '说明.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4') },
      ]),
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.text).toContain('“说明.pdf”不是支持的图片格式，请上传 JPG、PNG、WebP 或 HEIC 照片。');

    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const tooLarge = await browse('POST', `${pagePath()}/submit?lang=en`, {
      address,
      multipart: submitForm(phone, code, [{ name: 'huge.jpg', type: 'image/jpeg', bytes: big }]),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain('“huge.jpg” is larger than 10 MB; make it smaller and upload it again.');

    const seven = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(
        phone,
        code,
        Array.from({ length: 7 }, (_, i) => ({ name: `${i}.png`, type: 'image/png', bytes: pngBytes })),
      ),
    });
    expect(seven.status).toBe(400);
    expect(seven.text).toContain('最多上传 6 张照片。');

    expect(await caseTableCounts()).toEqual(before);
    expect(await storedObjects()).toBe(objects);
    // None of these spent a try.
    const filed = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(phone, code, [{ name: 'ok.png', type: 'image/png', bytes: pngBytes }]),
    });
    expect(filed.status).toBe(201);
  });

  it('bad fields: a page naming what to fix, with the form kept', async () => {
    await as('tenant_admin');
    const address = newAddress();
    const phone = await askCode('12345', address);
    expect(phone.status).toBe(400);
    expect(phone.text).toContain('请输入 11 位中国大陆手机号');
    expect(phone.text).toContain('厨房下水道堵塞');
    const unit = await askCode(newPhone(), address, { unitId: fx.xixiUnit(5) }); // 2号楼's unit
    expect(unit.status).toBe(400);
    expect(unit.text).toContain('请从列表中选择您的房号。');
    const category = await askCode(newPhone(), address, { category: 'nope' });
    expect(category.text).toContain('请选择类别。');
    const noCode = await browse('POST', `${pagePath()}/submit`, {
      address,
      multipart: submitForm(newPhone(), '123456'),
    });
    expect(noCode.status).toBe(400);
    expect(noCode.text).toContain('请先获取短信验证码。');
  });

  it('rate limits per phone: the fourth code in 15 minutes is refused with when to try again', async () => {
    at(0);
    const phone = newPhone();
    for (let i = 0; i < 3; i++) {
      at(minutes(i));
      expect((await askCode(phone, newAddress())).status).toBe(200);
    }
    await codeSentTo(smsPath, phone, 3);
    at(minutes(5));
    const refused = await askCode(phone, newAddress());
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(10 * 60));
    expect(refused.text).toContain(
      `该手机号获取验证码过于频繁，请于 ${local(new Date(t0.getTime() + minutes(15)))} 后再试。`,
    );
    expect(refused.text).toContain('厨房下水道堵塞'); // the form is kept
    at(minutes(15));
    expect((await askCode(phone, newAddress())).status).toBe(200);
  });

  it('rate limits per client address: the eleventh code in an hour from one address is refused', async () => {
    at(minutes(100));
    const address = newAddress();
    for (let i = 0; i < 10; i++) expect((await askCode(newPhone(), address)).status).toBe(200);
    const refused = await browse('POST', `${pagePath()}/code?lang=en`, {
      form: {
        phone: newPhone(),
        unitId: fx.xixiUnit(1),
        kind: 'repair',
        category: 'other',
        description: 'x',
      },
      address,
    });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain(`Too many codes from your network. Try again after`);
  });

  it('rate limits per project: past 60 codes an hour the estate’s page says when to try again', async () => {
    at(minutes(200));
    const now = t0.getTime() + minutes(200);
    for (let i = 0; i < 60; i++) {
      await rows(
        `INSERT INTO report_codes (id, tenant_id, project_id, phone_key, address_key, code_hash, created_at, expires_at, attempts)
         VALUES (?, ?, ?, ?, ?, 'x', ?, ?, 0)`,
        newId('reportCode'),
        fx.tenantId,
        place.qianjiang,
        `p${i}`,
        `a${i}`,
        now - minutes(30) + i,
        now + minutes(10),
      );
    }
    const refused = await askCode(
      newPhone(),
      newAddress(),
      { unitId: fx.xixiUnit(9) },
      pagePath(place.qianjiang, place.qianjiangB1),
    );
    expect(refused.status).toBe(429);
    expect(refused.text).toContain(
      `本项目当前报修人数较多，请于 ${local(new Date(now - minutes(30) + minutes(60)))} 后再试`,
    );
    // Another project is not held up.
    expect((await askCode(newPhone(), newAddress())).status).toBe(200);
  });

  it('no SMS channel: says to try later or call, and files nothing', async () => {
    const admin = await as('tenant_admin');
    const channel = (await admin.get('/v1/notification-channels')).body.data.find(
      (c: { kind: string }) => c.kind === 'sms',
    );
    expect((await admin.patch(`/v1/notification-channels/${channel.id}`, { enabled: false })).status).toBe(
      200,
    );
    const res = await askCode(newPhone(), newAddress());
    expect(res.status).toBe(503);
    expect(res.text).toContain('暂时无法发送短信验证码，请稍后再试或致电物业服务中心报修。');
    expect((await admin.patch(`/v1/notification-channels/${channel.id}`, { enabled: true })).status).toBe(
      200,
    );
  });
});
