import { z } from 'zod';
import { type Role, rolePermissions, roles } from '../access/roles';

export const actorKinds = ['staff', 'contractor', 'owner', 'system', 'integrator'] as const;
export type ActorKind = (typeof actorKinds)[number];

/**
 * Who is acting. Staff and integrators act through their roles; contractor staff carry
 * their company's id; an owner acts through the owner link; the system is the SLA clock.
 */
export const ActorSchema = z
  .object({
    kind: z.enum(actorKinds),
    id: z.string().min(1),
    roles: z.array(z.enum(roles)).default([]),
    contractorId: z.string().min(1).optional(),
  })
  .refine((a) => a.kind !== 'contractor' || a.contractorId !== undefined, {
    path: ['contractorId'],
    message: 'contractor staff carry their contractorId',
  });
export type Actor = z.infer<typeof ActorSchema>;

/** The system actor the SLA clock uses (forfeits, resumes). */
export const systemActor: Actor = { kind: 'system', id: 'system', roles: [] };

/** Whether the actor is a desk handler: staff or an integrator whose roles allow handling cases. */
export function isDeskHandler(actor: Actor): boolean {
  if (actor.kind !== 'staff' && actor.kind !== 'integrator') return false;
  return actor.roles.some((role) => rolePermissions[role].includes('cases.handle'));
}

/** Whether a staff member holds one of the given roles (integrators never approve). */
export function holdsRole(actor: Actor, wanted: readonly Role[]): boolean {
  return actor.kind === 'staff' && actor.roles.some((role) => wanted.includes(role));
}

/**
 * Who may reclassify a case (kind, category, urgency, project): supervisors and managers, who
 * own the decision that intake was wrong, never the front line (hotline, front desk,
 * specialists), engineers, contractors or integrators. docs/access.md lists them.
 */
export const reclassifyingRoles: readonly Role[] = [
  'tenant_admin',
  'cr_manager',
  'cs_supervisor',
  'complaint_supervisor',
  'project_manager',
  'branch_cs_manager',
  'branch_gm',
];
