import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoAt, demoReady, realTime, setNow, staffId } from '../star/star-support';
import { cronTick } from '../support/cron';
import { shardOf } from '../support/shards';
import { demo } from '../support/staff';
import { freshCategory, localDateIn, registerDefect, xixiCase, xixiEngineering } from './defects-support';

beforeAll(demoReady);
afterEach(realTime);

describe('the defect register', () => {
  it('registers, edits, decides in a meeting, feeds back, completes and closes a defect', async () => {
    const c1 = await xixiCase('plumbing.leak', 1);
    const c2 = await xixiCase('plumbing.leak', 2);
    const { manager, defect } = await registerDefect({ caseIds: [c1.id], violatesStandard: true });
    expect(defect).toMatchObject({
      status: 'accepted',
      projectId: demo.xixi,
      branchId: demo.hangzhou,
      caseIds: [c1.id],
      impact: { householdsAffected: 12, risk: 'high', estimatedLossFen: 1_200_000 },
      violatesStandard: true,
      decision: null,
    });

    const edited = await manager.patch(
      `/v1/defects/${defect.id}`,
      { caseIds: [c1.id, c2.id], impact: { householdsAffected: 14 }, buildingIds: ['bld_x'] },
      { 'if-match': `"${defect.version}"` },
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.caseIds.sort()).toEqual([c1.id, c2.id].sort());
    expect(edited.body.impact).toMatchObject({ householdsAffected: 14, risk: 'high' });

    const agenda = await manager.get(`/v1/defect-meetings/agenda?projectId=${demo.xixi}`);
    expect(
      agenda.body.items.find((i: { defect: { id: string } }) => i.defect.id === defect.id)?.purpose,
    ).toBe('decide');

    const meeting = await manager.post('/v1/defect-meetings', {
      projectId: demo.xixi,
      heldAt: new Date(Date.now() - 3_600_000).toISOString(),
      chairId: staffId(2),
      attendeeIds: [staffId(9), staffId(13)],
      minutes: '会议决定：防水层返工，设计部门复核节点做法。',
      decisions: [
        {
          defectId: defect.id,
          preventionMeasure: '卫生间闭水试验由48小时延长至72小时，样板间先行',
          responsibleDepartmentId: xixiEngineering,
          rectificationDueOn: localDateIn(30),
        },
      ],
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    expect(meeting.body.decisions).toHaveLength(1);
    const got = await manager.get(`/v1/defect-meetings/${meeting.body.id}`);
    expect(got.body.minutes).toContain('防水层返工');

    let current = (await manager.get(`/v1/defects/${defect.id}`)).body;
    expect(current).toMatchObject({ status: 'decided', responsibleDepartmentId: xixiEngineering });
    expect(current.decision.preventionMeasure).toContain('闭水试验');
    expect(new Date(current.feedbackDeadline) < new Date(current.completionDeadline)).toBe(true);

    const decided = await (await shardOf(demo.tenantId))
      .prepare(
        "SELECT count(*) AS n FROM outbox_events WHERE tenant_id = ? AND type = 'defect.decided' AND json_extract(payload, '$.defectId') = ?",
      )
      .bind(demo.tenantId, defect.id)
      .first<{ n: number }>();
    expect(decided?.n).toBe(1);

    current = (await manager.post(`/v1/defects/${defect.id}/feedback`, { feedback: '已制定返工方案' })).body;
    expect(current.status).toBe('rectifying');
    current = (await manager.post(`/v1/defects/${defect.id}/study`, {})).body;
    expect(current.studiedAt).not.toBeNull();
    current = (await manager.post(`/v1/defects/${defect.id}/complete`, { note: '返工完成，闭水试验合格' }))
      .body;
    expect(current.status).toBe('rectified');
    current = (await manager.post(`/v1/defects/${defect.id}/close`, {})).body;
    expect(current.status).toBe('closed');

    const list = await manager.get(`/v1/defects?projectId=${demo.xixi}&status=closed&limit=100`);
    expect(list.body.data.map((d: { id: string }) => d.id)).toContain(defect.id);
  });

  it('the scorecard takes the points of the standards, each linked to its defect', async () => {
    const { manager } = await demoAt('cr_manager').then(async (m) => ({ manager: m }));
    // Binjiang has no other defect in this file: its card is this defect's alone.
    const { defect } = await registerDefect({
      projectId: demo.binjiang,
      violatesStandard: true,
      description: '外墙保温层空鼓脱落，违反外墙外保温工程技术标准',
    });
    const year = new Date(defect.foundAt).getUTCFullYear();
    const card = await manager.get(`/v1/defects/scorecard?projectId=${demo.binjiang}&year=${year}`);
    expect(card.status, JSON.stringify(card.body)).toBe(200);
    const by = Object.fromEntries(card.body.indicators.map((i: { indicator: string }) => [i.indicator, i]));
    expect(by.standard_violations).toMatchObject({ full: 20, score: 15, perOccurrence: 5 });
    expect(by.standard_violations.taken[0]).toMatchObject({
      points: 5,
      defectId: defect.id,
      fact: 'violates_standard',
    });
    expect(by.standard_violations.taken[0].defectDescription).toContain('外墙保温');
    // Not studied (−2) and no measure besides training this year (−2).
    expect(by.prevention.score).toBe(16);
    expect(card.body.total).toBe(100 - 5 - 4);

    const measure = await manager.post('/v1/preventive-measures', {
      projectId: demo.binjiang,
      kind: 'sample_unit',
      description: '每个户型建立施工样板间，入户检查后整改',
      takenAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(measure.status, JSON.stringify(measure.body)).toBe(201);
    await manager.post(`/v1/defects/${defect.id}/study`, {});
    const after = await manager.get(`/v1/defects/scorecard?projectId=${demo.binjiang}&year=${year}`);
    expect(after.body.total).toBe(95);
  });
});

describe('suggested defects', () => {
  it('three units reporting the same category propose a defect with its cases, once; it is accepted', async () => {
    const category = freshCategory();
    const cases = [
      await xixiCase(category, 3, 30),
      await xixiCase(category, 4, 20),
      await xixiCase(category, 5, 10),
    ];
    await xixiCase(category, null, 5); // a public area: attached, not counted as a unit
    const manager = await demoAt('cr_manager');
    const run = await manager.post('/v1/defects/suggestions/run');
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const mine = run.body.proposed.filter((d: { category: string }) => d.category === category);
    expect(mine).toHaveLength(1);
    const proposal = (await manager.get(`/v1/defects/${mine[0].id}`)).body;
    expect(proposal.status).toBe('suggested');
    expect(proposal.caseIds).toEqual(expect.arrayContaining(cases.map((c) => c.id)));
    expect(proposal.caseIds).toHaveLength(4);
    expect(proposal.suggested).not.toBeNull();

    const again = await manager.post('/v1/defects/suggestions/run');
    expect(again.body.proposed.filter((d: { category: string }) => d.category === category)).toHaveLength(0);

    const accepted = await manager.post(`/v1/defects/${proposal.id}/accept`, {});
    expect(accepted.body.status).toBe('accepted');
  });

  it('two units do not propose; a dismissed proposal is not proposed again', async () => {
    const manager = await demoAt('cr_manager');
    const few = freshCategory('door');
    await xixiCase(few, 1, 5);
    await xixiCase(few, 2, 4);
    const none = await manager.post('/v1/defects/suggestions/run');
    expect(none.body.proposed.filter((d: { category: string }) => d.category === few)).toHaveLength(0);

    const category = freshCategory('window');
    for (const n of [6, 7, 8]) await xixiCase(category, n, 3);
    const run = await manager.post('/v1/defects/suggestions/run');
    const [proposal] = run.body.proposed.filter((d: { category: string }) => d.category === category);
    const dismissed = await manager.post(`/v1/defects/${proposal.id}/dismiss`, {
      reason: '个别安装问题，非产品缺陷',
    });
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      dismissedReason: '个别安装问题，非产品缺陷',
    });
    const again = await manager.post('/v1/defects/suggestions/run');
    expect(again.body.proposed.filter((d: { category: string }) => d.category === category)).toHaveLength(0);
  });
});

describe('rectification deadlines', () => {
  it('warn, breach and escalate once each on the cron; a completion breach marks the defect overdue', async () => {
    setNow('2030-03-04T02:00:00Z'); // Monday 10:00 in Shanghai
    const { manager, defect } = await registerDefect({ foundAt: '2030-03-01T02:00:00.000Z' });
    const meeting = await manager.post('/v1/defect-meetings', {
      projectId: demo.xixi,
      heldAt: '2030-03-04T01:00:00.000Z',
      chairId: staffId(2),
      decisions: [
        {
          defectId: defect.id,
          preventionMeasure: '入户门框安装前复核预留洞口尺寸',
          responsibleDepartmentId: xixiEngineering,
          feedbackDueOn: '2030-03-06',
          rectificationDueOn: '2030-03-08',
        },
      ],
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const keys = async () =>
      (
        await (
          await shardOf(demo.tenantId)
        )
          .prepare('SELECT key FROM defect_alerts WHERE tenant_id = ? AND defect_id = ? ORDER BY key')
          .bind(demo.tenantId, defect.id)
          .all<{ key: string }>()
      ).results.map((r) => r.key.split(':').slice(1).join(':'));

    await cronTick(new Date('2030-03-04T02:00:00Z'));
    expect(await keys()).toEqual([]);
    // Tuesday 10:00: the feedback (due Wednesday 18:00) is within its 16 business hours' warning.
    setNow('2030-03-05T02:00:00Z');
    await cronTick(new Date());
    expect(await keys()).toEqual(['feedback:warning']);
    // The next Tuesday: feedback breached and escalated, completion (Friday 18:00) breached, no stale warning.
    setNow('2030-03-12T02:00:00Z');
    await cronTick(new Date());
    expect(await keys()).toEqual([
      'completion:breach',
      'feedback:breach',
      'feedback:escalation',
      'feedback:warning',
    ]);
    const before = (await keys()).length;
    await cronTick(new Date());
    expect((await keys()).length).toBe(before);
    const row = (await (await demoAt('cr_manager')).get(`/v1/defects/${defect.id}`)).body;
    expect(row.status).toBe('overdue');
    const events = await (await shardOf(demo.tenantId))
      .prepare(
        "SELECT payload FROM outbox_events WHERE tenant_id = ? AND type = 'defect.deadline' AND json_extract(payload, '$.defectId') = ?",
      )
      .bind(demo.tenantId, defect.id)
      .all<{ payload: string }>();
    expect(events.results.length).toBe(before);
    const escalation = events.results.map((e) => JSON.parse(e.payload)).find((p) => p.kind === 'escalation');
    // The branch GM of Hangzhou (staff 11) hears of an escalation.
    expect(escalation.notifyStaffIds).toContain(staffId(11));
  });
});
