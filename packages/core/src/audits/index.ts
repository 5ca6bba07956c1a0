/**
 * Mystery-shopper audits (神秘客户): templates, answers and their validation, phrase checks,
 * scoring, aggregation, ranking and trends, and corrective actions. Pure: time, the tenant's
 * zone and settings are arguments.
 */
export * from './aggregate';
export * from './answers';
export * from './corrective';
export * from './deadlines';
export * from './phrases';
export * from './scoring';
export * from './settings';
export * from './statuses';
export * from './template';
export * from './templates/index';
