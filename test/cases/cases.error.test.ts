import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { act, as, caseTableCounts, fx, hotlineRepair, intake } from './support';

const upload = (token: string, caseId: string, contentType: string, body: string | Uint8Array, name = 'f') =>
  call('POST', `/v1/cases/${caseId}/attachments?fileName=${name}`, {
    token,
    headers: { 'content-type': contentType },
    rawBody: body as string,
  });

describe('bad intake writes nothing', () => {
  it.each([
    ['a wrong type', { urgency: 5 }, 'urgency'],
    ['an unknown kind', { kind: 'praise' }, 'kind'],
    ['email as a staff channel', { channel: 'email' }, 'channel'],
    ['a bad phone', { contact: { name: '王', phone: '12' } }, 'contact.phone'],
    ['no way to reach the owner', { contact: { name: '王' } }, 'contact'],
    ['an unknown unit', { unitId: 'unit_nope' }, 'unitId'],
    ["another project's unit", { unitId: fx.donghuUnit(1) }, 'unitId'],
    ['an unknown owner', { ownerId: 'own_nope' }, 'ownerId'],
    ['an unknown project', { projectId: 'prj_nope' }, 'projectId'],
    ['a category outside the tree', { category: 'ufo' }, 'category'],
    ['a severity on a repair', { severity: 'major' }, 'severity'],
    ['an unknown field', { colour: 'red' }, ''],
  ])('%s → 400 naming the field', async (_label, patch, path) => {
    const hotline = await as('hotline_agent');
    const before = await caseTableCounts();
    const res = await hotline.post('/v1/cases', { ...hotlineRepair(), ...patch });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    if (path) expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await caseTableCounts()).toEqual(before);
  });

  it('a malformed JSON body → 400', async () => {
    const hotline = await as('hotline_agent');
    const res = await call('POST', '/v1/cases', {
      token: hotline.token,
      headers: { 'content-type': 'application/json' },
      rawBody: '{"kind":',
    });
    expect(res.status).toBe(400);
  });
});

describe('illegal and stale steps', () => {
  it('an illegal transition answers 409 naming the allowed next steps, and writes nothing', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    const before = await caseTableCounts();
    const res = await hotline.post(`/v1/cases/${created.id}/actions`, { type: 'complete', note: '完成' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'illegal_transition',
      status: 409,
      caseStatus: 'received',
      action: 'complete',
    });
    expect(res.body.allowed).toEqual(
      expect.arrayContaining(['dispatch', 'cancel', 'wait_for_owner', 'add_note']),
    );
    expect(res.body.nextStatuses).toContain('dispatched');
    const wrongKind = await hotline.post(`/v1/cases/${created.id}/actions`, { type: 'answer', note: 'x' });
    expect(wrongKind.status).toBe(409);
    expect(await caseTableCounts()).toEqual(before);
    const allowed = await hotline.get(`/v1/cases/${created.id}/allowed-actions`);
    expect(allowed.body.data.map((a: { action: string }) => a.action)).toEqual(res.body.allowed);
  });

  it('bad action payloads answer 400: unknown step, missing fields, unknown contractor', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    const before = await caseTableCounts();
    for (const body of [
      { type: 'teleport' },
      {},
      { type: 'dispatch' },
      { type: 'dispatch', contractorId: fx.contractor1, departmentId: fx.xixiEngineering },
      { type: 'dispatch', contractorId: 'ctr_nope' },
      { type: 'record_contact', visitBookedFor: 'tomorrow-ish' },
    ]) {
      const res = await hotline.post(`/v1/cases/${created.id}/actions`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await caseTableCounts()).toEqual(before);
  });

  it('a stale If-Match answers 412 and the step is not taken', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    const read = await hotline.get(`/v1/cases/${created.id}`);
    const etag = read.headers.get('ETag') as string;
    await act(hotline, created.id, { type: 'add_note', note: '先记一笔' });
    const stale = await hotline.post(
      `/v1/cases/${created.id}/actions`,
      { type: 'dispatch', contractorId: fx.contractor1 },
      { 'If-Match': etag },
    );
    expect(stale.status).toBe(412);
    expect((await hotline.get(`/v1/cases/${created.id}`)).body.status).toBe('received');
    const fresh = (await hotline.get(`/v1/cases/${created.id}`)).headers.get('ETag') as string;
    const ok = await hotline.post(
      `/v1/cases/${created.id}/actions`,
      { type: 'dispatch', contractorId: fx.contractor1 },
      { 'If-Match': fresh },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('ETag')).toBe(`"${ok.body.version}"`);
  });

  it('two racing steps on the same version: one wins, the other gets 412 or 409, and one dispatch is recorded', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    const [a, b] = await Promise.all([
      hotline.post(`/v1/cases/${created.id}/actions`, { type: 'dispatch', contractorId: fx.contractor1 }),
      hotline.post(`/v1/cases/${created.id}/actions`, { type: 'dispatch', contractorId: fx.contractor2 }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([409, 412]).toContain(statuses[1]);
    const timeline = (await hotline.get(`/v1/cases/${created.id}/timeline`)).body.data;
    expect(timeline.filter((t: { action: string }) => t.action === 'dispatch')).toHaveLength(1);
  });

  it('bad list queries answer 400', async () => {
    const hotline = await as('hotline_agent');
    expect((await hotline.get('/v1/cases?cursor=garbage')).status).toBe(400);
    expect((await hotline.get('/v1/cases?status=lost')).status).toBe(400);
    expect((await hotline.get('/v1/cases?from=yesterday')).status).toBe(400);
    expect((await hotline.get('/v1/cases?limit=1000')).status).toBe(400);
  });
});

describe('attachments', () => {
  it('stores an allowed file and streams it back', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    const res = await upload(hotline.token, created.id, 'application/pdf', '%PDF-1.4 fake', 'report.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileName: 'report.pdf', contentType: 'application/pdf', sizeBytes: 13 });
    const back = await hotline.get(`/v1/cases/${created.id}/attachments/${res.body.id}`);
    expect(back.status).toBe(200);
    expect(back.body).toBe('%PDF-1.4 fake');
    // A completion can cite it; an id of another case cannot be cited.
    const other = await intake(hotline, hotlineRepair());
    const cite = await hotline.post(`/v1/cases/${other.id}/actions`, {
      type: 'cancel',
      reason: 'duplicate',
      duplicateOfCaseId: 'case_nope',
    });
    expect(cite.status).toBe(400);
  });

  it('refuses a wrong type (415) and an oversize file (413), writing nothing', async () => {
    const hotline = await as('hotline_agent');
    const created = await intake(hotline, hotlineRepair());
    const before = await caseTableCounts();
    const wrong = await upload(hotline.token, created.id, 'application/x-msdownload', 'MZ', 'x.exe');
    expect(wrong.status).toBe(415);
    const none = await upload(hotline.token, created.id, '', 'x', 'x');
    expect(none.status).toBe(415);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const oversize = await fetchRaw(hotline.token, created.id, big);
    expect(oversize).toBe(413);
    expect(await caseTableCounts()).toEqual(before);
    expect((await hotline.get(`/v1/cases/${created.id}/attachments`)).body.data).toEqual([]);
  });
});

async function fetchRaw(token: string, caseId: string, bytes: Uint8Array) {
  const { exports } = await import('cloudflare:workers');
  const res = await exports.default.fetch(`http://api.test/v1/cases/${caseId}/attachments?fileName=big.jpg`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
    body: bytes,
  });
  await res.text();
  return res.status;
}
