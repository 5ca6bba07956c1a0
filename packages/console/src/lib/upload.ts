import { ApiError, type Problem } from '../api/client';
import { endSession, validAccessToken } from '../session/session';

/**
 * A raw-body POST with upload progress (fetch has none): `onProgress` gets 0–1 as the bytes go.
 * Answers the JSON body, or throws the problem document as an ApiError like `data()` does.
 */
export async function postWithProgress<T>(
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress: (share: number) => void,
): Promise<T> {
  const token = await validAccessToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError({ code: 'network', status: 0, type: '', title: '' } as Problem));
    xhr.onload = () => {
      if (xhr.status === 401) endSession('expired');
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(parsed as T);
        return;
      }
      const p = (parsed ?? {}) as Partial<Problem>;
      reject(
        new ApiError({
          ...p,
          code: p.code ?? 'unknown',
          status: xhr.status,
          type: p.type ?? '',
          title: p.title ?? '',
        } as Problem),
      );
    };
    xhr.send(body);
  });
}

/** The first rows of a CSV text (quoted cells, "" escapes), for a preview before sending it. */
export function csvPreview(text: string, rows: number): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length && out.length < rows; i += 1) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (out.length < rows && (cell !== '' || row.length > 0)) {
    row.push(cell);
    out.push(row);
  }
  return out;
}
