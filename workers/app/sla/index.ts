/* The SLA area's use cases: what an edge may call. */
export { addCalendarDays } from './calendars';
export { calendarDayIssues, policyIssues } from './checks';
export { withHolidayCoverage } from './coverage';
export { previewCalendarDays } from './preview';
export { businessCalendarsRules, escalationRungsRules, slaPoliciesRules } from './settings';
export { caseSla, listBreaches } from './views';
