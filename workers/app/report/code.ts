import { cases as core, newId, sha256Hex } from '@guanjia/core';
import { commit } from '../../data/commit';
import { codeRequestTimes, insertReportCode } from '../../data/report-codes';
import { sendThroughChannels } from '../../notify/send';
import type { ReportPage } from './page';

/** Keys the rate limits count by: hashes, so no phone or address is stored in the clear. */
export async function reportKeys(page: ReportPage, phone: string, address: string) {
  return {
    phoneKey: await sha256Hex(`${page.tenant.id}\nphone\n${phone}`),
    addressKey: await sha256Hex(`${page.tenant.id}\naddress\n${address}`),
    projectId: page.project.id,
  };
}

/** The stored hash of a code: salted with its row's id. */
export const codeHash = (id: string, code: string) => sha256Hex(`${id}\n${code}`);

export type CodeRequest =
  | { sent: true; codeId: string }
  | { sent: false; reason: 'rate_limited'; limit: core.ReportLimitKey; retryAt: Date }
  | { sent: false; reason: 'sms_unavailable' };

/**
 * Sends a one-time code to `phone` through the tenant's SMS channel (over HTTP to its
 * provider), unless a rate limit says to wait: per phone, per client address, per project
 * (core's `reportCodeLimits`), each answering when the next code may be asked for. The code's
 * row (hashes only) is committed before the text goes out, so every request counts.
 */
export async function requestReportCode(
  page: ReportPage,
  input: { phone: string; address: string },
): Promise<CodeRequest> {
  const { scope } = page;
  const now = scope.now;
  const keys = await reportKeys(page, input.phone, input.address);
  const widest = Math.max(...Object.values(core.reportCodeLimits).map((l) => l.windowMs));
  const times = await codeRequestTimes(scope, keys, new Date(now.getTime() - widest));
  for (const limit of ['phone', 'address', 'project'] as const) {
    const retryAt = core.nextCodeAllowedAt(times[limit], core.reportCodeLimits[limit], now);
    if (retryAt) return { sent: false, reason: 'rate_limited', limit, retryAt };
  }
  const id = newId('reportCode');
  const code = core.reportCodeFrom(crypto.getRandomValues(new Uint32Array(1)));
  await commit(scope, [
    insertReportCode(scope, {
      id,
      tenantId: scope.tenantId,
      projectId: page.project.id,
      phoneKey: keys.phoneKey,
      addressKey: keys.addressKey,
      codeHash: await codeHash(id, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + core.reportCodePolicy.ttlMs),
      attempts: 0,
      usedAt: null,
      caseId: null,
    }),
  ]);
  const minutes = String(core.reportCodePolicy.ttlMs / 60_000);
  const summary = await sendThroughChannels(
    page.env,
    scope,
    id,
    ['sms'],
    [{ type: 'owner', id, phone: input.phone }],
    {
      template: 'report.code',
      subject: '报修验证码',
      text: `您的报修验证码是 ${code}，${minutes} 分钟内有效。如非本人操作，请忽略。`,
      params: { code, minutes, project: page.project.name },
    },
  );
  return summary.sent > 0 ? { sent: true, codeId: id } : { sent: false, reason: 'sms_unavailable' };
}
