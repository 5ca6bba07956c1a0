import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { staffInboxFor } from '../../workers/app/events/reactions';
import { demoAt, demoReady, realTime, setNow, staffId } from '../star/star-support';
import { cronTick } from '../support/cron';
import { rows } from '../support/events';
import { demo } from '../support/staff';
import { answer, createCampaign, invitations, linkOf, openPage, ratings } from './survey-support';

beforeAll(demoReady);
afterEach(realTime);

describe('questionnaire templates', () => {
  it('the default Chinese questionnaire is there, and saving its key makes version 2', async () => {
    const admin = await demoAt('tenant_admin');
    const list = await admin.get('/v1/satisfaction/templates?key=owner-satisfaction');
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({ key: 'owner-satisfaction', version: 1 });
    expect(list.body.data[0].title.zh).toBe('业主满意度调查问卷');
    const saved = await admin.post('/v1/satisfaction/templates', {
      key: 'owner-satisfaction',
      title: { zh: '业主满意度调查问卷（简版）', en: 'Owner survey (short)' },
      questions: [
        { id: 'overall', dimension: 'overall', type: 'scale', label: { zh: '总体满意程度', en: 'Overall' } },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.version).toBe(2);
    const v1 = await admin.get(`/v1/satisfaction/templates/${list.body.data[0].id}`);
    expect(v1.body.questions).toHaveLength(12);
  });
});

describe('a campaign from scheduling to its ranking', () => {
  it('draws a reproducible sample, opens on its day, takes one answer per owner and ranks on close', async () => {
    setNow('2026-12-02T02:00:00Z');
    let admin = await demoAt('tenant_admin');
    const campaign = await createCampaign(admin);
    expect(campaign.status).toBe('scheduled');
    expect(campaign.projectIds).toEqual([demo.xixi, demo.qianjiang, demo.binjiang].sort());
    const invited = await invitations(campaign.id);
    expect(invited).toHaveLength(12);
    // The same seed redraws the same owners.
    const again = await createCampaign(admin, { title: 'redraw' });
    const redrawn = await invitations(again.id);
    expect(redrawn.map((i) => i.owner_id).sort()).toEqual(invited.map((i) => i.owner_id).sort());
    await admin.post(`/v1/satisfaction/campaigns/${again.id}/cancel`);

    // Not open before its first local day.
    const first = invited[0];
    if (!first) throw new Error('no invitation');
    expect((await answer(await linkOf(first.id), ratings(5))).status).toBe(409);

    // 7 Dec, 09:00 in Shanghai: the cron opens it and its link event goes out.
    setNow('2026-12-07T01:00:00Z');
    await cronTick(new Date('2026-12-07T01:00:00Z'));
    admin = await demoAt('tenant_admin');
    const opened = await admin.get(`/v1/satisfaction/campaigns/${campaign.id}`);
    expect(opened.body).toMatchObject({ status: 'open', phase: 'open' });
    const openedEvents = await rows(
      "SELECT payload FROM outbox_events WHERE tenant_id = ? AND type = 'survey.campaign_opened' AND json_extract(payload, '$.campaignId') = ?",
      demo.tenantId,
      campaign.id,
    );
    expect(openedEvents).toHaveLength(1);

    // Xixi rates 2, Qianjiang 4, Binjiang 5; one Xixi owner agrees to be named.
    const rating: Record<string, number> = { [demo.xixi]: 2, [demo.qianjiang]: 4, [demo.binjiang]: 5 };
    let named: string | null = null;
    for (const inv of invited) {
      const form = ratings(rating[inv.project_id] ?? 3);
      if (inv.project_id === demo.xixi && !named) {
        named = inv.owner_id;
        form.identifiable = 'yes';
        form.comment = '维修太慢';
      }
      const page = await openPage(await linkOf(inv.id));
      expect(page.status).toBe(200);
      expect(page.text).toContain('报修后施工单位联系您预约上门的及时性');
      const res = await answer(await linkOf(inv.id), form);
      expect(res.status, res.text).toBe(200);
      expect(res.text).toContain('感谢您的评价');
    }
    // Once per owner per campaign.
    const twice = await answer(await linkOf(first.id), ratings(1));
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('您已经填写过本次调查');

    const live = await admin.get(`/v1/satisfaction/campaigns/${campaign.id}/results`);
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    expect(live.body.final).toBe(false);
    const xixi = live.body.projects.find((p: { projectId: string }) => p.projectId === demo.xixi);
    expect(xixi).toMatchObject({ sampled: 4, responses: 4, responseRate: 1 });
    expect(xixi.overall.score).toBeCloseTo(40);
    expect(xixi.byDimension.repairs.score).toBeCloseTo(40);
    expect(live.body.linkage).toBe('department_heads');
    // Round 2 counts against the department heads only; the managers are scored, not counted.
    const scores = live.body.staffScores as {
      staffId: string;
      level: string;
      counted: boolean;
      score: number;
    }[];
    expect(scores.filter((s) => s.counted).every((s) => s.level === 'department_head')).toBe(true);
    const xixiManager = scores.find((s) => s.staffId === staffId(9));
    expect(xixiManager).toMatchObject({ level: 'manager', counted: false, basis: 'projects' });
    expect(xixiManager?.score).toBeCloseTo(40);
    expect(live.body.figures.find((f: { projectId: string }) => f.projectId === demo.xixi).households).toBe(
      8,
    );
    expect(live.body.shortBoards).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ projectId: demo.xixi, indicator: 'dimension:repairs' }),
      ]),
    );

    // 14 Dec: closed, snapshotted and ranked.
    setNow('2026-12-14T01:00:00Z');
    await cronTick(new Date('2026-12-14T01:00:00Z'));
    admin = await demoAt('tenant_admin');
    const results = await admin.get(`/v1/satisfaction/campaigns/${campaign.id}/results`);
    expect(results.body.final).toBe(true);
    expect(results.body.ranking.projects.map((e: { id: string }) => e.id)).toEqual([
      demo.binjiang,
      demo.qianjiang,
      demo.xixi,
    ]);
    expect(results.body.bottomThree.sort()).toEqual([demo.xixi, demo.qianjiang, demo.binjiang].sort());

    // Anonymous to staff unless the owner agreed.
    const answers = await admin.get(`/v1/satisfaction/campaigns/${campaign.id}/responses?limit=50`);
    expect(answers.body.data).toHaveLength(12);
    const identified = answers.body.data.filter((r: { ownerId: string | null }) => r.ownerId !== null);
    expect(identified).toEqual([expect.objectContaining({ ownerId: named, comment: '维修太慢' })]);

    // The closing event reaches Xixi's project manager and the CS centre.
    const [closed] = await rows<{ payload: string }>(
      "SELECT payload FROM outbox_events WHERE tenant_id = ? AND type = 'survey.campaign_closed' AND json_extract(payload, '$.campaignId') = ?",
      demo.tenantId,
      campaign.id,
    );
    const payload = JSON.parse(closed?.payload ?? '{}');
    expect(payload).toMatchObject({ responses: 12, sampled: 12 });
    expect(payload.notifyStaffIds).toEqual(expect.arrayContaining([staffId(9), staffId(2), staffId(10)]));
    const inbox = staffInboxFor({
      id: 'evt_x',
      type: 'survey.campaign_closed',
      version: 1,
      tenantId: demo.tenantId,
      occurredAt: new Date().toISOString(),
      branchId: demo.hangzhou,
      projectId: null,
      data: payload,
    });
    expect(inbox.map((i) => i.userId).sort()).toEqual([...payload.notifyStaffIds].sort());
    expect(inbox[0]?.title).toContain('满意度调查结果');

    // A closed survey takes no more answers.
    const late = invited.at(-1);
    if (late) expect((await openPage(await linkOf(late.id))).text).toContain('您已经填写过');
  });
});
