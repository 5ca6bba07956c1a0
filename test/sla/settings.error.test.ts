import { describe, expect, it } from 'vitest';
import { newEstate, newTenant } from '../support/tenants';

const hours = { mon: [{ start: '09:00', end: '18:00' }] };

describe('bad SLA settings', () => {
  it('invalid calendars answer 400 with the field at fault and write nothing', async () => {
    const { admin } = await newTenant();
    const estate = await newEstate(admin);
    const base = { name: '日历', timeZone: 'Asia/Shanghai', hours };
    const bad = [
      [{ ...base, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [
        {
          ...base,
          hours: {
            mon: [
              { start: '09:00', end: '12:00' },
              { start: '11:00', end: '18:00' },
            ],
          },
        },
        'hours.mon.1.start',
      ],
      [{ ...base, hours: { tue: [{ start: '18:00', end: '09:00' }] } }, 'hours.tue.0.end'],
      [{ ...base, hours: { mon: [{ start: '9am', end: '18:00' }] } }, 'hours.mon.0.start'],
      [{ ...base, holidays: ['2026-02-30'] }, 'holidays.0'],
      [{ ...base, holidays: ['2026-10-01'], makeUpDays: ['2026-10-01'] }, 'makeUpDays.0'],
      [{ ...base, branchId: estate.branchId, projectId: estate.projectId }, 'projectId'],
      [{ ...base, projectId: 'prj_nowhere' }, 'projectId'],
    ] as const;
    for (const [body, path] of bad) {
      const res = await admin.post('/v1/sla/calendars', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await admin.get('/v1/sla/calendars')).body.data).toEqual([]);
  });

  it('a second calendar for the same place is a 409; a stale If-Match is a 412', async () => {
    const { admin } = await newTenant();
    const first = await admin.post('/v1/sla/calendars', { name: 'A', timeZone: 'Asia/Shanghai', hours });
    expect(first.status).toBe(201);
    expect(
      (await admin.post('/v1/sla/calendars', { name: 'B', timeZone: 'Asia/Shanghai', hours })).status,
    ).toBe(409);
    const stale = await admin.post(
      `/v1/sla/calendars/${first.body.id}/days`,
      { holidays: ['2026-10-01'] },
      { 'If-Match': '"9"' },
    );
    expect(stale.status).toBe(412);
    expect((await admin.post(`/v1/sla/calendars/${first.body.id}/days`, {})).status).toBe(400);
  });

  it('invalid policies answer 400 with the field at fault', async () => {
    const { admin } = await newTenant();
    const milestone = {
      key: 'contact',
      startOn: ['case.dispatched'],
      stopOn: ['case.contacted'],
      target: { kind: 'duration', minutes: 30 },
      calendar: 'round_the_clock',
    };
    const bad = [
      [{ name: 'p', milestones: [] }, 'milestones'],
      [{ name: 'p', milestones: [milestone, milestone] }, 'milestones.1.key'],
      [{ name: 'p', milestones: [{ ...milestone, calendar: 'lunar' }] }, 'milestones.0.calendar'],
      [{ name: 'p', milestones: [{ ...milestone, warning: { share: 1.5 } }] }, 'milestones.0.warning'],
      [
        {
          name: 'p',
          milestones: [{ ...milestone, target: { kind: 'relative', to: 'contact', offsetMinutes: -60 } }],
        },
        'milestones.0.target.to',
      ],
      [{ name: 'p', match: { kinds: ['gossip'] }, milestones: [milestone] }, 'match.kinds.0'],
      [{ name: 'p', match: { projectIds: ['prj_nowhere'] }, milestones: [milestone] }, 'match.projectIds.0'],
    ] as const;
    const before = (await admin.get('/v1/sla/policies')).body.data;
    for (const [body, path] of bad) {
      const res = await admin.post('/v1/sla/policies', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path).join(' ')).toContain(path);
    }
    expect((await admin.get('/v1/sla/policies')).body.data).toEqual(before);
  });

  it('a policy naming a case event the clock never sees (a typo) is a 400 naming the field, not a policy that never starts', async () => {
    const { admin } = await newTenant();
    const milestone = {
      key: 'contact',
      startOn: ['case.dispatched'],
      stopOn: ['case.contacted'],
      target: { kind: 'duration', minutes: 30 },
      calendar: 'round_the_clock',
    };
    const bad = [
      [{ ...milestone, startOn: ['case.dispatchd'] }, 'milestones.0.startOn.0', 'case.dispatchd'],
      [{ ...milestone, stopOn: ['case.contacted', 'case.contact'] }, 'milestones.0.stopOn.1', 'case.contact'],
      [{ ...milestone, endOn: ['case.resolve'] }, 'milestones.0.endOn.0', 'case.resolve'],
      // An outbox event that no timeline step stands for: the clock would never see it.
      [
        { ...milestone, startOn: ['claim.approval_required'] },
        'milestones.0.startOn.0',
        'claim.approval_required',
      ],
    ] as const;
    const before = (await admin.get('/v1/sla/policies')).body.data;
    for (const [m, path, name] of bad) {
      const res = await admin.post('/v1/sla/policies', { name: 'p', milestones: [m] });
      expect(res.status, JSON.stringify(m)).toBe(400);
      const issue = res.body.issues.find((i: { path: string }) => i.path === path);
      expect(issue, JSON.stringify(res.body.issues)).toBeDefined();
      expect(issue.message).toContain(name);
      expect(issue.message).toContain('case.dispatched');
    }
    expect((await admin.get('/v1/sla/policies')).body.data).toEqual(before);
  });
});
