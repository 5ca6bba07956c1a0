import type { ActionName, ActionOf } from './actions';
import type { Actor } from './actor';
import type { CaseDeadlines } from './guards';
import type { CaseChanges, CaseEventName, CaseSnapshot, CaseStatus, TimelineEntry } from './model';
import type { CaseParty } from './parties';
import type { CaseSettings } from './settings';

export interface EffectContext {
  snapshot: CaseSnapshot;
  actor: Actor;
  now: Date;
  settings: CaseSettings;
  /** The SLA's due times, when the edge passed them (a forfeit records its contact deadline). */
  deadlines?: CaseDeadlines;
}

/** What one action does to a case, before the state machine stamps time and actor on it. */
export interface Effect {
  /** Only for actions with more than one target (follow-up, resume); otherwise the graph decides. */
  status?: CaseStatus;
  changes?: CaseChanges;
  timeline?: Array<
    Pick<TimelineEntry, 'action' | 'visibility'> & Partial<Pick<TimelineEntry, 'note' | 'data'>>
  >;
  events?: Array<{ name: CaseEventName; data?: Record<string, unknown> }>;
  /** Owners and units the step links to the case (group complaints). */
  parties?: CaseParty[];
}

export type EffectFn<N extends ActionName> = (ctx: EffectContext, action: ActionOf<N>) => Effect;
export type EffectTable<N extends ActionName> = { [K in N]: EffectFn<K> };

/** Everyone who handles the case now, told when it comes back (unsatisfied follow-up, reopen). */
export function handlers(s: CaseSnapshot): Record<string, string | null> {
  return {
    contractorId: s.contractorId,
    departmentId: s.departmentId,
    assigneeId: s.assigneeId,
    firstAskOwnerId: s.firstAskOwnerId,
  };
}

export const iso = (d: Date) => d.toISOString();
