/**
 * Satisfaction management (客户满意度管理): questionnaires, campaigns and sampling, results and
 * short boards, staged linkage, ranking and improvement plans with their quarterly re-check,
 * owner interviews and supervisor rotations. Pure: time, calendars and settings are arguments.
 */
export * from './campaign';
export * from './interviews';
export * from './linkage';
export * from './plan';
export * from './questionnaire';
export * from './ranking';
export * from './results';
export * from './sampling';
export * from './working-days';
