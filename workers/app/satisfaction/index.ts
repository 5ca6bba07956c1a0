/** Satisfaction management (客户满意度管理): the use cases every edge calls. */

export {
  type CampaignView,
  cancelCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  type SurveyCampaignRow,
} from './campaigns';
export {
  fileInterview,
  type InterviewProgressView,
  interviewProgress,
  listInterviews,
  type OwnerInterviewRow,
} from './interviews';
export { type CampaignSnapshot, campaignResultsView, closeCampaign, runSurveyCampaigns } from './lifecycle';
export { answerSurvey, openSurveyLink, type SurveyLinkContext } from './owner-survey';
export {
  filePlan,
  getPlan,
  listPlans,
  type PlanReach,
  type PlanView,
  planReach,
  planStep,
  raiseRecheckDeadlines,
  recordRecheck,
  revisePlan,
} from './plans';
export { listResponses } from './responses';
export {
  getRotation,
  listRotations,
  type RotationView,
  raiseRotationDeadlines,
  recordRotationCases,
  rotationReach,
  scheduleRotation,
  submitRotationReport,
} from './rotations';
export { surveyLinkSends } from './sends';
export { getTemplate, listTemplates, type SurveyTemplateRow, saveTemplate } from './templates';
