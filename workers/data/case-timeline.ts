import { type cases as core, newId } from '@guanjia/core';
import { caseTimeline } from '@guanjia/core/db/schema';
import type { EventType } from '@guanjia/core/events/catalogue';
import type { CaseRow } from './case-support';
import { outboxEvent } from './outbox';
import type { TenantScope } from './scope';

/**
 * A case's timeline rows and its outbox events (core's case events under the catalogue's names),
 * as statements for the one batch of the change that caused them.
 */

// ---------------------------------------------------------------------------
// Events

/** Core's case events that the event catalogue carries under their own name. */
const catalogued = new Set([
  'case.created',
  'case.assigned',
  'case.dispatched',
  'case.contacted',
  'case.forfeited',
  'case.completed',
  'case.signed_off',
  'case.reopened',
  'case.closed',
  'followup.completed',
  // An owner-facing note changes no field: its own event says it all.
  'case.owner_noted',
]);

export interface CaseEventPayload {
  type: string;
  payload: Record<string, unknown>;
}

const isoOf = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Core's events of one write as catalogue payloads (`@guanjia/core/events/catalogue`): each case
 * event carries where the case stands (the row after the change). Steps whose events the
 * catalogue has no name for (arrive, reply, feedback, severity, incident, claim, rework...) are
 * announced once as `case.updated` with the fields that changed.
 */
export function caseEventPayloads(
  scope: TenantScope,
  row: CaseRow,
  events: readonly core.CaseEvent[],
  changed: readonly string[],
): CaseEventPayload[] {
  const actor = { type: scope.actor.type, id: scope.actor.id };
  const ref = {
    caseId: row.id,
    archiveNo: row.archiveNo,
    kind: row.kind,
    status: row.status,
    branchId: row.branchId,
    projectId: row.projectId,
    unitId: row.unitId,
    ownerId: row.ownerId,
  };
  const out: CaseEventPayload[] = [];
  let uncatalogued = false;
  for (const e of events) {
    const d = e.data;
    switch (e.name) {
      case 'case.created':
        out.push({
          type: e.name,
          payload: {
            ...ref,
            channel: row.channel,
            category: row.category,
            urgency: row.urgency,
            receivedAt: row.receivedAt.toISOString(),
            firstAskOwnerId: row.firstAskOwnerId,
            actor,
          },
        });
        break;
      case 'case.assigned':
        if (typeof d.assigneeId === 'string') {
          out.push({
            type: e.name,
            payload: { ...ref, assigneeId: d.assigneeId, departmentId: row.departmentId, actor },
          });
        } else uncatalogued = true;
        break;
      case 'case.dispatched':
        out.push({
          type: e.name,
          payload: {
            ...ref,
            contractorId: row.contractorId,
            assigneeId: row.assigneeId,
            dispatchedAt: isoOf(row.dispatchedAt) ?? e.at.toISOString(),
            actor,
          },
        });
        break;
      case 'case.contacted':
        out.push({ type: e.name, payload: { ...ref, contactedAt: e.at.toISOString(), actor } });
        break;
      case 'case.forfeited':
        out.push({
          type: e.name,
          payload: { ...ref, contractorId: String(d.contractorId), reason: 'contact_deadline_missed', actor },
        });
        break;
      case 'case.completed':
        out.push({ type: e.name, payload: { ...ref, completedAt: e.at.toISOString(), actor } });
        break;
      case 'case.signed_off':
        out.push({ type: e.name, payload: { ...ref, signedOffAt: e.at.toISOString(), actor } });
        break;
      case 'case.reopened':
        out.push({
          type: e.name,
          payload: { ...ref, reopenCount: row.reopenCount, reason: String(d.reason ?? ''), actor },
        });
        break;
      case 'case.closed':
        out.push({
          type: e.name,
          payload: { ...ref, closedAt: e.at.toISOString(), satisfaction: row.satisfaction, actor },
        });
        break;
      case 'followup.completed':
        out.push({
          type: e.name,
          payload: {
            ...ref,
            followedUpAt: e.at.toISOString(),
            satisfied: d.satisfied === true,
            satisfaction: typeof d.satisfaction === 'number' ? d.satisfaction : null,
          },
        });
        break;
      default:
        if (!catalogued.has(e.name)) uncatalogued = true;
    }
    out.push(...namedFacts(e, ref, row, actor));
  }
  if (uncatalogued) out.push({ type: 'case.updated', payload: { ...ref, changed: [...changed], actor } });
  return out;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * Steps that people must hear of, under names of their own (besides `case.updated`, which still
 * announces the changed fields): the reply and owner-facing notes (the owner's channel), the
 * resolution, a department given the case (its heads), a major complaint and its special team,
 * a claim over the threshold and its approval.
 */
function namedFacts(
  e: core.CaseEvent,
  ref: Record<string, unknown>,
  row: CaseRow,
  actor: { type: string; id: string | null },
): CaseEventPayload[] {
  const d = e.data;
  switch (e.name) {
    case 'case.replied':
      return [
        {
          type: e.name,
          payload: {
            ...ref,
            replyKind: d.replyKind,
            channel: String(d.channel ?? 'phone'),
            first: d.first === true,
            message: String(d.message ?? ''),
            actor,
          },
        },
      ];
    case 'case.owner_noted':
      return [{ type: e.name, payload: { ...ref, note: String(d.note ?? ''), actor } }];
    case 'case.resolved':
      return [{ type: e.name, payload: { ...ref, resolvedAt: e.at.toISOString(), actor } }];
    case 'case.assigned':
    case 'case.dispatched': {
      const departmentId = str(d.departmentId);
      if (!departmentId) return [];
      return [
        {
          type: 'case.department_assigned',
          payload: { ...ref, departmentId, assigneeId: str(d.assigneeId), category: row.category, actor },
        },
      ];
    }
    case 'incident.required':
      return [{ type: e.name, payload: { ...ref, severity: String(d.severity ?? ''), actor } }];
    case 'incident.opened':
      return [
        {
          type: e.name,
          payload: {
            ...ref,
            severity: str(d.severity),
            leaderId: String(d.leaderId),
            memberIds: Array.isArray(d.memberIds) ? d.memberIds : [],
            etaAt: str(d.etaAt),
            actor,
          },
        },
      ];
    case 'claim.approval_required':
      return [
        {
          type: e.name,
          payload: {
            ...ref,
            amountFen: Number(d.amountFen),
            thresholdFen: Number(d.thresholdFen),
            approverRoles: Array.isArray(d.approverRoles) ? d.approverRoles : [],
            actor,
          },
        },
      ];
    case 'claim.approved':
      return [
        {
          type: e.name,
          payload: {
            ...ref,
            amountFen: typeof d.amountFen === 'number' ? d.amountFen : null,
            approvedBy: str(d.approvedBy),
            actor,
          },
        },
      ];
    default:
      return [];
  }
}

/**
 * The ONE place case events leave the data layer: outbox rows (`outboxEvent`) for the same batch
 * as the change, placed at the case's branch and project for scoped webhook subscriptions.
 */
export function caseEventStatements(
  scope: TenantScope,
  row: CaseRow,
  events: readonly core.CaseEvent[],
  changed: readonly string[] = [],
): unknown[] {
  return caseEventPayloads(scope, row, events, changed).map((e) =>
    outboxEvent(scope, e.type as EventType, e.payload, { branchId: row.branchId, projectId: row.projectId }),
  );
}

// ---------------------------------------------------------------------------
// Timeline

export function timelineStatements(
  scope: TenantScope,
  caseId: string,
  entries: readonly core.TimelineEntry[],
) {
  // Ids minted in the same millisecond need not sort in minting order: hand them out sorted.
  const ids = entries.map(() => newId('caseTimeline')).sort();
  return entries.map((t, i) =>
    scope.db.insert(caseTimeline).values({
      id: ids[i] as string,
      tenantId: scope.tenantId,
      caseId,
      at: t.at,
      actorType: t.actorType,
      actorId: t.actorId,
      action: t.action,
      visibility: t.visibility,
      note: t.note,
      data: t.data,
    }),
  );
}
