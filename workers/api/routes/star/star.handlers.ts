import { AppError, newId } from '@guanjia/core';
import { starCycles, starNominations, starWinners } from '@guanjia/core/db/schema';
import { and, eq } from 'drizzle-orm';
import { auditEntry } from '../../../data/audit';
import { inReach, requireReach } from '../../../data/reach';
import { runBatch } from '../../../data/records';
import type { TenantScope } from '../../../data/scope';
import {
  activeStaff,
  branchStaffIds,
  cycleWinners,
  decisionInsert,
  ensureCycle,
  evidenceFacts,
  getCycle,
  getNomination,
  insertNomination,
  listCycles,
  listNominations,
  nominationDecisions,
  nominationRecords,
  projectPlace,
  rolesOverBranch,
  type StarCycleRow,
  type StarDecisionRow,
  type StarNominationRow,
  type StarReach,
  staffNames,
  tenantSettings,
  updateNomination,
  winnersOf,
} from '../../../data/star';
import { createRouter } from '../../app';
import { etagOf, expectedVersion } from '../../lib/etag';
import { decodeCursor, toPage } from '../../lib/pagination';
import * as chain from './chain';
import * as rules from './rules';
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

/** Anyone who nominates, submits or reviews reaches the star programme; others get 403. */
function starReach(scope: TenantScope): StarReach {
  const reach = {
    nominate: rules.reachOr(scope, 'star.nominate'),
    submit: rules.reachOr(scope, 'star.submit'),
    review: rules.reachOr(scope, 'star.review'),
  };
  if (reach.nominate.kind === 'none' && reach.submit.kind === 'none' && reach.review.kind === 'none') {
    throw new AppError('forbidden', 'Missing permission star.nominate, star.submit or star.review');
  }
  return reach;
}

/** Branches the caller reaches through any star permission (cycles, winners, leaderboard). */
function anyStarReach(scope: TenantScope) {
  const star = starReach(scope);
  return rules.unionReach([star.nominate, star.submit, star.review]);
}

function cycleOut(cycle: StarCycleRow, winners?: ReturnType<typeof winnerOut>[]) {
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
    winners,
    version: cycle.version,
  };
}

function winnerOut(w: typeof starWinners.$inferSelect, names: Map<string, string>) {
  return {
    nominationId: w.nominationId,
    nomineeId: w.nomineeId,
    nomineeName: names.get(w.nomineeId) ?? null,
    projectId: w.projectId,
    rewardFen: w.rewardFen,
    rewardDescription: w.rewardDescription,
  };
}

function nominationOut(n: StarNominationRow, decisions: StarDecisionRow[]) {
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
    nextStep: chain.pendingStepName(n),
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

async function withDecisions(scope: TenantScope, row: StarNominationRow) {
  return nominationOut(row, await nominationDecisions(scope, [row.id]));
}

async function cycleWithWinners(scope: TenantScope, cycle: StarCycleRow) {
  const winners = await cycleWinners(scope, [cycle.id]);
  const names = await staffNames(
    scope,
    winners.map((w) => w.nomineeId),
  );
  return cycleOut(
    cycle,
    winners.map((w) => winnerOut(w, names)),
  );
}

export const starRouter = createRouter()
  .openapi(listCyclesRoute, async (c) => {
    const scope = c.get('scope');
    const reach = anyStarReach(scope);
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await listCycles(scope, reach, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    return c.json({ data: page.data.map((r) => cycleOut(r)), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getCycleRoute, async (c) => {
    const scope = c.get('scope');
    const cycle = await getCycle(scope, anyStarReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(cycle.version));
    return c.json(await cycleWithWinners(scope, cycle), 200);
  })
  .openapi(openCycleRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'star.review');
    const body = c.req.valid('json');
    const branch = await scope.db.query.branches.findFirst({
      columns: { id: true },
      where: (b, { and: all, eq: equals }) =>
        all(equals(b.tenantId, scope.tenantId), equals(b.id, body.branchId)),
    });
    if (!branch || !inReach(reach, { branchId: branch.id })) {
      throw new AppError('validation_failed', `Branch ${body.branchId} not found`, {
        issues: [{ path: 'branchId', message: `Branch ${body.branchId} not found` }],
      });
    }
    const { cycle, created } = await ensureCycle(scope, branch.id, body.year, body.quarter, scope.actor.id);
    if (!created) throw new AppError('conflict', `The ${body.year} Q${body.quarter} cycle is already open`);
    c.header('ETag', etagOf(cycle.version));
    c.header('Location', `/v1/star/cycles/${cycle.id}`);
    return c.json(cycleOut(cycle, []), 201);
  })
  .openapi(announceRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'star.review');
    const cycle = await getCycle(scope, reach, c.req.valid('param').id);
    const version = expectedVersion(c);
    if (version !== undefined && version !== cycle.version) throw new AppError('precondition_failed');
    if (cycle.status !== 'open') throw new AppError('illegal_transition', 'The cycle is already announced');
    const { winners } = c.req.valid('json');
    const ids = winners.map((w) => w.nominationId);
    if (new Set(ids).size !== ids.length) {
      throw new AppError('validation_failed', 'A nomination is listed twice', {
        issues: [{ path: 'winners', message: 'Each nomination at most once' }],
      });
    }
    const noms = await scope.db.query.starNominations.findMany({
      where: (n, { and: all, eq: equals, inArray }) =>
        all(equals(n.tenantId, scope.tenantId), equals(n.cycleId, cycle.id), inArray(n.id, ids)),
    });
    const byId = new Map(noms.map((n) => [n.id, n]));
    const issues = winners.flatMap((w, i) => {
      const n = byId.get(w.nominationId);
      if (!n) return [{ path: `winners.${i}.nominationId`, message: 'Not a nomination of this cycle' }];
      const announced = chain.announcedStatus(n);
      return announced.ok ? [] : [{ path: `winners.${i}.nominationId`, message: announced.message }];
    });
    if (issues.length > 0) throw new AppError('validation_failed', 'See issues', { issues });
    const announced = {
      ...cycle,
      status: 'announced' as const,
      announcedBy: scope.actor.id,
      announcedAt: scope.now,
    };
    const winnerRows = winners.map((w) => {
      const n = byId.get(w.nominationId) as StarNominationRow;
      return {
        id: newId('starWinner'),
        tenantId: scope.tenantId,
        cycleId: cycle.id,
        nominationId: n.id,
        branchId: cycle.branchId,
        projectId: n.projectId,
        nomineeId: n.nomineeId,
        year: cycle.year,
        quarter: cycle.quarter,
        rewardFen: w.rewardFen ?? null,
        rewardDescription: w.rewardDescription ?? null,
        announcedBy: scope.actor.id,
        announcedAt: scope.now,
      };
    });
    const [result] = await runBatch(scope.db, [
      scope.db
        .update(starCycles)
        .set({
          status: 'announced',
          announcedBy: scope.actor.id,
          announcedAt: scope.now,
          updatedAt: scope.now,
          version: cycle.version + 1,
        })
        .where(
          and(
            eq(starCycles.tenantId, scope.tenantId),
            eq(starCycles.id, cycle.id),
            eq(starCycles.version, cycle.version),
          ),
        ),
      scope.db.insert(starWinners).values(winnerRows),
      ...winnerRows.map((w) =>
        scope.db
          .update(starNominations)
          .set({ status: 'announced', updatedAt: scope.now })
          .where(and(eq(starNominations.tenantId, scope.tenantId), eq(starNominations.id, w.nominationId))),
      ),
      auditEntry(scope, 'star.cycles.announce', { type: 'starCycle', id: cycle.id }, cycle, {
        ...announced,
        winners: winnerRows,
      }),
      ...rules.announcementEvents(scope, cycle, winnerRows, await branchStaffIds(scope, cycle.branchId)),
    ]);
    if ((result as D1Result | undefined)?.meta?.changes === 0) {
      throw new AppError('precondition_failed', 'The cycle changed while you were announcing it');
    }
    const after = { ...announced, updatedAt: scope.now, version: cycle.version + 1 };
    c.header('ETag', etagOf(after.version));
    return c.json(await cycleWithWinners(scope, after), 200);
  })
  .openapi(listNominationsRoute, async (c) => {
    const scope = c.get('scope');
    const star = starReach(scope);
    const { cursor, limit, ...query } = c.req.valid('query');
    const rows = await listNominations(scope, star, query, { after: decodeCursor(cursor), limit });
    const page = toPage(rows, limit);
    const decisions = await nominationDecisions(
      scope,
      page.data.map((r) => r.id),
    );
    return c.json(
      { data: page.data.map((r) => nominationOut(r, decisions)), nextCursor: page.nextCursor },
      200,
    );
  })
  .openapi(getNominationRoute, async (c) => {
    const scope = c.get('scope');
    const row = await getNomination(scope, starReach(scope), c.req.valid('param').id);
    c.header('ETag', etagOf(row.version));
    return c.json(await withDecisions(scope, row), 200);
  })
  .openapi(createNominationRoute, async (c) => {
    const scope = c.get('scope');
    const reach = requireReach(scope, 'star.nominate');
    const body = c.req.valid('json');
    const project = await projectPlace(scope, body.projectId);
    if (!inReach(reach, { branchId: project.branchId, projectId: project.id })) {
      throw new AppError('validation_failed', `Project ${body.projectId} not found`, {
        issues: [{ path: 'projectId', message: `Project ${body.projectId} not found` }],
      });
    }
    await activeStaff(scope, body.nomineeId, 'nomineeId');
    const { year, quarter } = rules.quarterOf(scope.now, scope.timeZone);
    const { cycle } = await ensureCycle(scope, project.branchId, year, quarter, null);
    if (cycle.status !== 'open') {
      throw new AppError('illegal_transition', `The ${year} Q${quarter} cycle is already announced`);
    }
    const row = await insertNomination(scope, {
      cycleId: cycle.id,
      branchId: project.branchId,
      projectId: project.id,
      nomineeId: body.nomineeId,
      nomineeRole: body.nomineeRole,
      reasons: body.reasons,
      deeds: body.deeds,
      evidence: null,
      status: 'draft',
      currentStep: 0,
      chain: null,
      nominatedBy: scope.actor.id,
      submittedBy: null,
      submittedAt: null,
      submissionMonth: null,
      late: false,
    });
    c.header('ETag', etagOf(row.version));
    c.header('Location', `/v1/star/nominations/${row.id}`);
    return c.json(nominationOut(row, []), 201);
  })
  .openapi(updateNominationRoute, async (c) => {
    const scope = c.get('scope');
    const star = starReach(scope);
    const before = await getNomination(scope, star, c.req.valid('param').id);
    const place = { branchId: before.branchId, projectId: before.projectId };
    if (!inReach(star.nominate, place) && !inReach(star.submit, place)) {
      throw new AppError('forbidden', 'Only project staff may edit a draft');
    }
    if (before.status !== 'draft' && before.status !== 'returned') {
      throw new AppError('illegal_transition', 'Only a draft or a returned nomination can be edited');
    }
    const body = c.req.valid('json');
    if (body.nomineeId) await activeStaff(scope, body.nomineeId, 'nomineeId');
    const row = await updateNomination(scope, before, body, 'star.nominations.update', expectedVersion(c));
    c.header('ETag', etagOf(row.version));
    return c.json(await withDecisions(scope, row), 200);
  })
  .openapi(submitNominationRoute, async (c) => {
    const scope = c.get('scope');
    const star = starReach(scope);
    const before = await getNomination(scope, star, c.req.valid('param').id);
    if (!inReach(star.submit, { branchId: before.branchId, projectId: before.projectId })) {
      throw new AppError('forbidden', 'Only the project manager submits (star.submit)');
    }
    const status = chain.submittedStatus(before);
    const settings = await tenantSettings(scope);
    const timing = rules.submissionTiming(scope.now, scope.timeZone, settings);
    const cycle = await getCycle(scope, { kind: 'tenant' }, before.cycleId);
    const window = rules.quarterWindow(cycle.year, cycle.quarter, scope.timeZone);
    const facts = await evidenceFacts(scope, before.nomineeId, window.from, window.to);
    const row = await updateNomination(
      scope,
      before,
      {
        status,
        currentStep: 0,
        // A resubmission after a return keeps the chain of the first submission.
        chain: before.chain ?? chain.tenantChain(settings),
        evidence: rules.evidenceOf(before.nomineeId, window, facts),
        submittedBy: scope.actor.id,
        submittedAt: scope.now,
        submissionMonth: timing.month,
        late: timing.late,
      },
      'star.nominations.submit',
      expectedVersion(c),
      [],
      (after) => [rules.submittedEvent(scope, after)],
    );
    c.header('ETag', etagOf(row.version));
    return c.json(await withDecisions(scope, row), 200);
  })
  .openapi(decideNominationRoute, async (c) => {
    const scope = c.get('scope');
    const star = starReach(scope);
    const before = await getNomination(scope, star, c.req.valid('param').id);
    if (!inReach(star.review, { branchId: before.branchId })) {
      throw new AppError('forbidden', 'Only the branch reviewers decide (star.review)');
    }
    const body = c.req.valid('json');
    const { step, changes } = chain.decide(before, await nominationDecisions(scope, [before.id]), {
      actorId: scope.actor.id ?? '',
      roles: rolesOverBranch(scope, before.branchId),
      decision: body.decision,
      comment: body.comment ?? '',
      now: scope.now,
    });
    const decision = decisionInsert(scope, before, step, body.decision, body.comment ?? null);
    const row = await updateNomination(
      scope,
      before,
      changes,
      'star.nominations.decide',
      expectedVersion(c),
      [decision.statement],
      (after) => [rules.decidedEvent(scope, after, step.name, body.decision)],
    );
    c.header('ETag', etagOf(row.version));
    return c.json(await withDecisions(scope, row), 200);
  })
  .openapi(leaderboardRoute, async (c) => {
    const scope = c.get('scope');
    const reach = anyStarReach(scope);
    const query = c.req.valid('query');
    const [records, winners] = await Promise.all([
      nominationRecords(scope, reach, query),
      winnersOf(scope, reach, query),
    ]);
    const by = query.by ?? 'nominee';
    const rows = rules.leaderboardOf(records, { ...query, by });
    const names = await staffNames(scope, [
      ...winners.map((w) => w.nomineeId),
      ...(by === 'nominee' ? rows.map((r) => r.key) : []),
    ]);
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
        history: winners.map((w) => ({
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
