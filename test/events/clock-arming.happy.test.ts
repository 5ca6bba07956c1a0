import { describe, expect, it } from 'vitest';
import { runQueue } from '../support/events';
import { clockOf, insertCase, minutesFromNow } from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';

describe('case events arm the case clock', () => {
  it('a case whose request never armed its clock gets armed when its event is delivered', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    // Written straight to D1, as if the request's own arm had failed after the batch committed.
    const c = await insertCase(tenantId, estate, { status: 'dispatched', dispatchedAt: minutesFromNow(-5) });
    expect((await clockOf(tenantId, c.id).state()).wakeAt).toBeNull();

    const event = {
      id: `evt_arm${Date.now().toString(36)}`,
      type: 'case.dispatched',
      version: 1,
      tenantId,
      occurredAt: new Date().toISOString(),
      branchId: estate.branchId,
      projectId: estate.projectId,
      data: { caseId: c.id, archiveNo: c.archiveNo, kind: 'repair', status: 'dispatched' },
    };
    const result = await runQueue('guanjia-events', [{ id: 'm1', body: event }]);
    expect(result.explicitAcks).toEqual(['m1']);
    // The default policy warns 10 minutes before the 30-minute contact deadline.
    const state = await clockOf(tenantId, c.id).state();
    expect(state.wakeAt).toBe(c.dispatchedAt!.getTime() + 20 * 60_000);

    // Delivered again, it changes nothing.
    await runQueue('guanjia-events', [{ id: 'm2', body: event }]);
    expect((await clockOf(tenantId, c.id).state()).wakeAt).toBe(state.wakeAt);
  });
});
