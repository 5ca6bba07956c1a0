import type { CaseSnapshot } from './model';
import type { CaseSettings } from './settings';
import type { ComplaintSeverity } from './vocabulary';

/** 重大投诉 and 群诉 need an incident: a special team, the plan and an ETA, and the branch GM informed. */
export function severityNeedsIncident(severity: ComplaintSeverity | null): boolean {
  return severity === 'major' || severity === 'group';
}

/** Whether a major or group complaint still has no incident (it cannot be resolved then). */
export function incidentMissing(snapshot: CaseSnapshot): boolean {
  return severityNeedsIncident(snapshot.severity) && snapshot.state.incident === undefined;
}

/** Whether the recorded claim is above the tenant threshold (strictly: ¥10,000 itself does not need it). */
export function claimNeedsApproval(snapshot: CaseSnapshot, settings: CaseSettings): boolean {
  return snapshot.claimAmountFen !== null && snapshot.claimAmountFen > settings.claimApprovalThresholdFen;
}

/** Whether a big claim waits for approval; such a case cannot close. */
export function claimPendingApproval(snapshot: CaseSnapshot, settings: CaseSettings): boolean {
  return claimNeedsApproval(snapshot, settings) && snapshot.claimApprovedBy === null;
}

/** Fen to a yuan string for messages, without floating-point arithmetic. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
