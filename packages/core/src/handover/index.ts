/**
 * Handover readiness (交付): the plan per project batch and its responsibility shares, the
 * readiness checklist and its risks, the pre-handover inspection, the handover-day targets and
 * the unfinished works after it. Pure: time, the tenant's zone and settings are arguments.
 */
export * from './checklist';
export * from './inspection';
export * from './plan';
export * from './settings';
export * from './targets';
export * from './unfinished';
