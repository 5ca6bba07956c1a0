import { sha256Hex, tenantIdOfSecret } from '@guanjia/core';
import {
  caseEmailMessages,
  cases,
  owners,
  ownerUnits,
  projectChannelKeys,
  projects,
} from '@guanjia/core/db/schema';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Env } from '../env';
import { auditEntry } from './audit';
import type { CaseRow } from './case-support';
import { shardDb } from './db';
import type { TenantScope } from './scope';
import { findTenant, type TenantRecord } from './tenants';

/**
 * Per-project channel keys: the public owner intake (`/public/v1/intake/{key}`) and the inbound
 * email address (`<key>@<intake domain>`) both name a project by its key. A key reads
 * `pck_<tenant id>_<32 random [a-z0-9]>`: lower case only, so it survives as an email local part,
 * and it names its tenant (like API keys), so the lookup is tenant-scoped. Only its hash is stored.
 */
export const channelKeyPrefix = 'pck';

export type ChannelKeyRow = typeof projectChannelKeys.$inferSelect;

function randomLowerAlnum(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export function mintChannelKey(tenantId: string): string {
  return `${channelKeyPrefix}_${tenantId.replace(/^ten_/, '')}_${randomLowerAlnum(32)}`;
}

/** Issues a new key for the project and revokes its previous ones (a rotation), in one batch. */
export async function rotateChannelKey(
  scope: TenantScope,
  projectId: string,
  newId: string,
): Promise<{ row: ChannelKeyRow; key: string }> {
  const key = mintChannelKey(scope.tenantId);
  const row: ChannelKeyRow = {
    id: newId,
    tenantId: scope.tenantId,
    projectId,
    keyHash: await sha256Hex(key),
    displayPrefix: key.slice(0, 36),
    createdBy: scope.actor.id,
    createdAt: scope.now,
    updatedAt: scope.now,
    revokedAt: null,
  };
  const { keyHash: _hash, ...audited } = row;
  await scope.db.batch([
    scope.db
      .update(projectChannelKeys)
      .set({ revokedAt: scope.now, updatedAt: scope.now })
      .where(
        and(
          eq(projectChannelKeys.tenantId, scope.tenantId),
          eq(projectChannelKeys.projectId, projectId),
          isNull(projectChannelKeys.revokedAt),
        ),
      ),
    scope.db.insert(projectChannelKeys).values(row),
    auditEntry(scope, 'channel_keys.rotate', { type: 'channelKey', id: row.id }, null, audited),
  ]);
  return { row, key };
}

export async function listChannelKeys(scope: TenantScope, projectId: string): Promise<ChannelKeyRow[]> {
  return scope.db
    .select()
    .from(projectChannelKeys)
    .where(and(eq(projectChannelKeys.tenantId, scope.tenantId), eq(projectChannelKeys.projectId, projectId)))
    .orderBy(desc(projectChannelKeys.id))
    .limit(100);
}

export interface ResolvedChannel {
  tenant: TenantRecord;
  projectId: string;
  keyId: string;
}

/** The tenant and project a live key names, or null (unknown, revoked, suspended tenant). */
export async function resolveChannelKey(env: Env, key: string): Promise<ResolvedChannel | null> {
  const tenantId = tenantIdOfSecret(channelKeyPrefix, key);
  if (!tenantId) return null;
  const tenant = await findTenant(env, tenantId);
  if (tenant?.status !== 'active') return null;
  const db = shardDb(env, tenant.shard);
  const [row] = await db
    .select({ id: projectChannelKeys.id, projectId: projectChannelKeys.projectId })
    .from(projectChannelKeys)
    .where(
      and(
        eq(projectChannelKeys.tenantId, tenant.id),
        eq(projectChannelKeys.keyHash, await sha256Hex(key)),
        isNull(projectChannelKeys.revokedAt),
      ),
    )
    .limit(1);
  return row ? { tenant, projectId: row.projectId, keyId: row.id } : null;
}

// ---------------------------------------------------------------------------
// Email threads

/** Records Message-IDs of a case's emails (replays change nothing). */
export function emailMessageStatements(
  scope: TenantScope,
  caseId: string,
  messageIds: readonly string[],
  direction: 'inbound' | 'outbound',
): unknown[] {
  return [...new Set(messageIds)].map((messageId) =>
    scope.db
      .insert(caseEmailMessages)
      .values({ tenantId: scope.tenantId, messageId, caseId, direction, at: scope.now })
      .onConflictDoNothing(),
  );
}

/** The case an email answers, by the Message-IDs it refers to (In-Reply-To, References). */
export async function caseOfThread(
  scope: TenantScope,
  messageIds: readonly string[],
): Promise<string | null> {
  if (messageIds.length === 0) return null;
  const [hit] = await scope.db
    .select({ caseId: caseEmailMessages.caseId })
    .from(caseEmailMessages)
    .where(
      and(
        eq(caseEmailMessages.tenantId, scope.tenantId),
        inArray(caseEmailMessages.messageId, [...new Set(messageIds)].slice(0, 50)),
      ),
    )
    .limit(1);
  return hit?.caseId ?? null;
}

/** Whether this exact message was already taken in (a redelivery). */
export async function knownMessage(scope: TenantScope, messageId: string): Promise<boolean> {
  const [hit] = await scope.db
    .select({ caseId: caseEmailMessages.caseId })
    .from(caseEmailMessages)
    .where(and(eq(caseEmailMessages.tenantId, scope.tenantId), eq(caseEmailMessages.messageId, messageId)))
    .limit(1);
  return !!hit;
}

export async function caseByArchiveNo(scope: TenantScope, archiveNo: string): Promise<CaseRow | null> {
  const [row] = await scope.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.archiveNo, archiveNo)))
    .limit(1);
  return row ?? null;
}

export async function caseById(scope: TenantScope, caseId: string): Promise<CaseRow | null> {
  const [row] = await scope.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, caseId)))
    .limit(1);
  return row ?? null;
}

/** A project of the tenant, or null. */
export async function findProject(scope: TenantScope, projectId: string) {
  const [row] = await scope.db
    .select()
    .from(projects)
    .where(and(eq(projects.tenantId, scope.tenantId), eq(projects.id, projectId)))
    .limit(1);
  return row ?? null;
}

/**
 * The owner an email comes from: an owner of the tenant with that address, preferring one with
 * a unit in the project (then that unit); null for an unknown sender.
 */
export async function ownerByEmail(
  scope: TenantScope,
  address: string,
  projectId: string,
): Promise<{ id: string; name: string; unitId: string | null } | null> {
  const found = await scope.db
    .select({ id: owners.id, name: owners.name })
    .from(owners)
    .where(and(eq(owners.tenantId, scope.tenantId), eq(owners.email, address)))
    .orderBy(asc(owners.id))
    .limit(20);
  if (found.length === 0) return null;
  const [link] = await scope.db
    .select({ ownerId: ownerUnits.ownerId, unitId: ownerUnits.unitId })
    .from(ownerUnits)
    .where(
      and(
        eq(ownerUnits.tenantId, scope.tenantId),
        eq(ownerUnits.projectId, projectId),
        inArray(
          ownerUnits.ownerId,
          found.map((o) => o.id),
        ),
      ),
    )
    .orderBy(asc(ownerUnits.ownerId), asc(ownerUnits.unitId))
    .limit(1);
  const owner = (link && found.find((o) => o.id === link.ownerId)) || found[0];
  return owner ? { id: owner.id, name: owner.name, unitId: link?.unitId ?? null } : null;
}
