import { describe, expect, it } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import { fireAlarm } from '../support/sla';
import { act, as, fx, hotlineRepair, intake } from './support';

const day = 86_400_000;
const binjiangUnit = (n: number) => demoId('unit', 16 + n);

/** A project policy for repairs whose 回访 reminder falls due `days` after completion. */
const followupPolicy = (name: string, days: number, priority: number) => ({
  name,
  match: { kinds: ['repair'], projectIds: [fx.binjiang] },
  priority,
  milestones: [
    {
      key: 'followup',
      type: 'reminder',
      reopen: 'next_start',
      startOn: ['case.completed'],
      stopOn: ['followup.completed'],
      target: { kind: 'duration', minutes: days * 24 * 60 },
      calendar: 'round_the_clock',
    },
  ],
});

describe('the follow-up (回访) due time is the SLA policy’s followup milestone', () => {
  it('a project policy of 2 days sets followup_due_at at completion; a later policy moves it through the clock', async () => {
    const admin = await as('tenant_admin');
    const hotline = await as('hotline_agent');
    const contractor = await as('contractor_staff');
    const two = await admin.post('/v1/sla/policies', followupPolicy('滨江 2 天回访', 2, 10));
    expect(two.status).toBe(201);

    const created = await intake(hotline, hotlineRepair({ projectId: fx.binjiang, unitId: binjiangUnit(1) }));
    await act(hotline, created.id, { type: 'dispatch', contractorId: fx.contractor1 });
    await act(contractor, created.id, { type: 'record_contact', visitBookedFor: new Date().toISOString() });
    await act(contractor, created.id, { type: 'arrive' });
    const completed = await act(contractor, created.id, { type: 'complete', note: '已修好' });
    const completedAt = Date.parse(completed.completedAt);
    expect(completed.followupDueAt).toBe(new Date(completedAt + 2 * day).toISOString());
    // The clock's milestone and the case agree: one source.
    const sla = await hotline.get(`/v1/cases/${created.id}/sla`);
    const followup = sla.body.milestones.find((m: { milestone: string }) => m.milestone === 'followup');
    expect(followup).toMatchObject({ policyId: two.body.id, dueAt: completed.followupDueAt });

    // A policy of 1 day outranks it: the write re-arms the case and the clock moves the column.
    const one = await admin.post('/v1/sla/policies', followupPolicy('滨江 1 天回访', 1, 20));
    expect(one.status).toBe(201);
    await fireAlarm(fx.tenantId, created.id);
    const moved = await hotline.get(`/v1/cases/${created.id}`);
    expect(moved.body.followupDueAt).toBe(new Date(completedAt + day).toISOString());

    // Done: a later policy change leaves the recorded follow-up alone.
    await act(hotline, created.id, { type: 'follow_up', satisfaction: 5, comment: '满意' });
    const after = await hotline.get(`/v1/cases/${created.id}`);
    expect(after.body).toMatchObject({
      status: 'followed_up',
      followupDueAt: new Date(completedAt + day).toISOString(),
    });
  });
});
