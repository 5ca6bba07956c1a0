import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../workers/lib/logger';
import { demoAs } from '../support/staff';

const phone = '13812345678';
const name = '欧阳娜娜';

/** Every line written to the console while `work` runs. */
async function logLines(work: () => Promise<unknown> | unknown): Promise<string[]> {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(keep);
  vi.spyOn(console, 'error').mockImplementation(keep);
  vi.spyOn(console, 'warn').mockImplementation(keep);
  await work();
  vi.restoreAllMocks();
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe("owners' names and phone numbers in logs", () => {
  it('are masked in fields, nested objects, base fields and free text', async () => {
    const lines = await logLines(() => {
      const logger = createLogger({ requestId: 'req-1' }).with({ contactName: name, ownerPhone: phone });
      logger.info('intake', {
        contact: { name, phone, email: 'x@example.com' },
        ownerName: name,
        owner_name: name,
        fromName: name,
        mobile: phone,
        note: `业主来电 ${phone}，请回电`,
        owners: [{ name, phone }],
      });
    });
    expect(lines).toHaveLength(1);
    const line = lines[0] as string;
    expect(line).not.toContain(phone);
    expect(line).not.toContain(name);
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({
      level: 'info',
      message: 'intake',
      requestId: 'req-1',
      contactName: '欧***',
      ownerPhone: '138****5678',
      contact: { name: '欧***', phone: '138****5678', email: 'x@example.com' },
      note: '业主来电 138****5678，请回电',
    });
    expect(parsed.owners).toEqual([{ name: '欧***', phone: '138****5678' }]);
  });

  it("mask an owner's WeChat OpenID under any of its names", async () => {
    const openId = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';
    const lines = await logLines(() =>
      createLogger().info('owner', {
        wechatOpenId: openId,
        owner: { wechat_open_id: openId },
        request: { touser: openId },
      }),
    );
    const line = lines[0] as string;
    expect(line).not.toContain(openId);
    expect(JSON.parse(line)).toMatchObject({
      wechatOpenId: 'o6_b***',
      owner: { wechat_open_id: 'o6_b***' },
      request: { touser: 'o6_b***' },
    });
  });

  it("drop the bound parameters a failed query's error carries (the row's values)", async () => {
    const error = new Error(
      `Failed query: insert into "cases" ("id", "contact_name", "contact_phone") values (?, ?, ?)\nparams: case_1,${name},${phone}`,
    );
    const lines = await logLines(() =>
      createLogger().error('unhandled error', { error: String(error), stack: error.stack }),
    );
    const line = lines[0] as string;
    expect(line).not.toContain(name);
    expect(line).not.toContain(phone);
    expect(line).toContain('params: [redacted]');
    expect(line).toContain('Failed query: insert into');
  });

  it('secrets are masked too: fields named like one whole, and every path, URL and error text', async () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjYXNlXzEifQ.c2lnbmF0dXJl';
    const lines = await logLines(() =>
      createLogger({ requestId: 'r' }).error(`send to /owner-link/${jwt} failed`, {
        password: 'hunter2-secret',
        accessToken: jwt,
        credentials: { apiKey: 'sk-live-1' },
        path: `/public/v1/owner-link/${jwt}/sign-off`,
        error:
          'TypeError: fetch failed https://api.weixin.qq.com/cgi-bin/message/template/send?access_token=WXTOKEN123',
      }),
    );
    const line = lines[0] as string;
    for (const secret of [jwt, 'hunter2-secret', 'sk-live-1', 'WXTOKEN123'])
      expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({
      message: 'send to /owner-link/[redacted] failed',
      password: '[redacted]',
      accessToken: '[redacted]',
      credentials: '[redacted]',
      path: '/public/v1/owner-link/[redacted]/sign-off',
      error: expect.stringContaining('?access_token=[redacted]'),
    });
  });

  it('never appear whole in the lines a real intake writes', async () => {
    const hotline = await demoAs('hotline_agent');
    let status = 0;
    const level = env.LOG_LEVEL;
    env.LOG_LEVEL = 'info'; // the tests run at warn; the request line is info
    const lines = await logLines(async () => {
      const res = await hotline.post('/v1/cases', {
        kind: 'repair',
        channel: 'hotline',
        projectId: 'prj_00000000000000000000000001',
        unitId: 'unit_00000000000000000000000001',
        description: `厨房漏水，联系 ${phone}`,
        category: 'plumbing',
        contact: { name, phone },
      });
      status = res.status;
    }).finally(() => {
      env.LOG_LEVEL = level;
    });
    expect(status).toBe(201);
    const requestLine = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'request');
    expect(requestLine).toMatchObject({ method: 'POST', path: '/v1/cases', status: 201 });
    expect(typeof requestLine.requestId).toBe('string');
    expect(typeof requestLine.tenantId).toBe('string');
    for (const line of lines) {
      expect(line).not.toContain(phone);
      expect(line).not.toContain(name);
    }
  });
});
