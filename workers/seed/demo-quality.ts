import { handover, knowledge, sla } from '@guanjia/core';
import {
  defectDecisions,
  defectMeetings,
  handoverChecklistItems,
  handoverChecklistTemplates,
  handoverPlans,
  inspectionIssues,
  knowledgeArticles,
  knowledgeArticleVersions,
  knowledgeCategories,
  preventiveMeasures,
  productDefects,
  unitInspections,
} from '@guanjia/core/db/schema';
import type { directoryDb } from '../data/db';
import { demoId } from './demo-data';
import { demoArticles, demoKnowledgeCategories } from './demo-knowledge';

type Db = ReturnType<typeof directoryDb>;

const DAY = 86_400_000;
const zone = 'Asia/Shanghai';
const dayOf = (at: Date) => sla.localDateOf(at.getTime(), zone);

/**
 * The demo's product quality (fixed ids, ON CONFLICT DO NOTHING): 西溪花园 has three defects, a
 * defect meeting that decided two of them, a preventive measure (so its scorecard has points
 * taken and kept), a handover plan for 二期 in progress with its readiness checklist, and the
 * group's knowledge base of standard answers, procedures, scripts and a case example.
 */
export function demoQualityStatements(db: Db, tenantId: string, now: Date): unknown[] {
  const stamp = { tenantId, createdAt: now, updatedAt: now };
  const xixi = demoId('prj', 1);
  const hz = demoId('br', 1);
  const engineering = demoId('dept', 7); // 西溪花园工程维修部
  const hzEngineering = demoId('dept', 2); // HZ 工程部
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const blank = {
    suggestionKey: null,
    windowStart: null,
    windowEnd: null,
    dismissedReason: null,
    repeatOfDefectId: null,
    feedbackAt: null,
    feedback: null,
    completedAt: null,
    studiedAt: null,
    responsibleDepartmentId: null,
    feedbackDeadline: null,
    completionDeadline: null,
    createdBy: demoId('stf', 2),
  };
  const defects = [
    {
      ...blank,
      id: demoId('dft', 1),
      description: '1号楼多户卫生间防水层渗漏，楼下住户天花板发霉（闭水试验不合格）',
      category: 'leaks',
      source: 'repair' as const,
      buildingIds: [demoId('bld', 1)],
      unitTypes: ['A2'],
      householdsAffected: 4,
      risk: 'high' as const,
      estimatedLossFen: 3_600_000,
      foundAt: ago(40),
      status: 'rectifying' as const,
      violatesStandard: true,
      responsibleDepartmentId: engineering,
      feedbackDeadline: ago(28),
      feedbackAt: ago(29),
      feedback: '已制定返工方案：铲除原防水层，重做聚氨酯防水，闭水72小时。',
      completionDeadline: new Date(now.getTime() + 20 * DAY),
      studiedAt: ago(25),
    },
    {
      ...blank,
      id: demoId('dft', 2),
      description: '地下车库B区照明照度不足，夜间有业主摔倒',
      category: 'electrical.lighting',
      source: 'complaint' as const,
      buildingIds: [],
      unitTypes: [],
      householdsAffected: 60,
      risk: 'medium' as const,
      estimatedLossFen: 200_000,
      foundAt: ago(38),
      status: 'rectified' as const,
      violatesStandard: false,
      responsibleDepartmentId: hzEngineering,
      feedbackDeadline: ago(28),
      feedbackAt: ago(26),
      feedback: '增加LED灯具40套，改为感应+常亮双回路。',
      completionDeadline: ago(15),
      completedAt: ago(12),
    },
    {
      ...blank,
      id: demoId('dft', 3),
      description: '2号楼外窗窗框与墙体交接处雨后渗水，去年已整改过一次',
      category: 'leaks.window',
      source: 'property_management' as const,
      buildingIds: [demoId('bld', 2)],
      unitTypes: ['B1'],
      householdsAffected: 3,
      risk: 'medium' as const,
      estimatedLossFen: 450_000,
      foundAt: ago(10),
      status: 'accepted' as const,
      violatesStandard: false,
      repeatOfDefectId: demoId('dft', 1),
    },
  ];
  const meetingId = demoId('dmt', 1);
  const out: unknown[] = [
    ...defects.map((d) =>
      db
        .insert(productDefects)
        .values({ ...d, ...stamp, branchId: hz, projectId: xixi, version: 1 })
        .onConflictDoNothing(),
    ),
    db
      .insert(defectMeetings)
      .values({
        ...stamp,
        id: meetingId,
        branchId: hz,
        projectId: xixi,
        heldAt: ago(35),
        chairId: demoId('stf', 2),
        attendeeIds: [demoId('stf', 9), demoId('stf', 13), demoId('stf', 4)],
        minutes:
          '一、卫生间防水渗漏：确认为施工质量问题，违反《住宅室内防水工程技术规范》，由项目工程维修部组织返工；二、车库照明不足：由分公司工程部增补灯具。会议要求各责任部门5个工作日内反馈整改意见。',
        version: 1,
      })
      .onConflictDoNothing(),
    db
      .insert(defectDecisions)
      .values({
        id: demoId('ddc', 1),
        tenantId,
        meetingId,
        defectId: demoId('dft', 1),
        preventionMeasure: '后续项目卫生间闭水试验由48小时延长至72小时，防水施工设样板间先行验收',
        responsibleDepartmentId: engineering,
        feedbackDueOn: dayOf(ago(28)),
        rectificationDueOn: dayOf(new Date(now.getTime() + 20 * DAY)),
        createdAt: ago(35),
      })
      .onConflictDoNothing(),
    db
      .insert(defectDecisions)
      .values({
        id: demoId('ddc', 2),
        tenantId,
        meetingId,
        defectId: demoId('dft', 2),
        preventionMeasure: '车库照明设计按照度标准复核，交付前逐区测量照度',
        responsibleDepartmentId: hzEngineering,
        feedbackDueOn: dayOf(ago(28)),
        rectificationDueOn: dayOf(ago(15)),
        createdAt: ago(35),
      })
      .onConflictDoNothing(),
    db
      .insert(preventiveMeasures)
      .values({
        ...stamp,
        id: demoId('pvm', 1),
        projectId: xixi,
        departmentId: engineering,
        kind: 'sample_unit',
        description: '每个户型建立施工样板间，防水与门窗节点先验收后大面施工',
        takenAt: ago(20),
        createdBy: demoId('stf', 2),
      })
      .onConflictDoNothing(),
  ];

  // 交付: 西溪花园二期, two months out; the plan opened a month ago.
  const handoverOn = dayOf(new Date(now.getTime() + 60 * DAY));
  const planId = demoId('hop', 1);
  const templateId = demoId('hotpl', 1);
  out.push(
    db
      .insert(handoverChecklistTemplates)
      .values({
        ...stamp,
        id: templateId,
        name: '标准交付风险排查表',
        items: handover.defaultHandoverChecklist,
        isDefault: true,
        version: 1,
      })
      .onConflictDoNothing(),
    db
      .insert(handoverPlans)
      .values({
        ...stamp,
        id: planId,
        branchId: hz,
        projectId: xixi,
        batch: '二期',
        handoverOn,
        opensOn: handover.planOpensOn(handoverOn, 3),
        households: 320,
        buildingIds: [demoId('bld', 1), demoId('bld', 2)],
        responsibilities: [
          { departmentId: demoId('dept', 6), role: 'project', sharePercent: 50 },
          { departmentId: hzEngineering, role: 'supporting', sharePercent: 25 },
          { departmentId: demoId('dept', 1), role: 'supporting', sharePercent: 25 },
        ],
        templateId,
        version: 1,
      })
      .onConflictDoNothing(),
    ...handover.defaultHandoverChecklist.map((item, i) => {
      const planned = new Date(now.getTime() + (i - 7) * 4 * DAY);
      // The first six are in hand; the seventh passed its date without one (at risk).
      const actualOn = i < 6 ? dayOf(new Date(planned.getTime() - DAY)) : null;
      return db
        .insert(handoverChecklistItems)
        .values({
          ...stamp,
          id: demoId('hoi', i + 1),
          planId,
          key: item.key,
          group: item.group,
          labelZh: item.label.zh,
          labelEn: item.label.en,
          position: i,
          plannedOn: dayOf(planned),
          actualOn,
          ownerId: demoId('stf', i % 2 === 0 ? 9 : 13),
          notes: i === 6 ? '供电局验收排期推迟，已联系项目总经理协调' : '',
          version: 1,
        })
        .onConflictDoNothing();
    }),
  );

  // 内部预查验 of 二期 in progress: 1-101 passed, 1-102 failed (a window design fault, a new
  // defect on the next meeting's agenda), 2-101 failed with the window leak already registered.
  const inspector = demoId('stf', 9);
  const ok = (item: string) => ({
    item,
    passed: true,
    description: '',
    nature: 'workmanship' as const,
    violatesStandard: false,
    photoKeys: [],
  });
  const windowFault = {
    item: '外窗',
    passed: false,
    category: 'leaks.window',
    description: '窗台内高外低做反，淋水试验雨水倒灌',
    nature: 'design' as const,
    violatesStandard: false,
    photoKeys: [],
  };
  const windowLeak = {
    ...windowFault,
    description: '窗框与墙体交接处渗水',
    nature: 'workmanship' as const,
  };
  const inspections = [
    { n: 1, unit: 1, building: 1, findings: [ok('入户门'), ok('墙面'), ok('卫生间闭水'), ok('外窗')] },
    { n: 2, unit: 2, building: 1, findings: [ok('入户门'), ok('墙面'), ok('卫生间闭水'), windowFault] },
    { n: 3, unit: 5, building: 2, findings: [ok('入户门'), ok('墙面'), ok('卫生间闭水'), windowLeak] },
  ];
  out.push(
    db
      .insert(productDefects)
      .values({
        ...blank,
        ...stamp,
        id: demoId('dft', 4),
        branchId: hz,
        projectId: xixi,
        description: '1-102 外窗: 窗台内高外低做反，淋水试验雨水倒灌',
        category: 'leaks.window',
        source: 'pre_handover_inspection',
        buildingIds: [demoId('bld', 1)],
        unitTypes: [],
        householdsAffected: 1,
        risk: 'medium',
        estimatedLossFen: 0,
        foundAt: ago(2),
        status: 'accepted',
        violatesStandard: false,
        createdBy: inspector,
        version: 1,
      })
      .onConflictDoNothing(),
    ...inspections.map((i) =>
      db
        .insert(unitInspections)
        .values({
          ...stamp,
          id: demoId('uinsp', i.n),
          planId,
          projectId: xixi,
          buildingId: demoId('bld', i.building),
          unitId: demoId('unit', i.unit),
          result: i.findings.every((f) => f.passed) ? 'passed' : 'failed',
          findings: i.findings,
          round: 1,
          inspectorId: inspector,
          inspectedAt: ago(2),
          version: 1,
        })
        .onConflictDoNothing(),
    ),
    ...[
      { n: 1, inspection: inspections[1], finding: windowFault, defectId: demoId('dft', 4) },
      { n: 2, inspection: inspections[2], finding: windowLeak, defectId: demoId('dft', 3) },
    ].map(({ n, inspection, finding, defectId }) =>
      db
        .insert(inspectionIssues)
        .values({
          ...stamp,
          id: demoId('insp', n),
          planId,
          projectId: xixi,
          buildingId: demoId('bld', inspection?.building ?? 1),
          unitId: demoId('unit', inspection?.unit ?? 1),
          item: finding.item,
          category: finding.category,
          description: finding.description,
          nature: finding.nature,
          violatesStandard: false,
          photoKeys: [],
          route: 'defect',
          defectId,
          caseId: null,
          inspectorId: inspector,
          foundAt: ago(2),
          version: 1,
        })
        .onConflictDoNothing(),
    ),
  );

  // 知识库
  out.push(
    ...demoKnowledgeCategories.map((c, i) =>
      db
        .insert(knowledgeCategories)
        .values({ ...stamp, id: demoId('kcat', i + 1), ...c, position: i, version: 1 })
        .onConflictDoNothing(),
    ),
  );
  demoArticles.forEach((a, i) => {
    const id = demoId('art', i + 1);
    const fields: knowledge.ArticleFields = {
      kind: a.kind,
      title: a.title,
      body: a.body,
      categoryCode: a.category,
      tags: a.tags,
      scope: { level: 'tenant' },
      politePhrases: a.polite ?? null,
      forbiddenPhrases: a.forbidden ?? null,
      lesson: a.lesson ?? null,
      sourceCaseId: null,
    };
    out.push(
      db
        .insert(knowledgeArticles)
        .values({
          ...stamp,
          id,
          kind: a.kind,
          title: a.title,
          body: a.body,
          categoryCode: a.category,
          tags: a.tags,
          scopeLevel: 'tenant',
          politePhrases: a.polite ?? null,
          forbiddenPhrases: a.forbidden ?? null,
          lesson: a.lesson ?? null,
          status: 'published',
          publishedAt: now,
          createdBy: demoId('stf', 2),
          updatedBy: demoId('stf', 2),
          version: 1,
        })
        .onConflictDoNothing(),
      db
        .insert(knowledgeArticleVersions)
        .values({
          id: demoId('artv', i + 1),
          tenantId,
          articleId: id,
          version: 1,
          changedBy: demoId('stf', 2),
          changedAt: now,
          changedFields: [...knowledge.versionedArticleFields],
          snapshot: fields,
        })
        .onConflictDoNothing(),
    );
  });
  return out;
}
