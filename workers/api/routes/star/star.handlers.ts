import { requireReach } from '../../../app/access';
import * as star from '../../../app/star';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import {
  announceRoute,
  createNominationRoute,
  decideNominationRoute,
  getCycleRoute,
  getNominationRoute,
  leaderboardRoute,
  listCyclesRoute,
  listNominationsRoute,
  openCycleRoute,
  submitNominationRoute,
  updateNominationRoute,
} from './star.routes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function cycleOut(
  cycle: star.StarCycleRow,
  winners?: star.CycleView['winners'],
  deadlines?: star.CycleView['deadlines'],
) {
  return {
    id: cycle.id,
    branchId: cycle.branchId,
    year: cycle.year,
    quarter: cycle.quarter,
    status: cycle.status,
    openedBy: cycle.openedBy,
    openedAt: cycle.openedAt.toISOString(),
    announcedBy: cycle.announcedBy,
    announcedAt: iso(cycle.announcedAt),
    winners: winners?.map((w) => ({
      nominationId: w.nominationId,
      nomineeId: w.nomineeId,
      nomineeName: w.nomineeName,
      projectId: w.projectId,
      rewardFen: w.rewardFen,
      rewardDescription: w.rewardDescription,
    })),
    deadlines: deadlines?.map((d) => ({ month: d.month, date: d.date, at: new Date(d.at).toISOString() })),
    version: cycle.version,
  };
}

const cycleViewOut = (view: star.CycleView) => cycleOut(view.cycle, view.winners, view.deadlines);

function nominationOut(n: star.StarNominationRow, decisions: star.StarDecisionRow[]) {
  return {
    id: n.id,
    cycleId: n.cycleId,
    branchId: n.branchId,
    projectId: n.projectId,
    nomineeId: n.nomineeId,
    nomineeRole: n.nomineeRole,
    reasons: n.reasons,
    deeds: n.deeds,
    evidence: n.evidence ?? null,
    status: n.status,
    currentStep: n.currentStep,
    nextStep: star.pendingStepName(n),
    nominatedBy: n.nominatedBy,
    submittedBy: n.submittedBy,
    submittedAt: iso(n.submittedAt),
    submissionMonth: n.submissionMonth,
    late: n.late,
    decisions: decisions
      .filter((d) => d.nominationId === n.id)
      .map((d) => ({
        round: d.round,
        stepIndex: d.stepIndex,
        step: d.step,
        decision: d.decision,
        comment: d.comment,
        decidedBy: d.decidedBy,
        decidedAt: d.decidedAt.toISOString(),
      })),
    createdAt: n.createdAt.toISOString(),
    version: n.version,
  };
}

const nominationViewOut = (view: star.NominationView) => nominationOut(view.nomination, view.decisions);

export const starRouter = createRouter()
  .openapi(listCyclesRoute, async (c) => {
    const scope = c.get('scope');
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await star.listCycles(scope, star.anyStarReach(scope), query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map((r) => cycleOut(r)), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getCycleRoute, async (c) => {
    const scope = c.get('scope');
    const view = await star.getCycle(scope, star.anyStarReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(view.cycle.version));
    return c.json(cycleViewOut(view), 200);
  })
  .openapi(openCycleRoute, async (c) => {
    const scope = c.get('scope');
    const cycle = await star.openCycle(scope, requireReach(scope, 'star.review'), c.req.valid('json'));
    c.header('ETag', etagOf(cycle.version));
    c.header('Location', `/v1/star/cycles/${cycle.id}`);
    return c.json(cycleOut(cycle, []), 201);
  })
  .openapi(announceRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'star.review');
    const view = await star.announceStarWinners(scope, reach, {
      cycleId: c.req.valid('param').id,
      expectedVersion: expectedVersion(c),
      winners: c.req.valid('json').winners,
    });
    c.header('ETag', etagOf(view.cycle.version));
    return c.json(cycleViewOut(view), 200);
  })
  .openapi(listNominationsRoute, async (c) => {
    const scope = c.get('scope');
    const reach = star.starReach(scope);
    const { cursor, limit, ...query } = c.req.valid('query');
    const { rows, decisions } = await star.listNominations(scope, reach, query, {
      after: decodeCursor(cursor),
      limit,
    });
    const page = toPage(rows, limit);
    return c.json(
      { data: page.data.map((r) => nominationOut(r, decisions)), nextCursor: page.nextCursor },
      200,
    );
  })
  .openapi(getNominationRoute, async (c) => {
    const scope = c.get('scope');
    const view = await star.getNomination(scope, star.starReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(view.nomination.version));
    return c.json(nominationViewOut(view), 200);
  })
  .openapi(createNominationRoute, async (c) => {
    const scope = c.get('scope');
    const row = await star.nominate(scope, requireReach(scope, 'star.nominate'), c.req.valid('json'));
    c.header('ETag', etagOf(row.version));
    c.header('Location', `/v1/star/nominations/${row.id}`);
    return c.json(nominationOut(row, []), 201);
  })
  .openapi(updateNominationRoute, async (c) => {
    const scope = c.get('scope');
    const view = await star.updateNomination(scope, star.starReach(scope), {
      id: c.req.valid('param').id,
      changes: c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.nomination.version));
    return c.json(nominationViewOut(view), 200);
  })
  .openapi(submitNominationRoute, async (c) => {
    const scope = c.get('scope');
    const view = await star.submitNomination(scope, star.starReach(scope), {
      id: c.req.valid('param').id,
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.nomination.version));
    return c.json(nominationViewOut(view), 200);
  })
  .openapi(decideNominationRoute, async (c) => {
    const scope = c.get('scope');
    const view = await star.decideNomination(scope, star.starReach(scope), {
      id: c.req.valid('param').id,
      ...c.req.valid('json'),
      expectedVersion: expectedVersion(c),
    });
    c.header('ETag', etagOf(view.nomination.version));
    return c.json(nominationViewOut(view), 200);
  })
  .openapi(leaderboardRoute, async (c) => {
    const scope = c.get('scope');
    const query = c.req.valid('query');
    const { by, rows, history, names } = await star.leaderboard(scope, star.anyStarReach(scope), query);
    return c.json(
      {
        branchId: query.branchId,
        year: query.year ?? null,
        quarter: query.quarter ?? null,
        by,
        entries: rows.map((r) => ({
          ...r,
          nomineeId: by === 'nominee' ? r.key : null,
          nomineeName: by === 'nominee' ? (names.get(r.key) ?? null) : null,
          projectId: by === 'project' ? r.key : null,
        })),
        history: history.map((w) => ({
          year: w.year,
          quarter: w.quarter,
          branchId: w.branchId,
          nominationId: w.nominationId,
          nomineeId: w.nomineeId,
          nomineeName: names.get(w.nomineeId) ?? null,
          projectId: w.projectId,
          rewardFen: w.rewardFen,
          rewardDescription: w.rewardDescription,
          announcedAt: w.announcedAt.toISOString(),
        })),
      },
      200,
    );
  });
