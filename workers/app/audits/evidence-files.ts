import { AppError, fieldError } from '@guanjia/core';

/** What an evidence file may be (type and size), and reading one without holding more than the limit. */

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

/**
 * The checks before an upload is read: an accepted type (starting with `only` when given, e.g.
 * `image/` for photos, else 415) and a declared size within the limit (413). Answers the type.
 */
export function acceptEvidenceUpload(
  header: string | undefined,
  declaredBytes: number,
  only?: string,
): string {
  const contentType = acceptedEvidenceType(header);
  if (only && !contentType.startsWith(only)) {
    throw new AppError('unsupported_media_type', `Only ${only}* files are accepted here`, {
      extra: { accepted: evidenceTypes.filter((t) => t.startsWith(only)) },
    });
  }
  if (Number.isFinite(declaredBytes) && declaredBytes > maxEvidenceBytes) throw tooLarge();
  return contentType;
}

/** Reads an upload's body within the limit; an empty file is a 400 at `body`. */
export async function readEvidenceUpload(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  const bytes = await readLimited(body, maxEvidenceBytes);
  if (bytes.byteLength === 0) throw fieldError('body', 'The file is empty');
  return bytes;
}
