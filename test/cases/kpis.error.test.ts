import { describe, expect, it } from 'vitest';
import { as, fx } from './support';

const problemAt = (body: { issues?: { path: string }[] }) => body.issues?.map((i) => i.path);

describe('KPI report input', () => {
  it('answers 400 naming the field for a bad date, a reversed window, a too long window and an unknown grouping', async () => {
    const admin = await as('tenant_admin');
    const bad = await admin.get('/v1/reports/kpis?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('from');

    const reversed = await admin.get(
      '/v1/reports/kpis?from=2026-11-10T00:00:00.000Z&to=2026-11-01T00:00:00.000Z',
    );
    expect(reversed.status).toBe(400);
    expect(problemAt(reversed.body)).toEqual(['to']);

    const long = await admin.get(
      '/v1/reports/kpis?from=2024-01-01T00:00:00.000Z&to=2026-01-01T00:00:00.000Z',
    );
    expect(long.status).toBe(400);
    expect(problemAt(long.body)).toEqual(['from']);

    const grouping = await admin.get(`/v1/reports/kpis?groupBy=owner&projectId=${fx.xixi}`);
    expect(grouping.status).toBe(400);
    expect(JSON.stringify(grouping.body)).toContain('groupBy');

    const format = await admin.get('/v1/reports/kpis?format=xlsx');
    expect(format.status).toBe(400);
    expect(JSON.stringify(format.body)).toContain('format');
  });

  it('answers 404 for a project or branch that does not exist', async () => {
    const admin = await as('tenant_admin');
    expect((await admin.get('/v1/reports/kpis?projectId=prj_nope')).status).toBe(404);
    expect((await admin.get('/v1/reports/kpis?branchId=br_nope')).status).toBe(404);
  });
});
