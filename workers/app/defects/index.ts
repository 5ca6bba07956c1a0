/** The product-defect register (产品缺陷): the use cases every edge calls. */

export type { DefectMeetingRow, DefectRow, PreventiveMeasureRow } from '../../data/defects';
export { raiseDefectDeadlineAlerts } from './deadlines';
export { defectAgenda, getDefectMeeting, holdDefectMeeting, listDefectMeetings } from './meetings';
export {
  completeRectification,
  type DefectPatch,
  type DefectView,
  getDefect,
  listDefects,
  markStudied,
  recordFeedback,
  registerDefect,
  stepDefect,
  updateDefect,
} from './register';
export { defectScorecard, listPreventiveMeasures, recordPreventiveMeasure } from './scorecard';
export { proposeDefects } from './suggestions';
export { qualityManager, qualityReader } from './support';
