import { describe, expect, it } from 'vitest';
import { insertCase } from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';

const weekdayHours = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '18:00' }]]),
);

/** Complaints resolved within 7 working days (63 business hours): always across a weekend. */
const resolutionPolicy = {
  name: '投诉 7 个工作日办结',
  priority: 10,
  match: { kinds: ['complaint'] },
  milestones: [
    {
      key: 'resolution',
      startOn: ['case.created'],
      stopOn: ['case.resolved'],
      target: { kind: 'duration', minutes: 7 * 9 * 60 },
      calendar: 'business_hours',
    },
  ],
};

/** The Saturdays and Sundays of the next three weeks, as Shanghai dates. */
function weekendsAhead(): string[] {
  const days: string[] = [];
  for (let i = 0; i < 21; i += 1) {
    const d = new Date(Date.now() + 8 * 3_600_000 + i * 86_400_000);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

describe('the preview of a calendar change', () => {
  it('make-up working days bring an open case’s deadline earlier; nothing is saved', async () => {
    const { admin, tenantId } = await newTenant();
    const estate = await newEstate(admin);
    const calendar = await admin.post('/v1/sla/calendars', {
      name: '集团工作日历',
      timeZone: 'Asia/Shanghai',
      hours: weekdayHours,
    });
    expect(calendar.status).toBe(201);
    expect((await admin.post('/v1/sla/policies', resolutionPolicy)).status).toBe(201);
    const open = await insertCase(tenantId, estate, { kind: 'complaint', category: 'service' });
    await insertCase(tenantId, estate, { kind: 'complaint', category: 'service', status: 'closed' });

    const makeUpDays = weekendsAhead();
    const preview = await admin.post(`/v1/sla/calendars/${calendar.body.id}/days/preview`, { makeUpDays });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ calendarId: calendar.body.id, openCases: 1, evaluatedCases: 1 });
    expect(preview.body.makeUpDays).toEqual(makeUpDays);
    const shift = preview.body.shifts.find((s: { milestone: string }) => s.milestone === 'resolution');
    expect(shift).toMatchObject({ caseId: open.id, archiveNo: open.archiveNo });
    expect(new Date(shift.dueAtAfter).getTime()).toBeLessThan(new Date(shift.dueAtBefore).getTime());

    const after = await admin.get(`/v1/sla/calendars/${calendar.body.id}`);
    expect(after.body).toMatchObject({ version: 1, makeUpDays: [] });
  });

  it('a date both holiday and make-up day is refused with the field; another tenant’s calendar is 404', async () => {
    const { admin } = await newTenant();
    const other = await newTenant();
    const calendar = await admin.post('/v1/sla/calendars', {
      name: '集团工作日历',
      timeZone: 'Asia/Shanghai',
      hours: weekdayHours,
      holidays: ['2026-10-01'],
    });
    const clash = await admin.post(`/v1/sla/calendars/${calendar.body.id}/days/preview`, {
      makeUpDays: ['2026-10-01'],
    });
    expect(clash.status).toBe(400);
    expect(clash.body.issues.length).toBeGreaterThan(0);
    const foreign = await other.admin.post(`/v1/sla/calendars/${calendar.body.id}/days/preview`, {
      makeUpDays: ['2026-10-10'],
    });
    expect(foreign.status).toBe(404);
  });
});
