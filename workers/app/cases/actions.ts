import { AppError, cases as core, unknownFieldIssues, unknownFields } from '@guanjia/core';
import type { SQL } from 'drizzle-orm';
import { listCaseParties, type PartyRow, partiesOf, partyRows } from '../../data/case-parties';
import { checkReclassification } from '../../data/case-reclassify';
import { actionRefIssues, caseStepWrites, isStaleVersion } from '../../data/case-rows';
import {
  actorOf,
  type CaseRow,
  findVisibleCase,
  loadCaseSettings,
  snapshotOf,
} from '../../data/case-support';
import { commit } from '../../data/commit';
import type { TenantScope } from '../../data/scope';
import { stepDeadlines } from './deadlines';

function parseAction(input: unknown): core.CaseAction {
  const parsed = core.CaseActionSchema.safeParse(input);
  // An unknown field is refused, not dropped (`channel` on a reply, `visibility` on a note).
  const unknown = unknownFieldIssues(unknownFields(core.CaseActionSchema, input));
  if (parsed.success && unknown.length === 0) return parsed.data;
  throw new AppError('validation_failed', 'The action is not valid', {
    issues: [
      ...(parsed.success
        ? []
        : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }))),
      ...unknown,
    ],
  });
}

/**
 * Core's 409 carries the case status as `extra.status`; in a problem document `status` is the
 * HTTP status, so the case's goes out as `caseStatus`.
 */
function withCaseStatus<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof AppError && error.extra && 'status' in error.extra) {
      const { status, ...extra } = error.extra;
      throw new AppError(error.code, error.detail, {
        issues: error.issues,
        extra: { ...extra, caseStatus: status },
      });
    }
    throw error;
  }
}

export interface AppliedAction {
  row: CaseRow;
  transition: core.CaseTransition;
  /** A complaint's linked parties after the step (none for other kinds). */
  parties: PartyRow[];
}

/**
 * Takes one step: reads the case (404 outside `visibility`), runs core's `applyAction`, and
 * writes the changes with an optimistic version check, the timeline rows, the audit entry and
 * the events in one batch. `expectedVersion` (If-Match) answers 412 when stale.
 */
export async function applyCaseAction(
  scope: TenantScope,
  caseId: string,
  input: unknown,
  options: { visibility: SQL | undefined; expectedVersion?: number; actor?: core.Actor },
): Promise<AppliedAction> {
  const row = await findVisibleCase(scope, caseId, options.visibility);
  if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
    throw new AppError('precondition_failed', `Current version is ${row.version}`);
  }
  const action = parseAction(input);
  const [settings, linked] = await Promise.all([
    loadCaseSettings(scope),
    row.kind === 'complaint' ? listCaseParties(scope, row.id) : [],
  ]);
  const actor = options.actor ?? actorOf(scope, row);
  const refIssues = await actionRefIssues(scope, row, action);
  if (refIssues.length > 0) {
    throw new AppError('validation_failed', 'See issues for the fields to correct', { issues: refIssues });
  }
  const moved = action.type === 'reclassify' ? await checkReclassification(scope, action, settings) : null;
  const snapshot = { ...snapshotOf(row), parties: partiesOf(linked) };
  // The contact deadline and the 回访 due time are the SLA policy's (one source): ask the clock's rules.
  const deadlines = await stepDeadlines(scope, row, { snapshot, action, actor, settings });
  const transition = withCaseStatus(() =>
    core.applyAction(snapshot, action, actor, scope.now, settings, deadlines),
  );
  const added = partyRows(scope, row.id, transition.linkedParties);
  // A case moved to another project moves to that project's branch too.
  if (moved && transition.changes.projectId !== undefined) {
    (transition.changes as Partial<CaseRow>).branchId = moved.branchId;
  }
  const next: CaseRow = {
    ...row,
    ...(transition.changes as Partial<CaseRow>),
    updatedAt: scope.now,
    version: row.version + 1,
  };
  const set = { ...transition.changes, updatedAt: scope.now, version: next.version } as Partial<CaseRow>;
  const writes = caseStepWrites(scope, row, {
    action: action.type,
    set,
    next,
    changes: transition.changes as Record<string, unknown>,
    timeline: transition.timeline,
    added,
    linkedParties: transition.linkedParties,
    events: transition.events,
  });
  try {
    await commit(scope, writes);
  } catch (error) {
    if (isStaleVersion(error)) {
      throw new AppError('precondition_failed', 'The case changed while you were acting on it');
    }
    throw error;
  }
  return { row: next, transition, parties: [...linked, ...added] };
}
