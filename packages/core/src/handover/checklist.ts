import { z } from 'zod';
import { addDays, localDateOf } from '../time-zone';
import { LocalDateSchema } from './plan';

/*
 * The readiness checklist (交付风险表, seed 000 part 2.V): the documents a batch needs before it
 * may be handed over, each with its planned and actual completion dates (计划完成时间 / 实际完成
 * 时间), an owner and notes (备注). The tenant edits the template; a plan copies it.
 */

/** 协议规定文件 contract documents; 中间类文件 intermediate certificates. */
export const checklistGroups = ['contract_documents', 'intermediate_documents'] as const;

export const ChecklistTemplateItemSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower snake_case'),
  group: z.enum(checklistGroups),
  label: z.object({ zh: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) }),
});
export type ChecklistTemplateItem = z.infer<typeof ChecklistTemplateItemSchema>;

export const ChecklistTemplateSchema = z
  .array(ChecklistTemplateItemSchema)
  .min(1)
  .max(100)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.key))
        ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate key ${item.key}` });
      seen.add(item.key);
    });
  });
export type ChecklistTemplate = z.infer<typeof ChecklistTemplateSchema>;

const item = (
  key: string,
  group: (typeof checklistGroups)[number],
  zh: string,
  en: string,
): ChecklistTemplateItem => ({
  key,
  group,
  label: { zh, en },
});

/** The seed's list, in its order. */
export const defaultHandoverChecklist: ChecklistTemplate = [
  item('completion_filing', 'contract_documents', '竣工备案证', 'Completion filing certificate'),
  item(
    'quality_guarantee',
    'contract_documents',
    '房地产（住宅）质量保证书',
    'Residential quality guarantee',
  ),
  item('quality_manual', 'contract_documents', '房地产（住宅）质量说明书', 'Residential quality manual'),
  item('planning_acceptance', 'intermediate_documents', '规划验收证明', 'Planning acceptance'),
  item('structure_acceptance', 'intermediate_documents', '主体工程验收证明', 'Main structure acceptance'),
  item(
    'indoor_environment',
    'intermediate_documents',
    '室内环境验收证明（检测报告）',
    'Indoor environment test report',
  ),
  item('power_supply', 'intermediate_documents', '供电达到使用条件的证明', 'Power supply ready for use'),
  item(
    'water_drainage',
    'intermediate_documents',
    '给排水达到使用条件证明',
    'Water supply and drainage ready for use',
  ),
  item('fire_acceptance', 'intermediate_documents', '消防验收证明', 'Fire safety acceptance'),
  item('civil_air_defence', 'intermediate_documents', '人防验收证明', 'Civil air defence acceptance'),
  item('elevator_acceptance', 'intermediate_documents', '电梯验收证明', 'Elevator acceptance'),
  item('gas_ignition', 'intermediate_documents', '燃气点火证明', 'Gas ignition certificate'),
  item('archives_acceptance', 'intermediate_documents', '档案验收证明', 'Archives acceptance'),
  item('cable_tv_network', 'intermediate_documents', '有线电视、网络', 'Cable television and network'),
  item('area_survey', 'intermediate_documents', '竣工面积测丈报告', 'As-built area survey report'),
];

export const ChecklistItemSchema = ChecklistTemplateItemSchema.extend({
  plannedOn: LocalDateSchema.nullable().default(null),
  actualOn: LocalDateSchema.nullable().default(null),
  ownerId: z.string().min(1).nullable().default(null),
  notes: z.string().max(2000).default(''),
});
export type ChecklistItem = z.output<typeof ChecklistItemSchema>;

/** A plan's items, copied from the template so later template edits do not move a plan. */
export function checklistFromTemplate(template: ChecklistTemplate): ChecklistItem[] {
  return template.map((t) => ({ ...t, plannedOn: null, actualOn: null, ownerId: null, notes: '' }));
}

/**
 * - `done`: an actual date is set.
 * - `overdue`: the planned date passed without an actual one.
 * - `too_close`: planned within `riskMarginDays` of the handover date, or after it.
 * - `unplanned`: no planned date while the plan is open (对未完成的项目确定完成时间).
 * - `on_track`: otherwise.
 */
export type ChecklistItemState = 'done' | 'overdue' | 'too_close' | 'unplanned' | 'on_track';

/** 项目总经理 the project GM reviews every item at risk; 企业领导 leadership hears of any that may not be done. */
export type HandoverEscalationTarget = 'project_gm' | 'leadership';

export interface ChecklistItemRisk {
  key: string;
  state: ChecklistItemState;
  atRisk: boolean;
  escalateTo: HandoverEscalationTarget[];
  /** Unique per plan and state, so a repeated pass alerts once per state an item enters. */
  alertKey: string | null;
}

/** The state of one item on `today` (the tenant's local date). */
export function checklistItemState(
  item: Pick<ChecklistItem, 'plannedOn' | 'actualOn'>,
  input: { today: string; handoverOn: string; riskMarginDays: number },
): ChecklistItemState {
  if (item.actualOn) return 'done';
  if (!item.plannedOn) return 'unplanned';
  if (item.plannedOn < input.today) return 'overdue';
  if (item.plannedOn > addDays(input.handoverOn, -input.riskMarginDays)) return 'too_close';
  return 'on_track';
}

const escalation: Record<ChecklistItemState, HandoverEscalationTarget[]> = {
  done: [],
  on_track: [],
  unplanned: ['project_gm'],
  too_close: ['project_gm', 'leadership'],
  overdue: ['project_gm', 'leadership'],
};

/** Every item's risk at `now`; before the plan opens nothing is flagged. */
export function checklistRisks(
  plan: {
    id: string;
    handoverOn: string;
    opensOn: string;
    items: readonly Pick<ChecklistItem, 'key' | 'plannedOn' | 'actualOn'>[];
  },
  now: Date,
  timeZone: string,
  riskMarginDays: number,
): ChecklistItemRisk[] {
  const today = localDateOf(now.getTime(), timeZone);
  const open = today >= plan.opensOn;
  return plan.items.map((item) => {
    const state = checklistItemState(item, { today, handoverOn: plan.handoverOn, riskMarginDays });
    const escalateTo = open ? escalation[state] : [];
    return {
      key: item.key,
      state,
      atRisk: escalateTo.length > 0,
      escalateTo,
      alertKey: escalateTo.length > 0 ? `${plan.id}:${item.key}:${state}` : null,
    };
  });
}
