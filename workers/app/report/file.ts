import { cases as core, newId } from '@guanjia/core';
import {
  discard,
  type FileToStore,
  mediaType,
  type PreparedAttachment,
  prepareAttachment,
} from '../../data/case-files';
import { isStaleVersion } from '../../data/case-rows';
import { commit } from '../../data/commit';
import { countWrongTry, latestReportCode, unusedCodeGuard, useReportCode } from '../../data/report-codes';
import { type CreatedCase, createCase } from '../cases/intake';
import { codeHash, reportKeys } from './code';
import type { ReportPage } from './page';

export interface ReportInput {
  phone: string;
  code: string;
  unitId: string;
  kind: core.CaseKind;
  category: string;
  description: string;
  photos: FileToStore[];
  /** Where the photos go (R2 `FILES`), from the runtime. */
  bucket: R2Bucket;
}

export type PhotoRefusal =
  | { reason: 'too_many_photos' }
  | { reason: 'photo_type' | 'photo_too_large'; fileName: string };

export type FileResult =
  | { filed: true; created: CreatedCase }
  | { filed: false; refusal: PhotoRefusal }
  | { filed: false; refusal: { reason: 'code'; check: Exclude<core.CodeCheck, { ok: true }> } };

/** What is wrong with the photos, before anything is stored: images only, at most 6, 10 MB each. */
export function photoRefusal(photos: readonly FileToStore[]): PhotoRefusal | null {
  if (photos.length > core.maxReportPhotos) return { reason: 'too_many_photos' };
  for (const photo of photos) {
    if (!(core.reportPhotoTypes as readonly string[]).includes(mediaType(photo.contentType))) {
      return { reason: 'photo_type', fileName: photo.fileName };
    }
    if (photo.bytes.byteLength > core.maxReportPhotoBytes) {
      return { reason: 'photo_too_large', fileName: photo.fileName };
    }
  }
  return null;
}

/**
 * Files the owner's case from the report page: the photos are checked first (nothing stored, the
 * code untouched), then the one-time code (a wrong one counts a try; five spend it), then the
 * case is received through `createCase` (channel `web`, as any owner's case: clocks, events, the
 * first-ask owner) with its photos and the code marked used in the same batch. Photos stored in
 * R2 for a case whose batch fails are deleted, so nothing is half-written.
 */
export async function fileReport(page: ReportPage, input: ReportInput): Promise<FileResult> {
  const { scope } = page;
  const refusal = photoRefusal(input.photos);
  if (refusal) return { filed: false, refusal };
  const { phoneKey } = await reportKeys(page, input.phone, '');
  const code = await latestReportCode(scope, page.project.id, phoneKey);
  const matches = code ? (await codeHash(code.id, input.code.trim())) === code.codeHash : false;
  const check = core.checkReportCode(code, matches, scope.now);
  if (!check.ok) {
    if (code && (check.reason === 'wrong_code' || check.reason === 'too_many_tries') && !code.usedAt) {
      if (code.attempts < core.reportCodePolicy.maxAttempts)
        await commit(scope, [countWrongTry(scope, code.id)]);
    }
    return { filed: false, refusal: { reason: 'code', check } };
  }
  const caseId = newId('case');
  const codeId = (code as { id: string }).id;
  const prepared: PreparedAttachment[] = [];
  try {
    for (const photo of input.photos) {
      prepared.push(await prepareAttachment(scope, input.bucket, caseId, photo, { type: 'owner', id: null }));
    }
    const created = await createCase(
      scope,
      {
        intake: {
          kind: input.kind,
          channel: 'web',
          projectId: page.project.id,
          unitId: input.unitId,
          description: input.description,
          category: input.category,
          urgency: 'normal',
          contact: { phone: input.phone },
        },
        actor: { kind: 'owner', id: caseId, roles: [] },
        reachPermission: null,
      },
      () => [
        unusedCodeGuard(scope, codeId),
        useReportCode(scope, codeId, caseId),
        ...prepared.flatMap((p) => p.statements),
      ],
      caseId,
    );
    return { filed: true, created };
  } catch (error) {
    await discard(input.bucket, prepared);
    // Another submission spent the code first: this one files nothing.
    if (isStaleVersion(error)) {
      return {
        filed: false,
        refusal: { reason: 'code', check: { ok: false, reason: 'expired', triesLeft: 0 } },
      };
    }
    throw error;
  }
}
