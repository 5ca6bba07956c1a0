import { localDate, sla } from '@guanjia/core';
import { describe, expect, it } from 'vitest';
import { withHolidayCoverage } from '../../workers/app/sla';
import type { RecordRow } from '../../workers/data/records';
import { newTenant } from '../support/tenants';

const row = (days: { holidays?: string[]; makeUpDays?: unknown[] }) =>
  ({
    id: 'calendar_1',
    tenantId: 'tenant_1',
    version: 1,
    timeZone: 'Asia/Shanghai',
    holidays: days.holidays ?? [],
    makeUpDays: days.makeUpDays ?? [],
  }) as unknown as RecordRow;
const at = (iso: string) => ({ now: new Date(iso), timeZone: 'Asia/Shanghai' });

describe('a business calendar names the years it has no holiday data for', () => {
  it('a date in December 2026 names 2027; November names nothing', () => {
    expect(withHolidayCoverage(at('2026-12-02T02:00:00Z'), row({})).holidayYearsMissing).toEqual([2027]);
    expect(withHolidayCoverage(at('2026-11-30T02:00:00Z'), row({})).holidayYearsMissing).toEqual([]);
  });

  it('the calendar’s local date decides: 30 Nov 16:30 UTC is already 1 December in Shanghai', () => {
    expect(withHolidayCoverage(at('2026-11-30T16:30:00Z'), row({})).holidayYearsMissing).toEqual([2027]);
  });

  it('a calendar with 2027 days entered names nothing', () => {
    const now = at('2026-12-02T02:00:00Z');
    expect(withHolidayCoverage(now, row({ holidays: ['2027-01-01'] })).holidayYearsMissing).toEqual([]);
    expect(
      withHolidayCoverage(now, row({ makeUpDays: [{ date: '2027-02-06' }] })).holidayYearsMissing,
    ).toEqual([]);
  });

  it('the calendar read, list and add-days answers carry holidayYearsMissing', async () => {
    const { admin } = await newTenant();
    const created = await admin.post('/v1/sla/calendars', {
      name: '集团工作日历',
      timeZone: 'Asia/Shanghai',
      hours: {},
    });
    expect(created.status).toBe(201);
    const expected = sla.holidayYearsMissing(
      { holidays: [], makeUpDays: [] },
      localDate(new Date(), 'Asia/Shanghai'),
    );
    expect(created.body.holidayYearsMissing).toEqual(expected);
    const read = await admin.get(`/v1/sla/calendars/${created.body.id}`);
    expect(read.body.holidayYearsMissing).toEqual(expected);
    const listed = await admin.get('/v1/sla/calendars');
    expect(listed.body.data[0].holidayYearsMissing).toEqual(expected);
    const year = new Date().getUTCFullYear();
    const added = await admin.post(
      `/v1/sla/calendars/${created.body.id}/days`,
      { holidays: [`${year}-12-31`, `${year + 1}-01-01`] },
      { 'If-Match': created.headers.get('ETag')! },
    );
    expect(added.status).toBe(200);
    expect(added.body.holidayYearsMissing).toEqual([]);
  });
});
