import type { ActionOf } from './actions';
import type { Effect, EffectContext } from './effect';
import type { CaseChanges } from './model';

/**
 * 改类: the fields asked for change, the reason goes in the (internal) timeline with what they
 * were. A change of kind starts the new kind's flow at `received` (the statuses of one kind mean
 * nothing in another) and gives a complaint its severity; the SLA clock then ends the old
 * policies' milestones (`reclassified`) and starts the new ones from now.
 */
export function reclassify(ctx: EffectContext, a: ActionOf<'reclassify'>): Effect {
  const s = ctx.snapshot;
  const changes: CaseChanges = {};
  if (a.kind !== undefined && a.kind !== s.kind) {
    changes.kind = a.kind;
    changes.severity = a.kind === 'complaint' ? (s.severity ?? 'normal') : null;
  }
  if (a.category !== undefined && a.category !== s.category) changes.category = a.category;
  if (a.urgency !== undefined && a.urgency !== s.urgency) changes.urgency = a.urgency;
  if (a.projectId !== undefined && a.projectId !== s.projectId) {
    changes.projectId = a.projectId;
    changes.unitId = a.unitId ?? null;
  }
  const fields = Object.keys(changes).filter((k) => k !== 'severity') as (keyof CaseChanges)[];
  const from = Object.fromEntries(fields.map((k) => [k, s[k as keyof typeof s] ?? null]));
  const to = Object.fromEntries(fields.map((k) => [k, changes[k] ?? null]));
  const data = { from, to, reason: a.reason };
  return {
    ...(changes.kind !== undefined && { status: 'received' as const }),
    changes,
    timeline: [{ action: 'reclassify', visibility: 'internal', note: a.reason, data }],
    events: [{ name: 'case.reclassified', data }],
  };
}
