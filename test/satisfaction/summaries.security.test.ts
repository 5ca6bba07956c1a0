import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, setNow } from '../star/star-support';
import { cronTick } from '../support/cron';
import { rows } from '../support/events';
import { demo } from '../support/staff';
import { newTenant } from '../support/tenants';

beforeAll(demoReady);
afterEach(realTime);

async function octoberSummary(projectId: string) {
  await cronTick(new Date('2026-11-02T02:00:00Z'));
  const [row] = await rows<{ id: string }>(
    "SELECT id FROM complaint_summaries WHERE tenant_id = ? AND project_id = ? AND month = '2026-10'",
    demo.tenantId,
    projectId,
  );
  if (!row) throw new Error('no summary');
  return row.id;
}

const body = { causeAnalysis: '原因', measures: '措施' };

describe('summaries: the wrong caller and bad input', () => {
  it('another branch, another tenant: 404; the wrong role: 403', async () => {
    const id = await octoberSummary(demo.xixi);
    setNow('2026-11-02T03:00:00Z');
    const ningbo = await demoAt('branch_gm.nb');
    expect((await ningbo.get(`/v1/complaint-summaries/${id}`)).status).toBe(404);
    expect(
      (await ningbo.get('/v1/complaint-summaries?month=2026-10')).body.data.map((s: { id: string }) => s.id),
    ).not.toContain(id);
    const other = await newTenant('Other');
    expect((await other.admin.get(`/v1/complaint-summaries/${id}`)).status).toBe(404);
    expect((await (await demoAt('front_desk')).get('/v1/complaint-summaries')).status).toBe(403);
    // The GM reads but neither submits nor reviews.
    const gm = await demoAt('branch_gm');
    expect((await gm.post(`/v1/complaint-summaries/${id}/submit`, body)).status).toBe(403);
    expect((await gm.post(`/v1/complaint-summaries/${id}/review`, {})).status).toBe(403);
  });

  it('an empty analysis names the field; review before submission and a second submission are refused', async () => {
    const id = await octoberSummary(demo.qianjiang);
    setNow('2026-11-02T03:00:00Z');
    const admin = await demoAt('tenant_admin');
    const empty = await admin.post(`/v1/complaint-summaries/${id}/submit`, {
      causeAnalysis: ' ',
      measures: 'x',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.issues[0].path).toBe('causeAnalysis');
    expect((await rows('SELECT status FROM complaint_summaries WHERE id = ?', id))[0]).toEqual({
      status: 'draft',
    });
    expect((await admin.post(`/v1/complaint-summaries/${id}/review`, {})).status).toBe(409);
    expect((await admin.post(`/v1/complaint-summaries/${id}/submit`, body)).status).toBe(200);
    expect((await admin.post(`/v1/complaint-summaries/${id}/submit`, body)).status).toBe(409);
    expect((await admin.get('/v1/complaint-summaries?month=2026-13')).status).toBe(400);
  });
});
