import { describe, expect, it } from 'vitest';
import { insertCase } from '../support/sla';
import { newEstate, newTenant } from '../support/tenants';

/** A Shanghai instant from local wall time: `sh('2031-05-06 17:30')`. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const allWeek = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
);

type Report = { endOfDay: string | null; departments: { cases: { id: string; endOfDay: string }[] }[] };
const listed = (body: Report) => body.departments.flatMap((d) => d.cases);

describe('daily department report on the business calendar of each case’s project', () => {
  it('a project closing at 17:00 ends its day at 17:00, another keeps the tenant’s 18:00, and a project holiday lists none', async () => {
    const { admin, tenantId } = await newTenant();
    const early = await newEstate(admin, 'early');
    const office = await newEstate(admin, 'office');
    // Project 早: open every day 09:00–17:00, closed on Wednesday 7 May 2031 (a local holiday).
    const calendar = await admin.post('/v1/sla/calendars', {
      name: '项目日历 9–17',
      projectId: early.projectId,
      timeZone: 'Asia/Shanghai',
      hours: allWeek,
      holidays: ['2031-05-07'],
    });
    expect(calendar.status).toBe(201);

    const assigned = (place: typeof early, feedbackAt: Date | null) =>
      insertCase(tenantId, place, {
        kind: 'complaint',
        category: 'noise',
        status: 'assigned',
        departmentId: 'dept_property',
        receivedAt: sh('2031-05-05 10:00'),
        lastDepartmentFeedbackAt: feedbackAt,
      });
    // Tuesday 6 May 2031: feedback at 17:30 is after 早's close, before the office's 18:00.
    const lateAtEarly = await assigned(early, sh('2031-05-06 17:30'));
    const inTimeAtEarly = await assigned(early, sh('2031-05-06 16:30'));
    const lateForNobodyAtOffice = await assigned(office, sh('2031-05-06 17:30'));
    const silentAtOffice = await assigned(office, null);

    const tuesday = await admin.get('/v1/reports/department-daily?date=2031-05-06');
    expect(tuesday.status).toBe(200);
    // The tenant stores no calendar: office hours, closing at 18:00.
    expect(tuesday.body.endOfDay).toBe(sh('2031-05-06 18:00').toISOString());
    const cases = listed(tuesday.body);
    expect(cases.map((c) => c.id).sort()).toEqual([lateAtEarly.id, silentAtOffice.id].sort());
    expect(cases.find((c) => c.id === lateAtEarly.id)?.endOfDay).toBe(sh('2031-05-06 17:00').toISOString());
    expect(cases.find((c) => c.id === silentAtOffice.id)?.endOfDay).toBe(
      sh('2031-05-06 18:00').toISOString(),
    );
    expect(cases.map((c) => c.id)).not.toContain(inTimeAtEarly.id);
    expect(cases.map((c) => c.id)).not.toContain(lateForNobodyAtOffice.id);

    // Wednesday 7 May: 早 does not work, so none of its cases is due; the office's silent ones are.
    const wednesday = await admin.get('/v1/reports/department-daily?date=2031-05-07');
    expect(
      listed(wednesday.body)
        .map((c) => c.id)
        .sort(),
    ).toEqual([lateForNobodyAtOffice.id, silentAtOffice.id].sort());

    // A Saturday: the tenant's office hours do not work, 早 does (and lists its quiet cases).
    const saturday = await admin.get('/v1/reports/department-daily?date=2031-05-10');
    expect(saturday.body.endOfDay).toBeNull();
    expect(
      listed(saturday.body)
        .map((c) => c.id)
        .sort(),
    ).toEqual([lateAtEarly.id, inTimeAtEarly.id].sort());
  });
});
