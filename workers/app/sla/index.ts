/* The SLA area's use cases: what an edge may call. */
export { addCalendarDays } from './calendars';
export { previewCalendarDays } from './preview';
export { calendarDayIssues, policyIssues } from './checks';
export { businessCalendarsRules, escalationRungsRules, slaPoliciesRules } from './settings';
export { caseSla, listBreaches } from './views';
