import { describe, expect, it } from 'vitest';
import {
  type StaffEventType,
  staffEventMessage,
  staffEventTypes,
} from '../../src/notify/staff-event-messages';
import {
  type StaffCaseFacts,
  type StaffNoticeKind,
  staffLocaleOf,
  staffLocales,
  staffMessageFor,
} from '../../src/notify/staff-messages';

/** Every staff inbox row's title and body are in one language: the reader's. */
const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const at = new Date('2026-12-02T02:30:00Z');

// Data free of Chinese, so any CJK in an English message is the template's own.
const facts: StaffCaseFacts = {
  archiveNo: '20261202001',
  unit: 'Xixi Garden 1-201',
  category: '下水堵塞',
  categoryEn: 'Drain blocked',
  timeZone: 'Asia/Shanghai',
  link: 'https://gj.example/cases/case_1',
};

/** One of each notice kind core composes (the Record makes a new kind fail to compile until listed). */
const notices: Record<StaffNoticeKind['kind'], StaffNoticeKind[]> = {
  job_dispatched: [
    { kind: 'job_dispatched', contactDueAt: at, urgent: false },
    { kind: 'job_dispatched', contactDueAt: null, urgent: true },
  ],
  department_assigned: [
    { kind: 'department_assigned', feedbackDueAt: at },
    { kind: 'department_assigned', feedbackDueAt: null },
  ],
  first_ask_completed: [{ kind: 'first_ask_completed' }],
  first_ask_breached: [{ kind: 'first_ask_breached', milestone: 'contact', dueAt: at }],
  first_ask_reopened: [{ kind: 'first_ask_reopened', reopenCount: 2 }],
  major_complaint: [
    { kind: 'major_complaint', severity: 'major' },
    { kind: 'major_complaint', severity: 'group' },
    { kind: 'major_complaint', severity: 'unknown' },
  ],
  incident_opened: [
    { kind: 'incident_opened', severity: 'major', etaAt: at },
    { kind: 'incident_opened', severity: 'normal', etaAt: null },
  ],
  claim_approval: [{ kind: 'claim_approval', amountFen: 250000, thresholdFen: 100000 }],
  claim_approved: [{ kind: 'claim_approved', amountFen: 250000 }],
  escalated: [
    { kind: 'escalated', level: 2, milestone: 'resolve', urgent: true },
    { kind: 'escalated', level: 1, milestone: null, urgent: false },
  ],
};

/** Event data with every field any event type reads, in ASCII. */
const eventData = (type: string): Record<string, unknown>[] => {
  const base = {
    archiveNo: '20261202001',
    assigneeId: 'staff_1',
    ownerId: 'staff_1',
    notifyStaffIds: ['staff_1'],
    milestone: 'contact',
    dueAt: '2026-12-02T02:30:00Z',
    level: 2,
    chaseCount: 3,
    year: 2026,
    quarter: 4,
    description: 'Leaking roof in block 3',
    itemLabel: 'Fire doors',
    batch: 'Batch A',
    handoverOn: '2026-12-20',
    state: 'warning',
    deadline: 'feedback',
    kind: 'warning',
    title: 'Q4 survey',
    responses: 40,
    sampled: 50,
    bottomThree: ['proj_1', 'proj_2', 'proj_3'],
    step: 'present',
    status: 'presented',
    projectId: 'proj_1',
    department: 'Engineering',
    reason: 'Numbers missing',
    planId: 'plan_1',
    dueOn: '2026-12-31',
    startsOn: '2026-10-01',
    endsOn: '2026-12-31',
    reportDue: '2027-01-10',
    month: '2026-11',
    total: 7,
    majorProblem: true,
  };
  return type === 'defect.deadline'
    ? ['warning', 'breach', 'escalated'].flatMap((kind) =>
        ['feedback', 'completion'].map((deadline) => ({ ...base, kind, deadline })),
      )
    : type.startsWith('plan_recheck') || type === 'supervisor_rotation.deadline'
      ? ['warning', 'overdue', 'escalated'].map((state) => ({ ...base, state }))
      : type === 'improvement_plan.changed'
        ? ['submit', 'approve', 'return', 'present', 'close'].map((step) => ({ ...base, step, reason: null }))
        : [base, { ...base, majorProblem: false }];
};

const expectLanguage = (locale: string, title: string, text: string) => {
  const where = `${locale}: ${title} / ${text}`;
  if (locale === 'en') {
    expect(cjk.test(title), where).toBe(false);
    expect(cjk.test(text), where).toBe(false);
  } else {
    expect(cjk.test(title), where).toBe(true);
    expect(cjk.test(text), where).toBe(true);
  }
};

describe('staff messages are in the reader’s language, title and body alike', () => {
  for (const locale of staffLocales) {
    for (const [kind, samples] of Object.entries(notices)) {
      it(`notice ${kind} in ${locale}`, () => {
        for (const notice of samples) {
          const m = staffMessageFor(notice, facts, locale);
          expectLanguage(locale, m.title, m.text);
        }
      });
    }
    for (const type of staffEventTypes) {
      it(`event ${type} in ${locale}`, () => {
        for (const data of eventData(type)) {
          const m = staffEventMessage(type, data, locale);
          expect(m, type).not.toBeNull();
          // A defect's body is its description as written; the title carries the language.
          if (type.startsWith('defect.') || type === 'handover.item_at_risk') {
            expect(cjk.test(m?.title ?? ''), m?.title).toBe(locale !== 'en');
            if (locale === 'en') expect(cjk.test(m?.text ?? '')).toBe(false);
          } else expectLanguage(locale, m?.title ?? '', m?.text ?? '');
        }
      });
    }
  }

  it('zh-CN is the default; a stored en locale reads English', () => {
    expect(staffLocaleOf(null)).toBe('zh-CN');
    expect(staffLocaleOf('zh-CN')).toBe('zh-CN');
    expect(staffLocaleOf('en')).toBe('en');
    expect(staffLocaleOf('en-US')).toBe('en');
    const n = notices.claim_approved[0] as StaffNoticeKind;
    expect(staffMessageFor(n, facts)).toEqual(staffMessageFor(n, facts, 'zh-CN'));
    expect(staffEventMessage('case.assigned', { archiveNo: 'A1' })?.title).toBe('新工单 A1');
    expect(staffEventMessage('case.assigned', { archiveNo: 'A1' }, 'en')?.title).toBe('New case A1');
  });

  it('an English notice names the category in English', () => {
    const m = staffMessageFor({ kind: 'first_ask_completed' }, facts, 'en');
    expect(m.text).toContain('Drain blocked');
    expect(m.params.category).toBe('Drain blocked');
  });

  it('the type list is exhaustive over what the inbox composes', () => {
    const typed: readonly StaffEventType[] = staffEventTypes;
    expect(new Set(typed).size).toBe(typed.length);
    expect(staffEventMessage('case.created', {})).toBeNull();
  });
});
