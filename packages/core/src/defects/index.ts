/**
 * Product defects (产品缺陷): the register and its life cycle, defects suggested from repeated
 * reports, defect meetings and their decisions, the feedback and completion deadlines, and the
 * 100-point scorecard. Pure: time, the tenant's calendar and settings are arguments.
 */
export * from './deadlines';
export * from './meetings';
export * from './model';
export * from './scorecard';
export * from './settings';
export * from './state-machine';
export * from './suggestions';
