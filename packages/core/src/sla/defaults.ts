import { type Policy, type PolicyInput, PolicySchema } from './policy';

/*
 * The default policies a new tenant starts with, from the seeds (DOMAIN.md: Repair flow,
 * Complaint flow, Channel service levels). Every number is a tenant setting; the ones the
 * seeds leave open ([N]) are marked "our default".
 */

/*
 * First response means the owner heard from us: a reply (`reply_owner`), an answer or an
 * acknowledgement, a contractor's recorded contact, or a note shown to the owner. Assigning,
 * dispatching and internal notes are not: nobody spoke to the owner.
 */
const firstResponseEvents = [
  'case.replied',
  'case.answered',
  'case.acknowledged',
  'case.contacted',
  'case.owner_noted',
];
const stopped = ['case.closed', 'case.cancelled'];

const inputs: PolicyInput[] = [
  {
    id: 'default_repair',
    name: '报修：施工单位联系业主与回访 (repair: contractor contact, follow-up)',
    match: { kinds: ['repair'] },
    milestones: [
      {
        // Seed 000 1.I: the contractor contacts the owner within 30 minutes of dispatch or forfeits
        // the job (丧失维修权). Round the clock, the plain reading of "within 30 minutes": the
        // owner waits at night too, and a dispatch is the desk's decision that someone must act
        // now (a repair that can wait for the morning is dispatched in the morning). So a
        // dispatch at 23:50 falls due at 00:20. A tenant that wants working time sets its own
        // policy with `calendar: 'business_hours'`. A re-dispatch restarts it. This milestone is
        // the ONE definition of the contact deadline: the cases layer's forfeit guard reads its
        // due time (`cases.CaseDeadlines.contactDueAt`), there is no second setting.
        key: 'contractor_contact',
        reopen: 'next_start',
        startOn: ['case.dispatched'],
        stopOn: ['case.contacted'],
        target: { kind: 'duration', minutes: 30 },
        calendar: 'round_the_clock',
        warning: { leadMinutes: 10 },
        onBreach: ['forfeit_contractor', 'escalate'],
      },
      {
        // 回访: the call centre follows up 3 days after completion (seed 000 1.I step 6): a
        // reminder that the call is due (`followup.due`), not a deadline that breaches.
        key: 'followup',
        type: 'reminder',
        reopen: 'next_start',
        startOn: ['case.completed'],
        stopOn: ['followup.completed'],
        target: { kind: 'duration', minutes: 3 * 24 * 60 },
        calendar: 'round_the_clock',
      },
    ],
  },
  {
    id: 'default_emergency_repair',
    name: '紧急报修：限时到场 (emergency repair: on site)',
    match: { kinds: ['repair'], urgencies: ['emergency'] },
    milestones: [
      {
        // Water, power, elevator: on site within [N] minutes of receipt; our default 60.
        key: 'onsite_arrival',
        reopen: 'next_start',
        startOn: ['case.created'],
        stopOn: ['case.arrived'],
        target: { kind: 'duration', minutes: 60 },
        calendar: 'round_the_clock',
        warning: { share: 0.75 },
      },
    ],
  },
  {
    id: 'default_complaint',
    name: '投诉：24 小时回复、部门反馈、每日进展、回访 (complaint)',
    match: { kinds: ['complaint'] },
    milestones: [
      {
        // Every complaint gets a reply within 24 hours, nights and holidays included.
        key: 'first_reply',
        startOn: ['case.created'],
        stopOn: ['case.replied'],
        target: { kind: 'duration', minutes: 24 * 60 },
        calendar: 'round_the_clock',
        warning: { share: 0.75 },
        pauseOn: ['waiting_for_owner'],
      },
      {
        // The responsible department's feedback is due 1 hour before the reply.
        key: 'department_feedback',
        startOn: ['case.assigned'],
        stopOn: ['case.feedback_added'],
        target: { kind: 'relative', to: 'first_reply', offsetMinutes: -60 },
        calendar: 'round_the_clock',
        warning: { leadMinutes: 60 },
        pauseOn: ['waiting_for_owner'],
      },
      {
        // Seed 004: departments report each case's handling before the end of every working day.
        key: 'department_daily_update',
        startOn: ['case.assigned'],
        stopOn: ['case.feedback_added'],
        endOn: ['case.resolved', ...stopped],
        target: { kind: 'end_of_working_day' },
        calendar: 'business_hours',
        warning: { leadMinutes: 60 },
        onBreach: ['notify'],
      },
      {
        // Seed 001: complainants get a follow-up within 3 days, at a 100% rate.
        key: 'followup',
        reopen: 'next_start',
        startOn: ['case.resolved'],
        stopOn: ['followup.completed'],
        target: { kind: 'duration', minutes: 3 * 24 * 60 },
        calendar: 'round_the_clock',
        warning: { leadMinutes: 24 * 60 },
      },
    ],
  },
  {
    id: 'default_online',
    name: '线上渠道：首次响应 (online: first response)',
    match: { channels: ['web', 'wechat', 'app'] },
    milestones: [
      {
        // Our default: 15 business minutes; an owner-facing response counts (not an assignment).
        key: 'online_first_response',
        startOn: ['case.created'],
        stopOn: firstResponseEvents,
        target: { kind: 'duration', minutes: 15 },
        calendar: 'business_hours',
        warning: { share: 0.6 },
      },
    ],
  },
  {
    id: 'default_email',
    name: '邮件：回复 (email: reply)',
    match: { channels: ['email'] },
    milestones: [
      {
        // Our default: 8 business hours, i.e. about one working day after the daily check.
        key: 'email_reply',
        startOn: ['case.created'],
        stopOn: firstResponseEvents,
        target: { kind: 'duration', minutes: 8 * 60 },
        calendar: 'business_hours',
        warning: { share: 0.75 },
      },
    ],
  },
];

/** The default SLA policies, parsed (so every default field is filled in). */
export const defaultPolicies: readonly Policy[] = inputs.map((p) => PolicySchema.parse(p));
