import { tenantTables } from '../../workers/data/tenant-moves';
import { call, platformSecret } from '../support/api';
import { shardNamed } from '../support/shards';
import { newEstate, newTenant } from '../support/tenants';

/** Asks the platform to move a tenant (the platform secret unless `token` says otherwise). */
export function move(
  tenantId: string,
  body: Record<string, unknown>,
  token: string | undefined = platformSecret,
) {
  return call('POST', `/platform/tenants/${tenantId}/move`, { token, body });
}

/** Rows the tenant has on `shard` in every tenant table (its directory entry on DB not counted). */
export async function rowsOn(shard: 'DB' | 'DB2', tenantId: string): Promise<Record<string, number>> {
  const db = shardNamed(shard);
  const out: Record<string, number> = {};
  for (const t of tenantTables) {
    const n =
      (
        await db
          .prepare(`SELECT count(*) AS n FROM "${t.name}" WHERE tenant_id = ?`)
          .bind(tenantId)
          .first<{ n: number }>()
      )?.n ?? 0;
    if (n > 0) out[t.name] = n;
  }
  return out;
}

/** The tenant's directory entry (on DB): its shard and the move under way, if any. */
export async function directoryEntry(tenantId: string) {
  return shardNamed('DB')
    .prepare('SELECT shard, moving_to AS movingTo FROM tenants WHERE id = ?')
    .bind(tenantId)
    .first<{ shard: string; movingTo: string | null }>();
}

/** A tenant on `shard` with an estate and one complaint from the hotline (its clock armed: reply in 24 h). */
export async function tenantWithCase(shard: 'DB' | 'DB2') {
  const t = await newTenant('Moving Group', { shard });
  const estate = await newEstate(t.admin);
  const created = await t.admin.post('/v1/cases', complaintAt(estate));
  if (created.status !== 201) throw new Error(`intake failed: ${JSON.stringify(created.body)}`);
  return { ...t, estate, caseId: created.body.id as string };
}

export const complaintAt = (
  estate: { projectId: string; unitId: string },
  description = '物业承诺的车位没有兑现',
) => ({
  kind: 'complaint',
  channel: 'hotline',
  projectId: estate.projectId,
  unitId: estate.unitId,
  description,
  category: 'sales_promise',
  contact: { name: '王先生', phone: '13800001111' },
});
