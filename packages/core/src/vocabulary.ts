/*
 * The value lists that a table column and the API share, once: the schema's columns and the
 * routes' zod enums both import them from here (routes never import the schema).
 */
/** `anonymous`: a caller not yet identified, e.g. a failed or throttled staff login. */
export const actorTypes = ['staff', 'api_key', 'platform', 'system', 'owner', 'anonymous'] as const;

export const channelKinds = ['email', 'sms', 'wechat'] as const;

export const departmentKinds = [
  'customer_service',
  'engineering',
  'security',
  'cleaning',
  'landscaping',
  'sales',
  'hr',
  'finance',
  'other',
] as const;

/** `due`: a milestone that is a reminder, not a deadline, came due (e.g. the 回访 follow-up). */
export const slaActionKinds = ['warning', 'breach', 'escalation', 'due'] as const;

/** Why a milestone ended unmet (core's `sla.milestoneEndReasons`). */
export const milestoneEndReasons = ['case_moved_on', 'reopened', 'reclassified', 'policy_changed'] as const;

/**
 * `paused`: an open pause (waiting for the owner) holds the clock, no due time until it resumes;
 * `met`: met within its target; `met_late`: met after it breached; `ended`: a daily series (the
 * department's end-of-day update) ended with the case's handling; `cancelled`: ended unmet
 * without a breach (`end_reason` says why). Met, met late, ended and cancelled are final, and a
 * breached milestone only ever becomes met late.
 */
export const milestoneStatuses = [
  'pending',
  'warned',
  'paused',
  'breached',
  'met',
  'met_late',
  'ended',
  'cancelled',
] as const;
