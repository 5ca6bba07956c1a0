import { describe, expect, it } from 'vitest';
import { as, fx, hotlineRepair, intake } from './support';

/** One case in 西溪花园 (Hangzhou) and one in 东湖湾 (Ningbo), opened by the hotline. */
let placed: Promise<{ xixi: string; donghu: string }> | undefined;
function cases() {
  placed ??= (async () => {
    const hotline = await as('hotline_agent');
    const xixi = await intake(hotline, hotlineRepair({ unitId: fx.xixiUnit(2) }));
    const donghu = await intake(hotline, hotlineRepair({ projectId: fx.donghu, unitId: fx.donghuUnit(2) }));
    return { xixi: xixi.id, donghu: donghu.id };
  })();
  return placed;
}

describe('which cases each demo role sees', () => {
  it.each([
    ['tenant_admin', ['xixi', 'donghu']],
    ['cr_manager', ['xixi', 'donghu']],
    ['hotline_agent', ['xixi', 'donghu']],
    ['branch_gm', ['xixi']],
    ['branch_cs_manager', ['xixi']],
    ['complaint_supervisor', ['xixi']],
    ['project_manager', ['xixi']],
    ['cs_supervisor', ['xixi']],
    ['cs_specialist', ['xixi']],
    ['complaint_specialist', ['xixi']],
    ['front_desk', ['xixi']],
    ['engineer', ['xixi']],
    ['security_guard', ['xixi']],
    ['branch_gm.nb', ['donghu']],
    ['front_desk.nb', ['donghu']],
    // Contractor staff see only jobs their company holds: neither case is dispatched.
    ['contractor_staff', []],
  ] as const)('%s sees %j, and gets 404 on the other', async (who, expected) => {
    const ids = await cases();
    const staff = await as(who);
    const list = await staff.get('/v1/cases?limit=200');
    expect(list.status).toBe(200);
    const listed = list.body.data.map((c: { id: string }) => c.id);
    for (const place of ['xixi', 'donghu'] as const) {
      const sees = (expected as readonly string[]).includes(place);
      expect(listed.includes(ids[place])).toBe(sees);
      expect((await staff.get(`/v1/cases/${ids[place]}`)).status).toBe(sees ? 200 : 404);
    }
  });

  it.each(['branch_hr', 'mystery_shopper'])(
    '%s has no case reach: the list is refused with 403',
    async (who) => {
      await cases();
      expect((await (await as(who)).get('/v1/cases')).status).toBe(403);
    },
  );
});
