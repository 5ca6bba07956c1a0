import type { CorrectiveRow } from '../../data/corrective-actions';
import type { AuditRow } from '../../data/mystery-audits';
import { outboxEvent } from '../../data/outbox';
import type { TenantScope } from '../../data/scope';

/** The outbox rows of a publication: the result for the project, and each corrective action for its owner. */
export function publicationEvents(scope: TenantScope, audit: AuditRow, actions: CorrectiveRow[]): unknown[] {
  const place = { branchId: audit.branchId, projectId: audit.projectId };
  return [
    outboxEvent(
      scope,
      'audit.published',
      {
        auditId: audit.id,
        branchId: audit.branchId,
        projectId: audit.projectId,
        channel: audit.channel,
        score: audit.score,
        passed: audit.passed,
        correctiveActionIds: actions.map((a) => a.id),
        actor: { type: scope.actor.type, id: scope.actor.id },
      },
      place,
    ),
    ...actions.map((a) =>
      outboxEvent(
        scope,
        'corrective_action.created',
        {
          correctiveActionId: a.id,
          auditId: a.auditId,
          branchId: a.branchId,
          projectId: a.projectId,
          ownerId: a.ownerId,
          description: a.description,
          deadline: a.deadline.toISOString(),
        },
        place,
      ),
    ),
  ];
}
