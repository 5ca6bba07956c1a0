import { describe, expect, it } from 'vitest';
import { demoAs } from '../support/staff';
import { newTenant } from '../support/tenants';

const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);

describe('bad audit log queries', () => {
  it('a time that is not an ISO instant answers 400 naming the parameter', async () => {
    const { admin } = await newTenant();
    const res = await admin.get('/v1/audit-log?from=yesterday');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(issuePaths(res.body)).toEqual(['query.from']);
  });

  it('a window that ends before it starts answers 400 naming to', async () => {
    const { admin } = await newTenant();
    const res = await admin.get('/v1/audit-log?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z');
    expect(res.status).toBe(400);
    expect(issuePaths(res.body)).toEqual(['query.to']);
  });

  it('a cursor this API did not issue, or a limit above 200, answers 400', async () => {
    const { admin } = await newTenant();
    expect((await admin.get('/v1/audit-log?cursor=not-a-cursor')).status).toBe(400);
    expect((await admin.get('/v1/audit-log?limit=500')).status).toBe(400);
  });

  it('an unknown entry id answers 404', async () => {
    const { admin } = await newTenant();
    expect((await admin.get('/v1/audit-log/aud_01jd8x6v3kf2q9w7t5r4e3d2c1')).status).toBe(404);
  });

  it('a front desk agent, who may not read the trail, is refused with 403', async () => {
    const desk = await demoAs('front_desk');
    const res = await desk.get('/v1/audit-log');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });
});
