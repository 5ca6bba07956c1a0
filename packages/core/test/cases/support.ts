import {
  type Actor,
  applyAction,
  type CaseActionInput,
  type CaseDeadlines,
  type CaseIntake,
  CaseIntakeSchema,
  type CaseKind,
  type CaseSettings,
  type CaseSnapshot,
  type CaseTransition,
  defaultCaseSettings,
  followupStartingActions,
  receiveCase,
} from '../../src/cases/index';
import { AppError } from '../../src/errors';
import { defaultPolicies } from '../../src/sla/defaults';

export const settings: CaseSettings = defaultCaseSettings;

export const agent: Actor = { kind: 'staff', id: 'stf_agent', roles: ['hotline_agent'] };
export const supervisor: Actor = { kind: 'staff', id: 'stf_sup', roles: ['cs_supervisor'] };
export const pm: Actor = { kind: 'staff', id: 'stf_pm', roles: ['project_manager'] };
export const crManager: Actor = { kind: 'staff', id: 'stf_crm', roles: ['cr_manager'] };
export const branchGm: Actor = { kind: 'staff', id: 'stf_gm', roles: ['branch_gm'] };
export const guard: Actor = { kind: 'staff', id: 'stf_guard', roles: ['security_guard'] };
export const fixItStaff: Actor = {
  kind: 'contractor',
  id: 'ctc_fixit',
  roles: ['contractor_staff'],
  contractorId: 'ctr_fixit',
};
export const thirdPartyStaff: Actor = {
  kind: 'contractor',
  id: 'ctc_third',
  roles: ['contractor_staff'],
  contractorId: 'ctr_third',
};
export const owner: Actor = { kind: 'owner', id: 'own_li', roles: [] };
export const system: Actor = { kind: 'system', id: 'system', roles: [] };

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;

/** 2026-11-22 10:00 in Shanghai. */
export const t0 = new Date('2026-11-22T02:00:00Z');
export const at = (offsetMs: number) => new Date(t0.getTime() + offsetMs);

export function intake(kind: CaseKind, extra: Partial<CaseIntake> = {}): CaseIntake {
  return CaseIntakeSchema.parse({
    kind,
    channel: 'hotline',
    projectId: 'prj_lakeside',
    unitId: 'unit_3_1201',
    ownerId: 'own_li',
    description: kind === 'repair' ? '卫生间下水堵塞' : '3号楼电梯故障，多次报修无人处理',
    category: kind === 'repair' ? 'plumbing.blocked_drain' : 'elevator',
    ...extra,
  });
}

export function newCase(kind: CaseKind, extra: Partial<CaseIntake> = {}, by: Actor = agent): CaseSnapshot {
  return receiveCase({
    id: `case_${kind}`,
    intake: intake(kind, extra),
    actor: by,
    now: t0,
    settings,
    sequence: 1,
  }).snapshot;
}

/** The default SLA policy's follow-up (回访) delay for a kind, in minutes (3 days). */
export function defaultFollowupMinutes(kind: CaseKind): number | null {
  const milestone = defaultPolicies
    .find((p) => p.id === `default_${kind}`)
    ?.milestones.find((m) => m.key === 'followup');
  return milestone?.target.kind === 'duration' ? milestone.target.minutes : null;
}

/**
 * The deadlines the edge would pass from the default SLA policy: the contractor contact falls
 * due 30 minutes after dispatch (round the clock) until the contact is made; a step that starts
 * the follow-up (complete, resolve) schedules it the policy's 3 days later (round the clock).
 */
export function slaDeadlines(s: CaseSnapshot, action?: CaseActionInput, when?: Date): CaseDeadlines {
  const running = s.dispatchedAt !== null && s.contactedAt === null;
  const deadlines: CaseDeadlines = {
    contactDueAt: running ? new Date(s.dispatchedAt!.getTime() + 30 * 60_000) : null,
  };
  const delay = defaultFollowupMinutes(s.kind);
  if (
    action &&
    when &&
    delay !== null &&
    (followupStartingActions as readonly string[]).includes(action.type)
  ) {
    deadlines.followupDueAt = new Date(when.getTime() + delay * 60_000);
  }
  return deadlines;
}

/** A case's history as a story: each step applied in turn, collecting timeline and events. */
export class Story {
  timeline: CaseTransition['timeline'] = [];
  events: CaseTransition['events'] = [];
  constructor(
    public snapshot: CaseSnapshot,
    private readonly tenant: CaseSettings = settings,
  ) {}

  step(action: CaseActionInput, actor: Actor, when: Date): CaseTransition {
    const deadlines = slaDeadlines(this.snapshot, action, when);
    const t = applyAction(this.snapshot, action, actor, when, this.tenant, deadlines);
    this.snapshot = t.next;
    this.timeline.push(...t.timeline);
    this.events.push(...t.events);
    return t;
  }

  eventNames(): string[] {
    return this.events.map((e) => e.name);
  }
}

/** The AppError a step throws, for assertions on code and extra. */
export function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the step to be rejected');
}
