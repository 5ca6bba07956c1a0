/**
 * The daily complaint digest (seed 000), pure: when it is due in a tenant's time zone, which
 * local day it covers, what it says, and who is told about unread copies. Callers pass `now`.
 */

import { addDays, localParts, zonedInstant } from '../time-zone';

export { addDays, localParts, zonedInstant };

export const defaultDigestTime = '08:30';
export const readCheckDelayMs = 60 * 60 * 1000;

export function isDigestTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

export interface DigestSlot {
  /** Whether the digest of `reportDate` should be published now (at or after the set local time). */
  due: boolean;
  /** Yesterday, in the tenant's time zone. */
  reportDate: string;
  /** Yesterday's bounds as UTC instants: [from, to). */
  from: Date;
  to: Date;
  /** When today's digest is due. */
  dueAt: Date;
}

/**
 * Whether the daily digest is due at `now` for a tenant in `timeZone` with digest time `time`.
 * Once the local time has passed `time`, it stays due for the rest of the local day (a missed
 * cron tick catches up); publishing is idempotent per (branch, reportDate).
 */
export function digestSlot(now: Date, timeZone: string, time = defaultDigestTime): DigestSlot {
  const local = localParts(now, timeZone);
  const reportDate = addDays(local.date, -1);
  const dueAt = zonedInstant(local.date, time, timeZone);
  return {
    due: now.getTime() >= dueAt.getTime(),
    reportDate,
    from: zonedInstant(reportDate, '00:00', timeZone),
    to: zonedInstant(local.date, '00:00', timeZone),
    dueAt,
  };
}

export interface DigestComplaint {
  caseId: string;
  archiveNo: string;
  branchId: string;
  projectId: string;
  category: string;
  severity: string | null;
  status: string;
  receivedAt: Date;
}

export interface BranchDigest {
  branchId: string;
  complaintCount: number;
  byProject: { projectId: string; count: number }[];
  bySeverity: Record<string, number>;
  items: {
    caseId: string;
    archiveNo: string;
    projectId: string;
    category: string;
    severity: string | null;
    status: string;
    receivedAt: string;
  }[];
}

/** Groups a day's complaints per branch; every branch given gets a digest, even with none. */
export function buildDigests(
  branchIds: readonly string[],
  complaints: readonly DigestComplaint[],
): BranchDigest[] {
  return branchIds.map((branchId) => {
    const mine = complaints
      .filter((c) => c.branchId === branchId)
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    const byProject = new Map<string, number>();
    const bySeverity: Record<string, number> = {};
    for (const c of mine) {
      byProject.set(c.projectId, (byProject.get(c.projectId) ?? 0) + 1);
      const severity = c.severity ?? 'normal';
      bySeverity[severity] = (bySeverity[severity] ?? 0) + 1;
    }
    return {
      branchId,
      complaintCount: mine.length,
      byProject: [...byProject].map(([projectId, count]) => ({ projectId, count })),
      bySeverity,
      items: mine.map((c) => ({
        caseId: c.caseId,
        archiveNo: c.archiveNo,
        projectId: c.projectId,
        category: c.category,
        severity: c.severity,
        status: c.status,
        receivedAt: c.receivedAt.toISOString(),
      })),
    };
  });
}

/** Who supervises digest readers: cs_supervisor or branch_cs_manager in the same scope. */
export const supervisorRoles = ['cs_supervisor', 'branch_cs_manager'] as const;

export interface ScopedHolder {
  userId: string;
  role: string;
  scopeType: 'group' | 'branch' | 'project';
  scopeId: string | null;
}

/**
 * Supervisors of each unread reader. A reader's scopes are the branch and the projects (of that
 * branch) where they hold roles; their supervisors are holders of a supervisor role in the same
 * scope: the same project, or the branch itself (a branch-level supervisor supervises every
 * project of the branch). Nobody supervises themselves. Returns supervisor → unread readers.
 */
export function supervisorsOfUnread(
  branchId: string,
  unread: readonly {
    userId: string;
    scopes: readonly { scopeType: 'branch' | 'project'; scopeId: string }[];
  }[],
  holders: readonly ScopedHolder[],
): Map<string, string[]> {
  const supervisors = holders.filter((h) => (supervisorRoles as readonly string[]).includes(h.role));
  const result = new Map<string, string[]>();
  for (const reader of unread) {
    const found = new Set<string>();
    for (const scope of reader.scopes) {
      for (const s of supervisors) {
        const sameScope = s.scopeType === scope.scopeType && s.scopeId === scope.scopeId;
        const branchAbove = s.scopeType === 'branch' && s.scopeId === branchId;
        if ((sameScope || branchAbove) && s.userId !== reader.userId) found.add(s.userId);
      }
    }
    for (const supervisor of found) {
      const list = result.get(supervisor) ?? [];
      list.push(reader.userId);
      result.set(supervisor, list);
    }
  }
  return result;
}

/** Read rate per project of one digest: readers counted under every project they hold a role in. */
export function readRates(
  recipients: readonly { userId: string; read: boolean; projectIds: readonly string[] }[],
): { overall: Rate; projects: (Rate & { projectId: string | null })[] } {
  const buckets = new Map<string | null, { recipients: number; read: number }>();
  const add = (key: string | null, read: boolean) => {
    const b = buckets.get(key) ?? { recipients: 0, read: 0 };
    b.recipients += 1;
    if (read) b.read += 1;
    buckets.set(key, b);
  };
  for (const r of recipients) {
    if (r.projectIds.length === 0) add(null, r.read);
    for (const p of r.projectIds) add(p, r.read);
  }
  const rate = (b: { recipients: number; read: number }): Rate => ({
    ...b,
    rate: b.recipients === 0 ? 0 : Math.round((b.read / b.recipients) * 1000) / 1000,
  });
  return {
    overall: rate({ recipients: recipients.length, read: recipients.filter((r) => r.read).length }),
    projects: [...buckets].map(([projectId, b]) => ({ projectId, ...rate(b) })),
  };
}
export interface Rate {
  recipients: number;
  read: number;
  rate: number;
}
