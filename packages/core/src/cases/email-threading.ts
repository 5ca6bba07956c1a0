/**
 * Who may write into a case by email, and what an inbound message does (docs/cases.md, "Email
 * threading"). Pure: the email handler finds the case a message names (its reply token, or a
 * Message-ID Guanjia sent), reads the sender and the platform's authentication results, and
 * asks `emailThreadDecision` what to do.
 */

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';

/** What the receiving platform says of a message (`Authentication-Results`, RFC 8601). */
export interface EmailAuthentication {
  /** The host that wrote the results (the topmost header's authserv-id). */
  authServId: string | null;
  spf: AuthResult | null;
  dkim: AuthResult | null;
  dmarc: AuthResult | null;
  /** True when any results header (ARC ones included) says `dmarc=fail`. */
  dmarcFailed: boolean;
}

const results = new Set<string>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);

/** Drops RFC 5322 comments (`(…)`, not nested here) and quoted strings' quotes. */
const withoutComments = (value: string) => value.replace(/\([^()]*\)/g, ' ');

function parseOne(value: string, arc: boolean) {
  const parts = withoutComments(value)
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  // ARC-Authentication-Results starts with the instance tag `i=N`.
  if (arc && /^i\s*=\s*\d+$/i.test(parts[0] ?? '')) parts.shift();
  const authServId = (parts.shift() ?? '').split(/\s+/)[0] || null;
  const found: Partial<Record<'spf' | 'dkim' | 'dmarc', AuthResult[]>> = {};
  for (const part of parts) {
    const match = /^(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(part);
    if (!match) continue;
    const method = (match[1] as string).toLowerCase() as 'spf' | 'dkim' | 'dmarc';
    const result = (match[2] as string).toLowerCase();
    if (!results.has(result)) continue;
    found[method] = [...(found[method] ?? []), result as AuthResult];
  }
  return { authServId, found };
}

/** One result per method: any `pass` of several DKIM signatures is a pass, else the first. */
const verdict = (list: AuthResult[] | undefined): AuthResult | null =>
  !list || list.length === 0 ? null : list.includes('pass') ? 'pass' : (list[0] as AuthResult);

/**
 * Reads the results headers, topmost first (the one the receiving platform added last). The
 * recorded results are the topmost `Authentication-Results` (else the topmost ARC one); a
 * `dmarc=fail` in any of them counts as failed, since claiming a failure gains a sender nothing.
 * Null when the message carries no results at all.
 */
export function parseAuthenticationResults(
  headers: readonly { key: string; value: string }[],
): EmailAuthentication | null {
  const plain = headers.filter((h) => h.key.toLowerCase() === 'authentication-results');
  const arc = headers.filter((h) => h.key.toLowerCase() === 'arc-authentication-results');
  const parsed = [...plain.map((h) => parseOne(h.value, false)), ...arc.map((h) => parseOne(h.value, true))];
  const top = parsed[0];
  if (!top) return null;
  return {
    authServId: top.authServId,
    spf: verdict(top.found.spf),
    dkim: verdict(top.found.dkim),
    dmarc: verdict(top.found.dmarc),
    dmarcFailed: parsed.some((p) => p.found.dmarc?.includes('fail')),
  };
}

/** An address as compared: trimmed, lower case, Unicode NFC. */
export function normaliseEmail(address: string | null | undefined): string {
  return (address ?? '').normalize('NFC').trim().toLowerCase();
}

/** What a tenant does with a message that names a case but may not write into it. */
export const emailUnknownSenderPolicies = ['new_case', 'reject'] as const;
export type EmailUnknownSenderPolicy = (typeof emailUnknownSenderPolicies)[number];

/** Statuses after which a case takes no more messages (a new one is opened and linked). */
export const emailClosedStatuses: readonly string[] = ['closed', 'cancelled'];

export type EmailThreadDecision =
  | { action: 'append' }
  | { action: 'new_case'; flag: null | 'sender_mismatch' | 'dmarc_fail' }
  | { action: 'new_linked_case' }
  | { action: 'reject'; reason: 'sender_mismatch' | 'dmarc_fail' };

/**
 * A message appends to a case only when it names that case (its reply token, or a Message-ID
 * Guanjia sent about it), comes from the case's owner or contact address, has not failed DMARC,
 * and the case is still open. Naming a case from any other address, or failing DMARC, opens a
 * flagged case of the sender's own (or is refused, per the tenant setting); the owner writing
 * to a closed case opens a new case linked to it.
 */
export function emailThreadDecision(input: {
  /** The case the message names; null when it names none (a plain intake). */
  target: { status: string; ownerEmail: string | null; contactEmail: string | null } | null;
  sender: string;
  authentication: EmailAuthentication | null;
  onUnknownSender: EmailUnknownSenderPolicy;
}): EmailThreadDecision {
  const { target } = input;
  if (!target) return { action: 'new_case', flag: null };
  const sender = normaliseEmail(input.sender);
  const allowed = [target.ownerEmail, target.contactEmail].map(normaliseEmail).filter(Boolean);
  const refusal = input.authentication?.dmarcFailed
    ? 'dmarc_fail'
    : !sender || !allowed.includes(sender)
      ? 'sender_mismatch'
      : null;
  if (refusal) {
    return input.onUnknownSender === 'reject'
      ? { action: 'reject', reason: refusal }
      : { action: 'new_case', flag: refusal };
  }
  if (emailClosedStatuses.includes(target.status)) return { action: 'new_linked_case' };
  return { action: 'append' };
}
