import { AppError, newId, satisfaction } from '@guanjia/core';
import type { TenantScope } from '../../data/scope';
import * as campaigns from '../../data/survey-campaigns';
import { templateOf } from '../../data/survey-templates';
import { findTenant } from '../../data/tenants';
import { surveyTokenHash, tenantOfSurveyToken } from '../../lib/survey-links';
import type { Edge } from '../runtime';
import { ownerScope } from '../scope';
import { tenantCalendar } from './settings';
import { pinnedTemplate } from './templates';

/*
 * The owner's side of a survey: the link (no login) opens the owner's invitation; the answers
 * are taken once per owner per campaign, while the campaign is open, and are anonymous to staff
 * unless the owner agrees (`identifiable`).
 */

const noSurvey = () => new AppError('not_found', 'No such survey');

export async function openSurveyLink(edge: Edge, token: string) {
  const tenantId = tenantOfSurveyToken(token);
  if (!tenantId) throw noSurvey();
  const tenant = await findTenant(edge.env, tenantId);
  if (tenant?.status !== 'active') throw noSurvey();
  const lookup = ownerScope(edge, tenant, null);
  const invitation = await campaigns.invitationByTokenHash(lookup, await surveyTokenHash(token));
  if (!invitation) throw noSurvey();
  const scope: TenantScope = ownerScope(edge, tenant, invitation.ownerId);
  const campaign = await campaigns.findCampaign(scope, invitation.campaignId);
  const template = templateOf(await pinnedTemplate(scope, campaign.templateKey, campaign.templateVersion));
  const calendar = await tenantCalendar(scope);
  const phase =
    campaign.status === 'cancelled' || campaign.status === 'closed'
      ? 'closed'
      : satisfaction.campaignPhase(campaign, calendar, scope.now);
  return { tenant, scope, invitation, campaign, template, calendar, phase };
}

export type SurveyLinkContext = Awaited<ReturnType<typeof openSurveyLink>>;

/** Takes the owner's answers (core's `acceptResponse` decides); the answer and the mark are one batch. */
export async function answerSurvey(ctx: SurveyLinkContext, input: satisfaction.ResponseInput): Promise<void> {
  const { scope, invitation, campaign } = ctx;
  if (ctx.phase !== 'open') throw new AppError('illegal_transition', 'The survey is not open');
  const verdict = satisfaction.acceptResponse({
    campaign: campaign as unknown as satisfaction.Campaign,
    template: ctx.template,
    calendar: ctx.calendar,
    now: scope.now,
    inSample: true,
    alreadyAnswered: invitation.answeredAt !== null,
    answers: input.answers,
  });
  if (!verdict.ok) {
    const r = verdict.refusal;
    if (r.code === 'already_answered') throw new AppError('conflict', 'This survey was answered already');
    if (r.code === 'invalid_answers') {
      throw new AppError('validation_failed', 'Some answers are missing or not valid', {
        issues: r.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    if (r.code === 'not_in_sample') throw noSurvey();
    throw new AppError('illegal_transition', 'The survey is not open');
  }
  await campaigns.recordResponse(scope, invitation, {
    id: newId('surveyResponse'),
    tenantId: scope.tenantId,
    campaignId: campaign.id,
    ownerId: invitation.ownerId,
    projectId: invitation.projectId,
    identifiable: input.identifiable,
    answers: input.answers,
    comment: input.comment ?? null,
    answeredAt: scope.now,
    createdAt: scope.now,
    updatedAt: scope.now,
  });
}
