import { AppError, type audits as core, type Role } from '@guanjia/core';
import { correctiveInsert, projectRoleHolders } from '../../data/corrective-actions';
import type { AuditRow } from '../../data/mystery-audits';
import * as mystery from '../../data/mystery-audits';
import { tenantSettings } from '../../data/org-lookups';
import type { TenantScope } from '../../data/scope';
import { publicationEvents } from './events';
import { type AuditView, auditView } from './findings';
import { type AuditReach, canManageAudit } from './reach';
import { auditSettings, correctiveDrafts } from './scoring';

/**
 * The owner of a corrective action: a holder of the role the template names for it on the
 * project, else the project manager, else a CS supervisor; null when the project has none.
 */
async function ownerOf(scope: TenantScope, projectId: string, preferredRole?: Role): Promise<string | null> {
  const rows = await projectRoleHolders(scope, projectId, [
    'project_manager',
    'cs_supervisor',
    ...(preferredRole ? [preferredRole] : []),
  ]);
  const owner =
    rows.find((r) => r.role === preferredRole) ?? rows.find((r) => r.role === 'project_manager') ?? rows[0];
  return owner?.id ?? null;
}

/** The corrective actions (整改) a failed audit needs, each with its owner, for the publishing batch. */
async function createCorrectiveActions(scope: TenantScope, audit: AuditRow, settings: core.AuditSettings) {
  const drafts = correctiveDrafts(audit, settings);
  const owners = new Map<string, string | null>();
  for (const role of new Set(drafts.map((d) => d.ownerRole))) {
    owners.set(role, await ownerOf(scope, audit.projectId, role));
  }
  return drafts.map((d) =>
    correctiveInsert(scope, {
      auditId: audit.id,
      branchId: audit.branchId,
      projectId: audit.projectId,
      itemId: d.itemKey,
      description: d.description.zh,
      ownerId: owners.get(d.ownerRole) ?? scope.actor.id ?? 'unassigned',
      deadline: new Date(d.deadline),
      status: 'open',
      resolution: null,
      doneAt: null,
      verifiedBy: null,
      verifiedAt: null,
      returnReason: null,
    }),
  );
}

/**
 * A manager publishes a submitted audit to the audited project. Below the pass mark (or vetoed
 * by a critical item) core's `correctiveActions` decides the actions, each due on the tenant's
 * deadline; the audit, the actions, their audit entries and the `audit.published` and
 * `corrective_action.created` events go in one batch.
 */
export async function publishAudit(
  scope: TenantScope,
  reach: AuditReach,
  input: { id: string; expectedVersion: number | undefined },
): Promise<AuditView> {
  const before = await mystery.getAudit(scope, reach, input.id);
  if (!canManageAudit(reach, before)) throw new AppError('forbidden', 'Publishing needs audits.manage');
  if (before.status !== 'submitted') {
    throw new AppError('illegal_transition', `Only a submitted audit can be published (is ${before.status})`);
  }
  const settings = auditSettings(await tenantSettings(scope), scope.timeZone);
  const actions = await createCorrectiveActions(scope, before, settings);
  const row = await mystery.updateAudit(
    scope,
    before,
    { status: 'published', publishedAt: scope.now, publishedBy: scope.actor.id },
    'audits.publish',
    input.expectedVersion,
    [
      ...actions.flatMap((a) => a.statements),
      ...publicationEvents(
        scope,
        before,
        actions.map((a) => a.row),
      ),
    ],
  );
  return auditView(scope, row);
}
