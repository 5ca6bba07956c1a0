import { z } from 'zod';

/*
 * The escalation ladder (升级路径): agent → supervisor → project manager → branch CS manager →
 * branch general manager, and for group-wide incidents the head-office functional centre
 * (客服职能中心). Who sits on each rung is set per tenant and overridden per branch and project.
 */

export const escalationRungs = [
  'agent',
  'supervisor',
  'project_manager',
  'branch_cs_manager',
  'branch_gm',
  'head_office_centre',
] as const;
export const EscalationRungSchema = z.enum(escalationRungs);
export type EscalationRung = z.infer<typeof EscalationRungSchema>;

/** Staff user ids per rung at one level (tenant, branch or project). A rung left out is not set there. */
export const RungAssignmentsSchema = z.partialRecord(
  EscalationRungSchema,
  z.array(z.string().min(1)).max(20),
);
export type RungAssignments = z.infer<typeof RungAssignmentsSchema>;

export interface Ladder {
  tenant: RungAssignments;
  branch?: RungAssignments | null;
  project?: RungAssignments | null;
}

export interface EscalationInput {
  ladder: Ladder;
  /** The rung the case has reached; a new case sits with its agent. */
  current: EscalationRung;
  trigger: 'breach' | 'near_breach';
  /** Group-wide incidents may climb past the branch to head office. */
  groupWide?: boolean;
  /** The highest rung a near-breach alone may reach (default supervisor). */
  nearBreachCeiling?: EscalationRung;
}

export interface EscalationStep {
  rung: EscalationRung;
  staffIds: string[];
  /** Which level's configuration named them. */
  source: 'project' | 'branch' | 'tenant';
}

/** Who sits on a rung: the project's list if it sets one, else the branch's, else the tenant's. */
export function whoIsOn(ladder: Ladder, rung: EscalationRung): Omit<EscalationStep, 'rung'> | null {
  for (const source of ['project', 'branch', 'tenant'] as const) {
    const staffIds = ladder[source]?.[rung];
    if (staffIds && staffIds.length > 0) return { staffIds: [...staffIds], source };
  }
  return null;
}

/**
 * The next rung up and who sits on it, or null when the case cannot climb further. Rungs no
 * level staffs are skipped (an escalation must reach a person). A near-breach climbs at most
 * to `nearBreachCeiling`, so warnings alert supervisors while breaches reach managers; the
 * head-office rung is only for group-wide incidents.
 */
export function nextEscalation(input: EscalationInput): EscalationStep | null {
  const top = input.groupWide ? 'head_office_centre' : 'branch_gm';
  const ceiling = input.trigger === 'near_breach' ? (input.nearBreachCeiling ?? 'supervisor') : top;
  const limit = Math.min(escalationRungs.indexOf(ceiling), escalationRungs.indexOf(top));
  for (let i = escalationRungs.indexOf(input.current) + 1; i <= limit; i++) {
    const rung = escalationRungs[i]!;
    const who = whoIsOn(input.ladder, rung);
    if (who) return { rung, ...who };
  }
  return null;
}
