import { AppError } from '../errors';
import type { DefectStatus } from './model';

/*
 * suggested → accepted | dismissed; accepted → decided (in a defect meeting) → rectifying →
 * rectified | overdue; overdue → rectified (done late); rectified → closed. Who may take a step
 * is the wiring's (permissions); this file says only which steps exist.
 */

export const defectSteps = [
  'accept',
  'dismiss',
  'decide',
  'start_rectification',
  'mark_overdue',
  'complete',
  'close',
] as const;
export type DefectStep = (typeof defectSteps)[number];

const graph: Record<DefectStep, { from: readonly DefectStatus[]; to: DefectStatus }> = {
  accept: { from: ['suggested'], to: 'accepted' },
  dismiss: { from: ['suggested'], to: 'dismissed' },
  decide: { from: ['accepted'], to: 'decided' },
  start_rectification: { from: ['decided'], to: 'rectifying' },
  // The completion deadline passed without the rectification done (deadlines.ts says when).
  mark_overdue: { from: ['decided', 'rectifying'], to: 'overdue' },
  complete: { from: ['rectifying', 'overdue'], to: 'rectified' },
  close: { from: ['rectified'], to: 'closed' },
};

/** The steps a defect in `status` may take. */
export function allowedDefectSteps(status: DefectStatus): DefectStep[] {
  return defectSteps.filter((s) => graph[s].from.includes(status));
}

/** The status after `step`; throws `illegal_transition` (409) when the status does not allow it. */
export function nextDefectStatus(status: DefectStatus, step: DefectStep): DefectStatus {
  const rule = graph[step];
  if (!rule.from.includes(status)) {
    throw new AppError('illegal_transition', `A ${status} defect cannot ${step}`, {
      extra: { status, action: step, allowed: allowedDefectSteps(status) },
    });
  }
  return rule.to;
}
