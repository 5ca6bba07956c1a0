import { isRole, notify, type Role } from '@guanjia/core';
import { findCategory } from '@guanjia/core/cases/vocabulary';
import type { EventEnvelope } from '@guanjia/core/events/catalogue';
import { loadCaseSettings } from '../../data/case-support';
import type { InboxItem } from '../../data/inbox';
import {
  type CaseNoticeFacts,
  type ContactPerson,
  caseNoticeFacts,
  contractorJobAudience,
  departmentHeadIds,
} from '../../data/notify-recipients';
import { roleHolders } from '../../data/role-holders';
import type { TenantScope } from '../../data/scope';
import type { Env } from '../../env';
import { publicBaseUrl } from '../../notify/owner-messages';
import { milestoneDueAt, slaDeadlines } from '../cases/deadlines';

/*
 * Who on the staff side must hear of a case event beyond its assignee, and what they are told
 * (core's `notify.staffMessageFor`): the contractor's people on a dispatched job and its
 * dispatcher contact; the department's heads when it is given a case (with the feedback
 * deadline); the first-ask owner (首问负责人) on completion, breach and reopen; the project CS
 * supervisor, branch CS manager and branch GM on a major complaint or incident (an emergency:
 * quiet hours do not apply); the claim approvers over the threshold and the handler on the
 * decision; each escalation rung's holders.
 */

export interface StaffNotice {
  userIds: string[];
  /** People without a login (a contractor's dispatcher): channels only, no inbox. */
  contacts: ContactPerson[];
  /** The message in the reader's language (inbox rows and provider messages alike). */
  messageIn: (locale: notify.StaffLocale) => notify.StaffMessage;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const date = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);

/** The console page of a case. */
export const consoleCaseLink = (env: Env, caseId: string) => `${publicBaseUrl(env)}/cases/${caseId}`;

/** The inbox rows of notices (one per person per event: the inbox's unique key). */
export function noticeInboxItems(
  event: EventEnvelope,
  notices: readonly StaffNotice[],
  localeOf: (userId: string) => notify.StaffLocale = () => 'zh-CN',
): InboxItem[] {
  return notices.flatMap((n) =>
    n.userIds
      .map((userId) => ({ userId, message: n.messageIn(localeOf(userId)) }))
      .map(({ userId, message }) => ({
        userId,
        sourceId: event.id,
        kind: event.type,
        title: message.title,
        body: message.text,
        data: {
          eventId: event.id,
          caseId: event.data.caseId,
          archiveNo: event.data.archiveNo,
          template: message.template,
          link: message.link,
          urgent: message.urgent,
        },
      })),
  );
}

/** Holders of roles at the case's project and branch (and group-wide ones when asked). */
async function holdersAt(
  scope: TenantScope,
  c: CaseNoticeFacts,
  wanted: { role: Role; at: 'project' | 'branch' | 'any' }[],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const w of wanted) {
    const places =
      w.at === 'project'
        ? [{ scopeType: 'project' as const, scopeIds: [c.projectId] }]
        : w.at === 'branch'
          ? [{ scopeType: 'branch' as const, scopeIds: [c.branchId] }]
          : [
              { scopeType: 'group' as const },
              { scopeType: 'branch' as const, scopeIds: [c.branchId] },
              { scopeType: 'project' as const, scopeIds: [c.projectId] },
            ];
    for (const h of await roleHolders(scope, { roles: [w.role], places })) ids.add(h.userId);
  }
  return [...ids];
}

/** Everyone the event's staff notices go to, each notice once, never to the actor themselves. */
export async function staffNoticesFor(
  env: Env,
  scope: TenantScope,
  event: EventEnvelope,
): Promise<StaffNotice[]> {
  const d = event.data;
  const caseId = str(d.caseId);
  if (!caseId || !event.type.match(/^(case|sla|incident|claim)\./)) return [];
  const relevant = [
    'case.dispatched',
    'case.department_assigned',
    'case.completed',
    'case.resolved',
    'sla.breached',
    'case.reopened',
    'incident.required',
    'incident.opened',
    'claim.approval_required',
    'claim.approved',
    'case.escalated',
  ];
  if (!relevant.includes(event.type)) return [];
  const c = await caseNoticeFacts(scope, caseId);
  if (!c) return [];
  // Staff read the tenant's own name of the category (下水堵塞), not its code.
  const labels = findCategory((await loadCaseSettings(scope)).categories, c.category)?.labels;
  const facts: notify.StaffCaseFacts = {
    archiveNo: c.archiveNo,
    unit: c.unit,
    category: labels?.['zh-CN'] ?? c.category,
    categoryEn: labels?.en ?? c.category,
    timeZone: scope.timeZone,
    link: consoleCaseLink(env, c.id),
  };
  const actorId = (d.actor as { id?: string | null } | undefined)?.id ?? null;
  const notice = (
    userIds: string[],
    kind: notify.StaffNoticeKind,
    contacts: ContactPerson[] = [],
  ): StaffNotice[] => {
    const people = [...new Set(userIds)].filter((id) => id && id !== actorId);
    return people.length || contacts.length
      ? [
          {
            userIds: people,
            contacts,
            messageIn: (locale: notify.StaffLocale) => notify.staffMessageFor(kind, facts, locale),
          },
        ]
      : [];
  };
  const emergency = c.urgency === 'emergency';
  const firstAsker = c.firstAskOwnerId ? [c.firstAskOwnerId] : [];
  switch (event.type) {
    case 'case.dispatched': {
      const contactDueAt = (await slaDeadlines(scope, c.id)).contactDueAt ?? null;
      const kind = { kind: 'job_dispatched' as const, contactDueAt, urgent: emergency };
      const contractorId = str(d.contractorId);
      if (contractorId) {
        const audience = await contractorJobAudience(scope, contractorId, str(d.assigneeId));
        return notice(audience.staffIds, kind, audience.contacts);
      }
      // In-house: the person the job went to (a department's heads hear of it separately).
      return notice(str(d.assigneeId) ? [str(d.assigneeId) as string] : [], kind);
    }
    case 'case.department_assigned': {
      const departmentId = str(d.departmentId);
      if (!departmentId) return [];
      const feedbackDueAt =
        c.kind === 'complaint' ? await milestoneDueAt(scope, c.id, 'department_feedback') : null;
      return notice(await departmentHeadIds(scope, departmentId), {
        kind: 'department_assigned',
        feedbackDueAt,
      });
    }
    case 'case.completed':
    case 'case.resolved':
      return notice(firstAsker, { kind: 'first_ask_completed' });
    case 'sla.breached': {
      const dueAt = date(d.dueAt);
      return dueAt
        ? notice(firstAsker, { kind: 'first_ask_breached', milestone: String(d.milestone ?? ''), dueAt })
        : [];
    }
    case 'case.reopened':
      return notice(firstAsker, { kind: 'first_ask_reopened', reopenCount: Number(d.reopenCount ?? 1) });
    case 'incident.required':
    case 'incident.opened': {
      const audience = await holdersAt(scope, c, [
        { role: 'cs_supervisor', at: 'project' },
        { role: 'branch_cs_manager', at: 'branch' },
        { role: 'branch_gm', at: 'branch' },
      ]);
      const severity = String(d.severity ?? c.severity ?? 'major');
      return event.type === 'incident.required'
        ? notice(audience, { kind: 'major_complaint', severity })
        : notice(audience, { kind: 'incident_opened', severity, etaAt: date(d.etaAt) });
    }
    case 'claim.approval_required': {
      const roles = (Array.isArray(d.approverRoles) ? d.approverRoles : ['cr_manager']).filter(
        (r): r is Role => typeof r === 'string' && isRole(r),
      );
      const approvers = await holdersAt(
        scope,
        c,
        roles.map((role) => ({ role, at: 'any' as const })),
      );
      return notice(approvers, {
        kind: 'claim_approval',
        amountFen: Number(d.amountFen),
        thresholdFen: Number(d.thresholdFen),
      });
    }
    case 'claim.approved': {
      const handler = c.assigneeId ?? c.firstAskOwnerId;
      return notice(handler ? [handler] : [], {
        kind: 'claim_approved',
        amountFen: Number(d.amountFen ?? 0),
      });
    }
    case 'case.escalated': {
      const holders = (Array.isArray(d.notifyStaffIds) ? d.notifyStaffIds : []).filter(
        (id): id is string => typeof id === 'string',
      );
      return notice(holders, {
        kind: 'escalated',
        level: Number(d.level ?? 1),
        milestone: str(d.milestone),
        urgent: emergency || c.severity === 'major' || c.severity === 'group',
      });
    }
    default:
      return [];
  }
}
