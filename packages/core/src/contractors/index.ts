/** Contractors (施工单位): the period scorecard with reward/penalty points, and the one-chance rule. */
export * from './one-chance';
export * from './scorecard';
