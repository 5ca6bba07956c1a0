import { describe, expect, it } from 'vitest';
import { errorText, maskSecrets } from '../../src/privacy';

const tenant = '01jd0000000000000000000000';
const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjYXNlXzEifQ.c2lnbmF0dXJlLWJ5dGVz';

describe('secrets in log text', () => {
  it.each([
    [`/owner-link/${jwt}`, '/owner-link/[redacted]'],
    [`/public/v1/owner-link/${jwt}/sign-off`, '/public/v1/owner-link/[redacted]/sign-off'],
    [`/public/v1/intake/pck_${tenant}_abcdefghij0123456789abcdefghij01`, '/public/v1/intake/[redacted]'],
    [
      `to pck_${tenant}_abcdefghij0123456789abcdefghij01@intake.guanjia.dev`,
      `to pck_${tenant}_[redacted]@intake.guanjia.dev`,
    ],
    [`reply gjm_${tenant}_abcdefghijklmnopqrstuvwxyz@x`, `reply gjm_${tenant}_[redacted]@x`],
    [`key gjk_${tenant}_Q2xvdWRmbGFyZS1rZXktc2VjcmV0`, `key gjk_${tenant}_[redacted]`],
    ['whsec_c2VjcmV0LWJ5dGVzLWhlcmU=', 'whsec_[redacted]'],
    [`Authorization: Bearer ${jwt}`, 'Authorization: Bearer [redacted-jwt]'],
    ['Authorization: Bearer opaque-token-value', 'Authorization: Bearer [redacted]'],
    [`token ${jwt} here`, 'token [redacted-jwt] here'],
    [
      'https://api.weixin.qq.com/cgi-bin/message/template/send?access_token=ACCESS123&x=1',
      'https://api.weixin.qq.com/cgi-bin/message/template/send?access_token=[redacted]&x=1',
    ],
    [
      '/cb?code=abc&state=1&api_key=k&secret=s&password=p',
      '/cb?code=[redacted]&state=1&api_key=[redacted]&secret=[redacted]&password=[redacted]',
    ],
    ['login failed password: hunter2, token="abc"', 'login failed password: [redacted], token="[redacted]"'],
  ])('%s', (input, masked) => {
    expect(maskSecrets(input)).toBe(masked);
  });

  it('leaves ordinary paths and messages as they are', () => {
    for (const text of [
      '/v1/cases/case_01jd/timeline',
      'refresh token reuse; family revoked',
      '/v1/api-keys',
      'HTTP 500',
    ]) {
      expect(maskSecrets(text)).toBe(text);
    }
  });

  it('a stored failure text is masked and bounded', () => {
    const error = new TypeError('fetch failed: https://h.test/send?access_token=SECRET for 13812345678');
    expect(errorText(error, 200)).toBe(
      'fetch failed: https://h.test/send?access_token=[redacted] for 138****5678',
    );
    expect(errorText('x'.repeat(900), 300)).toHaveLength(300);
  });
});
