import { cases as core, newId, sha256Hex, tenantIdOfSecret } from '@guanjia/core';
import PostalMime, { type Email } from 'postal-mime';
import { appendOwnerEmail, createCase, noteSkippedAttachments } from '../app/cases';
import { systemScope } from '../app/scope';
import {
  caseByEmailTokenHash,
  caseById,
  caseOfSentMessage,
  emailMessageStatements,
  knownMessage,
  ownerByEmail,
  ownerEmailOf,
  replyTokenPrefix,
  resolveChannelKey,
} from '../data/case-channels';
import {
  attachmentContentTypes,
  discard,
  maxAttachmentBytes,
  mediaType,
  type PreparedAttachment,
  prepareAttachment,
} from '../data/case-files';
import { type CaseRow, loadCaseSettings } from '../data/case-support';
import { timelineStatements } from '../data/case-timeline';
import type { TenantScope } from '../data/scope';
import { findTenant } from '../data/tenants';
import type { Env } from '../env';
import { createLogger } from '../lib/logger';

/**
 * Inbound email (the Worker's `email` handler). Addressing (docs/cases.md, "Email threading"):
 * - `<project channel key>@<intake domain>` opens a case in that project (the key names the
 *   tenant and the project; see data/case-channels.ts); anything after a `+` (an archive
 *   number, say) is ignored: it is still a new case;
 * - `<case reply token>@<intake domain>` (the `Reply-To` of every email Guanjia sends the owner)
 *   names that case, and so does a message whose In-Reply-To / References name a Message-ID
 *   Guanjia sent about it. Such a message appends to the case only when core's
 *   `emailThreadDecision` says so: from the case's owner or contact address, DMARC not failed,
 *   the case still open. Otherwise it opens a case of its own (flagged, or linked to the closed
 *   case), or is refused per the tenant's `emailUnknownSenderOnKnownCase`.
 * The sender is matched to an owner of the tenant by email address (an owner of the project
 * first); an unknown sender still opens a case with the sender's name and address as contact.
 * The platform's SPF/DKIM/DMARC results (`Authentication-Results`) are recorded on the entry.
 * Attachments go to R2 under the same type and 10 MB limits as uploads; others are skipped and
 * listed on the timeline. A redelivered message (same Message-ID) changes nothing.
 */

/** Largest raw message taken in. */
export const maxEmailBytes = 25 * 1024 * 1024;

export interface EmailOutcome {
  outcome: 'created' | 'appended' | 'duplicate' | 'rejected';
  caseId?: string;
  reason?: string;
}

/** The message ids a header lists (`<a@b> <c@d>`), angle brackets kept. */
export function messageIdsIn(value: string | undefined): string[] {
  return (value ?? '').match(/<[^<>\s]+>/g) ?? [];
}

/** Guesses the kind from the subject: 报修 repair, 投诉 complaint, 建议 suggestion, else inquiry. */
export function kindFromSubject(subject: string): core.CaseKind {
  const s = subject.toLowerCase();
  if (/报修|维修|漏水|坏了|repair|broken|leak/.test(s)) return 'repair';
  if (/投诉|complain/.test(s)) return 'complaint';
  if (/建议|suggest/.test(s)) return 'suggestion';
  return 'inquiry';
}

function bodyText(email: Email): string {
  const text =
    email.text?.trim() ||
    (email.html ?? '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return text;
}

function senderOf(email: Email, envelopeFrom: string): { address: string; name: string | null } {
  const from = email.from && 'address' in email.from && email.from.address ? email.from : null;
  return {
    address: (from?.address ?? envelopeFrom).trim().toLowerCase(),
    name: from?.name?.trim() || null,
  };
}

/** Stores the acceptable attachments; returns what was stored and what was skipped (and why). */
async function storeAttachments(scope: TenantScope, env: Env, caseId: string, email: Email) {
  const stored: PreparedAttachment[] = [];
  const skipped: { fileName: string | null; reason: string }[] = [];
  for (const a of email.attachments) {
    const bytes = typeof a.content === 'string' ? new TextEncoder().encode(a.content) : a.content;
    const type = mediaType(a.mimeType);
    if (!(attachmentContentTypes as readonly string[]).includes(type)) {
      skipped.push({ fileName: a.filename, reason: `type ${type} not allowed` });
    } else if (bytes.byteLength > maxAttachmentBytes) {
      skipped.push({ fileName: a.filename, reason: `larger than ${maxAttachmentBytes} bytes` });
    } else {
      stored.push(
        await prepareAttachment(
          scope,
          env.FILES,
          caseId,
          { fileName: a.filename ?? '', contentType: type, bytes },
          { type: 'owner', id: null },
        ),
      );
    }
  }
  return { stored, skipped };
}

/** Where a message is addressed: a project's intake (channel key) or a case's reply address. */
async function addressOf(env: Env, to: string) {
  const local = (to.split('@')[0] ?? '').trim().toLowerCase();
  if (local.startsWith(`${replyTokenPrefix}_`)) {
    const tenantId = tenantIdOfSecret(replyTokenPrefix, local);
    const tenant = tenantId ? await findTenant(env, tenantId) : null;
    return tenant?.status === 'active' ? { kind: 'reply' as const, tenantId: tenant.id, token: local } : null;
  }
  const channel = await resolveChannelKey(env, local.split('+', 1)[0] ?? '');
  return channel
    ? { kind: 'intake' as const, tenantId: channel.tenant.id, projectId: channel.projectId }
    : null;
}

/** The case a message names: its reply address, else a Message-ID Guanjia sent (In-Reply-To, References). */
async function namedCase(scope: TenantScope, token: string | null, email: Email): Promise<CaseRow | null> {
  if (token) return caseByEmailTokenHash(scope, await sha256Hex(token));
  const refs = [...messageIdsIn(email.inReplyTo), ...messageIdsIn(email.references)];
  const caseId = await caseOfSentMessage(scope, refs);
  return caseId ? caseById(scope, caseId) : null;
}

/** The email handler's log lines, through the one logger (its masking). */
const log = (env: Env) => createLogger({ source: 'email' }, env.LOG_LEVEL ?? 'info');

export async function handleInboundEmail(
  message: ForwardableEmailMessage,
  env: Env,
  now = new Date(),
): Promise<EmailOutcome> {
  const address = await addressOf(env, message.to);
  if (!address) {
    message.setReject('Unknown address');
    return { outcome: 'rejected', reason: 'unknown address' };
  }
  if (message.rawSize > maxEmailBytes) {
    message.setReject('Message too large');
    return { outcome: 'rejected', reason: 'too large' };
  }
  const tenant = await findTenant(env, address.tenantId);
  const scope = tenant ? systemScope({ env, now, logger: log(env) }, tenant) : null;
  if (!scope) {
    message.setReject('Unknown address');
    return { outcome: 'rejected', reason: 'unknown tenant' };
  }
  const email = await PostalMime.parse(message.raw);
  const token = address.kind === 'reply' ? address.token : null;
  const named = await namedCase(scope, token, email);
  // A reply address that names no case (guessed, or of another tenant) is no address at all.
  if (address.kind === 'reply' && !named) {
    message.setReject('Unknown address');
    return { outcome: 'rejected', reason: 'unknown address' };
  }
  // Threading by Message-ID stays inside the project the intake key names.
  const target = named && (address.kind === 'reply' || named.projectId === address.projectId) ? named : null;
  const projectId = address.kind === 'intake' ? address.projectId : (target?.projectId ?? '');

  const messageId = messageIdsIn(email.messageId)[0] ?? `<${newId('case')}@guanjia.generated>`;
  if (await knownMessage(scope, messageId)) return { outcome: 'duplicate' };

  const sender = senderOf(email, message.from);
  const subject = (email.subject ?? '').trim();
  const text = bodyText(email);
  const authentication = core.parseAuthenticationResults(email.headers);
  const settings = await loadCaseSettings(scope);
  const decision = core.emailThreadDecision({
    target: target && {
      status: target.status,
      ownerEmail: await ownerEmailOf(scope, target.ownerId),
      contactEmail: target.contactEmail,
    },
    sender: sender.address,
    authentication,
    onUnknownSender: settings.emailUnknownSenderOnKnownCase,
  });
  const received = {
    from: sender.address,
    envelopeFrom: message.from.trim().toLowerCase(),
    subject,
    messageId,
    ...(authentication && { authentication }),
  };

  if (decision.action === 'reject') {
    message.setReject('Not accepted for this case');
    return { outcome: 'rejected', caseId: target?.id, reason: decision.reason };
  }
  if (decision.action === 'append' && target) {
    const { stored, skipped } = await storeAttachments(scope, env, target.id, email);
    try {
      await appendOwnerEmail(
        scope,
        target,
        {
          note: (text || subject || '(无正文)').slice(0, 5000),
          data: {
            ...received,
            attachmentIds: stored.map((s) => s.row.id),
            skippedAttachments: skipped,
          },
        },
        [
          ...emailMessageStatements(scope, target.id, [messageId], 'inbound', sender.address),
          ...stored.flatMap((s) => s.statements),
        ],
      );
    } catch (error) {
      await discard(env.FILES, stored);
      throw error;
    }
    return { outcome: 'appended', caseId: target.id };
  }

  // A new case: the sender's own. The owner writing to a closed case keeps the case's owner and
  // unit; anyone else is matched by their address like any intake.
  const linked = decision.action === 'new_linked_case' ? target : null;
  const owner = linked
    ? { id: linked.ownerId, name: linked.contactName, unitId: linked.unitId }
    : await ownerByEmail(scope, sender.address, projectId);
  const flag = decision.action === 'new_case' ? decision.flag : null;
  const caseId = newId('case');
  const { stored, skipped } = await storeAttachments(scope, env, caseId, email);
  const description = [subject, text].filter(Boolean).join('\n\n').slice(0, 5000) || '(无正文)';
  const system = { actorType: 'system' as const, actorId: null, note: null, at: scope.now };
  try {
    await createCase(
      scope,
      {
        intake: {
          kind: kindFromSubject(subject),
          channel: 'email',
          projectId,
          unitId: owner?.unitId ?? null,
          ownerId: owner?.id ?? null,
          contact: { name: sender.name ?? owner?.name ?? undefined, email: sender.address },
          description,
          category: 'other',
          urgency: /紧急|urgent/i.test(subject) ? 'urgent' : 'normal',
        },
        actor: core.systemActor,
        reachPermission: null,
      },
      (id) => [
        ...emailMessageStatements(scope, id, [messageId], 'inbound', sender.address),
        ...stored.flatMap((s) => s.statements),
        // What staff need to judge the message: the platform's checks, why it did not thread.
        ...(authentication || flag || linked
          ? timelineStatements(scope, id, [
              {
                ...system,
                action: 'email_received',
                visibility: 'internal',
                data: {
                  ...received,
                  ...(flag && { flag, namedCaseId: target?.id }),
                  ...(linked && { relatedCaseId: linked.id }),
                },
              },
            ])
          : []),
        ...(linked
          ? timelineStatements(scope, linked.id, [
              {
                ...system,
                action: 'email_opened_new_case',
                visibility: 'internal',
                data: { relatedCaseId: id, messageId },
              },
            ])
          : []),
      ],
      caseId,
    );
  } catch (error) {
    await discard(env.FILES, stored);
    throw error;
  }
  if (skipped.length > 0) {
    const row = await caseById(scope, caseId);
    if (row) await noteSkippedAttachments(scope, row, skipped);
  }
  return { outcome: 'created', caseId };
}
