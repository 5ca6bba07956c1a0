import { cases as caseRules, sha256Hex } from '@guanjia/core';
import { cases, contractors, owners } from '@guanjia/core/db/schema';
import type { EventEnvelope } from '@guanjia/core/events/catalogue';
import { isOwnerMessageEvent, ownerMessageFor } from '@guanjia/core/events/owner-messages';
import { and, eq } from 'drizzle-orm';
import { ownerLinkPath, signOwnerLink } from '../auth/owner-link';
import {
  emailMessageStatements,
  emailThreadOf,
  intakeEmailDomain,
  mintReplyToken,
  saveEmailToken,
  sealedEmailTokenOf,
} from '../data/case-channels';
import { commit } from '../data/commit';
import type { TenantScope } from '../data/scope';
import type { Env } from '../env';
import { seal, unseal } from '../lib/secrets';
import type { ChannelSend } from './send';

/** Channels an owner hears through. */
export const ownerKinds = ['sms', 'wechat', 'email'] as const;

/** The API's public origin for links in messages: PUBLIC_BASE_URL, else the token issuer's. */
export const publicBaseUrl = (env: Env) =>
  (env.PUBLIC_BASE_URL || new URL(env.JWT_ISSUER).origin).replace(/\/$/, '');

/** The case's reply token, minted (and kept sealed) at its first owner email. */
async function replyTokenOf(env: Env, scope: TenantScope, caseId: string): Promise<string> {
  let sealed = await sealedEmailTokenOf(scope, caseId);
  if (!sealed) {
    const token = mintReplyToken(scope.tenantId);
    await saveEmailToken(scope, caseId, await sha256Hex(token), await seal(env, token));
    sealed = await sealedEmailTokenOf(scope, caseId); // a concurrent send may have won: use its token
  }
  return unseal(env, sealed ?? '');
}

/**
 * The headers that let the owner answer by email: `Reply-To` is the case's reply address, and a
 * fresh random `Message-ID` is recorded as sent to this owner about this case (before the send),
 * so a reply naming it in In-Reply-To / References threads onto the case.
 */
async function ownerEmailHeaders(env: Env, scope: TenantScope, caseId: string, to: string) {
  const replyTo = `${await replyTokenOf(env, scope, caseId)}@${intakeEmailDomain}`;
  // Read before this message is recorded: it answers the owner's last email, in their thread.
  const thread = await emailThreadOf(scope, caseId, caseRules.normaliseEmail(to));
  const random = [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const messageId = `<gj.${random}@${intakeEmailDomain}>`;
  await commit(
    scope,
    emailMessageStatements(scope, caseId, [messageId], 'outbound', caseRules.normaliseEmail(to)),
  );
  return { replyTo, messageId, ...(thread ?? {}) };
}

/**
 * What a case event tells its owner (core's `ownerMessageFor`), from the case as it stands: the
 * archive number, the contractor's name, the booked visit, and a freshly signed owner link for
 * the messages that carry one. The recipient is the case's contact (who reported it, filled from
 * the owner record at intake), else the owner record; keyed by the owner, or by the case when
 * the contact is not a known owner. WeChat goes to the owner record's OpenID (a case contact has none).
 */
export async function ownerCaseSends(
  env: Env,
  scope: TenantScope,
  event: EventEnvelope,
): Promise<ChannelSend[]> {
  if (!isOwnerMessageEvent(event.type)) return [];
  const caseId = typeof event.data.caseId === 'string' ? event.data.caseId : '';
  const [row] = await scope.db
    .select({
      id: cases.id,
      archiveNo: cases.archiveNo,
      ownerId: cases.ownerId,
      contactPhone: cases.contactPhone,
      contactEmail: cases.contactEmail,
      contractorId: cases.contractorId,
      visitBookedFor: cases.visitBookedFor,
    })
    .from(cases)
    .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, caseId)))
    .limit(1);
  if (!row) return [];
  const [contractor] = row.contractorId
    ? await scope.db
        .select({ name: contractors.name })
        .from(contractors)
        .where(and(eq(contractors.tenantId, scope.tenantId), eq(contractors.id, row.contractorId)))
        .limit(1)
    : [];
  const given = typeof event.data.followupUrl === 'string' ? event.data.followupUrl : undefined;
  const linked: readonly string[] = [
    'case.created',
    'case.completed',
    'followup.due',
    'case.replied',
    'case.owner_noted',
  ];
  const link = linked.includes(event.type)
    ? (given ??
      `${publicBaseUrl(env)}${ownerLinkPath(
        (
          await signOwnerLink(
            env,
            { tenantId: scope.tenantId, caseId: row.id, ownerId: row.ownerId },
            scope.now,
          )
        ).token,
      )}`)
    : undefined;
  let { contactPhone: phone, contactEmail: email } = row;
  let wechatOpenId: string | null = null;
  let language: string | null = null;
  if (row.ownerId) {
    const [owner] = await scope.db
      .select({
        phone: owners.phone,
        email: owners.email,
        wechatOpenId: owners.wechatOpenId,
        language: owners.language,
      })
      .from(owners)
      .where(and(eq(owners.tenantId, scope.tenantId), eq(owners.id, row.ownerId)))
      .limit(1);
    phone ||= owner?.phone ?? null;
    email ||= owner?.email ?? null;
    wechatOpenId = owner?.wechatOpenId ?? null;
    language = owner?.language ?? null;
  }
  const said = event.data.message ?? event.data.note;
  const message = ownerMessageFor(event.type, {
    archiveNo: row.archiveNo,
    timeZone: scope.timeZone,
    contractorName: contractor?.name,
    visitBookedFor: row.visitBookedFor,
    link,
    said: typeof said === 'string' ? said : null,
    language,
  });
  if (!message) return [];
  const recipient = {
    type: 'owner' as const,
    id: row.ownerId ?? `case:${row.id}`,
    phone,
    email,
    wechatOpenId,
  };
  const withHeaders = email
    ? { ...message, email: await ownerEmailHeaders(env, scope, row.id, email) }
    : message;
  return [{ kinds: [...ownerKinds], recipients: [recipient], message: withHeaders }];
}
