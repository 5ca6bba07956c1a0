import { audits } from '@guanjia/core';
import {
  correctiveOnTheClock,
  correctiveSupervisors,
  recordCorrectiveAlert,
} from '../../data/corrective-alerts';
import { tenantSettings } from '../../data/org-lookups';
import { outboxEvent } from '../../data/outbox';
import type { TenantScope } from '../../data/scope';
import { auditSettings } from './scoring';

/**
 * The corrective-action deadline pass of the minute cron (time is `scope.now`): core's
 * `audits.correctiveAlertsDue` decides which open actions are warned (the tenant's
 * `settings.audits.correctiveWarningHours` before the deadline, default 24) or breached (after
 * it); each is recorded once by its unique key with its outbox event, `corrective_action.due_soon`
 * or `corrective_action.overdue`, and an inbox row for the owner and each of their supervisors,
 * in one batch (as the digest writes its inbox rows: all or nothing, the consumer adds none).
 * Nothing here closes an action: that stays the supervisor's verification.
 */
export async function raiseCorrectiveDeadlineAlerts(scope: TenantScope): Promise<audits.CorrectiveAlert[]> {
  const settings = auditSettings(await tenantSettings(scope), scope.timeZone);
  const lead = settings.correctiveWarningHours * 3_600_000;
  const { actions, recorded } = await correctiveOnTheClock(scope, new Date(scope.now.getTime() + lead));
  const due = audits.correctiveAlertsDue(
    actions.map((a) => ({ id: a.id, status: a.status, deadline: a.deadline.getTime() })),
    { now: scope.now.getTime(), warningHours: settings.correctiveWarningHours, recorded },
  );
  const byId = new Map(actions.map((a) => [a.id, a]));
  const done: audits.CorrectiveAlert[] = [];
  for (const alert of due) {
    const action = byId.get(alert.correctiveActionId);
    if (!action) continue;
    const supervisorIds = await correctiveSupervisors(scope, action);
    const event = outboxEvent(
      scope,
      alert.kind === 'breach' ? 'corrective_action.overdue' : 'corrective_action.due_soon',
      {
        correctiveActionId: action.id,
        auditId: action.auditId,
        branchId: action.branchId,
        projectId: action.projectId,
        ownerId: action.ownerId,
        supervisorIds,
        notifyStaffIds: [...new Set([action.ownerId, ...supervisorIds])],
        description: action.description,
        deadline: action.deadline.toISOString(),
        at: scope.now.toISOString(),
      },
      { branchId: action.branchId, projectId: action.projectId },
    );
    const overdue = alert.kind === 'breach';
    const inbox = [...new Set([action.ownerId, ...supervisorIds])].map((userId) => ({
      userId,
      sourceId: alert.key,
      kind: overdue ? 'corrective_action.overdue' : 'corrective_action.due_soon',
      title: overdue ? '整改已超期' : '整改即将到期',
      body: `${action.description} — ${overdue ? 'was due' : 'due'} ${action.deadline.toISOString()}.`,
      data: { correctiveActionId: action.id, auditId: action.auditId },
    }));
    if (await recordCorrectiveAlert(scope, alert, event, inbox)) done.push(alert);
  }
  return done;
}
