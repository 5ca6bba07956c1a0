/** Handover readiness (交付): the use cases every edge calls. */

export type { ChecklistItemRow, HandoverPlanRow } from '../../data/handover';
export {
  listUnitInspections,
  openInspectionPhoto,
  recordUnitInspection,
  reinspectUnit,
  resolveInspectionIssue,
  type UnitInspectionStatus,
  type UnitInspectionView,
  uploadInspectionPhoto,
} from './inspections';
export {
  createHandoverPlan,
  getHandoverPlan,
  listHandoverPlans,
  type PlanView,
  raiseHandoverRiskAlerts,
  recordHandoverDay,
  updateChecklistItem,
} from './plans';
export { getChecklistTemplate, saveChecklistTemplate, type TemplateView } from './template';
export {
  completeUnfinishedWork,
  listUnfinishedWorks,
  registerUnfinishedWork,
  type UnfinishedView,
} from './unfinished';
