import { hashPassword, newId, type Role } from '@guanjia/core';
import { type ApiResponse, type Client, call } from '../support/api';
import { shardOf } from '../support/shards';
import { login } from '../support/tenants';

export const header = 'building,unit,floor,area_sqm,owner_name,owner_phone,owner_email,relation';

/** Posts a CSV file to the units-and-owners import of a project. */
export function importCsv(
  who: Client,
  projectId: string,
  csv: string,
  contentType = 'text/csv; charset=utf-8',
): Promise<ApiResponse> {
  return call('POST', `/v1/projects/${projectId}/imports/units-owners`, {
    token: who.token,
    rawBody: csv,
    headers: { 'content-type': contentType },
  });
}

/** `count` rows: units 1..count spread over buildings of 100 units, each with its own owner. */
export function bigCsv(count: number, phonePrefix = '1580'): string {
  const lines = [header];
  for (let i = 0; i < count; i++) {
    const building = `${Math.floor(i / 100) + 1}号楼`;
    const floor = Math.floor((i % 100) / 4) + 1;
    const unit = `${floor}0${(i % 4) + 1}`;
    const phone = `${phonePrefix}${String(i).padStart(7, '0')}`;
    lines.push(`${building},${unit},${floor},${88 + (i % 3)}.5,业主${i},${phone},,owner`);
  }
  return `${lines.join('\n')}\n`;
}

/** Row counts of what an import writes, for one tenant. */
export async function tenantCounts(tenantId: string) {
  const count = async (table: string) =>
    (
      await (
        await shardOf(tenantId)
      )
        .prepare(`select count(*) as n from ${table} where tenant_id = ?`)
        .bind(tenantId)
        .first<{ n: number }>()
    )?.n ?? 0;
  return {
    buildings: await count('buildings'),
    units: await count('units'),
    owners: await count('owners'),
    links: await count('owner_units'),
    audit: await count('audit_log'),
  };
}

/** A staff member holding one role in one project, written straight to D1 (no staff API needed). */
export async function projectStaff(
  tenant: { slug: string; tenantId: string },
  role: Role,
  projectId: string,
) {
  const userId = newId('staff');
  const email = `${role}.${userId.slice(-6)}@${tenant.slug}.test`;
  const password = 'project staff password';
  const now = Date.now();
  const db = await shardOf(tenant.tenantId);
  await db.batch([
    db
      .prepare(
        'insert into staff_users (id, tenant_id, created_at, updated_at, name, email, password_hash) values (?, ?, ?, ?, ?, ?, ?)',
      )
      .bind(
        userId,
        tenant.tenantId,
        now,
        now,
        `${role} of one project`,
        email,
        await hashPassword(password, 1000),
      ),
    db
      .prepare(
        'insert into role_assignments (id, tenant_id, created_at, updated_at, user_id, role, scope_type, scope_id) values (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .bind(newId('roleAssignment'), tenant.tenantId, now, now, userId, role, 'project', projectId),
  ]);
  return login(tenant.slug, email, password);
}
