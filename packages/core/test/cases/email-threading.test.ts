import { describe, expect, it } from 'vitest';
import {
  emailThreadDecision,
  normaliseEmail,
  parseAuthenticationResults,
} from '../../src/cases/email-threading';

const ar = (value: string, key = 'authentication-results') => ({ key, value });
const open = { status: 'received', ownerEmail: 'Owner@Example.com', contactEmail: null };

describe('authentication results', () => {
  it('reads spf, dkim and dmarc of the topmost header, comments dropped', () => {
    expect(
      parseAuthenticationResults([
        ar(
          'mx.cloudflare.net; spf=pass (sender ok) smtp.mailfrom=a.test; dkim=fail header.d=a.test; dkim=pass header.d=b.test; dmarc=pass header.from=a.test',
        ),
        ar('older.hop; dmarc=pass'),
      ]),
    ).toEqual({
      authServId: 'mx.cloudflare.net',
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'pass',
      dmarcFailed: false,
    });
  });

  it('counts a dmarc fail in any header, ARC ones included', () => {
    const parsed = parseAuthenticationResults([
      ar('mx.cloudflare.net; dmarc=pass'),
      ar('i=1; mx.google.com; dmarc=fail', 'arc-authentication-results'),
    ]);
    expect(parsed).toMatchObject({ dmarc: 'pass', dmarcFailed: true });
    expect(
      parseAuthenticationResults([ar('i=2; mx.x; spf=none', 'ARC-Authentication-Results')]),
    ).toMatchObject({
      authServId: 'mx.x',
      spf: 'none',
      dmarc: null,
    });
  });

  it('is null without results, and ignores unknown result words', () => {
    expect(parseAuthenticationResults([{ key: 'subject', value: 'x' }])).toBeNull();
    expect(parseAuthenticationResults([ar('mx; dmarc=maybe; spf=PASS')])).toMatchObject({
      dmarc: null,
      spf: 'pass',
    });
  });
});

describe('what an inbound email may do to the case it names', () => {
  const decide = (over: Partial<Parameters<typeof emailThreadDecision>[0]>) =>
    emailThreadDecision({
      target: open,
      sender: 'owner@example.com',
      authentication: null,
      onUnknownSender: 'new_case',
      ...over,
    });

  it('appends only the owner or contact, case-insensitively', () => {
    expect(decide({ sender: ' OWNER@example.COM ' })).toEqual({ action: 'append' });
    expect(
      decide({ target: { ...open, ownerEmail: null, contactEmail: 'c@x.test' }, sender: 'C@X.test' }),
    ).toEqual({
      action: 'append',
    });
  });

  it('naming no case is a plain new case', () => {
    expect(decide({ target: null })).toEqual({ action: 'new_case', flag: null });
  });

  it('another sender, or a case with no address at all, opens a flagged case or is refused', () => {
    expect(decide({ sender: 'x@evil.test' })).toEqual({ action: 'new_case', flag: 'sender_mismatch' });
    expect(decide({ target: { ...open, ownerEmail: null }, sender: '' })).toEqual({
      action: 'new_case',
      flag: 'sender_mismatch',
    });
    expect(decide({ sender: 'x@evil.test', onUnknownSender: 'reject' })).toEqual({
      action: 'reject',
      reason: 'sender_mismatch',
    });
  });

  it('a DMARC fail never appends, whoever it claims to be from', () => {
    const failed = parseAuthenticationResults([ar('mx; dmarc=fail')]);
    expect(decide({ authentication: failed })).toEqual({ action: 'new_case', flag: 'dmarc_fail' });
    expect(decide({ authentication: failed, onUnknownSender: 'reject' })).toEqual({
      action: 'reject',
      reason: 'dmarc_fail',
    });
  });

  it('a closed or cancelled case opens a new linked case for its owner', () => {
    for (const status of ['closed', 'cancelled']) {
      expect(decide({ target: { ...open, status } })).toEqual({ action: 'new_linked_case' });
    }
    expect(decide({ target: { ...open, status: 'closed' }, sender: 'x@evil.test' })).toMatchObject({
      action: 'new_case',
    });
  });

  it('normalises addresses', () => {
    expect(normaliseEmail('  A@B.Test ')).toBe('a@b.test');
    expect(normaliseEmail(null)).toBe('');
  });
});
