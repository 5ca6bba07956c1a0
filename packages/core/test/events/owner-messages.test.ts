import { describe, expect, it } from 'vitest';
import { localDateTime, ownerMessageFor } from '../../src/events/owner-messages';

const facts = { archiveNo: '20261201007', timeZone: 'Asia/Shanghai' };
const link = 'https://api.guanjia.dev/public/v1/owner-link/tok';

describe('owner messages', () => {
  it('case received names the archive number and links the case', () => {
    const m = ownerMessageFor('case.created', { ...facts, link });
    expect(m).toMatchObject({ template: 'case.received', params: { archiveNo: '20261201007', link }, link });
    expect(m?.text).toContain('档案编号 20261201007');
    expect(m?.text).toContain(link);
  });

  it('the appointment gives the visit in the tenant time zone; no visit, no appointment message', () => {
    const visit = new Date('2026-12-01T06:30:00Z');
    const m = ownerMessageFor('case.contacted', {
      ...facts,
      visitBookedFor: visit,
      contractorName: '顺达维修',
    });
    expect(m?.params).toMatchObject({ visitTime: '2026-12-01 14:30', visitAt: visit.toISOString() });
    expect(m?.text).toContain('顺达维修预约 2026-12-01 14:30 上门');
    expect(ownerMessageFor('case.contacted', facts)).toBeUndefined();
    expect(localDateTime(new Date('2026-12-31T16:05:00Z'), 'Asia/Shanghai')).toBe('2027-01-01 00:05');
  });

  it('completion and the follow-up carry the owner link; a follow-up without a link says nothing', () => {
    expect(ownerMessageFor('case.completed', { ...facts, link })?.text).toContain(link);
    expect(ownerMessageFor('followup.due', { ...facts, link })).toMatchObject({
      template: 'followup.link',
      params: { link },
    });
    expect(ownerMessageFor('followup.due', facts)).toBeUndefined();
    expect(ownerMessageFor('case.dispatched', { ...facts, contractorName: '顺达维修' })?.text).toContain(
      '已安排顺达维修处理',
    );
  });
});
