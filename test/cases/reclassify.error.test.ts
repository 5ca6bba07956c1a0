import { describe, expect, it } from 'vitest';
import { act, as, caseTableCounts, frontDeskComplaint, fx, intake } from './support';

describe('a reclassification that cannot be taken', () => {
  it('answers 400 for no field, no reason, an unknown category or a unit of another project; 404 for an unknown project; 409 when nothing changes', async () => {
    const desk = await as('front_desk');
    const admin = await as('tenant_admin');
    const c = await intake(desk, frontDeskComplaint());
    const before = await caseTableCounts();
    const post = (body: Record<string, unknown>) =>
      admin.post(`/v1/cases/${c.id}/actions`, { type: 'reclassify', ...body });

    const none = await post({ reason: '无' });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('at least one of kind');
    const noReason = await post({ kind: 'inquiry' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const category = await post({ category: 'no_such_thing', reason: '改类' });
    expect(category.status).toBe(400);
    expect(JSON.stringify(category.body)).toContain('category');
    const project = await post({ projectId: 'prj_nope', reason: '录错小区' });
    expect(project.status).toBe(404);
    const unit = await post({ projectId: fx.donghu, unitId: fx.xixiUnit(1), reason: '录错小区' });
    expect(unit.status).toBe(400);
    expect(JSON.stringify(unit.body)).toContain('unitId');
    const same = await post({ kind: 'complaint', reason: '无变化' });
    expect(same.status).toBe(409);
    expect(await caseTableCounts()).toEqual(before);

    await act(desk, c.id, { type: 'cancel', reason: 'withdrawn' });
    const closed = await post({ kind: 'inquiry', reason: '改类' });
    expect(closed.status).toBe(409);
  });
});
