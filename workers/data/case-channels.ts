import { sha256Hex, tenantIdOfSecret } from '@guanjia/core';
import {
  caseEmailMessages,
  caseEmailTokens,
  cases,
  owners,
  ownerUnits,
  projectChannelKeys,
  projects,
} from '@guanjia/core/db/schema';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Env } from '../env';
import { auditEntry } from './audit-log';
import type { CaseRow } from './case-support';
import { commit } from './commit';
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

/** Where owner emails for a project go (`<channel key>@…`) and where their replies go. */
export const intakeEmailDomain = 'intake.guanjia.dev';

/**
 * A case's reply address is `<reply token>@<intake domain>`; the token reads
 * `gjm_<tenant id>_<26 random [a-z2-7]>` (130 bits), lower case so it survives as a local part,
 * and names its tenant, so the lookup is tenant-scoped. The channel key is not part of it: only
 * its hash is stored, a rotation would orphan every reply address, and key + token would pass
 * the 64-octet limit of a local part.
 */
export const replyTokenPrefix = 'gjm';

export function mintReplyToken(tenantId: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = crypto.getRandomValues(new Uint8Array(26));
  const random = [...bytes].map((b) => alphabet[b % 32]).join('');
  return `${replyTokenPrefix}_${tenantId.replace(/^ten_/, '')}_${random}`;
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
  await commit(scope, [
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

/** Records Message-IDs of a case's emails with their address (replays change nothing). */
export function emailMessageStatements(
  scope: TenantScope,
  caseId: string,
  messageIds: readonly string[],
  direction: 'inbound' | 'outbound',
  address: string | null = null,
): unknown[] {
  return [...new Set(messageIds)].map((messageId) =>
    scope.db
      .insert(caseEmailMessages)
      .values({ tenantId: scope.tenantId, messageId, caseId, direction, address, at: scope.now })
      .onConflictDoNothing(),
  );
}

/**
 * The case a reply answers, by the Message-IDs it refers to (In-Reply-To, References): only
 * ids Guanjia itself sent count, so naming a message the sender wrote (or made up) threads nothing.
 */
export async function caseOfSentMessage(
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
        eq(caseEmailMessages.direction, 'outbound'),
        inArray(caseEmailMessages.messageId, [...new Set(messageIds)].slice(0, 50)),
      ),
    )
    .limit(1);
  return hit?.caseId ?? null;
}

/**
 * The case's email thread with one address, oldest first (its messages and Guanjia's to it): a
 * reply answers the owner's last message (In-Reply-To) and names the thread (References, at most
 * the last 20 ids, as mail clients trim them). Empty when the owner never wrote by email.
 */
export async function emailThreadOf(
  scope: TenantScope,
  caseId: string,
  address: string,
): Promise<{ inReplyTo: string; references: string[] } | null> {
  const rows = await scope.db
    .select({
      messageId: caseEmailMessages.messageId,
      direction: caseEmailMessages.direction,
      address: caseEmailMessages.address,
    })
    .from(caseEmailMessages)
    .where(and(eq(caseEmailMessages.tenantId, scope.tenantId), eq(caseEmailMessages.caseId, caseId)))
    .orderBy(asc(caseEmailMessages.at))
    .limit(200);
  const mine = rows.filter((r) => !r.address || r.address.toLowerCase() === address.toLowerCase());
  const lastInbound = mine.filter((r) => r.direction === 'inbound').at(-1);
  if (!lastInbound) return null;
  return { inReplyTo: lastInbound.messageId, references: mine.map((r) => r.messageId).slice(-20) };
}

/** The sealed reply token of a case, or null when none was minted yet. */
export async function sealedEmailTokenOf(scope: TenantScope, caseId: string): Promise<string | null> {
  const [row] = await scope.db
    .select({ sealed: caseEmailTokens.tokenSealed })
    .from(caseEmailTokens)
    .where(and(eq(caseEmailTokens.tenantId, scope.tenantId), eq(caseEmailTokens.caseId, caseId)))
    .limit(1);
  return row?.sealed ?? null;
}

/** Stores a case's reply token (hash and sealed value) unless it has one already (a race keeps the first). */
export async function saveEmailToken(
  scope: TenantScope,
  caseId: string,
  tokenHash: string,
  tokenSealed: string,
): Promise<void> {
  await scope.db
    .insert(caseEmailTokens)
    .values({ tenantId: scope.tenantId, caseId, tokenHash, tokenSealed, createdAt: scope.now })
    .onConflictDoNothing();
}

/** The case whose reply token hashes to this, or null. */
export async function caseByEmailTokenHash(scope: TenantScope, tokenHash: string): Promise<CaseRow | null> {
  const [hit] = await scope.db
    .select({ caseId: caseEmailTokens.caseId })
    .from(caseEmailTokens)
    .where(and(eq(caseEmailTokens.tenantId, scope.tenantId), eq(caseEmailTokens.tokenHash, tokenHash)))
    .limit(1);
  return hit ? caseById(scope, hit.caseId) : null;
}

/** The email address of an owner record (null without one). */
export async function ownerEmailOf(scope: TenantScope, ownerId: string | null): Promise<string | null> {
  if (!ownerId) return null;
  const [row] = await scope.db
    .select({ email: owners.email })
    .from(owners)
    .where(and(eq(owners.tenantId, scope.tenantId), eq(owners.id, ownerId)))
    .limit(1);
  return row?.email ?? null;
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
