import { escalationRungs } from '@guanjia/core/sla/escalation';
import { milestoneEndReasons, milestoneStatuses, slaActionKinds } from '@guanjia/core/vocabulary';
import { z } from '@hono/zod-openapi';
import { updateSchemaOf } from '../../lib/update-schema';
import { recordFields } from '../org/schemas';
import { CalendarFields, PolicyFields } from './rules';

const id = (prefix: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .openapi({ example: `${prefix}_01jd8x6v3kf2q9w7t5r4e3d2c1` });
const time = z.string().openapi({ type: 'string', format: 'date-time' });

/** Where a calendar or rung applies: neither id = the whole tenant; a branch; or a project. */
const place = {
  branchId: id('br').nullish().openapi({ description: 'Applies to this branch (overrides the tenant row)' }),
  projectId: id('prj')
    .nullish()
    .openapi({ description: 'Applies to this project (overrides the branch and tenant rows)' }),
};
const placeOut = {
  scopeKey: z.string().openapi({ example: 'project:prj_01jd8x6v3kf2q9w7t5r4e3d2c1' }),
  branchId: z.string().nullable(),
  projectId: z.string().nullable(),
};

export const EscalationRungInput = z
  .object({
    level: z.enum(escalationRungs).openapi({
      description:
        'agent → supervisor → project_manager → branch_cs_manager → branch_gm → head_office_centre (the head-office centre, for group-wide incidents)',
    }),
    ...place,
    staffIds: z.array(id('stf')).min(1).max(20),
  })
  .strict()
  .openapi('EscalationRungInput');

export const EscalationRung = z
  .object({
    ...recordFields,
    level: z.enum(escalationRungs),
    ...placeOut,
    staffIds: z.array(z.string()),
  })
  .openapi('EscalationRung');

export const placeQuery = z.object({
  branchId: z.string().max(64).optional(),
  projectId: z.string().max(64).optional(),
});

export const CaseMilestone = z
  .object({
    milestone: z.string().openapi({ example: 'contractor_contact' }),
    cycle: z.number().int().openapi({ description: '0 for the first run; each reopen starts the next' }),
    policyId: z.string().nullable(),
    policyName: z.string().nullable().openapi({
      description: 'The policy’s name when the milestone last ran (kept after the policy is deleted)',
    }),
    policyVersion: z.number().int().nullable(),
    status: z.enum(milestoneStatuses).openapi({
      description:
        '`met`: met within target; `met_late`: met after it breached; `cancelled`: ended unmet without a breach (see `endReason`); `ended`: a daily series ended. Met, met late, ended and cancelled never change.',
    }),
    startedAt: time.nullable(),
    warnAt: time.nullable(),
    dueAt: time.nullable(),
    warnedAt: time.nullable().openapi({ description: 'When the near-breach warning was recorded' }),
    breachedAt: time.nullable(),
    metAt: time.nullable(),
    endedAt: time.nullable().openapi({ description: 'When it ended unmet' }),
    endReason: z.enum(milestoneEndReasons).nullable().openapi({
      description:
        '`case_moved_on`: the case left the statuses it can be met from (e.g. resolved before the department’s feedback); `reopened`; `reclassified`; `policy_changed`',
    }),
    pausedMs: z
      .number()
      .int()
      .openapi({ description: 'Time the milestone spent paused (e.g. waiting for the owner)' }),
  })
  .openapi('CaseMilestone');

export const SlaAction = z
  .object({
    id: z.string().openapi({ description: 'Sorts by time' }),
    key: z.string().openapi({ example: 'case_01jd...:contractor_contact:breach:0' }),
    kind: z.enum(slaActionKinds),
    caseId: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    milestone: z.string(),
    cycle: z.number().int(),
    dueAt: time.nullable(),
    at: time,
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('SlaAction');

export const CaseSla = z
  .object({
    caseId: z.string(),
    escalationLevel: z.number().int(),
    milestones: z.array(CaseMilestone),
    actions: z.array(SlaAction),
  })
  .openapi('CaseSla');

export const SlaPolicyInput = z.object(PolicyFields).strict().openapi('SlaPolicyInput');
export const SlaPolicyUpdate = updateSchemaOf(z.object(PolicyFields)).openapi('SlaPolicyUpdate');
export const SlaPolicy = z
  .object({
    ...recordFields,
    name: z.string(),
    enabled: z.boolean(),
    priority: z.number().int(),
    match: z.record(z.string(), z.unknown()),
    milestones: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('SlaPolicy');

export const BusinessCalendarInput = z
  .object({ ...CalendarFields, ...place })
  .strict()
  .openapi('BusinessCalendarInput');
export const BusinessCalendarUpdate = updateSchemaOf(z.object({ ...CalendarFields, ...place })).openapi(
  'BusinessCalendarUpdate',
);
export const BusinessCalendar = z
  .object({
    ...recordFields,
    name: z.string(),
    ...placeOut,
    timeZone: z.string(),
    hours: z.record(z.string(), z.unknown()),
    holidays: z.array(z.string()),
    makeUpDays: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])),
    roundTheClock: z.boolean().nullable(),
    makeUpHoursOf: z.string().nullable(),
    holidayYearsMissing: z.array(z.number().int()).openapi({
      description:
        'Years (this one and, in December, the next) with no official public-holiday data and none of this calendar’s own holidays or make-up days: they count as plain weekends until the State Council’s days are entered (POST /v1/sla/calendars/{id}/days).',
      example: [2027],
    }),
  })
  .openapi('BusinessCalendar');

export const CalendarDaysInput = z
  .object({
    holidays: CalendarFields.holidays.optional(),
    makeUpDays: CalendarFields.makeUpDays.optional(),
  })
  .strict()
  .refine((b) => (b.holidays?.length ?? 0) + (b.makeUpDays?.length ?? 0) > 0, 'give holidays or makeUpDays')
  .openapi('CalendarDaysInput');
