/** Handover readiness (交付): the use cases every edge calls. */

export type { ChecklistItemRow, HandoverPlanRow } from '../../data/handover';
export {
  listUnitInspections,
  recordUnitInspection,
  type UnitInspectionStatus,
  type UnitInspectionView,
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
export {
  completeUnfinishedWork,
  listUnfinishedWorks,
  registerUnfinishedWork,
  type UnfinishedView,
} from './unfinished';
