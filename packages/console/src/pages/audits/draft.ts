import type { AuditAnswer } from '@guanjia/core/audits/answers';
import { useEffect, useState } from 'react';

/** What the auditor has marked so far, kept in this browser until the audit is submitted. */
export interface AuditDraft {
  answers: Record<string, AuditAnswer>;
  /** Local date-time of the visit (datetime-local input value). */
  visitedAt: string;
}

const keyOf = (auditId: string) => `guanjia.audit-draft.${auditId}`;

function read(auditId: string): AuditDraft | null {
  try {
    const raw = localStorage.getItem(keyOf(auditId));
    return raw ? (JSON.parse(raw) as AuditDraft) : null;
  } catch {
    return null;
  }
}

/**
 * The draft of one audit, saved to localStorage on every change (a shopper on a phone may lose
 * the page between two items); `clear` once the audit is submitted.
 */
export function useAuditDraft(auditId: string, fresh: () => AuditDraft) {
  const [draft, setDraft] = useState<AuditDraft>(() => read(auditId) ?? fresh());
  useEffect(() => {
    localStorage.setItem(keyOf(auditId), JSON.stringify(draft));
  }, [auditId, draft]);
  return {
    draft,
    setDraft,
    clear: () => localStorage.removeItem(keyOf(auditId)),
  };
}
