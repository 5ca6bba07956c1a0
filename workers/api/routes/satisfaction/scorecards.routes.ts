import type { contractors } from '@guanjia/core';
import { z } from '@hono/zod-openapi';
import {
  bearerSecurity,
  commonErrors,
  createRoute,
  IfMatchHeaderSchema,
  jsonBody,
  jsonContent,
  writeErrors,
} from '../../lib/openapi';

/* The contractor scorecard (施工单位考核) per month and the tenant's reward/penalty rules. */

const tags = ['contractors'];

export const ScoringRules = z
  .object({
    followUp: z
      .object({
        very_satisfied: z.number(),
        satisfied: z.number(),
        neutral: z.number(),
        dissatisfied: z.number(),
        unreachable: z.number(),
      })
      .openapi({ description: 'Points per 回访 result: the basis of reward and penalty' }),
    contactMissed: z
      .number()
      .openapi({ description: 'The 30-minute contact missed (not counted on a forfeited job)' }),
    forfeit: z.number().openapi({ description: '放弃维修机会: the job went to a third party' }),
    rework: z.number().openapi({ description: '维修反复' }),
    noSignOff: z.number().openapi({ description: 'Completed without the owner signing off' }),
  })
  .openapi('ContractorScoringRules');

export const ScoringRulesView = z
  .object({
    rules: ScoringRules,
    stored: z.boolean().openapi({ description: "False while the tenant uses the standards' defaults" }),
    version: z.number().int(),
  })
  .openapi('ContractorScoringRulesView');

export const Scorecard = z
  .object({
    contractorId: z.string(),
    jobs: z.number().int(),
    contactMetRate: z.number().nullable(),
    forfeits: z.number().int(),
    firstTimeFixRate: z.number().nullable(),
    reworks: z.number().int(),
    signOffs: z.number().int(),
    followUps: z.object({
      very_satisfied: z.number().int(),
      satisfied: z.number().int(),
      neutral: z.number().int(),
      dissatisfied: z.number().int(),
      unreachable: z.number().int(),
    }),
    followUpSatisfaction: z.number().nullable(),
    dissatisfiedReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    resolutionP50Minutes: z.number().nullable(),
    points: z.number(),
  })
  .openapi('ContractorScorecard');

export const ScorecardReport = z
  .object({ month: z.string(), rules: ScoringRules, scorecards: z.array(Scorecard) })
  .openapi('ContractorScorecardReport');

const ScorecardQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
    .openapi({ example: '2026-11' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: UTF-8 with BOM, for Excel' }),
});

export const scorecardsRoute = createRoute({
  method: 'get',
  path: '/contractor-scorecards',
  operationId: 'getContractorScorecards',
  tags,
  summary: "A month's contractor scorecards with reward/penalty points (JSON or CSV)",
  security: bearerSecurity,
  request: { query: ScorecardQuery },
  responses: {
    200: {
      description: 'The scorecards of the repairs in your reach',
      content: {
        'application/json': { schema: ScorecardReport },
        'text/csv': { schema: z.string().openapi({ example: '\uFEFF施工单位,工单数,...' }) },
      },
    },
    ...commonErrors,
  },
});

export const getRulesRoute = createRoute({
  method: 'get',
  path: '/contractor-scoring-rules',
  operationId: 'getContractorScoringRules',
  tags,
  summary: "The tenant's contractor reward/penalty rules",
  security: bearerSecurity,
  responses: { 200: jsonContent(ScoringRulesView, 'The rules in force'), ...commonErrors },
});

export const saveRulesRoute = createRoute({
  method: 'put',
  path: '/contractor-scoring-rules',
  operationId: 'saveContractorScoringRules',
  tags,
  summary: "Replace the tenant's contractor reward/penalty rules",
  security: bearerSecurity,
  request: { headers: IfMatchHeaderSchema, body: jsonBody(ScoringRules) },
  responses: { 200: jsonContent(ScoringRulesView, 'The rules now in force'), ...writeErrors },
});

export type ScoringRulesInput = contractors.ScoringRules;
