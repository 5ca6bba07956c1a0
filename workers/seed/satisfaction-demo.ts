import { complaintSummary, localDate, satisfaction, sla } from '@guanjia/core';
import {
  cases,
  complaintSummaries,
  improvementPlans,
  planRechecks,
  surveyCampaigns,
  surveyInvitations,
  surveyResponses,
  surveyTemplates,
} from '@guanjia/core/db/schema';
import { wallToInstant } from '@guanjia/core/time-zone';
import type { CampaignSnapshot } from '../app/satisfaction/lifecycle';
import type { Database } from '../data/db';
import type { Env } from '../env';
import { surveyLinkSecret, surveyToken, surveyTokenHash } from '../lib/survey-links';
import { demoContractors, demoId, demoProjects, demoTenant } from './demo-data';

/*
 * The demo's satisfaction management (issue 13), so each screen has something at once: two
 * closed survey campaigns (last month's, round 2, and one six months before it, round 1, so
 * "most improved" has a base), the ranking's bottom three with plans in three states
 * (presented with its re-checks, submitted, returned with a reason), last month's complaint
 * summaries of every project in different states, and last month's repairs in 三江名邸 that the
 * contractor scorecard reads. Fixed ids; every insert does nothing on conflict.
 */

const tz = 'Asia/Shanghai';
const calendar = sla.withHolidays({ ...sla.officeHoursCalendar, timeZone: tz }, sla.cnMainlandDays());
const template = satisfaction.defaultQuestionnaire;
const ratingIds = template.questions.filter((q) => q.type === 'scale').map((q) => q.id);

/** Each project's ratings by owner (8 owners a project, demo owners 1–40 in project order). */
const ratingsOf: Record<number, { now: number[]; before: number[] }> = {
  1: { now: [3, 3, 3, 4, 3, 3, 3, 2], before: [2, 2, 3, 2, 2, 2, 3, 2] }, // 西溪花园
  2: { now: [5, 4, 5, 4, 5, 4, 5, 4], before: [4, 4, 4, 5, 4, 4, 4, 4] }, // 钱江府
  3: { now: [4, 4, 4, 4, 5, 4, 4, 4], before: [4, 4, 5, 4, 4, 4, 4, 4] }, // 滨江悦城
  4: { now: [4, 3, 4, 3, 4, 3, 4, 3], before: [2, 2, 2, 3, 2, 2, 2, 2] }, // 东湖湾
  5: { now: [2, 3, 2, 3, 2, 3, 2, 3], before: [3, 3, 3, 3, 2, 3, 3, 3] }, // 三江名邸
};

const answersOf = (r: number) => ({
  ...Object.fromEntries(ratingIds.map((id) => [id, r])),
  recommend: r >= 4 ? 'yes' : 'unsure',
});
const projectOf = (p: number) => demoProjects[p - 1] as (typeof demoProjects)[number];

function snapshotOf(
  which: 'now' | 'before',
  figures: satisfaction.PeriodFigures[],
  previous: satisfaction.ProjectResult[],
  window: { from: string; to: string },
  round: number,
): CampaignSnapshot {
  const responses = [1, 2, 3, 4, 5].flatMap((p) =>
    (ratingsOf[p]?.[which] ?? []).map((r) => ({ projectId: projectOf(p).id, answers: answersOf(r) })),
  );
  const projects = satisfaction.campaignResults({
    template,
    responses,
    sampledByProject: Object.fromEntries(demoProjects.map((p) => [p.id, 8])),
  });
  const ranking = {
    projects: satisfaction.rank(satisfaction.scoredAt(projects, 'project')),
    departments: satisfaction.rank(satisfaction.scoredAt(projects, 'department')),
  };
  return {
    projects,
    figures,
    figuresWindow: window,
    shortBoards: satisfaction.shortBoards(
      projects,
      figures,
      satisfaction.ShortBoardThresholdsSchema.parse({}),
    ),
    ranking,
    bottomThree: satisfaction.bottomThree(ranking.projects).map((e) => e.id),
    bottomThreeDepartments: satisfaction.bottomThree(ranking.departments).map((e) => e.id),
    mostImproved: satisfaction.mostImproved(
      satisfaction.scoredAt(projects, 'project'),
      satisfaction.scoredAt(previous, 'project'),
    ),
    previousCampaignId: which === 'now' ? demoId('svc', 1) : null,
    linkage: satisfaction.linkageOfRound(satisfaction.defaultLinkage, round),
  };
}

export async function satisfactionDemoInserts(env: Env, db: Database, now: Date): Promise<unknown[]> {
  const tenantId = demoTenant.id;
  const stamp = { tenantId, createdAt: now, updatedAt: now };
  const last = satisfaction.shiftMonth(localDate(now, tz).slice(0, 7), -1);
  const sixBefore = satisfaction.shiftMonth(last, -6);
  const at = (date: string, hour = 10) => new Date(wallToInstant(date, hour * 60, tz));
  const [xixi, qianjiang, binjiang, donghu, sanjiang] = demoProjects.map((p) => p.id) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const sanjiangBranch = projectOf(5).branchId;
  const [ctr1, ctr2] = demoContractors.map((c) => c.id) as [string, string];
  const out: unknown[] = [];

  // Last month's repairs of 三江名邸 by the Ningbo contractor (one forfeited by the Hangzhou one).
  const repairs = [
    { n: 1, satisfaction: 5, signed: true, reopen: 0, state: {}, forfeited: [] as string[] },
    { n: 2, satisfaction: 4, signed: true, reopen: 0, state: {}, forfeited: [] },
    {
      n: 3,
      satisfaction: 1,
      signed: false,
      reopen: 1,
      state: { reworked: true, failedContractorIds: [ctr2] },
      forfeited: [],
    },
    { n: 4, satisfaction: 3, signed: true, reopen: 0, state: {}, forfeited: [ctr1] },
  ];
  for (const r of repairs) {
    const received = at(`${last}-${String(3 + r.n * 4).padStart(2, '0')}`, 9);
    out.push(
      db
        .insert(cases)
        .values({
          ...stamp,
          id: demoId('case', 900 + r.n),
          archiveNo: `${last.replace('-', '')}${String(3 + r.n * 4).padStart(2, '0')}90${r.n}`,
          kind: 'repair',
          channel: 'hotline',
          status: r.reopen ? 'reopened' : 'closed',
          category: 'doors_windows',
          branchId: sanjiangBranch,
          projectId: sanjiang,
          ownerId: demoId('own', 32 + r.n),
          description: ['入户门锁损坏', '窗户密封条脱落', '阳台推拉门卡住', '单元门禁失灵'][
            r.n - 1
          ] as string,
          contractorId: ctr2,
          forfeitedContractorIds: r.forfeited,
          reopenCount: r.reopen,
          satisfaction: r.satisfaction,
          receivedAt: received,
          dispatchedAt: new Date(received.getTime() + 10 * 60_000),
          contactedAt: new Date(received.getTime() + 25 * 60_000),
          completedAt: new Date(received.getTime() + 26 * 3_600_000),
          signedOffAt: r.signed ? new Date(received.getTime() + 27 * 3_600_000) : null,
          followedUpAt: new Date(received.getTime() + 4 * 86_400_000),
          closedAt: r.reopen ? null : new Date(received.getTime() + 4 * 86_400_000),
          state: r.state,
        })
        .onConflictDoNothing(),
    );
  }

  const figures = demoProjects.map((p) => ({
    projectId: p.id,
    households: 8,
    repairs: p.id === sanjiang ? 4 : 0,
    firstTimeFixed: p.id === sanjiang ? 3 : 0,
    breaches: 0,
    complaints: 0,
  }));
  const window = (month: string) => ({
    from: at(`${satisfaction.shiftMonth(month, -6)}-01`, 0).toISOString(),
    to: at(`${month}-21`, 0).toISOString(),
  });
  const before = snapshotOf('before', figures, [], window(sixBefore), 1);
  const current = snapshotOf('now', figures, before.projects, window(last), 2);

  out.push(
    db
      .insert(surveyTemplates)
      .values({
        ...stamp,
        id: demoId('svt', 1),
        key: template.key,
        templateVersion: template.version,
        title: template.title,
        questions: template.questions,
      })
      .onConflictDoNothing(),
  );
  const campaign = (n: number, month: string, round: number, snapshot: CampaignSnapshot) =>
    db
      .insert(surveyCampaigns)
      .values({
        ...stamp,
        id: demoId('svc', n),
        title: `${month.slice(0, 4)}年${round === 1 ? '上半年' : '下半年'}业主满意度调查`,
        round,
        period: month,
        templateKey: template.key,
        templateVersion: template.version,
        scope: { level: 'tenant' },
        branchId: null,
        sampling: { mode: 'all' },
        channels: ['sms', 'wechat'],
        opensOn: `${month}-05`,
        closesOn: `${month}-20`,
        status: 'closed',
        closedAt: at(`${month}-21`, 0),
        results: snapshot as unknown as Record<string, unknown>,
      })
      .onConflictDoNothing();
  out.push(campaign(1, sixBefore, 1, before), campaign(2, last, 2, current));

  // Round 2's invitations and answers (one owner in three agreed to be named).
  const secret = surveyLinkSecret(env);
  for (let n = 1; n <= 40; n++) {
    const p = Math.floor((n - 1) / 8) + 1;
    const rating = ratingsOf[p]?.now[(n - 1) % 8] ?? 3;
    const invitationId = demoId('svi', n);
    const answeredAt = at(`${last}-${String(5 + (n % 14)).padStart(2, '0')}`, 20);
    out.push(
      db
        .insert(surveyInvitations)
        .values({
          ...stamp,
          id: invitationId,
          campaignId: demoId('svc', 2),
          ownerId: demoId('own', n),
          projectId: projectOf(p).id,
          channel: 'sms,wechat',
          tokenHash: await surveyTokenHash(await surveyToken(secret, tenantId, invitationId)),
          sentAt: at(`${last}-05`, 9),
          answeredAt,
        })
        .onConflictDoNothing(),
      db
        .insert(surveyResponses)
        .values({
          ...stamp,
          id: demoId('svr', n),
          campaignId: demoId('svc', 2),
          ownerId: demoId('own', n),
          projectId: projectOf(p).id,
          identifiable: n % 3 === 0,
          answers: answersOf(rating),
          comment: rating <= 2 ? '报修后上门太慢' : null,
          answeredAt,
        })
        .onConflictDoNothing(),
    );
  }

  // The bottom three's plans: presented (with its re-checks), submitted, returned.
  const plan = (
    n: number,
    projectId: string,
    status: 'presented' | 'submitted' | 'returned',
    extra: object,
  ) =>
    db
      .insert(improvementPlans)
      .values({
        ...stamp,
        id: demoId('impl', n),
        campaignId: demoId('svc', 2),
        branchId: demoProjects.find((p) => p.id === projectId)?.branchId as string,
        projectId,
        department: '',
        ownerId: demoId('stf', 9),
        measures: [
          {
            id: 'm1',
            indicator: 'dimension:repairs',
            action: '报修30分钟内联系业主预约上门，超时即由项目另派第三方',
            ownerId: demoId('stf', 13),
            dueOn: `${satisfaction.shiftMonth(last, 3)}-28`,
          },
          {
            id: 'm2',
            indicator: 'dimension:communication',
            action: '完工三天内100%回访，不满意的当天重新派工',
            ownerId: demoId('stf', 4),
            dueOn: `${satisfaction.shiftMonth(last, 2)}-28`,
          },
        ],
        status,
        submittedAt: at(`${last}-25`),
        ...extra,
      })
      .onConflictDoNothing();
  const presentedOn = `${last}-28`;
  out.push(
    plan(1, xixi, 'presented', {
      reviewedBy: demoId('stf', 10),
      reviewedAt: at(`${last}-26`),
      presentedTo: demoId('stf', 11),
      presentedOn,
    }),
    plan(2, donghu, 'submitted', {}),
    plan(3, sanjiang, 'returned', {
      reviewedBy: demoId('stf', 2),
      reviewedAt: at(`${last}-27`),
      returnReason: '措施泛泛而谈：请写明提升一次维修成功率的具体做法和完成日期',
    }),
  );
  satisfaction.recheckSchedule(presentedOn, calendar).forEach((due, i) => {
    out.push(
      db
        .insert(planRechecks)
        .values({
          ...stamp,
          id: demoId('prck', i + 1),
          planId: demoId('impl', 1),
          year: due.year,
          quarter: due.quarter,
          dueOn: due.dueDate,
        })
        .onConflictDoNothing(),
    );
  });

  // Last month's complaint summaries: reviewed, submitted, drafts.
  const facts = (projectId: string, k: number): complaintSummary.ComplaintFact[] =>
    Array.from({ length: k }, (_, i) => ({
      caseId: `demo_${projectId}_${i}`,
      projectId,
      ownerId: `own_demo_${i % 3}`,
      category: ['property_service', 'environment', 'parking'][i % 3] as string,
      channel: ['hotline', 'wechat', 'front_desk'][i % 3] as string,
      severity: i === 0 ? 'major' : 'normal',
      receivedAt: at(`${last}-${String(2 + i * 3).padStart(2, '0')}`, 9),
      firstResponseAt: at(`${last}-${String(2 + i * 3).padStart(2, '0')}`, 11),
      resolvedAt: i % 4 === 3 ? null : at(`${last}-${String(3 + i * 3).padStart(2, '0')}`, 16),
      breached: i % 5 === 4,
      reopenings: i === 2 ? 1 : 0,
      group: i === 1,
      claim: false,
    }));
  const schedule = complaintSummary.summarySchedule(last, calendar);
  const summaries: [string, string, number, number, 'reviewed' | 'submitted' | 'draft'][] = [
    [xixi, projectOf(1).branchId, 6, 4, 'reviewed'],
    [qianjiang, projectOf(2).branchId, 2, 3, 'submitted'],
    [binjiang, projectOf(3).branchId, 3, 3, 'draft'],
    [donghu, projectOf(4).branchId, 5, 2, 'submitted'],
    [sanjiang, sanjiangBranch, 4, 6, 'draft'],
  ];
  summaries.forEach(([projectId, branchId, k, before, status], i) => {
    const draft = complaintSummary.draftSummary(facts(projectId, k), facts(projectId, before));
    const submitted = status !== 'draft';
    out.push(
      db
        .insert(complaintSummaries)
        .values({
          ...stamp,
          id: demoId('csum', i + 1),
          branchId,
          projectId,
          month: last,
          status,
          figures: draft as unknown as Record<string, unknown>,
          dueOn: schedule.dueOn,
          causeAnalysis: submitted ? '投诉集中在物业服务响应与公共环境，部分为同一业主重复投诉' : null,
          measures: submitted ? '每日巡查公共区域；投诉24小时内答复业主，重复投诉由客服主管回访' : null,
          submittedBy: submitted ? demoId('stf', 4) : null,
          submittedAt: submitted ? at(schedule.draftOn, 15) : null,
          readBy: status === 'reviewed' ? demoId('stf', 10) : null,
          readAt: status === 'reviewed' ? at(schedule.draftOn, 17) : null,
          reviewedBy: status === 'reviewed' ? demoId('stf', 10) : null,
          reviewedAt: status === 'reviewed' ? at(schedule.dueOn, 10) : null,
          reviewComment: status === 'reviewed' ? '群诉一宗已协调处理，请持续跟进' : null,
          majorProblem: status === 'reviewed',
        })
        .onConflictDoNothing(),
    );
  });
  return out;
}
