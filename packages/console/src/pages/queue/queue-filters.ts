import type { paths } from '../../api/schema';
import type { Me } from '../../session/auth';

export type CaseListQuery = NonNullable<paths['/v1/cases']['get']['parameters']['query']>;

export type QueueScope = 'mine' | 'team' | 'all';

/** The queue's filters, read from and written to the URL (a supervisor can send a link). */
export interface QueueFilters {
  scope: QueueScope;
  status?: string;
  kind?: string;
  projectId?: string;
  category?: string;
  /** How the case came in (来源渠道). */
  channel?: string;
  /** A branch's cases (a dashboard of a branch drills down with it). */
  branchId?: string;
  breached?: boolean;
  /** Cases that climbed the escalation ladder (升级). */
  escalated?: boolean;
  /** Received at or after / before (ISO instants): the dashboard period a figure counts. */
  from?: string;
  to?: string;
  dueWithinHours?: number;
  q?: string;
}

/** An ISO instant from the URL, or nothing (a hand-edited link must not break the list). */
const instant = (value: string | null) => (value && !Number.isNaN(Date.parse(value)) ? value : undefined);

export function readFilters(params: URLSearchParams): QueueFilters {
  const scope = params.get('scope');
  const due = Number(params.get('due'));
  return {
    scope: scope === 'mine' || scope === 'team' ? scope : 'all',
    status: params.get('status') ?? undefined,
    kind: params.get('kind') ?? undefined,
    projectId: params.get('projectId') ?? undefined,
    category: params.get('category') ?? undefined,
    channel: params.get('channel') ?? undefined,
    branchId: params.get('branchId') ?? undefined,
    breached: params.get('breached') === '1' || undefined,
    escalated: params.get('escalated') === '1' || undefined,
    from: instant(params.get('from')),
    to: instant(params.get('to')),
    dueWithinHours: Number.isFinite(due) && due > 0 ? due : undefined,
    q: params.get('q') ?? undefined,
  };
}

export function writeFilters(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.scope !== 'all') params.set('scope', filters.scope);
  for (const key of [
    'status',
    'kind',
    'projectId',
    'branchId',
    'category',
    'channel',
    'from',
    'to',
    'q',
  ] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.breached) params.set('breached', '1');
  if (filters.escalated) params.set('escalated', '1');
  if (filters.dueWithinHours) params.set('due', String(filters.dueWithinHours));
  return params;
}

/** A link into the work queue filtered to some cases: how a report's figure drills down. */
export function queueLink(filters: Omit<QueueFilters, 'scope'>): string {
  const query = writeFilters({ scope: 'all', ...filters }).toString();
  return query ? `/queue?${query}` : '/queue';
}

/**
 * The API query for the filters. "Mine" is what I took first (首问) when I take cases in, else
 * what is assigned to me; "my team" is my grant's project or branch.
 */
export function apiQuery(filters: QueueFilters, me: Me, now: number): CaseListQuery {
  const takesCasesIn = me.permissions.includes('cases.create');
  const grant = me.grants.find((g) => g.scopeType !== 'group');
  return {
    limit: 50,
    ...(filters.scope === 'mine' &&
      (takesCasesIn ? { firstAskOwnerId: me.actorId } : { assigneeId: me.actorId })),
    ...(filters.scope === 'team' &&
      grant?.scopeType === 'project' && { projectId: grant.scopeId ?? undefined }),
    ...(filters.scope === 'team' &&
      grant?.scopeType === 'branch' && { branchId: grant.scopeId ?? undefined }),
    ...(filters.status && { status: filters.status as CaseListQuery['status'] }),
    ...(filters.kind && { kind: filters.kind as CaseListQuery['kind'] }),
    ...(filters.projectId && { projectId: filters.projectId }),
    ...(filters.branchId && { branchId: filters.branchId }),
    ...(filters.category && { category: filters.category }),
    ...(filters.channel && { channel: filters.channel as CaseListQuery['channel'] }),
    ...(filters.breached && { overdue: 'true' as const }),
    ...(filters.escalated && { escalated: 'true' as const }),
    ...(filters.from && { from: filters.from }),
    ...(filters.to && { to: filters.to }),
    ...(filters.dueWithinHours && {
      dueBefore: new Date(now + filters.dueWithinHours * 3_600_000).toISOString(),
    }),
    ...(filters.q && { q: filters.q }),
  };
}
