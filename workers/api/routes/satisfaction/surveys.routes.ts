import { DateTimeString, satisfaction } from '@guanjia/core';
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
import { idempotent } from '../../middleware/idempotency';

/*
 * Satisfaction surveys (满意度调查): questionnaire templates (versioned), campaigns over a scope
 * with their sample, and their results with the ranking and short boards (短板).
 */

const tags = ['satisfaction'];
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');
const label = z.object({ zh: z.string(), en: z.string() });

export const SurveyTemplate = z
  .object({
    id: z.string(),
    key: z.string(),
    version: z
      .number()
      .int()
      .openapi({ description: 'Each save of a key is a new version; versions never change' }),
    title: label,
    questions: z.array(satisfaction.QuestionSchema),
    createdAt: DateTimeString,
  })
  .openapi('SurveyTemplate');

export const SurveyTemplateInput = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,59}$/)
      .openapi({ description: 'An existing key gets its next version; a new key starts at 1' }),
    title: z.object({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) }),
    questions: z.array(satisfaction.QuestionSchema).min(1).max(100),
  })
  .openapi('SurveyTemplateInput');

export const SurveyCampaignInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    round: z.number().int().min(1).openapi({
      description: "The tenant's survey round (1, 2, …): the staged linkage (分阶段挂钩) reads it",
    }),
    period: z.string().trim().min(1).max(40).openapi({ example: '2026-H2' }),
    templateKey: z.string().min(1).max(60).openapi({ example: 'owner-satisfaction' }),
    templateVersion: z.number().int().min(1),
    scope: satisfaction.CampaignScopeSchema.describe(
      'level tenant (group reach), branch (branchId) or projects (projectIds)',
    ),
    sampling: satisfaction.SamplingSchema.describe(
      'all owners, or `random` with perProject and a seed: the same seed redraws the same owners',
    ),
    channels: z.array(satisfaction.SurveyChannelSchema).min(1).max(3),
    opensOn: localDate.openapi({ description: 'First local date answers are taken' }),
    closesOn: localDate.openapi({ description: 'Last local date answers are taken (to its local midnight)' }),
  })
  .openapi('SurveyCampaignInput');

export const SurveyCampaign = z
  .object({
    id: z.string(),
    title: z.string(),
    round: z.number().int(),
    period: z.string(),
    templateKey: z.string(),
    templateVersion: z.number().int(),
    scope: satisfaction.CampaignScopeSchema,
    branchId: z.string().nullable().openapi({ description: 'The branch when the campaign is within one' }),
    sampling: satisfaction.SamplingSchema,
    channels: z.array(satisfaction.SurveyChannelSchema),
    opensOn: z.string(),
    closesOn: z.string(),
    status: z.enum(['scheduled', 'open', 'closed', 'cancelled']),
    phase: z
      .enum(['scheduled', 'open', 'closed', 'cancelled'])
      .openapi({ description: 'Where the window stands now on the tenant calendar' }),
    projectIds: z
      .array(z.string())
      .openapi({ description: 'Projects asked, within your reach (detail only)' }),
    closedAt: DateTimeString.nullable(),
    version: z.number().int(),
  })
  .openapi('SurveyCampaign');

const ScoreLine = z.object({
  score: z.number().nullable().openapi({ description: 'Mean rating × 20 (5 = 100)' }),
  satisfiedRate: z.number().nullable().openapi({ description: 'Share of ratings 4 or 5' }),
  ratings: z.number().int(),
});
const Ranked = z.object({
  id: z.string(),
  score: z.number(),
  rank: z
    .number()
    .int()
    .openapi({ description: 'Rank in the whole campaign (the group); the bottom three are read on it' }),
  reachRank: z
    .number()
    .int()
    .openapi({ description: "Rank among the entries the reader sees (a branch user's own projects)" }),
});

export const SurveyResults = z
  .object({
    campaignId: z.string(),
    final: z.boolean().openapi({ description: 'True once closed (the snapshot); live until then' }),
    linkage: z
      .enum(satisfaction.linkageAudiences)
      .openapi({ description: '分阶段挂钩: whom this round counts against' }),
    projects: z.array(
      z.object({
        projectId: z.string(),
        sampled: z.number().int(),
        responses: z.number().int(),
        responseRate: z.number().nullable(),
        overall: ScoreLine,
        byDimension: z.record(z.string(), ScoreLine).openapi({ description: 'Keyed by dimension' }),
        byDepartment: z.record(z.string(), ScoreLine).openapi({ description: 'Keyed by department' }),
      }),
    ),
    figures: z.array(
      z.object({
        projectId: z.string(),
        households: z.number().int(),
        repairs: z.number().int(),
        firstTimeFixed: z.number().int(),
        breaches: z.number().int(),
        complaints: z.number().int(),
      }),
    ),
    figuresWindow: z.object({ from: DateTimeString, to: DateTimeString }),
    shortBoards: z.array(
      z.object({
        projectId: z.string(),
        indicator: z.string().openapi({ example: 'dimension:repairs' }),
        value: z.number(),
        reasons: z.array(z.enum(['threshold', 'group_average'])),
        threshold: z.number(),
        groupAverage: z.number().nullable(),
      }),
    ),
    ranking: z.object({
      projects: z.array(Ranked),
      departments: z.array(Ranked).openapi({ description: 'ids are projectId:department' }),
    }),
    bottomThree: z.array(z.string()).openapi({ description: 'Projects that must file an improvement plan' }),
    bottomThreeDepartments: z.array(z.string()),
    mostImproved: z.array(
      z.object({ id: z.string(), previous: z.number(), current: z.number(), improvement: z.number() }),
    ),
    previousCampaignId: z.string().nullable(),
    staffScores: z
      .array(
        z.object({
          staffId: z.string(),
          name: z.string(),
          level: z.enum(satisfaction.staffLevels),
          projectIds: z.array(z.string()).openapi({ description: 'Their projects in the reader’s reach' }),
          score: z.number().nullable().openapi({ description: 'The score they are appraised on (0–100)' }),
          basis: z
            .enum(['department', 'projects'])
            .openapi({ description: "Their department's line in their projects, or the projects' overall" }),
          counted: z
            .boolean()
            .openapi({ description: 'Whether this round counts against them (分阶段挂钩)' }),
        }),
      )
      .openapi({ description: "The round's staff scorecard under the staged linkage" }),
  })
  .openapi('SurveyResults');

export const SurveyResponse = z
  .object({
    id: z.string(),
    ownerId: z.string().nullable().openapi({ description: 'Null unless the owner agreed to be identified' }),
    projectId: z.string(),
    identifiable: z.boolean(),
    answers: z.record(z.string(), satisfaction.AnswerSchema),
    comment: z.string().nullable(),
    answeredAt: DateTimeString,
  })
  .openapi('SurveyResponse');

const TemplateQuery = z.object({ key: z.string().max(60).optional() });
const CampaignQuery = z.object({ status: z.enum(['scheduled', 'open', 'closed', 'cancelled']).optional() });

export const listTemplatesRoute = createRoute({
  method: 'get',
  path: '/satisfaction/templates',
  operationId: 'listSurveyTemplates',
  tags,
  summary: 'Questionnaire templates, every version (the default Chinese one included)',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(TemplateQuery) },
  responses: {
    200: jsonContent(pageSchema(SurveyTemplate, 'SurveyTemplatePage'), 'A page'),
    ...commonErrors,
  },
});

export const getTemplateRoute = createRoute({
  method: 'get',
  path: '/satisfaction/templates/{id}',
  operationId: 'getSurveyTemplate',
  tags,
  summary: 'Get one version of a questionnaire',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(SurveyTemplate, 'The template'), ...commonErrors },
});

export const saveTemplateRoute = createRoute({
  method: 'post',
  path: '/satisfaction/templates',
  operationId: 'saveSurveyTemplate',
  tags,
  summary: 'Save a questionnaire as the next version of its key',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(SurveyTemplateInput) },
  responses: { 201: jsonContent(SurveyTemplate, 'The new version'), ...writeErrors },
});

export const listCampaignsRoute = createRoute({
  method: 'get',
  path: '/satisfaction/campaigns',
  operationId: 'listSurveyCampaigns',
  tags,
  summary: 'Survey campaigns within your reach, newest first',
  security: bearerSecurity,
  request: { query: PageQuerySchema.merge(CampaignQuery) },
  responses: {
    200: jsonContent(pageSchema(SurveyCampaign, 'SurveyCampaignPage'), 'A page'),
    ...commonErrors,
  },
});

export const createCampaignRoute = createRoute({
  method: 'post',
  path: '/satisfaction/campaigns',
  operationId: 'createSurveyCampaign',
  tags,
  summary: 'Schedule a campaign: its owners are drawn now, their links go out when it opens',
  security: bearerSecurity,
  middleware: [idempotent] as const,
  request: { headers: IdempotencyHeaderSchema, body: jsonBody(SurveyCampaignInput) },
  responses: { 201: jsonContent(SurveyCampaign, 'The scheduled campaign'), ...writeErrors },
});

export const getCampaignRoute = createRoute({
  method: 'get',
  path: '/satisfaction/campaigns/{id}',
  operationId: 'getSurveyCampaign',
  tags,
  summary: 'Get a survey campaign',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(SurveyCampaign, 'The campaign'), ...commonErrors },
});

export const cancelCampaignRoute = createRoute({
  method: 'post',
  path: '/satisfaction/campaigns/{id}/cancel',
  operationId: 'cancelSurveyCampaign',
  tags,
  summary: 'Cancel a campaign that has not closed',
  security: bearerSecurity,
  request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
  responses: { 200: jsonContent(SurveyCampaign, 'The cancelled campaign'), ...writeErrors },
});

export const campaignResultsRoute = createRoute({
  method: 'get',
  path: '/satisfaction/campaigns/{id}/results',
  operationId: 'getSurveyResults',
  tags,
  summary: 'Results per project, department and dimension with the ranking and short boards (短板)',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(SurveyResults, 'The results within your reach'), ...commonErrors },
});

export const campaignResponsesRoute = createRoute({
  method: 'get',
  path: '/satisfaction/campaigns/{id}/responses',
  operationId: 'listSurveyResponses',
  tags,
  summary: "Owners' answers, anonymous unless the owner agreed",
  security: bearerSecurity,
  request: { params: IdParamSchema, query: PageQuerySchema },
  responses: {
    200: jsonContent(pageSchema(SurveyResponse, 'SurveyResponsePage'), 'A page of answers'),
    ...commonErrors,
  },
});
