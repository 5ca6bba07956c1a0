/**
 * The life cycles of a mystery-shopper programme, one list each; the tables and the API derive
 * their enums from these.
 */

/** An audit plan (暗访计划): planned, done once its audit is submitted, or cancelled. */
export const auditPlanStatuses = ['planned', 'done', 'cancelled'] as const;
export type AuditPlanStatus = (typeof auditPlanStatuses)[number];

/** An audit: drafted by its plan, submitted (scored) by the auditor, published by a manager. */
export const auditStatuses = ['draft', 'submitted', 'published'] as const;
export type AuditStatus = (typeof auditStatuses)[number];

/** A corrective action (整改): open, done by its owner, verified by a supervisor. */
export const correctiveActionStatuses = ['open', 'done', 'verified'] as const;
export type CorrectiveActionStatus = (typeof correctiveActionStatuses)[number];
