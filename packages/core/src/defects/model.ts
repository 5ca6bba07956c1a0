import { z } from 'zod';
import { DateTimeInput } from '../time';

/*
 * The product-defect register (产品缺陷手册, seed 000 part 2.II.4–5): what owners report, turned
 * into defects of the buildings that a defect meeting decides and a department rectifies.
 */

/**
 * Where a defect was found (缺陷来源渠道): 工程维修 repairs, 投诉处理 complaints, 物业管理 property
 * management, 交付前内部查验 the internal pre-handover inspection, 交付期间业主提出问题 owners at handover.
 */
export const defectSources = [
  'repair',
  'complaint',
  'property_management',
  'pre_handover_inspection',
  'handover_owner',
] as const;
export const DefectSourceSchema = z.enum(defectSources);
export type DefectSource = z.infer<typeof DefectSourceSchema>;

export const defectRisks = ['low', 'medium', 'high'] as const;
export const DefectRiskSchema = z.enum(defectRisks);
export type DefectRisk = z.infer<typeof DefectRiskSchema>;

/**
 * The life cycle. `suggested` is a proposal from repeated reports (suggestions.ts); a defect
 * registered by hand starts `accepted`. See state-machine.ts for the steps.
 */
export const defectStatuses = [
  'suggested',
  'accepted',
  'dismissed',
  'decided',
  'rectifying',
  'rectified',
  'overdue',
  'closed',
] as const;
export const DefectStatusSchema = z.enum(defectStatuses);
export type DefectStatus = z.infer<typeof DefectStatusSchema>;

/** Statuses still on the register's agenda (not dismissed, not closed). */
export const openDefectStatuses: readonly DefectStatus[] = [
  'suggested',
  'accepted',
  'decided',
  'rectifying',
  'rectified',
  'overdue',
];

/** 缺陷影响程度: households affected (波及户数), risk, estimated loss. */
export const DefectImpactSchema = z.object({
  householdsAffected: z.number().int().min(0),
  risk: DefectRiskSchema,
  /** Estimated loss in fen (1/100 yuan), as claims are stored. */
  estimatedLossFen: z.number().int().min(0).default(0),
});
export type DefectImpact = z.infer<typeof DefectImpactSchema>;

const id = z.string().min(1).max(64);

/** What is registered about a defect, by hand or from a suggestion. */
export const DefectInputSchema = z.object({
  description: z.string().trim().min(1).max(4000),
  /** A code of the tenant's case category tree. */
  category: z.string().min(1).max(120),
  source: DefectSourceSchema,
  projectId: id,
  buildingIds: z.array(id).max(200).default([]),
  /** Unit types (户型) affected, as the project names them ("A2", "三室两厅"). */
  unitTypes: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  impact: DefectImpactSchema,
  foundAt: DateTimeInput,
  caseIds: z.array(id).max(500).default([]),
  /** 违反有关国标及规范: scored by the first indicator of the scorecard. */
  violatesStandard: z.boolean().default(false),
  /** 反复缺陷: an earlier defect of the same kind that came back; scored by the second indicator. */
  repeatOfDefectId: id.nullable().default(null),
});
export type DefectInput = z.input<typeof DefectInputSchema>;

export const DefectSchema = DefectInputSchema.extend({
  id,
  status: DefectStatusSchema,
});
export type Defect = z.output<typeof DefectSchema>;
