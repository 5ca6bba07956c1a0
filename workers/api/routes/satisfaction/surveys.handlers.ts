import type { satisfaction } from '@guanjia/core';
import { requireReach } from '../../../app/access';
import * as sat from '../../../app/satisfaction';
import { surveyLinkSecret } from '../../../lib/survey-links';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  campaignResponsesRoute,
  campaignResultsRoute,
  cancelCampaignRoute,
  createCampaignRoute,
  getCampaignRoute,
  getTemplateRoute,
  listCampaignsRoute,
  listTemplatesRoute,
  saveTemplateRoute,
} from './surveys.routes';

const templateOut = (t: sat.SurveyTemplateRow) => ({
  id: t.id,
  key: t.key,
  version: t.templateVersion,
  title: t.title,
  questions: t.questions as satisfaction.Question[],
  createdAt: t.createdAt.toISOString(),
});

const campaignOut = (v: sat.CampaignView) => ({
  id: v.campaign.id,
  title: v.campaign.title,
  round: v.campaign.round,
  period: v.campaign.period,
  templateKey: v.campaign.templateKey,
  templateVersion: v.campaign.templateVersion,
  scope: v.campaign.scope as satisfaction.CampaignScope,
  branchId: v.campaign.branchId,
  sampling: v.campaign.sampling as satisfaction.Sampling,
  channels: v.campaign.channels as satisfaction.Campaign['channels'],
  opensOn: v.campaign.opensOn,
  closesOn: v.campaign.closesOn,
  status: v.campaign.status,
  phase: v.phase,
  projectIds: v.projectIds,
  closedAt: v.campaign.closedAt ? v.campaign.closedAt.toISOString() : null,
  version: v.campaign.version,
});

export const surveysRouter = createRouter()
  .openapi(listTemplatesRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'satisfaction.read');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await sat.listTemplates(scope, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map(templateOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getTemplateRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'satisfaction.read');
    return c.json(templateOut(await sat.getTemplate(scope, c.req.valid('param').id)), 200);
  })
  .openapi(saveTemplateRoute, async (c) => {
    const scope = c.get('scope');
    requireReach(scope, 'satisfaction.manage');
    const row = await sat.saveTemplate(scope, c.req.valid('json'));
    c.header('Location', `/v1/satisfaction/templates/${row.id}`);
    return c.json(templateOut(row), 201);
  })
  .openapi(listCampaignsRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await sat.listCampaigns(scope, requireReach(scope, 'satisfaction.read'), query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(
      rows.map((v) => ({ ...v, id: v.campaign.id })),
      limit,
    );
    return c.json({ data: page.data.map(campaignOut), nextCursor: page.nextCursor }, 200);
  })
  .openapi(createCampaignRoute, async (c) => {
    const scope = c.get('scope');
    const view = await sat.createCampaign(scope, requireReach(scope, 'satisfaction.manage'), {
      ...c.req.valid('json'),
      linkSecret: surveyLinkSecret(c.env),
    });
    c.header('ETag', etagOf(view.campaign.version));
    c.header('Location', `/v1/satisfaction/campaigns/${view.campaign.id}`);
    return c.json(campaignOut(view), 201);
  })
  .openapi(getCampaignRoute, async (c) => {
    const scope = c.get('scope');
    const view = await sat.getCampaign(
      scope,
      requireReach(scope, 'satisfaction.read'),
      c.req.valid('param').id,
    );
    c.header('ETag', etagOf(view.campaign.version));
    return c.json(campaignOut(view), 200);
  })
  .openapi(cancelCampaignRoute, async (c) => {
    const scope = c.get('scope');
    const view = await sat.cancelCampaign(scope, requireReach(scope, 'satisfaction.manage'), {
      id: c.req.valid('param').id,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.campaign.version));
    return c.json(campaignOut(view), 200);
  })
  .openapi(campaignResultsRoute, async (c) => {
    const scope = c.get('scope');
    const { campaign, final, snapshot, staffScores } = await sat.campaignResultsView(
      scope,
      requireReach(scope, 'satisfaction.read'),
      c.req.valid('param').id,
    );
    return c.json(
      {
        campaignId: campaign.id,
        final,
        linkage: snapshot.linkage,
        projects: snapshot.projects.map((p) => ({
          ...p,
          byDimension: p.byDimension as Record<string, satisfaction.ScoreLine>,
        })),
        figures: snapshot.figures,
        figuresWindow: snapshot.figuresWindow,
        shortBoards: snapshot.shortBoards,
        ranking: snapshot.ranking,
        bottomThree: snapshot.bottomThree,
        bottomThreeDepartments: snapshot.bottomThreeDepartments,
        mostImproved: snapshot.mostImproved,
        previousCampaignId: snapshot.previousCampaignId,
        staffScores,
      },
      200,
    );
  })
  .openapi(campaignResponsesRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit } = c.req.valid('query');
    const rows = await sat.listResponses(
      scope,
      requireReach(scope, 'satisfaction.read'),
      c.req.valid('param').id,
      {
        after: decodeCursor(cursor),
        limit,
      },
    );
    const page = toPage(rows, limit);
    return c.json(
      {
        data: page.data.map((r) => ({
          id: r.id,
          ownerId: r.ownerId,
          projectId: r.projectId,
          identifiable: r.identifiable,
          answers: r.answers,
          comment: r.comment ?? null,
          answeredAt: r.answeredAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
