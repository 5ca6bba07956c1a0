import { AppError, fieldError, newId, type Reach, reachOf, satisfaction, sla } from '@guanjia/core';
import type { z } from 'zod';
import type { OwnerInterviewRow } from '../../data/interviews';
import * as register from '../../data/interviews';
import { activeStaff } from '../../data/org-lookups';
import { inReach } from '../../data/reach';
import type { PageRequest } from '../../data/records';
import type { TenantScope } from '../../data/scope';
import * as campaigns from '../../data/survey-campaigns';
import { satisfactionSettings } from './settings';

export type { OwnerInterviewRow } from '../../data/interviews';

/*
 * Owner interviews (访谈), seed 000: every staff member interviews at least 12 owners a year,
 * management 6, and files a report (owner, unit, living experience, product opinion) with the
 * CS department. The register answers the reach of satisfaction.read; everyone sees their own.
 */

/**
 * A staff member files an interview they held. The owner must live in the unit and the unit be
 * within the filer's owners.read reach; filing for someone else takes satisfaction.manage there.
 */
export async function fileInterview(
  scope: TenantScope,
  input: z.infer<typeof satisfaction.InterviewReportSchema> & { staffId?: string | undefined },
): Promise<OwnerInterviewRow> {
  const actorId = scope.actor.type === 'staff' ? scope.actor.id : null;
  if (!actorId) throw new AppError('forbidden', 'Interviews are filed by staff');
  const ownersReach = reachOf(scope.grants, 'owners.read');
  const place = await register.unitOfOwner(scope, input.ownerId, input.unitId);
  if (!place || !inReach(ownersReach, place)) {
    throw fieldError('unitId', `Unit ${input.unitId} of owner ${input.ownerId} not found`);
  }
  const staffId = input.staffId ?? actorId;
  if (staffId !== actorId && !inReach(reachOf(scope.grants, 'satisfaction.manage'), place)) {
    throw new AppError(
      'forbidden',
      "Only the CS centre files another person's interview (satisfaction.manage)",
    );
  }
  const today = sla.localDateOf(scope.now.getTime(), scope.timeZone);
  if (input.interviewedOn > today)
    throw fieldError('interviewedOn', 'An interview is filed after it was held');
  const staff = await register.staffWithRoles(scope).then((all) => all.find((s) => s.id === staffId));
  if (!staff) await activeStaff(scope, staffId, 'staffId');
  const row: OwnerInterviewRow = {
    id: newId('ownerInterview'),
    tenantId: scope.tenantId,
    staffId,
    departmentId: staff?.departmentId ?? null,
    branchId: place.branchId,
    projectId: place.projectId,
    ownerId: input.ownerId,
    unitId: input.unitId,
    interviewedOn: input.interviewedOn,
    livingExperience: input.livingExperience,
    productOpinion: input.productOpinion,
    createdAt: scope.now,
    updatedAt: scope.now,
  };
  await register.insertInterview(scope, row);
  return row;
}

/** The register: interviews in the caller's satisfaction.read reach; without it, the caller's own. */
export function listInterviews(scope: TenantScope, query: register.InterviewQuery, page: PageRequest) {
  const reach = reachOf(scope.grants, 'satisfaction.read');
  if (reach.kind === 'none') {
    if (query.staffId && query.staffId !== scope.actor.id) {
      throw new AppError('forbidden', "Missing permission satisfaction.read for another person's interviews");
    }
    return register.listInterviews(
      scope,
      { kind: 'tenant' },
      { ...query, staffId: scope.actor.id ?? '' },
      page,
    );
  }
  return register.listInterviews(scope, reach, query, page);
}

export interface InterviewProgressView {
  year: number;
  quota: satisfaction.InterviewQuota;
  people: (satisfaction.InterviewProgress & {
    name: string;
    departmentName: string | null;
    management: boolean;
  })[];
  departments: (ReturnType<typeof satisfaction.departmentProgress>[number] & {
    departmentName: string | null;
  })[];
}

/**
 * Progress per person and per department against the yearly quota at `scope.now`; `remind` is
 * set in the year's last quarter for whoever still owes interviews. The people are the active
 * staff with a role within the caller's reach (group-wide staff only for group-wide callers).
 */
export async function interviewProgress(scope: TenantScope, year: number): Promise<InterviewProgressView> {
  const reach = reachOf(scope.grants, 'satisfaction.read');
  if (reach.kind === 'none') throw new AppError('forbidden', 'Missing permission satisfaction.read');
  const quota = (await satisfactionSettings(scope)).interviews;
  const staff = await register.staffWithRoles(scope);
  const projectIds = staff.flatMap((s) =>
    s.grants.filter((g) => g.scopeType === 'project').map((g) => g.scopeId ?? ''),
  );
  const branchOf = await campaigns.projectBranches(scope, [...new Set(projectIds)]);
  const reached = staff.filter(
    (s) => reach.kind === 'tenant' || s.grants.some((g) => grantInReach(reach, g, branchOf)),
  );
  const people = reached.map((s) => ({
    staffId: s.id,
    departmentId: s.departmentId ?? '',
    management: satisfaction.isManagement(s.grants.map((g) => g.role)),
  }));
  const progress = satisfaction.interviewProgress({
    people,
    interviews: await register.interviewsOfYear(scope, year),
    year,
    quota,
    now: scope.now,
    timeZone: scope.timeZone,
  });
  const departmentName = new Map((await register.departmentsWithHeads(scope)).map((d) => [d.id, d.name]));
  return {
    year,
    quota,
    people: progress.map((p, i) => ({
      ...p,
      name: reached[i]?.name ?? '',
      departmentName: departmentName.get(p.departmentId) ?? null,
      management: people[i]?.management ?? false,
    })),
    departments: satisfaction
      .departmentProgress(progress)
      .map((d) => ({ ...d, departmentName: departmentName.get(d.departmentId) ?? null })),
  };
}

function grantInReach(
  reach: Reach,
  g: { scopeType: string; scopeId: string | null },
  branchOf: Map<string, string>,
): boolean {
  if (g.scopeType === 'branch' && g.scopeId) return inReach(reach, { branchId: g.scopeId });
  if (g.scopeType === 'project' && g.scopeId) {
    return inReach(reach, { branchId: branchOf.get(g.scopeId) ?? null, projectId: g.scopeId });
  }
  return false;
}
