import { cases as core, newId } from '@guanjia/core';
import PostalMime, { type Email } from 'postal-mime';
import { armChangedClocks } from '../clocks/arm';
import {
  caseByArchiveNo,
  caseById,
  caseOfThread,
  emailMessageStatements,
  knownMessage,
  ownerByEmail,
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
import type { CaseRow } from '../data/case-support';
import { appendTimeline, createCase, systemScope } from '../data/cases';
import type { TenantScope } from '../data/scope';
import type { Env } from '../env';

/**
 * Inbound email (the Worker's `email` handler). Addressing:
 * - `<project channel key>@<intake domain>` opens a case in that project (the key names the
 *   tenant and the project; see data/case-channels.ts);
 * - `<project channel key>+<archive no>@<intake domain>` appends to that case (the reply address);
 * - a message whose In-Reply-To / References name a Message-ID recorded for a case (its first
 *   email, or any reply taken in) appends to that case too.
 * The sender is matched to an owner of the tenant by email address (an owner of the project
 * first); an unknown sender still opens a case with the sender's name and address as contact.
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

async function threadCase(scope: TenantScope, projectId: string, plus: string | null, email: Email) {
  let row: CaseRow | null = null;
  if (plus && core.parseArchiveNumber(plus)) row = await caseByArchiveNo(scope, plus);
  if (!row) {
    const refs = [...messageIdsIn(email.inReplyTo), ...messageIdsIn(email.references)];
    const caseId = await caseOfThread(scope, refs);
    row = caseId ? await caseById(scope, caseId) : null;
  }
  return row && row.projectId === projectId ? row : null;
}

export async function handleInboundEmail(
  message: ForwardableEmailMessage,
  env: Env,
  now = new Date(),
): Promise<EmailOutcome> {
  const local = (message.to.split('@')[0] ?? '').toLowerCase();
  const [key = '', plus = null] = local.split('+', 2);
  const channel = await resolveChannelKey(env, key);
  if (!channel) {
    message.setReject('Unknown address');
    return { outcome: 'rejected', reason: 'unknown address' };
  }
  if (message.rawSize > maxEmailBytes) {
    message.setReject('Message too large');
    return { outcome: 'rejected', reason: 'too large' };
  }
  const scope = await systemScope(env, channel.tenant.id, now);
  if (!scope) {
    message.setReject('Unknown address');
    return { outcome: 'rejected', reason: 'unknown tenant' };
  }
  const email = await PostalMime.parse(message.raw);
  const messageId = messageIdsIn(email.messageId)[0] ?? `<${newId('case')}@guanjia.generated>`;
  if (await knownMessage(scope, messageId)) return { outcome: 'duplicate' };

  const sender = senderOf(email, message.from);
  const subject = (email.subject ?? '').trim();
  const text = bodyText(email);

  const thread = await threadCase(scope, channel.projectId, plus, email);
  if (thread) {
    const { stored, skipped } = await storeAttachments(scope, env, thread.id, email);
    try {
      await appendTimeline(
        scope,
        thread,
        {
          actorType: 'owner',
          actorId: thread.ownerId,
          action: 'owner_email',
          visibility: 'owner',
          note: (text || subject || '(无正文)').slice(0, 5000),
          data: {
            from: sender.address,
            subject,
            messageId,
            attachmentIds: stored.map((s) => s.row.id),
            skippedAttachments: skipped,
          },
        },
        [
          ...emailMessageStatements(scope, thread.id, [messageId], 'inbound'),
          ...stored.flatMap((s) => s.statements),
        ],
      );
    } catch (error) {
      await discard(env.FILES, stored);
      throw error;
    }
    return { outcome: 'appended', caseId: thread.id };
  }

  const owner = await ownerByEmail(scope, sender.address, channel.projectId);
  const caseId = newId('case');
  const { stored, skipped } = await storeAttachments(scope, env, caseId, email);
  const description = [subject, text].filter(Boolean).join('\n\n').slice(0, 5000) || '(无正文)';
  try {
    await createCase(
      scope,
      {
        intake: {
          kind: kindFromSubject(subject),
          channel: 'email',
          projectId: channel.projectId,
          unitId: owner?.unitId ?? null,
          ownerId: owner?.id ?? null,
          contact: { name: sender.name ?? owner?.name, email: sender.address },
          description,
          category: 'other',
          urgency: /紧急|urgent/i.test(subject) ? 'urgent' : 'normal',
        },
        actor: core.systemActor,
        reachPermission: null,
      },
      (id) => [
        ...emailMessageStatements(scope, id, [messageId], 'inbound'),
        ...stored.flatMap((s) => s.statements),
      ],
      caseId,
    );
  } catch (error) {
    await discard(env.FILES, stored);
    throw error;
  }
  if (skipped.length > 0) {
    const row = await caseById(scope, caseId);
    if (row) {
      await appendTimeline(scope, row, {
        actorType: 'system',
        actorId: null,
        action: 'attachments_skipped',
        visibility: 'internal',
        note: null,
        data: { skipped },
      });
    }
  }
  await armChangedClocks(env, scope).catch(() => undefined);
  return { outcome: 'created', caseId };
}
