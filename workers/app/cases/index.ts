/**
 * Cases (工单): the use cases every edge calls (the staff API, the public intake and owner link,
 * the inbound-email handler and the SLA clock). Writes go through `commit`, which arms the
 * case's clock and publishes its events; the reads the case routes need are listed below.
 */

export { type AppliedAction, applyCaseAction } from './actions';
export { attachToCase } from './attachments';
export { type ChaseResult, chaseCase } from './chase';
export { type DashboardReport, dashboardReport } from './dashboard';
export { appendOwnerEmail, noteSkippedAttachments } from './email';
export { type ForfeitResult, forfeitContractorJob } from './forfeit';
export { type CreatedCase, createCase, type IntakeRequest } from './intake';
export { type KpiReport, kpiCsv, kpiReport } from './kpis';
export {
  type OwnerLinkContext,
  type OwnerNotice,
  type OwnerStep,
  type OwnerView,
  openOwnerLink,
  openOwnerNotice,
  ownerStep,
  ownerView,
  rateFollowup,
  signOff,
} from './owner-link';
export * from './reads';
