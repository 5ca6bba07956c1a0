import { AppError } from '@guanjia/core';
import type { AuditRow, CorrectiveRow } from '../../../data/audits';
import { outboxEvent } from '../../../data/outbox';
import type { TenantScope } from '../../../data/scope';

/**
 * The edge's side of the mystery-shopper rules: evidence limits and events. The adapters onto
 * core's `audits` rules (templates, scoring, corrective actions, results) are in scoring.ts.
 */

// ---------------------------------------------------------------------------
// Evidence

export const maxEvidenceBytes = 20 * 1024 * 1024;

export const evidenceTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'audio/mpeg',
  'audio/mp4',
  'audio/amr',
  'audio/wav',
  'application/pdf',
] as const;

export function acceptedEvidenceType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const normalised = type === 'audio/x-wav' || type === 'audio/wave' ? 'audio/wav' : type;
  if (!(evidenceTypes as readonly string[]).includes(normalised)) {
    throw new AppError('unsupported_media_type', `Evidence must be one of ${evidenceTypes.join(', ')}`, {
      extra: { accepted: evidenceTypes },
    });
  }
  return normalised;
}

export const tooLarge = () =>
  new AppError('payload_too_large', `Evidence files are limited to ${maxEvidenceBytes / 1024 / 1024} MB`);

/** Reads a body, giving up (413) as soon as it passes `limit` bytes. */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Events

/** The outbox rows of a publication: the result for the project, and each corrective action for its owner. */
export function publicationEvents(scope: TenantScope, audit: AuditRow, actions: CorrectiveRow[]): unknown[] {
  const place = { branchId: audit.branchId, projectId: audit.projectId };
  return [
    outboxEvent(
      scope,
      'audit.published',
      {
        auditId: audit.id,
        branchId: audit.branchId,
        projectId: audit.projectId,
        channel: audit.channel,
        score: audit.score,
        passed: audit.passed,
        correctiveActionIds: actions.map((a) => a.id),
        actor: { type: scope.actor.type, id: scope.actor.id },
      },
      place,
    ),
    ...actions.map((a) =>
      outboxEvent(
        scope,
        'corrective_action.created',
        {
          correctiveActionId: a.id,
          auditId: a.auditId,
          branchId: a.branchId,
          projectId: a.projectId,
          ownerId: a.ownerId,
          description: a.description,
          deadline: a.deadline.toISOString(),
        },
        place,
      ),
    ),
  ];
}
