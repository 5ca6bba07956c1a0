/**
 * Service Star (服务之星): quarterly cycles, the monthly nomination deadline, the nomination
 * form and its evidence, the approval chain and life cycle, and the leaderboard. Pure: time,
 * the tenant's zone and settings are arguments.
 */
export * from './approval';
export * from './cycle';
export * from './deadline';
export * from './leaderboard';
export * from './lifecycle';
export * from './nomination';
export * from './settings';
