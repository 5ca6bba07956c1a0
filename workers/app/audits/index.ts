/** Mystery-shopper audits (神秘客户暗访): the use cases every edge calls. */

export type { PlanRow } from '../../data/audit-plans';
export type { TemplateRow } from '../../data/audit-templates';
export type { CorrectiveRow } from '../../data/corrective-actions';
export type { AuditRow, EvidenceRow } from '../../data/mystery-audits';
export {
  completeCorrectiveAction,
  getCorrectiveAction,
  listCorrectiveActions,
  verifyCorrectiveAction,
} from './corrective';
export { raiseCorrectiveDeadlineAlerts } from './deadlines';
export { maxEvidenceBytes } from './evidence-files';
export {
  type AuditView,
  addAuditEvidence,
  getAudit,
  listAudits,
  openAuditEvidence,
  recordFindings,
} from './findings';
export { getAuditPlan, listAuditPlans, type PlanView, scheduleAudit } from './plans';
export { publishAudit } from './publish';
export { projectRanking } from './ranking';
export { type AuditReach, auditReach, templateWriter } from './reach';
export {
  createAuditTemplate,
  deleteAuditTemplate,
  getAuditTemplate,
  listAuditTemplates,
  seedDefaultAuditTemplates,
  updateAuditTemplate,
} from './templates';
