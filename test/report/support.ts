import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { demoId } from '../../workers/seed/demo-data';
import { as, fx } from '../cases/support';
import type { Client } from '../support/api';
import { bucket, eventually, received, receiverUrl } from '../support/events';

/** 西溪花园 1号楼 (units 1-101 … 1-202 = unit_1 … unit_4) and 2号楼; 钱江府 1号楼. */
export const place = {
  slug: 'demo',
  xixi: fx.xixi,
  xixiB1: demoId('bld', 1),
  xixiB2: demoId('bld', 2),
  qianjiang: fx.qianjiang,
  qianjiangB1: demoId('bld', 3),
};

export const pagePath = (
  projectId = place.xixi,
  buildingId: string | null = place.xixiB1,
  slug = place.slug,
) => `/report/${slug}/${projectId}${buildingId ? `/${buildingId}` : ''}`;

export interface PageResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Calls the Worker as a phone's browser would: a form post (urlencoded or multipart) or a GET. */
export async function browse(
  method: 'GET' | 'POST',
  path: string,
  options: {
    form?: Record<string, string>;
    multipart?: FormData;
    address?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<PageResponse> {
  const headers = new Headers(options.headers);
  headers.set('CF-Connecting-IP', options.address ?? '203.0.113.9');
  let body: BodyInit | undefined;
  if (options.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams(options.form).toString();
  } else if (options.multipart) body = options.multipart;
  const res = await exports.default.fetch(`http://api.test${path}`, {
    method,
    headers,
    body,
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

let phoneCounter = 0;
/** A fresh mainland mobile number per call, so tests do not share a phone's rate limit. */
export function newPhone(): string {
  phoneCounter += 1;
  return `13${String(Date.now()).slice(-6)}${String(phoneCounter).padStart(3, '0')}`;
}

let addressCounter = 0;
/** A fresh client address per call (TEST-NET-3). */
export function newAddress(): string {
  addressCounter += 1;
  return `198.51.${Math.floor(Math.random() * 200)}.${addressCounter % 250}`;
}

/** Points the demo tenant's SMS channel at a fresh path of the local receiver; answers the path. */
export async function smsAtReceiver(admin?: Client): Promise<string> {
  const who = admin ?? (await as('tenant_admin'));
  const path = bucket('sms');
  const body = {
    endpointUrl: `${receiverUrl()}${path}`,
    credentials: { apiKey: 'sms-key' },
    sender: { sign: '示范物业' },
    enabled: true,
  };
  const created = await who.post('/v1/notification-channels', { kind: 'sms', ...body });
  if (created.status !== 201) {
    const existing = (await who.get('/v1/notification-channels')).body.data.find(
      (c: { kind: string }) => c.kind === 'sms',
    );
    expect((await who.patch(`/v1/notification-channels/${existing.id}`, body)).status).toBe(200);
  }
  return path;
}

/** The fields of a report, as the form posts them. */
export const reportForm = (phone: string, overrides: Record<string, string> = {}) => ({
  phone,
  unitId: fx.xixiUnit(1),
  kind: 'repair',
  category: 'plumbing.blocked_drain',
  description: '厨房下水道堵塞，水排不下去',
  ...overrides,
});

/** The code texted to `phone` (the newest report code at the receiver's `smsPath`). */
export async function codeSentTo(smsPath: string, phone: string, count = 1): Promise<string> {
  const codes = (
    await eventually(
      () => received(smsPath),
      (r) =>
        r.filter((m) => JSON.parse(m.body).to === phone && JSON.parse(m.body).template === 'report.code')
          .length >= count,
      5_000,
    )
  )
    .map((m) => JSON.parse(m.body))
    .filter((m) => m.to === phone && m.template === 'report.code');
  const code = codes.at(-1)?.params?.code;
  if (typeof code !== 'string') throw new Error(`no code texted to ${phone}`);
  return code;
}

/** Step 1: asks for a code; expects the verify stage. */
export async function askCode(
  phone: string,
  address: string,
  overrides: Record<string, string> = {},
  path = pagePath(),
) {
  return browse('POST', `${path}/code`, { form: reportForm(phone, overrides), address });
}

/** Step 2: the multipart submit with the code and photos. */
export function submitForm(
  phone: string,
  code: string,
  photos: { name: string; type: string; bytes: Uint8Array }[] = [],
  overrides: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(reportForm(phone, overrides))) form.set(k, v);
  form.set('code', code);
  for (const p of photos) form.append('photos', new File([p.bytes], p.name, { type: p.type }));
  return form;
}

/** A tiny valid PNG (1×1). */
export const pngBytes = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (ch) => ch.charCodeAt(0),
);

/** Objects stored under the demo tenant's case files. */
export async function storedObjects(): Promise<number> {
  const listed = await env.FILES.list({ prefix: `${fx.tenantId}/cases/` });
  return listed.objects.length;
}

/** The archive number and owner link on a receipt page. */
export function receiptOf(text: string) {
  const archiveNo = /<dd class="big">(\d+)<\/dd>/.exec(text)?.[1];
  const link = /href="(https?:\/\/[^"]*\/owner-link\/[^"?]+)/.exec(text)?.[1];
  return { archiveNo, link, token: link?.split('/owner-link/')[1] };
}
