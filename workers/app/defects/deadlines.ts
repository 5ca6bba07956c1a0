import { defects as core } from '@guanjia/core';
import { defectStep, defectsOnTheClock, recordDefectAlert } from '../../data/defects';
import { outboxEvent } from '../../data/outbox';
import type { TenantScope } from '../../data/scope';
import { alertRecipients, calendarOfPlace, defectSettings } from './support';

/**
 * The defect deadline pass of the minute cron (time is `scope.now`): core's `defectAlertsDue`
 * says which feedback and completion deadlines warn, breach or escalate; each step is recorded
 * once by its key with a `defect.deadline` event (the consumer writes the inbox rows of
 * `notifyStaffIds`: the project's quality leads, then the project manager, then the branch GM).
 * A completion breach also marks the defect `overdue`, in the same batch.
 */
export async function raiseDefectDeadlineAlerts(scope: TenantScope): Promise<core.DefectAlert[]> {
  const settings = await defectSettings(scope);
  // A generous look-ahead in wall time: the warning lead is in business hours (a weekend and a holiday between).
  const lead = (settings.warningBusinessHours / 8 + 10) * 86_400_000;
  const { rows, recorded } = await defectsOnTheClock(scope, new Date(scope.now.getTime() + lead));
  const done: core.DefectAlert[] = [];
  for (const row of rows) {
    if (!row.feedbackDeadline || !row.completionDeadline) continue;
    const calendar = await calendarOfPlace(scope, row);
    const due = core.defectAlertsDue(
      [
        {
          defectId: row.id,
          deadlines: { feedback: row.feedbackDeadline, completion: row.completionDeadline },
          feedbackAt: row.feedbackAt,
          completedAt: row.completedAt,
        },
      ],
      { now: scope.now, calendar, settings, recorded },
    );
    let current = row;
    for (const alert of due) {
      const notifyStaffIds = await alertRecipients(scope, row, alert.kind);
      const writes: unknown[] = [
        outboxEvent(
          scope,
          'defect.deadline',
          {
            defectId: row.id,
            branchId: row.branchId,
            projectId: row.projectId,
            category: row.category,
            description: row.description,
            status: current.status,
            deadline: alert.deadline,
            kind: alert.kind,
            due: alert.due.toISOString(),
            responsibleDepartmentId: row.responsibleDepartmentId,
            notifyStaffIds,
            at: scope.now.toISOString(),
          },
          { branchId: row.branchId, projectId: row.projectId },
        ),
      ];
      const overdue =
        alert.deadline === 'completion' &&
        alert.kind === 'breach' &&
        (current.status === 'decided' || current.status === 'rectifying');
      if (overdue) {
        writes.push(...defectStep(scope, current, { status: 'overdue' }, 'defects.mark_overdue'));
      }
      if (await recordDefectAlert(scope, alert, writes)) {
        done.push(alert);
        if (overdue) current = { ...current, status: 'overdue', version: current.version + 1 };
      }
    }
  }
  return done;
}
