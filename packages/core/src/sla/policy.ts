import { z } from 'zod';
import { CaseChannelSchema, CaseKindSchema, UrgencySchema } from '../cases/vocabulary';
import { clockEventNames } from './timeline';

/*
 * SLA policies: which cases they match and the milestones (时限节点) each matched case runs
 * against. Event names are the case events (`case.dispatched`, `case.replied`, ...) and
 * statuses the case statuses of the cases module.
 */

const key = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'lower snake_case')
  .max(40);
/** A case event the clock sees (`case.dispatched`, `case.replied`, ...): a typo is refused, by name. */
const eventName = z.string().refine((name) => clockEventNames.includes(name as never), {
  error: (issue) => `unknown case event ${JSON.stringify(issue.input)}: one of ${clockEventNames.join(', ')}`,
});

/** When the milestone falls due. */
export const TargetSchema = z.discriminatedUnion('kind', [
  /** A fixed amount of (business or wall-clock) time after the start event. */
  z.object({ kind: z.literal('duration'), minutes: z.number().int().positive().max(525_600) }).strict(),
  /**
   * Another milestone's due time plus an offset in this milestone's calendar mode: the
   * department feedback is the first reply's due time minus 60 minutes.
   */
  z
    .object({
      kind: z.literal('relative'),
      to: key,
      offsetMinutes: z.number().int().min(-525_600).max(525_600),
    })
    .strict(),
  /**
   * Due at the close of every working day from the start event until an `endOn` event: each day
   * is its own occurrence, met by a stop event during it (the daily handling update).
   */
  z.object({ kind: z.literal('end_of_working_day') }).strict(),
]);
export type Target = z.infer<typeof TargetSchema>;

/** A near-breach warning: a share of the allowed time elapsed, or a fixed lead before due. */
export const WarningSchema = z.union([
  z.object({ share: z.number().gt(0).lt(1) }).strict(),
  z.object({ leadMinutes: z.number().int().positive() }).strict(),
]);
export type Warning = z.infer<typeof WarningSchema>;

export const breachActions = ['escalate', 'forfeit_contractor', 'notify'] as const;

export const MilestoneSchema = z
  .object({
    key,
    /** The first of these events (in the cycle) starts the clock. */
    startOn: z.array(eventName).min(1).max(10),
    /** The first of these events after the start meets the milestone. */
    stopOn: z.array(eventName).min(1).max(10),
    /** Recurring milestones only: these events end the series. */
    endOn: z.array(eventName).max(10).default([]),
    target: TargetSchema,
    calendar: z.enum(['round_the_clock', 'business_hours']).default('business_hours'),
    warning: WarningSchema.optional(),
    /** While the case is in one of these statuses the clock stands still (e.g. waiting_for_owner). */
    pauseOn: z.array(z.string().min(1).max(40)).max(10).default([]),
    /** `reminder`: falls due rather than being breached (emits a `due` action, no escalation). */
    type: z.enum(['deadline', 'reminder']).default('deadline'),
    onWarning: z.enum(['notify', 'escalate']).default('notify'),
    onBreach: z.array(z.enum(breachActions)).max(3).default(['escalate']),
    /**
     * After a reopen (a new cycle): `restart` runs the full time again from the reopen;
     * `continue` keeps what was left (the time between the previous cycle's stop and the reopen
     * does not count); `next_start` waits for the start event to happen again in the new cycle
     * (a follow-up is owed after the next completion, not after the reopen).
     */
    reopen: z.enum(['restart', 'continue', 'next_start']).default('restart'),
  })
  .strict();
export type Milestone = z.output<typeof MilestoneSchema>;
export type MilestoneInput = z.input<typeof MilestoneSchema>;

/** Every list given must contain the case's value; a missing list matches all. */
export const MatchSchema = z
  .object({
    kinds: z.array(CaseKindSchema).min(1).optional(),
    urgencies: z.array(UrgencySchema).min(1).optional(),
    /** Category codes; a code also matches its descendants (`plumbing` matches `plumbing.pipe_burst`). */
    categories: z.array(z.string().min(1).max(80)).min(1).optional(),
    channels: z.array(CaseChannelSchema).min(1).optional(),
    projectIds: z.array(z.string().min(1).max(64)).min(1).optional(),
  })
  .strict();
export type Match = z.infer<typeof MatchSchema>;

export const PolicySchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    priority: z.number().int().min(0).max(1000).default(0),
    match: MatchSchema.default({}),
    milestones: z.array(MilestoneSchema).min(1).max(20),
  })
  .superRefine((policy, ctx) => {
    const keys = new Map(policy.milestones.map((m) => [m.key, m]));
    const seen = new Set<string>();
    policy.milestones.forEach((m, i) => {
      if (seen.has(m.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'key'],
          message: `duplicate milestone ${m.key}`,
        });
      }
      seen.add(m.key);
      if (m.target.kind !== 'relative') return;
      const anchor = keys.get(m.target.to);
      // One level only: an anchor that is itself relative could form a cycle.
      if (anchor && anchor.target.kind === 'relative') {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'target', 'to'],
          message: `${m.target.to} is itself relative; anchor to a fixed milestone`,
        });
      }
      if (m.target.to === m.key) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'target', 'to'],
          message: 'cannot be relative to itself',
        });
      }
    });
  });
export type Policy = z.output<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

/** What policy matching reads from a case. */
export interface CaseProfile {
  kind: z.infer<typeof CaseKindSchema>;
  urgency: z.infer<typeof UrgencySchema>;
  category: string;
  channel: z.infer<typeof CaseChannelSchema>;
  projectId: string;
}

/** Whether a policy's match criteria all hold for the case. */
export function matches(match: Match, c: CaseProfile): boolean {
  return (
    (!match.kinds || match.kinds.includes(c.kind)) &&
    (!match.urgencies || match.urgencies.includes(c.urgency)) &&
    (!match.categories ||
      match.categories.some((code) => c.category === code || c.category.startsWith(`${code}.`))) &&
    (!match.channels || match.channels.includes(c.channel)) &&
    (!match.projectIds || match.projectIds.includes(c.projectId))
  );
}

// Tie-break weights when two policies name as many criteria: the narrower dimension wins.
const weights: Record<keyof Match, number> = {
  projectIds: 16,
  categories: 8,
  urgencies: 4,
  channels: 2,
  kinds: 1,
};

/**
 * How specific a match is, as a sortable tuple: (1) how many criteria it names, (2) the
 * admin-set priority, (3) which criteria (project > category > urgency > channel > kind).
 */
export function specificity(policy: Pick<Policy, 'match' | 'priority'>): [number, number, number] {
  const named = (Object.keys(weights) as (keyof Match)[]).filter((k) => policy.match[k] !== undefined);
  return [named.length, policy.priority, named.reduce((sum, k) => sum + weights[k], 0)];
}

/** A milestone with the policy it came from. */
export type ResolvedMilestone = Milestone & { policyId: string };

/**
 * The milestones a case runs against. Policies compose: every enabled matching policy
 * contributes its milestones, and where several define the same milestone key the most
 * specific policy's version wins (see `specificity`; a full tie goes to the earlier policy in
 * the list). So a tenant keeps "all complaints: first reply in 24 h" while a project policy
 * overrides only that project's first reply. Relative milestones whose anchor is missing
 * from the result are dropped.
 */
export function resolveMilestones(policies: readonly Policy[], c: CaseProfile): ResolvedMilestone[] {
  const ranked = policies
    .map((p, order) => ({ p, order, rank: specificity(p) }))
    .filter(({ p }) => p.enabled && matches(p.match, c))
    .sort((a, b) => compareRank(b.rank, a.rank) || a.order - b.order);
  const chosen = new Map<string, ResolvedMilestone>();
  for (const { p } of ranked) {
    for (const m of p.milestones) if (!chosen.has(m.key)) chosen.set(m.key, { ...m, policyId: p.id });
  }
  const result = [...chosen.values()];
  return result.filter(
    (m) => m.target.kind !== 'relative' || chosen.get(m.target.to)?.target.kind === 'duration',
  );
}

function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
