import {
  buildings,
  cases,
  contractorContacts,
  departments,
  projects,
  staffNotificationPreferences,
  staffUsers,
  units,
} from '@guanjia/core/db/schema';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TenantScope } from './scope';

/*
 * Who a staff notification reaches, and the facts its message names: the case as staff read it,
 * a contractor's people on a job, a department's heads, staff with their channel addresses.
 */

export interface CaseNoticeFacts {
  id: string;
  archiveNo: string;
  kind: string;
  category: string;
  urgency: string;
  severity: string | null;
  channel: string;
  branchId: string;
  projectId: string;
  firstAskOwnerId: string | null;
  assigneeId: string | null;
  contractorId: string | null;
  /** 项目 楼栋 房号, e.g. 西溪花园 1号楼 1-101 (null without a unit). */
  unit: string | null;
}

export async function caseNoticeFacts(scope: TenantScope, caseId: string): Promise<CaseNoticeFacts | null> {
  const [row] = await scope.db
    .select({
      id: cases.id,
      archiveNo: cases.archiveNo,
      kind: cases.kind,
      category: cases.category,
      urgency: cases.urgency,
      severity: cases.severity,
      channel: cases.channel,
      branchId: cases.branchId,
      projectId: cases.projectId,
      firstAskOwnerId: cases.firstAskOwnerId,
      assigneeId: cases.assigneeId,
      contractorId: cases.contractorId,
      unitId: cases.unitId,
      projectName: projects.name,
    })
    .from(cases)
    .leftJoin(projects, and(eq(projects.tenantId, cases.tenantId), eq(projects.id, cases.projectId)))
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, caseId)))
    .limit(1);
  if (!row) return null;
  const [unit] = row.unitId
    ? await scope.db
        .select({ number: units.number, building: buildings.name })
        .from(units)
        .leftJoin(buildings, and(eq(buildings.tenantId, units.tenantId), eq(buildings.id, units.buildingId)))
        .where(and(eq(units.tenantId, scope.tenantId), eq(units.id, row.unitId)))
        .limit(1)
    : [];
  const { unitId: _u, projectName, ...facts } = row;
  return {
    ...facts,
    unit: unit ? [projectName, unit.building, unit.number].filter(Boolean).join(' ') : null,
  };
}

/** A contractor's contact person (no login): reached by SMS or email only. */
export interface ContactPerson {
  id: string;
  phone: string | null;
  email: string | null;
}

/**
 * The contractor's people on a job: the assignee when the dispatch names one of its staff, else
 * every active staff member of the company; and its dispatcher contact (调度: a contact so
 * titled, else its first contact), who books the visit.
 */
export async function contractorJobAudience(
  scope: TenantScope,
  contractorId: string,
  assigneeId: string | null,
): Promise<{ staffIds: string[]; contacts: ContactPerson[] }> {
  const staff = await scope.db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.tenantId, scope.tenantId),
        eq(staffUsers.contractorId, contractorId),
        eq(staffUsers.status, 'active'),
      ),
    )
    .orderBy(asc(staffUsers.id))
    .limit(200);
  const ids = staff.map((s) => s.id);
  const contacts = await scope.db
    .select({
      id: contractorContacts.id,
      phone: contractorContacts.phone,
      email: contractorContacts.email,
      title: contractorContacts.title,
    })
    .from(contractorContacts)
    .where(
      and(eq(contractorContacts.tenantId, scope.tenantId), eq(contractorContacts.contractorId, contractorId)),
    )
    .orderBy(asc(contractorContacts.id))
    .limit(50);
  const dispatcher = contacts.find((c) => /调度|dispatch/i.test(c.title ?? '')) ?? contacts[0];
  return {
    staffIds: assigneeId && ids.includes(assigneeId) ? [assigneeId] : ids,
    contacts: dispatcher ? [{ id: dispatcher.id, phone: dispatcher.phone, email: dispatcher.email }] : [],
  };
}

/** 部门负责人: the department's heads who are active staff. */
export async function departmentHeadIds(scope: TenantScope, departmentId: string): Promise<string[]> {
  const [dept] = await scope.db
    .select({ headIds: departments.headIds })
    .from(departments)
    .where(and(eq(departments.tenantId, scope.tenantId), eq(departments.id, departmentId)))
    .limit(1);
  const ids = (dept?.headIds ?? []).slice(0, 90);
  if (ids.length === 0) return [];
  const active = await scope.db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.tenantId, scope.tenantId),
        inArray(staffUsers.id, ids),
        eq(staffUsers.status, 'active'),
      ),
    );
  const found = new Set(active.map((s) => s.id));
  return ids.filter((id) => found.has(id));
}

/** Staff with their channel addresses (the WeChat OpenID is in their own preferences). */
export async function staffAddresses(scope: TenantScope, ids: readonly string[]) {
  const found: { id: string; phone: string | null; email: string | null; wechatOpenId: string | null }[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await scope.db
      .select({
        id: staffUsers.id,
        phone: staffUsers.phone,
        email: staffUsers.email,
        wechatOpenId: staffNotificationPreferences.wechatOpenId,
      })
      .from(staffUsers)
      .leftJoin(
        staffNotificationPreferences,
        and(
          eq(staffNotificationPreferences.tenantId, staffUsers.tenantId),
          eq(staffNotificationPreferences.userId, staffUsers.id),
        ),
      )
      .where(and(eq(staffUsers.tenantId, scope.tenantId), inArray(staffUsers.id, ids.slice(i, i + 90))));
    found.push(...rows);
  }
  return found;
}
