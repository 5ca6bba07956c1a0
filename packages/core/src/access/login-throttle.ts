/**
 * Slowing down password guessing without locking anyone out.
 *
 * Failures are counted per **source**: the pair (client address, login as typed) within a tenant,
 * whether or not the login exists. A source's first `freeFailures` failures cost nothing; each
 * further one closes that source for a growing delay (1, 2, 4 … minutes, at most an hour), during
 * which its attempts are refused without checking the password. Nothing is counted on the
 * account itself, so the same staff member at another address (their own desk, their phone)
 * still signs in while an attacker's address is held back, and no stranger can lock an account.
 * A source that stays quiet for `quietResetSeconds` after its last delay ran out starts afresh.
 */
export const loginThrottlePolicy = {
  freeFailures: 5,
  firstDelaySeconds: 60,
  maxDelaySeconds: 60 * 60,
  quietResetSeconds: 15 * 60,
} as const;

/** How long a source is closed after its `failures`-th failure (0 while failures are free). */
export function loginDelaySeconds(failures: number, policy = loginThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = failures - policy.freeFailures;
  return Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** Math.min(doublings, 30));
}

/**
 * The delay as steps `[from failures, seconds]`, highest first, up to the cap: what a single SQL
 * `CASE` needs to compute the delay in the same statement that counts the failure.
 */
export function loginDelaySteps(policy = loginThrottlePolicy): [number, number][] {
  const steps: [number, number][] = [];
  for (let failures = policy.freeFailures; ; failures++) {
    const seconds = loginDelaySeconds(failures, policy);
    steps.unshift([failures, seconds]);
    if (seconds >= policy.maxDelaySeconds) return steps;
  }
}

export interface SourceRecord {
  failures: number;
  blockedUntil: Date | null;
  resetsAt: Date;
}

export type SourceState = { open: true } | { open: false; retryAfterSeconds: number };

/** Whether a source may try a password now. */
export function sourceState(record: SourceRecord | undefined, now: Date): SourceState {
  if (!record || record.resetsAt <= now || !record.blockedUntil || record.blockedUntil <= now) {
    return { open: true };
  }
  return {
    open: false,
    retryAfterSeconds: Math.ceil((record.blockedUntil.getTime() - now.getTime()) / 1000),
  };
}

/**
 * A client address as the audit log shows it: enough to tell offices and networks apart, not
 * to single out a person (IPv4 keeps its /24, IPv6 its /48).
 */
export function maskAddress(address: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.*`;
  if (address.includes(':')) {
    const [head = ''] = address.toLowerCase().split('::');
    const groups = head.split(':').filter(Boolean).slice(0, 3);
    return `${groups.join(':')}:*`;
  }
  return address === 'local' ? 'local' : '*';
}

/**
 * A login as typed, for the audit entry of an attempt on a login that does not exist: people
 * type a password into the login field, so only its shape is kept (`ab***@example.com`,
 * `137****0003`, `ad***`).
 */
export function maskLogin(login: string): string {
  const text = login.trim();
  const at = text.lastIndexOf('@');
  if (at > 0) return `${text.slice(0, Math.min(2, at - 1))}***${text.slice(at)}`;
  if (/^\+?\d{7,}$/.test(text)) return `${text.slice(0, 3)}****${text.slice(-4)}`;
  return `${text.slice(0, 2)}***`;
}
