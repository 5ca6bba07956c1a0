import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, as, fx } from '../cases/support';
import { call } from '../support/api';
import { eventually, rows } from '../support/events';
import { demo } from '../support/staff';
import {
  askCode,
  browse,
  codeSentTo,
  newAddress,
  newPhone,
  pagePath,
  receiptOf,
  smsAtReceiver,
  submitForm,
} from './support';

afterEach(() => vi.useRealTimers());

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

/** Files a repair from the report page; answers its id and owner-link token. */
async function filedFromPage(smsPath: string) {
  const phone = newPhone();
  const address = newAddress();
  await askCode(phone, address, { description: '楼道灯不亮', category: 'electrical.lighting' });
  const code = await codeSentTo(smsPath, phone);
  const filed = await browse('POST', `${pagePath()}/submit`, {
    address,
    multipart: submitForm(phone, code, [], { description: '楼道灯不亮', category: 'electrical.lighting' }),
  });
  expect(filed.status).toBe(201);
  const { archiveNo, token } = receiptOf(filed.text);
  const [row] = await rows<{ id: string }>(
    'SELECT id FROM cases WHERE tenant_id = ? AND archive_no = ?',
    fx.tenantId,
    archiveNo,
  );
  return { id: String(row?.id), archiveNo: String(archiveNo), token: String(token) };
}

const chase = (token: string, lang = '') => call('POST', `/owner-link/${token}/chase${lang}`);
const ownerPage = (token: string, query = '') => call('GET', `/owner-link/${token}${query}`);

describe('催单: the owner chases a case from the owner page', () => {
  it('once per 4 hours: a timeline entry for the owner, the handler’s and the supervisor’s inbox, the count on the case; too soon says when', async () => {
    const smsPath = await smsAtReceiver();
    const created = await filedFromPage(smsPath);
    const hotline = await as('hotline_agent');
    const engineer = demo.staff(13);
    await act(hotline, created.id, {
      type: 'dispatch',
      departmentId: fx.xixiEngineering,
      assigneeId: engineer,
    });

    const before = String((await ownerPage(created.token)).body);
    expect(before).toContain('处理进度慢？点击催单，我们会提醒处理人员及其主管。每 4 小时可催单一次。');
    expect(before).toContain(`action="/owner-link/${created.token}/chase"`);

    const t0 = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t0);
    const first = await chase(created.token);
    expect(first.status).toBe(303);
    expect(first.headers.get('Location')).toBe(`/owner-link/${created.token}?chased=1`);
    const after = String((await ownerPage(created.token, '?chased=1')).body);
    expect(after).toContain('已催单，我们已提醒处理人员尽快处理。');
    expect(after).toContain('您已催单'); // the owner-facing timeline entry
    const nextAt = local(new Date(t0.getTime() + 4 * 3_600_000));
    expect(after).toContain(`您已催过单，请于 ${nextAt} 后再催。`);
    expect(after).not.toContain(`/chase"`); // no button until then

    // An hour later: refused, and the page says when.
    vi.setSystemTime(new Date(t0.getTime() + 3_600_000));
    const soon = await chase(created.token, '?lang=en');
    expect(soon.status).toBe(429);
    expect(soon.headers.get('retry-after')).toBe(String(3 * 3600));
    expect(String(soon.body)).toContain('You have chased this case already. You may chase again after');

    vi.useRealTimers();
    // The handler and their supervisor (西溪花园's CS supervisor) hear of it in their inbox.
    for (const who of ['engineer', 'cs_supervisor']) {
      const staff = await as(who);
      const inbox = await eventually(
        () => staff.get('/v1/inbox'),
        (r) =>
          r.body.data?.some(
            (m: { kind: string; data: { caseId: string } }) =>
              m.kind === 'case.chased' && m.data.caseId === created.id,
          ),
      );
      const item = inbox.body.data.find(
        (m: { kind: string; data: { caseId: string } }) =>
          m.data?.caseId === created.id && m.kind === 'case.chased',
      );
      expect(item.title).toBe(`业主催单 ${created.archiveNo}`);
    }
    const event = await rows<{ payload: string }>(
      "SELECT payload FROM outbox_events WHERE tenant_id = ? AND type = 'case.chased' AND json_extract(payload, '$.caseId') = ?",
      fx.tenantId,
      created.id,
    );
    expect(JSON.parse(String(event[0]?.payload)).notifyStaffIds.sort()).toEqual(
      [engineer, demo.staff(4)].sort(),
    );
    // It counts: on the case and in the case list.
    expect((await hotline.get(`/v1/cases/${created.id}`)).body).toMatchObject({
      chaseCount: 1,
      lastChasedAt: t0.toISOString(),
    });
    const timeline = (await hotline.get(`/v1/cases/${created.id}/timeline`)).body.data;
    expect(timeline.filter((e: { action: string }) => e.action === 'chase')).toEqual([
      expect.objectContaining({ visibility: 'owner', actorType: 'owner', data: { chaseCount: 1 } }),
    ]);

    // Four hours after the first: allowed again.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(t0.getTime() + 4 * 3_600_000));
    expect((await chase(created.token)).status).toBe(303);
    const [counted] = await rows<{ chase_count: number }>(
      'SELECT chase_count FROM cases WHERE tenant_id = ? AND id = ?',
      fx.tenantId,
      created.id,
    );
    expect(counted?.chase_count).toBe(2);
  });

  it('a closed or cancelled case offers no chase, and a chase posted anyway says there is nothing to chase', async () => {
    const smsPath = await smsAtReceiver();
    const created = await filedFromPage(smsPath);
    const hotline = await as('hotline_agent');
    await act(hotline, created.id, { type: 'cancel', reason: 'withdrawn', note: '业主自行修好' });
    const page = String((await ownerPage(created.token)).body);
    expect(page).not.toContain('/chase');
    const refused = await chase(created.token);
    expect(refused.status).toBe(409);
    expect(String(refused.body)).toContain('该工单已结束，无需催单。');
  });

  it('the interval is the tenant’s case setting chaseIntervalHours', async () => {
    const admin = await as('tenant_admin');
    const settings = await admin.get('/v1/settings/cases');
    expect(settings.body.chaseIntervalHours).toBe(4);
    const put = await call('PUT', '/v1/settings/cases', {
      token: admin.token,
      body: { chaseIntervalHours: 1 },
      headers: { 'If-Match': String(settings.headers.get('ETag')) },
    });
    expect(put.status).toBe(200);
    const smsPath = await smsAtReceiver();
    const created = await filedFromPage(smsPath);
    expect(String((await ownerPage(created.token)).body)).toContain('每 1 小时可催单一次');
    const t0 = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t0);
    expect((await chase(created.token)).status).toBe(303);
    vi.setSystemTime(new Date(t0.getTime() + 3_600_000));
    expect((await chase(created.token)).status).toBe(303);
  });
});
