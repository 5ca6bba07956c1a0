import { cases as core } from '@guanjia/core';
import { z } from '@hono/zod-openapi';

/**
 * The body of `POST /v1/cases/{id}/actions` in the OpenAPI document, derived from core's
 * `CaseActionSchema` (the one definition of the steps and their fields): a discriminated union
 * on `type`, each step a component `CaseAction_<type>` with a description and an example, each
 * field with a description. The fields themselves, their types, limits, defaults and refinements
 * are core's; this file only adds the words. `test/node/openapi-case-actions.test.ts` checks that
 * every step and every field of core has them, and that every example is a valid step.
 */

type ActionName = core.ActionName;
type FieldOf<N extends ActionName> = Exclude<keyof Extract<core.CaseActionInput, { type: N }>, 'type'>;
interface FieldDoc {
  description: string;
  example?: unknown;
}
interface ActionDoc<N extends ActionName> {
  /** What the step does, for whom, and what it needs. */
  description: string;
  /** A complete body (with `type`), valid for core's schema. */
  example: Record<string, unknown>;
  /** Per-step wording of a field; a field not named here takes `fieldDocs`. */
  fields?: { [K in FieldOf<N>]?: FieldDoc };
}

const caseId = 'case_01jdw0k8v2f3q9m4x7t6r5s1ab';
const staffId = 'stf_01jdw0k8v2f3q9m4x7t6r5s1ab';
const attachmentId = 'att_01jdw0k8v2f3q9m4x7t6r5s1ab';

/** The wording of a field wherever it appears, unless a step says otherwise. */
const fieldDocs: Record<string, FieldDoc> = {
  note: { description: 'Free text kept in the case timeline (internal unless the step is owner-facing)' },
  contractorId: {
    description: 'The contractor (施工单位) who does the work; give this or `departmentId`, not both',
    example: 'ctr_01jdw0k8v2f3q9m4x7t6r5s1ab',
  },
  departmentId: {
    description: 'The in-house department that handles the case',
    example: 'dept_01jdw0k8v2f3q9m4x7t6r5s1ab',
  },
  assigneeId: { description: 'The staff member who handles it (optional)', example: staffId },
  attachmentIds: {
    description: 'Files uploaded first with POST /v1/cases/{id}/attachments (photos, recordings)',
    example: [attachmentId],
  },
  oneChanceOverride: {
    description:
      'One chance per repair (每次报修只给施工单位1次机会): a manager offers the repair again to a contractor that failed it; `reason` is recorded in the timeline',
    example: { reason: '原施工单位更换了维修人员，经项目经理同意再派一次' },
  },
  visitBookedFor: {
    description: 'The visit time agreed with the owner, an ISO 8601 date-time with offset',
    example: '2026-11-22T14:00:00+08:00',
  },
};

export const caseActionDocs: { [N in ActionName]?: ActionDoc<N> } = {
  dispatch: {
    description: 'Send a repair to a contractor or to an in-house department (派工)',
    example: { type: 'dispatch', contractorId: 'ctr_01jdw0k8v2f3q9m4x7t6r5s1ab', note: '请今天联系业主' },
  },
  reassign: {
    description: 'Give a dispatched repair to another contractor or department',
    example: { type: 'reassign', departmentId: 'dept_01jdw0k8v2f3q9m4x7t6r5s1ab', note: '原单位无法上门' },
  },
  record_contact: {
    description: 'The handler reached the owner and booked the visit (联系业主)',
    example: { type: 'record_contact', visitBookedFor: '2026-11-22T14:00:00+08:00', note: '业主下午在家' },
  },
  arrive: { description: 'The handler is on site (到场)', example: { type: 'arrive' } },
  complete: {
    description: 'The work is done (完工); the owner signs off next',
    example: { type: 'complete', note: '已更换水龙头阀芯', attachmentIds: [attachmentId] },
    fields: { note: { description: 'What was done, kept in the timeline' } },
  },
  sign_off: {
    description: 'The owner accepts the work (验收签字)',
    example: { type: 'sign_off', method: 'signature', signatureAttachmentId: attachmentId },
    fields: {
      method: {
        description:
          '`owner_link`: the owner confirmed through the owner link; `signature`: staff captured a signature image on site',
      },
      signatureAttachmentId: {
        description: 'The uploaded signature image; required when `method` is `signature`',
        example: attachmentId,
      },
    },
  },
  forfeit: {
    description: 'Take the repair back from a contractor who missed the contact deadline (转派)',
    example: { type: 'forfeit', note: '超时未联系业主' },
  },
  assign_department: {
    description: 'Give a complaint to the department that must answer it',
    example: { type: 'assign_department', departmentId: 'dept_01jdw0k8v2f3q9m4x7t6r5s1ab' },
  },
  add_feedback: {
    description: "The department's feedback on a complaint (部门反馈)",
    example: { type: 'add_feedback', note: '已约谈保洁主管，明日整改' },
    fields: { note: { description: 'The feedback, kept in the timeline' } },
  },
  reply_owner: {
    description: 'Tell the owner the result, or the progress so far (owner-facing)',
    example: { type: 'reply_owner', replyKind: 'progress', message: '您反映的问题已转交工程部，明天答复您' },
    fields: {
      replyKind: { description: '`result`: the answer; `progress`: how far it got' },
      message: { description: 'The text the owner reads on the owner link' },
      channel: {
        description:
          'How the owner was reached: `phone` (the default), `wechat`, `sms`, `email` or `in_person`; kept in the timeline',
        example: 'phone',
      },
    },
  },
  set_severity: {
    description: 'Grade a complaint (一般, 重大, 群诉)',
    example: { type: 'set_severity', severity: 'major', note: '涉及人身安全' },
    fields: { severity: { description: 'The complaint grade; `group` (群诉) needs linked parties' } },
  },
  link_parties: {
    description: 'Link further owners and units to a complaint (群诉)',
    example: { type: 'link_parties', ownerIds: ['own_01jdw0k8v2f3q9m4x7t6r5s1ab'], unitIds: [] },
    fields: {
      ownerIds: { description: "Owners of the case's project", example: ['own_01jdw0k8v2f3q9m4x7t6r5s1ab'] },
      unitIds: { description: "Units of the case's project", example: ['unit_01jdw0k8v2f3q9m4x7t6r5s1ab'] },
    },
  },
  open_incident: {
    description: 'Open an incident team for a major complaint (专项小组)',
    example: { type: 'open_incident', leaderId: staffId, memberIds: [staffId], plan: '三天内完成排查' },
    fields: {
      leaderId: { description: 'The staff member who leads the team', example: staffId },
      memberIds: { description: 'The team members (at least one)', example: [staffId] },
      plan: { description: 'What the team will do' },
      etaAt: {
        description: 'When the team expects to finish, ISO 8601',
        example: '2026-11-25T18:00:00+08:00',
      },
    },
  },
  record_claim: {
    description: "Record the owner's compensation claim; it needs approval before the case resolves",
    example: { type: 'record_claim', amountFen: 50000, note: '业主要求赔偿地板损失' },
    fields: { amountFen: { description: 'The amount claimed, in fen (分)', example: 50000 } },
  },
  approve_claim: {
    description: 'Approve the recorded claim (a manager)',
    example: { type: 'approve_claim', note: '同意赔偿' },
  },
  resolve: {
    description: 'The complaint is answered and settled (办结); the follow-up comes next',
    example: { type: 'resolve', note: '已赔偿并道歉' },
    fields: { note: { description: 'How it was resolved, kept in the timeline' } },
  },
  follow_up: {
    description: 'The follow-up call (回访): whether the owner was reached and how satisfied',
    example: { type: 'follow_up', callOutcome: 'reached', satisfaction: 5, comment: '业主满意' },
    fields: {
      callOutcome: { description: 'How the call went; a `reached` call records `satisfaction`' },
      satisfaction: { description: '1 (very unsatisfied) to 5 (very satisfied)', example: 5 },
      lowRatingReason: {
        description:
          'Why a low rating was given: slow, not_fixed, attitude, cost, other (kept only when unsatisfied)',
        example: 'slow',
      },
      comment: { description: "The owner's words" },
    },
  },
  reopen: {
    description: 'Reopen a case (the owner was unsatisfied, or reported the problem again)',
    example: { type: 'reopen', reason: 're_report', note: '水管再次漏水' },
    fields: { reason: { description: 'Why the case is reopened' } },
  },
  answer: {
    description: 'Answer an inquiry (咨询)',
    example: { type: 'answer', note: '物业费可在 APP 缴纳' },
    fields: { note: { description: 'The answer given to the owner' } },
  },
  acknowledge: { description: 'Acknowledge a suggestion (建议)', example: { type: 'acknowledge' } },
  adopt: {
    description: 'Adopt a suggestion',
    example: { type: 'adopt', note: '下月起延长游泳池开放时间' },
    fields: { note: { description: 'What will be done' } },
  },
  mark_noted: { description: 'Note a suggestion without adopting it', example: { type: 'mark_noted' } },
  close: { description: 'Close the case', example: { type: 'close' } },
  cancel: {
    description: 'Cancel a case that is a duplicate, withdrawn or invalid',
    example: { type: 'cancel', reason: 'duplicate', duplicateOfCaseId: caseId },
    fields: {
      reason: { description: 'Why the case is cancelled' },
      duplicateOfCaseId: {
        description: 'The case this one duplicates; required for `duplicate`',
        example: caseId,
      },
    },
  },
  wait_for_owner: {
    description: 'Pause the clocks while waiting for the owner (e.g. not at home)',
    example: { type: 'wait_for_owner', note: '业主出差，下周回来' },
    fields: { note: { description: 'What the case waits for' } },
  },
  resume: { description: 'Resume after waiting for the owner', example: { type: 'resume' } },
  add_note: {
    description:
      'Add a note to the timeline: internal (staff only, the default) or shown to the owner, which counts as the owner hearing from us',
    example: { type: 'add_note', note: '业主要求上门前电话联系' },
    fields: {
      note: { description: 'The note' },
      visibility: {
        description: '`internal` (the default): staff only; `owner`: shown on the owner page (客服留言)',
        example: 'internal',
      },
    },
  },
  reclassify: {
    description:
      'Correct the kind, category, urgency or project of a case with a reason (a supervisor); the SLA clocks follow from now',
    example: { type: 'reclassify', kind: 'complaint', reason: '业主明确表示投诉，非咨询' },
    fields: {
      kind: {
        description: 'The new kind (repair, complaint, inquiry, suggestion); the new flow starts at received',
      },
      category: {
        description: "A category code of the tenant's category tree",
        example: 'plumbing.pipe_burst',
      },
      urgency: { description: 'The new urgency (normal, urgent, emergency)', example: 'urgent' },
      projectId: {
        description: "The project (estate) the case belongs to, in the caller's reach",
        example: 'prj_01jdw0k8v2f3q9m4x7t6r5s1ab',
      },
      unitId: {
        description: 'The unit in the new project (only with `projectId`)',
        example: 'unit_01jdw0k8v2f3q9m4x7t6r5s1ab',
      },
      reason: { description: 'Why the case is reclassified; kept in the timeline and the audit log' },
    },
  },
};

const docOf = (name: ActionName) => caseActionDocs[name] as ActionDoc<ActionName> | undefined;
const fieldDocOf = (name: ActionName, field: string): FieldDoc | undefined =>
  (docOf(name)?.fields as Record<string, FieldDoc> | undefined)?.[field] ?? fieldDocs[field];

/** The component name of one step's body. */
export const caseActionComponent = (name: string) => `CaseAction_${name}`;

/**
 * One step of core's union, with its words: a named component. Core's schemas may be built before
 * @hono/zod-openapi adds `.openapi()` to zod, so their fields take zod's own `.meta()`, which the
 * generator reads too; the step is rebuilt here (`safeExtend` keeps core's refinements).
 */
function documentedStep(step: (typeof core.CaseActionSchema.options)[number]) {
  const name = step.shape.type.value as ActionName;
  const shape = step.shape as Record<string, z.ZodType>;
  const documented = Object.fromEntries(
    Object.entries(shape).map(([field, schema]) => {
      if (field === 'type') {
        return [field, schema.meta({ description: 'The step (`action` is accepted as an alias)' })];
      }
      const doc = fieldDocOf(name, field);
      return [field, doc ? schema.meta({ description: doc.description, example: doc.example }) : schema];
    }),
  );
  const doc = docOf(name);
  return step
    .safeExtend(documented)
    .openapi(caseActionComponent(name), doc ? { description: doc.description, example: doc.example } : {});
}

const steps = core.CaseActionSchema.options.map(documentedStep);

/** Every step of the case flow, one schema per step, chosen by `type`. */
export const CaseActionBody = z
  .discriminatedUnion('type', steps as unknown as [(typeof steps)[number], ...(typeof steps)[number][]])
  .openapi('CaseAction', {
    description:
      'One step of the case flow: `type` names it (`action` is accepted as an alias), the other fields are that step’s. GET /v1/cases/{id}/allowed-actions lists the steps allowed now.',
  });

/**
 * The body as the route reads it: the alias `action` becomes `type`. Core's union validates it
 * inside `applyCaseAction`, after the case is found in the caller's reach and its version
 * checked, so an unseen case answers 404 whatever the body.
 */
export function withTypeAlias(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('action' in body)) return body;
  const { action, ...rest } = body as Record<string, unknown>;
  return { ...rest, type: rest.type ?? action };
}
