import { describe, expect, it } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import { localDay, newStaff } from '../support/staff';
import { act, as, fx, hotlineRepair, intake } from './support';

/** 钱江府 (Hangzhou, like 西溪花园) unit n. */
const qianjiangUnit = (n: number) => demoId('unit', 8 + n);

describe('a front desk agent lent to another project of the branch (交楼)', () => {
  it('opens, reads and handles cases there during the loan, and loses them when the loan ends', async () => {
    const admin = await as('tenant_admin');
    const hr = await as('branch_hr');
    const hotline = await as('hotline_agent');
    const agent = await newStaff(admin, [{ role: 'front_desk', scopeType: 'project', scopeId: fx.xixi }]);
    const inQianjiang = hotlineRepair({ projectId: fx.qianjiang, unitId: qianjiangUnit(1) });
    const existing = await intake(hotline, inQianjiang);

    const home = await agent.login();
    expect((await home.post('/v1/cases', inQianjiang)).status).toBe(400);
    expect((await home.get(`/v1/cases/${existing.id}`)).status).toBe(404);

    const loan = await hr.post(`/v1/staff/${agent.id}/loans`, {
      projectId: fx.qianjiang,
      role: 'front_desk',
      startsOn: localDay(0),
      endsOn: localDay(2),
      reason: '交楼',
    });
    expect(loan.status).toBe(201);
    const lent = await agent.login();
    const opened = await lent.post('/v1/cases', { ...inQianjiang, channel: 'front_desk' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ projectId: fx.qianjiang, firstAskOwnerId: agent.id });
    expect((await lent.get(`/v1/cases/${existing.id}`)).status).toBe(200);
    expect((await act(lent, existing.id, { type: 'add_note', note: '交楼期间前台跟进' })).status).toBe(
      'received',
    );
    const listed = await lent.get(`/v1/cases?projectId=${fx.qianjiang}&limit=200`);
    expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([existing.id, opened.body.id]),
    );
    // Still a front desk of 西溪花园 only: the loan reaches 钱江府, not 滨江悦城.
    const binjiang = await intake(
      hotline,
      hotlineRepair({ projectId: fx.binjiang, unitId: demoId('unit', 17) }),
    );
    expect((await lent.get(`/v1/cases/${binjiang.id}`)).status).toBe(404);

    // Ended early: the next token carries no loan, and 钱江府's cases answer 404 again,
    // even the one the agent opened (first-ask stays recorded on it).
    expect((await hr.delete(`/v1/staff/${agent.id}/loans/${loan.body.id}`)).status).toBe(204);
    const after = await agent.login();
    expect((await after.get(`/v1/cases/${opened.body.id}`)).status).toBe(404);
    expect((await after.get(`/v1/cases?projectId=${fx.qianjiang}`)).body.data).toEqual([]);
    expect((await after.post('/v1/cases', inQianjiang)).status).toBe(400);
    expect((await hotline.get(`/v1/cases/${opened.body.id}`)).body.firstAskOwnerId).toBe(agent.id);
  });
});
