import { z } from 'zod';
import { rootCategory } from '../cases/vocabulary';

/*
 * The internal pre-handover inspection (内部预查验, seed 000 part 2.V: 每套都查，问题查出来要及时
 * 整改): every unit of a batch is inspected; each issue found becomes either a repair case for that
 * unit or a product defect, decided here.
 */

/** 工艺 workmanship, 材料 material, 设计 design. */
export const inspectionIssueNatures = ['workmanship', 'material', 'design'] as const;

export const InspectionIssueSchema = z.object({
  unitId: z.string().min(1),
  buildingId: z.string().min(1),
  category: z.string().min(1).max(120),
  description: z.string().trim().min(1).max(2000),
  nature: z.enum(inspectionIssueNatures).default('workmanship'),
  violatesStandard: z.boolean().default(false),
  /** Object keys of the photos (R2), uploaded by the wiring. */
  photoKeys: z.array(z.string().min(1)).max(20).default([]),
});
export type InspectionIssue = z.output<typeof InspectionIssueSchema>;

/**
 * One checked item of a unit's inspection (分户查验): passed, or failed with what was found. A
 * failed finding becomes an inspection issue and a product defect (source 交付前内部查验).
 */
export const InspectionFindingSchema = z
  .object({
    item: z.string().trim().min(1).max(120),
    passed: z.boolean(),
    category: z.string().trim().min(1).max(120).optional(),
    description: z.string().trim().max(2000).default(''),
    nature: z.enum(inspectionIssueNatures).default('workmanship'),
    violatesStandard: z.boolean().default(false),
    photoKeys: z.array(z.string().min(1)).max(20).default([]),
  })
  .superRefine((f, ctx) => {
    if (f.passed) return;
    if (!f.description) {
      ctx.addIssue({ code: 'custom', path: ['description'], message: 'A failed item says what was found' });
    }
    if (!f.category) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'A failed item names its case category' });
    }
  });
export type InspectionFinding = z.output<typeof InspectionFindingSchema>;

/** The defect's risk of a failed finding: a breach of a standard is high, a design fault medium. */
export function findingRisk(f: Pick<InspectionFinding, 'nature' | 'violatesStandard'>) {
  if (f.violatesStandard) return 'high' as const;
  return f.nature === 'design' ? ('medium' as const) : ('low' as const);
}

/** A unit passes when every item passed. */
export function unitInspectionResult(findings: readonly Pick<InspectionFinding, 'passed'>[]) {
  return findings.every((f) => f.passed) ? ('passed' as const) : ('failed' as const);
}

export type InspectionRoute =
  | { to: 'defect'; reason: 'design' | 'violates_standard' | 'recurring'; units: number }
  | { to: 'repair_case'; reason: 'single_unit'; units: number };

/**
 * Where one issue goes. A design fault or a breach of a standard is a defect of the product
 * whatever its count; a workmanship or material issue of one category (top-level) found in
 * `defectMinUnits` or more units of the batch is a defect (the cause is upstream, not in the
 * unit); any other is the unit's repair case.
 */
export function routeInspectionIssue(
  issue: Pick<InspectionIssue, 'unitId' | 'category' | 'nature' | 'violatesStandard'>,
  batch: readonly Pick<InspectionIssue, 'unitId' | 'category'>[],
  defectMinUnits: number,
): InspectionRoute {
  const root = rootCategory(issue.category);
  const units = new Set(
    [issue, ...batch].filter((i) => rootCategory(i.category) === root).map((i) => i.unitId),
  ).size;
  if (issue.nature === 'design') return { to: 'defect', reason: 'design', units };
  if (issue.violatesStandard) return { to: 'defect', reason: 'violates_standard', units };
  if (units >= defectMinUnits) return { to: 'defect', reason: 'recurring', units };
  return { to: 'repair_case', reason: 'single_unit', units };
}

export interface BuildingProgress {
  buildingId: string;
  units: number;
  inspected: number;
  issues: number;
  openIssues: number;
}

/** Inspection progress per building (查验进度): units inspected, issues found and still open. */
export function inspectionProgress(
  units: readonly { unitId: string; buildingId: string }[],
  inspectedUnitIds: ReadonlySet<string>,
  issues: readonly { buildingId: string; resolved: boolean }[],
): BuildingProgress[] {
  const by = new Map<string, BuildingProgress>();
  const row = (buildingId: string) => {
    let r = by.get(buildingId);
    if (!r) {
      r = { buildingId, units: 0, inspected: 0, issues: 0, openIssues: 0 };
      by.set(buildingId, r);
    }
    return r;
  };
  for (const u of units) {
    const r = row(u.buildingId);
    r.units++;
    if (inspectedUnitIds.has(u.unitId)) r.inspected++;
  }
  for (const i of issues) {
    const r = row(i.buildingId);
    r.issues++;
    if (!i.resolved) r.openIssues++;
  }
  return [...by.values()].sort((a, b) => (a.buildingId < b.buildingId ? -1 : 1));
}

/**
 * What a re-inspection (复查) of a unit changes: an open issue whose item now passes is resolved;
 * a failed item that already has an open issue stays that issue (not found twice); any other
 * failed item is a new issue.
 */
export function reinspectionOutcome<F extends Pick<InspectionFinding, 'item' | 'passed'>>(
  open: readonly { id: string; item: string }[],
  findings: readonly F[],
): { resolve: string[]; newFailures: F[] } {
  const passed = new Set(findings.filter((f) => f.passed).map((f) => f.item));
  const openItems = new Set(open.map((i) => i.item));
  return {
    resolve: open.filter((i) => passed.has(i.item)).map((i) => i.id),
    newFailures: findings.filter((f) => !f.passed && !openItems.has(f.item)),
  };
}
