import { describe, expect, it } from 'vitest';
import { act, as, fx, hotlineRepair, intake } from '../cases/support';

/** A Xixi repair done by contractor 1, then reopened by an unsatisfied follow-up (没修好). */
async function failedByContractor1(unit: number) {
  const hotline = await as('hotline_agent');
  const contractor = await as('contractor_staff');
  const created = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(unit) }));
  await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
  await act(contractor, created.id, {
    type: 'record_contact',
    visitBookedFor: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await act(contractor, created.id, { type: 'arrive' });
  await act(contractor, created.id, { type: 'complete', note: '已更换' });
  const reopened = await act(hotline, created.id, { type: 'follow_up', satisfaction: 1, comment: '没修好' });
  expect(reopened.status).toBe('reopened');
  return created.id as string;
}

describe('one chance per repair (每次报修只给施工单位1次机会)', () => {
  it('the contractor that failed a repair is not offered it again; another contractor is', async () => {
    const id = await failedByContractor1(5);
    const hotline = await as('hotline_agent');
    const again = await hotline.post(`/v1/cases/${id}/actions`, {
      type: 'dispatch',
      contractorId: fx.contractor1,
    });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('contractor_had_its_chance');
    const other = await act(hotline, id, { type: 'dispatch', contractorId: fx.contractor2 });
    expect(other.contractorId).toBe(fx.contractor2);
  });

  it('a manager overrides with a reason, recorded in the timeline; an agent cannot, nothing is written', async () => {
    const id = await failedByContractor1(6);
    const hotline = await as('hotline_agent');
    const override = {
      type: 'dispatch',
      contractorId: fx.contractor1,
      oneChanceOverride: { reason: '更换维修人员后再派一次' },
    };
    const refused = await hotline.post(`/v1/cases/${id}/actions`, override);
    expect(refused.status).toBe(403);
    expect((await hotline.get(`/v1/cases/${id}`)).body.status).toBe('reopened');
    const pm = await as('project_manager');
    const done = await act(pm, id, override);
    expect(done).toMatchObject({ status: 'dispatched', contractorId: fx.contractor1 });
    const timeline = await pm.get(`/v1/cases/${id}/timeline?limit=100`);
    const dispatches = (timeline.body.data ?? timeline.body).filter(
      (e: { action: string }) => e.action === 'dispatch',
    );
    expect(dispatches.at(-1).data.oneChanceOverride).toMatchObject({ reason: '更换维修人员后再派一次' });
  });

  it('an empty override reason names the field', async () => {
    const id = await failedByContractor1(7);
    const pm = await as('project_manager');
    const res = await pm.post(`/v1/cases/${id}/actions`, {
      type: 'dispatch',
      contractorId: fx.contractor1,
      oneChanceOverride: { reason: ' ' },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('oneChanceOverride.reason');
  });
});
