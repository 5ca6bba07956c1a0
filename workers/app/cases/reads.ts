/*
 * The reads (and the small settings and channel-key writes, each one `commit` in its
 * repository) the case routes answer from, straight from their repositories: no decision of
 * their own beyond the reach filter the caller's scope gives them.
 */

export type { ChannelKeyRow } from '../../data/case-channels';
export {
  findProject,
  intakeEmailDomain,
  listChannelKeys,
  resolveChannelKey,
  rotateChannelKey,
} from '../../data/case-channels';
export type { AttachmentRow } from '../../data/case-files';
export {
  discard,
  getAttachment,
  listAttachments,
  maxAttachmentBytes,
  prepareAttachment,
} from '../../data/case-files';
export type { CasePlace, TimelineRow } from '../../data/case-lists';
export {
  casePlaces,
  listCases,
  listTimeline,
  nextDeadlines,
  pageDetails,
} from '../../data/case-lists';
export type { PartyRow } from '../../data/case-parties';
export { listCaseParties } from '../../data/case-parties';
export type { ReportFilter } from '../../data/case-reports';
export { followupFacts, lowRatingFacts, maxReportRows, repairFixFacts } from '../../data/case-reports';
export type { CaseRow } from '../../data/case-support';
export {
  actorOf,
  caseSettingsVersion,
  findVisibleCase,
  loadCaseSettings,
  mayAt,
  readableCases,
  saveCaseSettings,
  snapshotOf,
} from '../../data/case-support';
export { listingDeadlines } from './deadlines';
export { departmentDailyReport } from './department-report';
