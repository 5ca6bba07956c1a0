import { describe, expect, it } from 'vitest';
import { newEstate, newTenant } from '../support/tenants';
import { as, frontDeskComplaint, fx, intake } from './support';

describe('who may reclassify', () => {
  it('supervisors and managers may; the front line and engineers may not (403), and nobody is offered what they may not do', async () => {
    const desk = await as('front_desk');
    const c = await intake(desk, frontDeskComplaint());
    for (const who of ['front_desk', 'hotline_agent', 'complaint_specialist', 'cs_specialist', 'engineer']) {
      const staff = await as(who);
      const res = await staff.post(`/v1/cases/${c.id}/actions`, {
        type: 'reclassify',
        urgency: 'urgent',
        reason: '升级',
      });
      expect(res.status, who).toBe(403);
      const offered = await staff.get(`/v1/cases/${c.id}/allowed-actions`);
      expect(JSON.stringify(offered.body), who).not.toContain('reclassify');
    }
    for (const who of ['cs_supervisor', 'complaint_supervisor', 'project_manager']) {
      const res = await (await as(who)).get(`/v1/cases/${c.id}/allowed-actions`);
      expect(JSON.stringify(res.body), who).toContain('reclassify');
    }
  });

  it('a project outside the caller’s reach is 404, and so is another tenant’s project or case', async () => {
    const desk = await as('front_desk');
    const c = await intake(desk, frontDeskComplaint());
    const supervisor = await as('cs_supervisor'); // 西溪花园 only
    const out = await supervisor.post(`/v1/cases/${c.id}/actions`, {
      type: 'reclassify',
      projectId: fx.donghu,
      reason: '录错小区',
    });
    expect(out.status).toBe(404);

    const other = await newTenant();
    const estate = await newEstate(other.admin);
    const foreign = await (await as('tenant_admin')).post(`/v1/cases/${c.id}/actions`, {
      type: 'reclassify',
      projectId: estate.projectId,
      reason: '录错小区',
    });
    expect(foreign.status).toBe(404);
    const theirs = await other.admin.post(`/v1/cases/${c.id}/actions`, {
      type: 'reclassify',
      urgency: 'urgent',
      reason: '升级',
    });
    expect(theirs.status).toBe(404);
  });
});
