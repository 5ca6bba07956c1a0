/** Contractors (施工单位): the period scorecard and the tenant's reward/penalty rules. */
export { getScoringRules, monthScorecards, saveScoringRules, scorecardsCsv } from './scorecards';
