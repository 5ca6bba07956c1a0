import { DateTimeString, star } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IdempotencyHeaderSchema,
  IdParamSchema,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';
import { PageQuerySchema, pageSchema } from '../../lib/pagination';
import { updateSchemaOf } from '../../lib/update-schema';
import { idempotent } from '../../middleware/idempotency';

const tags = ['star'];
const id = z.string().min(1).max(64);
const time = DateTimeString;
const year = z.coerce.number().int().min(2000).max(2100);
const quarter = z.coerce.number().int().min(1).max(4);

export const StarCycle = z
  .object({
    id: z.string(),
    branchId: z.string(),
    year: z.number().int(),
    quarter: z.number().int(),
    status: z.enum(star.cycleStatuses),
    openedBy: z.string().nullable().openapi({ description: 'Null when the platform opened it' }),
    openedAt: time,
    announcedBy: z.string().nullable(),
    announcedAt: time.nullable(),
    winners: z
      .array(
        z.object({
          nominationId: z.string(),
          nomineeId: z.string(),
          nomineeName: z.string().nullable(),
          projectId: z.string(),
          rewardFen: z.number().int().nullable(),
          rewardDescription: z.string().nullable(),
        }),
      )
      .optional(),
    deadlines: z
      .array(
        z.object({
          month: z.string().openapi({ example: '2026-12' }),
          date: z.string().openapi({ description: 'The local date: the Wednesday of the month’s last week' }),
          at: time.describe('The last instant a submission counts as on time'),
        }),
      )
      .optional()
      .openapi({
        description: 'Each month’s nomination deadline (on the single cycle and its announcement)',
      }),
    version: z.number().int(),
  })
  .openapi('StarCycle');

export const StarCycleInput = z
  .object({
    branchId: id,
    year: z.number().int().min(2000).max(2100),
    quarter: z.number().int().min(1).max(4),
  })
  .openapi('StarCycleInput');

const Deed = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  description: z.string().trim().min(1).max(2000),
});

export const StarDecision = z
  .object({
    round: z.number().int().openapi({ description: 'Review round: +1 after each return and resubmission' }),
    stepIndex: z.number().int(),
    step: z.string(),
    decision: z.enum(star.stepDecisions),
    comment: z.string().nullable(),
    decidedBy: z.string(),
    decidedAt: time,
  })
  .openapi('StarDecision');

export const StarNomination = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    branchId: z.string(),
    projectId: z.string(),
    nomineeId: z.string(),
    nomineeRole: z.string(),
    reasons: z.string(),
    deeds: z.array(Deed),
    evidence: z.record(z.string(), z.unknown()).nullable().openapi({
      description:
        "Attached by the platform at submission: `period` and core's evidence block (casesReceived, casesHandled, sla, satisfaction, commendations)",
    }),
    status: z.enum(star.nominationStatuses),
    currentStep: z.number().int(),
    nextStep: z.string().nullable().openapi({ description: 'The approval step waiting for a decision' }),
    nominatedBy: z.string().nullable(),
    submittedBy: z.string().nullable(),
    submittedAt: time.nullable(),
    submissionMonth: z.string().nullable(),
    late: z.boolean(),
    decisions: z.array(StarDecision),
    createdAt: time,
    version: z.number().int(),
  })
  .openapi('StarNomination');

export const StarNominationInput = z
  .object({
    projectId: id,
    nomineeId: id,
    nomineeRole: z.string().trim().min(1).max(100),
    reasons: z.string().trim().min(1).max(4000),
    deeds: z.array(Deed).max(50).default([]),
  })
  .openapi('StarNominationInput');

export const StarNominationUpdate = updateSchemaOf(StarNominationInput.omit({ projectId: true })).openapi(
  'StarNominationUpdate',
);

export const StarDecisionInput = z
  .object({
    decision: z.enum(star.stepDecisions).openapi({
      description:
        'approve passes to the next step; reject ends the review; return sends it back for changes',
    }),
    comment: z.string().trim().max(2000).optional(),
  })
  .openapi('StarDecisionInput');

export const AnnounceInput = z
  .object({
    winners: z
      .array(
        z
          .object({
            nominationId: id,
            rewardFen: z.number().int().min(0).max(100_000_000).optional(),
            rewardDescription: z.string().trim().min(1).max(500).optional(),
          })
          .refine((w) => w.rewardFen !== undefined || w.rewardDescription !== undefined, {
            message: 'Give rewardFen or rewardDescription',
          }),
      )
      .min(1)
      .max(50),
  })
  .openapi('StarAnnounceInput');

export const Leaderboard = z
  .object({
    branchId: z.string(),
    year: z.number().int().nullable(),
    quarter: z.number().int().nullable(),
    by: z.enum(['nominee', 'project']),
    entries: z.array(
      z.object({
        rank: z.number().int().openapi({ description: 'Equal rows share a rank (1, 1, 3)' }),
        key: z.string().openapi({ description: 'The nominee or the project, per `by`' }),
        nomineeId: z.string().nullable(),
        nomineeName: z.string().nullable(),
        projectId: z.string().nullable(),
        wins: z.number().int(),
        nominations: z.number().int().openapi({ description: 'Submitted nominations, won or not' }),
        rewardFen: z.number().int(),
      }),
    ),
    history: z.array(
      z.object({
        year: z.number().int(),
        quarter: z.number().int(),
        branchId: z.string(),
        nominationId: z.string(),
        nomineeId: z.string(),
        nomineeName: z.string().nullable(),
        projectId: z.string(),
        rewardFen: z.number().int().nullable(),
        rewardDescription: z.string().nullable(),
        announcedAt: time,
      }),
    ),
  })
  .openapi('StarLeaderboard');

const CycleQuery = z.object({ branchId: id.optional(), year: year.optional(), quarter: quarter.optional() });
const LeaderboardQuery = z.object({
  branchId: id,
  year: year.optional(),
  quarter: quarter.optional(),
  by: z.enum(['nominee', 'project']).optional(),
});
const NominationQuery = z.object({
  cycleId: id.optional(),
  branchId: id.optional(),
  projectId: id.optional(),
  status: z.enum(star.nominationStatuses).optional(),
});

export const listCyclesRoute = createRoute({
  method: 'get',
  path: '/star/cycles',
  operationId: 'listStarCycles',
  tags,
  summary: 'Service Star cycles (one per branch and quarter) within your reach',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(CycleQuery) },
  responses: {
    200: jsonContent(pageSchema(StarCycle, 'StarCyclePage'), 'A page of cycles'),
    ...commonErrors,
  },
});

export const getCycleRoute = createRoute({
  method: 'get',
  path: '/star/cycles/{id}',
  operationId: 'getStarCycle',
  summary: 'Get a star-employee cycle',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(StarCycle, 'The cycle and its winners'), ...commonErrors },
});

export const openCycleRoute = createRoute({
  method: 'post',
  path: '/star/cycles',
  operationId: 'openStarCycle',
  tags,
  summary: "Branch HR opens the branch's cycle for a quarter (the first nomination also opens it)",
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(StarCycleInput) },
  responses: { 201: jsonContent(StarCycle, 'The new cycle'), ...writeErrors },
});

export const announceRoute = createRoute({
  method: 'post',
  path: '/star/cycles/{id}/announce',
  operationId: 'announceStarWinners',
  tags,
  summary: 'Announce the winners across the branch (an event for the inbox and webhooks) with their rewards',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(AnnounceInput) },
  responses: { 200: jsonContent(StarCycle, 'The announced cycle'), ...writeErrors },
});

export const listNominationsRoute = createRoute({
  method: 'get',
  path: '/star/nominations',
  operationId: 'listStarNominations',
  summary: 'List star-employee nominations',
  tags,
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(NominationQuery) },
  responses: {
    200: jsonContent(pageSchema(StarNomination, 'StarNominationPage'), 'A page of nominations'),
    ...commonErrors,
  },
});

export const getNominationRoute = createRoute({
  method: 'get',
  path: '/star/nominations/{id}',
  operationId: 'getStarNomination',
  summary: 'Get a star-employee nomination',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(StarNomination, 'The nomination'), ...commonErrors },
});

export const createNominationRoute = createRoute({
  method: 'post',
  path: '/star/nominations',
  operationId: 'createStarNomination',
  tags,
  summary: '服务之星推荐表: project staff draft a nomination (opens the quarter cycle if needed)',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(StarNominationInput) },
  responses: { 201: jsonContent(StarNomination, 'The draft'), ...writeErrors },
});

export const updateNominationRoute = createRoute({
  method: 'patch',
  path: '/star/nominations/{id}',
  operationId: 'updateStarNomination',
  summary: 'Update a star-employee nomination',
  tags,
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(StarNominationUpdate) },
  responses: { 200: jsonContent(StarNomination, 'The updated draft'), ...writeErrors },
});

export const submitNominationRoute = createRoute({
  method: 'post',
  path: '/star/nominations/{id}/submit',
  operationId: 'submitStarNomination',
  tags,
  summary:
    "The project manager submits to branch HR; the month's deadline is the Wednesday of its last week (tenant time)",
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
  responses: { 200: jsonContent(StarNomination, 'The submitted nomination'), ...writeErrors },
});

export const decideNominationRoute = createRoute({
  method: 'post',
  path: '/star/nominations/{id}/decisions',
  operationId: 'decideStarNomination',
  tags,
  summary: "The next step of the tenant's approval chain decides; nobody decides on their own nomination",
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema, body: jsonBody(StarDecisionInput) },
  responses: { 200: jsonContent(StarNomination, 'The nomination after the decision'), ...writeErrors },
});

export const leaderboardRoute = createRoute({
  method: 'get',
  path: '/star/leaderboard',
  operationId: 'getStarLeaderboard',
  tags,
  summary: 'Winners history and the leaderboard per branch and quarter',
  security: bearerSecurity,
  request: { query: LeaderboardQuery },
  responses: { 200: jsonContent(Leaderboard, 'The leaderboard'), ...commonErrors },
});
