import { describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { newEstate, newTenant } from '../support/tenants';

describe('bad input to org routes', () => {
  it('a missing or wrong-typed field answers 400 problem+json with field issues', async () => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/projects', { name: 42 });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['branchId', 'name']));
  });

  it('an unknown field is refused rather than silently dropped', async () => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/branches', { name: 'X', colour: 'red' });
    expect(res.status).toBe(400);
  });

  it('malformed JSON answers 400, not 500', async () => {
    const { admin } = await newTenant();
    const res = await call('POST', '/v1/branches', {
      token: admin.token,
      rawBody: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });

  it('a project in an unknown branch answers 400 naming branchId, and nothing is written', async () => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/projects', {
      branchId: 'br_01jd8x6v3kf2q9w7t5r4e3d2c1',
      name: '幽灵项目',
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('branchId');
    expect((await admin.get('/v1/projects')).body.data).toEqual([]);
  });

  it('a stale If-Match answers 412 and leaves the record as it was', async () => {
    const { admin } = await newTenant();
    const { projectId } = await newEstate(admin);
    const read = await admin.get(`/v1/projects/${projectId}`);
    const etag = read.headers.get('ETag')!;
    await admin.patch(`/v1/projects/${projectId}`, { code: 'P1' }, { 'If-Match': etag });
    const stale = await admin.patch(`/v1/projects/${projectId}`, { code: 'P2' }, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    expect((await admin.get(`/v1/projects/${projectId}`)).body.code).toBe('P1');
  });

  it('the same Idempotency-Key with a different body answers 422', async () => {
    const { admin } = await newTenant();
    const headers = { 'Idempotency-Key': 'create-branch-0002' };
    await admin.post('/v1/branches', { name: '甲' }, headers);
    const reused = await admin.post('/v1/branches', { name: '乙' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('a failed create does not burn its Idempotency-Key', async () => {
    const { admin } = await newTenant();
    const headers = { 'Idempotency-Key': 'create-branch-0003' };
    expect((await admin.post('/v1/branches', { name: '' }, headers)).status).toBe(400);
    expect((await admin.post('/v1/branches', { name: '' }, headers)).status).toBe(400);
  });

  it('a duplicate name answers 409', async () => {
    const { admin } = await newTenant();
    await admin.post('/v1/branches', { name: '杭州分公司' });
    const dup = await admin.post('/v1/branches', { name: '杭州分公司' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('conflict');
  });

  it('a branch with projects cannot be deleted', async () => {
    const { admin } = await newTenant();
    const { branchId } = await newEstate(admin);
    const res = await admin.delete(`/v1/branches/${branchId}`);
    expect(res.status).toBe(409);
  });

  it('a cursor this API did not issue answers 400', async () => {
    const { admin } = await newTenant();
    expect((await admin.get('/v1/branches?cursor=not-a-cursor')).status).toBe(400);
    expect((await admin.get('/v1/branches?limit=5000')).status).toBe(400);
  });

  it('a body over the limit answers 413', async () => {
    const { admin } = await newTenant();
    const res = await admin.post('/v1/branches', { name: 'x', city: 'y'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('an unknown route answers a problem 404', async () => {
    // Paths outside the API's prefixes are the console's own pages (index.html once built); an
    // unknown API route, or a file no build has, is the API's problem 404.
    for (const path of [
      '/public/nothing-here',
      '/owner-link/x/nothing',
      '/nothing-here.js',
      '/assets/gone.js',
    ]) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
    }
  });

  it('every response carries a request id', async () => {
    const res = await call('GET', '/healthz');
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
  });
});
