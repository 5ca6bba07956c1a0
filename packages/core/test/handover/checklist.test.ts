import { describe, expect, it } from 'vitest';
import {
  ChecklistTemplateSchema,
  checklistFromTemplate,
  checklistItemState,
  checklistRisks,
  defaultHandoverChecklist,
} from '../../src/handover/index';

const tz = 'Asia/Shanghai';
const noonOn = (date: string) => new Date(`${date}T04:00:00Z`);

describe('the readiness checklist', () => {
  it('the default template lists the seed’s fifteen documents, in Chinese with English labels', () => {
    expect(defaultHandoverChecklist.map((i) => i.label.zh)).toEqual([
      '竣工备案证',
      '房地产（住宅）质量保证书',
      '房地产（住宅）质量说明书',
      '规划验收证明',
      '主体工程验收证明',
      '室内环境验收证明（检测报告）',
      '供电达到使用条件的证明',
      '给排水达到使用条件证明',
      '消防验收证明',
      '人防验收证明',
      '电梯验收证明',
      '燃气点火证明',
      '档案验收证明',
      '有线电视、网络',
      '竣工面积测丈报告',
    ]);
    expect(ChecklistTemplateSchema.safeParse(defaultHandoverChecklist).success).toBe(true);
    expect(defaultHandoverChecklist.every((i) => i.label.en.length > 0)).toBe(true);
  });

  it('a tenant edits the template: an item added, and a duplicate key refused', () => {
    const edited = [
      ...defaultHandoverChecklist,
      {
        key: 'heating',
        group: 'intermediate_documents',
        label: { zh: '供暖验收证明', en: 'Heating acceptance' },
      },
    ];
    expect(ChecklistTemplateSchema.parse(edited)).toHaveLength(16);
    const dup = ChecklistTemplateSchema.safeParse([...edited, edited[0]]);
    expect(dup.error?.issues[0]?.path).toEqual([16, 'key']);
  });

  const input = { today: '2026-11-01', handoverOn: '2026-12-28', riskMarginDays: 14 };
  it('an item is done, overdue, too close to the handover date, unplanned or on track', () => {
    expect(checklistItemState({ plannedOn: '2026-10-01', actualOn: '2026-10-30' }, input)).toBe('done');
    expect(checklistItemState({ plannedOn: '2026-10-31', actualOn: null }, input)).toBe('overdue');
    expect(checklistItemState({ plannedOn: '2026-11-01', actualOn: null }, input)).toBe('on_track');
    expect(checklistItemState({ plannedOn: '2026-12-14', actualOn: null }, input)).toBe('on_track');
    expect(checklistItemState({ plannedOn: '2026-12-15', actualOn: null }, input)).toBe('too_close');
    expect(checklistItemState({ plannedOn: '2027-01-05', actualOn: null }, input)).toBe('too_close');
    expect(checklistItemState({ plannedOn: null, actualOn: null }, input)).toBe('unplanned');
  });

  it('items at risk go to the project GM, and those that may miss also to leadership, once per state', () => {
    const items = checklistFromTemplate(defaultHandoverChecklist).slice(0, 4);
    items[0] = { ...items[0]!, plannedOn: '2026-10-20', actualOn: '2026-10-19' };
    items[1] = { ...items[1]!, plannedOn: '2026-10-25' };
    items[2] = { ...items[2]!, plannedOn: '2026-12-20' };
    const plan = { id: 'hop_1', handoverOn: '2026-12-28', opensOn: '2026-09-28', items };
    expect(checklistRisks(plan, noonOn('2026-11-01'), tz, 14)).toEqual([
      { key: 'completion_filing', state: 'done', atRisk: false, escalateTo: [], alertKey: null },
      {
        key: 'quality_guarantee',
        state: 'overdue',
        atRisk: true,
        escalateTo: ['project_gm', 'leadership'],
        alertKey: 'hop_1:quality_guarantee:overdue',
      },
      {
        key: 'quality_manual',
        state: 'too_close',
        atRisk: true,
        escalateTo: ['project_gm', 'leadership'],
        alertKey: 'hop_1:quality_manual:too_close',
      },
      {
        key: 'planning_acceptance',
        state: 'unplanned',
        atRisk: true,
        escalateTo: ['project_gm'],
        alertKey: 'hop_1:planning_acceptance:unplanned',
      },
    ]);
  });

  it('nothing is flagged before the plan opens three months ahead', () => {
    const plan = {
      id: 'hop_1',
      handoverOn: '2026-12-28',
      opensOn: '2026-09-28',
      items: checklistFromTemplate(defaultHandoverChecklist),
    };
    expect(checklistRisks(plan, noonOn('2026-09-27'), tz, 14).some((r) => r.atRisk)).toBe(false);
    expect(
      checklistRisks(plan, noonOn('2026-09-28'), tz, 14).every((r) => r.state === 'unplanned' && r.atRisk),
    ).toBe(true);
  });
});
