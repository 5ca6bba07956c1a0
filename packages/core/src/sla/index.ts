/**
 * SLA rules (服务时限): business calendars, deadline maths, policies and their milestones, the
 * clock decision and the escalation ladder. Pure: time, calendars and settings are arguments.
 */

export { addDays, isKnownTimeZone, localDateOf, wallToInstant } from '../time-zone';
export * from './business-time';
export * from './calendar';
export * from './clock';
export * from './clock-facts';
export * from './defaults';
export * from './escalation';
export * from './holidays/cn-mainland';
export * from './milestone-reach';
export * from './policy';
export * from './timeline';
