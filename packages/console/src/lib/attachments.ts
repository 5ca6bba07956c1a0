import { api, data } from '../api/client';

/** Uploads one file as a case attachment (the raw body, its own content type). */
export function uploadAttachment(caseId: string, file: File) {
  return data(
    api.POST('/v1/cases/{id}/attachments', {
      params: { path: { id: caseId }, query: { fileName: file.name } },
      body: file as never,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'content-type': file.type || 'application/octet-stream' },
    }),
  );
}
