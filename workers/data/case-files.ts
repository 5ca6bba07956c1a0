import { AppError, newId } from '@guanjia/core';
import { caseAttachments } from '@guanjia/core/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import type { TenantScope } from './scope';

/** Photos, recordings and documents of cases, in R2 (`FILES`), described in `case_attachments`. */

export const attachmentContentTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'audio/mpeg',
  'audio/mp4',
  'audio/amr',
  'audio/wav',
  'application/pdf',
] as const;

/** 10 MB per file, for every channel (API upload, email). */
export const maxAttachmentBytes = 10 * 1024 * 1024;

export type AttachmentRow = typeof caseAttachments.$inferSelect;

/** The media type without parameters, lower-cased (`image/JPEG; x=y` → `image/jpeg`). */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** 415 for a type outside the list, 413 above 10 MB. */
export function checkAttachment(contentType: string, size: number): void {
  if (!(attachmentContentTypes as readonly string[]).includes(mediaType(contentType))) {
    throw new AppError('unsupported_media_type', `Attachments may be ${attachmentContentTypes.join(', ')}`, {
      extra: { allowed: attachmentContentTypes },
    });
  }
  if (size > maxAttachmentBytes) {
    throw new AppError('payload_too_large', `Attachments are limited to ${maxAttachmentBytes} bytes`);
  }
}

/** A file name safe to store and to send back in Content-Disposition. */
export function cleanFileName(name: string | null | undefined, fallback: string): string {
  const cleaned = [...(name ?? '')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/"'.includes(ch) ? '_' : ch))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}

export interface FileToStore {
  fileName: string;
  contentType: string;
  bytes: ArrayBuffer | Uint8Array;
}

export interface PreparedAttachment {
  row: AttachmentRow;
  /** Statements for the batch that records it (the row and its audit entry). */
  statements: unknown[];
}

/**
 * Puts the object in R2 and prepares its row for the caller's batch. The object goes first, so a
 * row never points at nothing; the caller deletes the objects if its batch fails (`discard`).
 */
export async function prepareAttachment(
  scope: TenantScope,
  bucket: R2Bucket,
  caseId: string,
  file: FileToStore,
  uploader: { type: string; id: string | null },
): Promise<PreparedAttachment> {
  const size = file.bytes.byteLength;
  const contentType = mediaType(file.contentType);
  checkAttachment(contentType, size);
  const id = newId('caseAttachment');
  const objectKey = `${scope.tenantId}/cases/${caseId}/${id}`;
  await bucket.put(objectKey, file.bytes, { httpMetadata: { contentType } });
  const row: AttachmentRow = {
    id,
    tenantId: scope.tenantId,
    caseId,
    objectKey,
    fileName: cleanFileName(file.fileName, id),
    contentType,
    sizeBytes: size,
    uploadedByType: uploader.type,
    uploadedById: uploader.id,
    createdAt: scope.now,
  };
  return {
    row,
    statements: [
      scope.db.insert(caseAttachments).values(row),
      auditEntry(scope, 'cases.attach', { type: 'caseAttachment', id }, null, { ...row, caseId }),
    ],
  };
}

/** Removes objects whose rows were not written (a failed batch). */
export async function discard(bucket: R2Bucket, prepared: readonly PreparedAttachment[]): Promise<void> {
  if (prepared.length > 0) await bucket.delete(prepared.map((p) => p.row.objectKey));
}

/** One attachment of a case the caller already sees, or 404. */
export async function getAttachment(scope: TenantScope, caseId: string, id: string): Promise<AttachmentRow> {
  const [row] = await scope.db
    .select()
    .from(caseAttachments)
    .where(
      and(
        eq(caseAttachments.tenantId, scope.tenantId),
        eq(caseAttachments.caseId, caseId),
        eq(caseAttachments.id, id),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('not_found', `Attachment ${id} not found`);
  return row;
}

export async function listAttachments(scope: TenantScope, caseId: string): Promise<AttachmentRow[]> {
  return scope.db
    .select()
    .from(caseAttachments)
    .where(and(eq(caseAttachments.tenantId, scope.tenantId), eq(caseAttachments.caseId, caseId)))
    .orderBy(asc(caseAttachments.id))
    .limit(500);
}
