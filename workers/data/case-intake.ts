import { cases as core } from '@guanjia/core';
import {
  auditLog,
  caseSequences,
  cases,
  caseTimeline,
  outboxEvents,
  owners,
  ownerUnits,
  projects,
  tenants,
  units,
} from '@guanjia/core/db/schema';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { auditEntry } from './audit-log';
import { type PartyRow, partyStatements } from './case-parties';
import { type CaseRow, caseSettingsKey, caseSettingsOf, caseSettingsQuery } from './case-support';
import { caseEventStatements, timelineStatements } from './case-timeline';
import { readBatch } from './commit';
import type { TenantScope } from './scope';
import { type ClockInputs, clockInputsAtProjectQueries } from './sla-clock';

/**
 * The intake repository: what intake reads before it writes, and the writes of a new case with
 * its gap-free archive number. The decisions (who may, which place, what core receives) are the
 * `createCase` use case's (app/cases/intake.ts).
 */

export interface IntakeRows {
  settings: core.CaseSettings;
  project: { id: string; branchId: string } | undefined;
  unit: { projectId: string; buildingId: string | null } | undefined;
  owner: { name: string; phone: string | null; email: string | null } | undefined;
  /** The owner record a caller's phone matches at the unit (no owner named). */
  phoneMatch: { id: string } | undefined;
  earlier: core.RepairFacts[];
  /** What the new case's clock decides on (policies, the place's calendars and rungs). */
  clock: ClockInputs;
}

/**
 * What intake reads, in one D1 round trip (a batch: no read depends on another): the tenant's
 * case settings, the project, unit and owner named, the owner record a caller's phone matches
 * at the unit, and the unit's earlier completed repairs.
 */
export async function readIntake(scope: TenantScope, intake: core.CaseIntake): Promise<IntakeRows> {
  const t = scope.tenantId;
  const db = scope.db;
  const reads: unknown[] = [];
  const read = (query: unknown) => reads.push(query) - 1;
  const settingsAt = read(caseSettingsQuery(scope));
  const projectAt = read(
    db
      .select({ id: projects.id, branchId: projects.branchId })
      .from(projects)
      .where(and(eq(projects.tenantId, t), eq(projects.id, intake.projectId)))
      .limit(1),
  );
  const unitAt = intake.unitId
    ? read(
        db
          .select({ projectId: units.projectId, buildingId: units.buildingId })
          .from(units)
          .where(and(eq(units.tenantId, t), eq(units.id, intake.unitId)))
          .limit(1),
      )
    : null;
  const ownerAt = intake.ownerId
    ? read(
        db
          .select({ name: owners.name, phone: owners.phone, email: owners.email })
          .from(owners)
          .where(and(eq(owners.tenantId, t), eq(owners.id, intake.ownerId)))
          .limit(1),
      )
    : null;
  // A caller who is an owner of the unit is linked to their owner record.
  const phoneAt =
    !intake.ownerId && intake.unitId && intake.contact?.phone
      ? read(
          db
            .select({ id: owners.id })
            .from(ownerUnits)
            .innerJoin(
              owners,
              and(eq(owners.tenantId, ownerUnits.tenantId), eq(owners.id, ownerUnits.ownerId)),
            )
            .where(
              and(
                eq(ownerUnits.tenantId, t),
                eq(ownerUnits.unitId, intake.unitId),
                eq(owners.phone, intake.contact.phone),
              ),
            )
            .limit(1),
        )
      : null;
  const earlierAt =
    intake.kind === 'repair' && intake.unitId ? read(earlierRepairsQuery(scope, intake.unitId)) : null;
  const [policiesQuery, calendarsQuery, rungsQuery] = clockInputsAtProjectQueries(scope, intake.projectId);
  const policiesAt = read(policiesQuery);
  const calendarsAt = read(calendarsQuery);
  const rungsAt = read(rungsQuery);
  const results = (await readBatch(
    db,
    reads as unknown as Parameters<typeof db.batch>[0],
  )) as unknown as unknown[][];
  const first = <T>(at: number | null): T | undefined => (at === null ? undefined : (results[at]?.[0] as T));
  return {
    settings: caseSettingsOf(scope, results[settingsAt] as { settings: Record<string, unknown> }[]),
    project: first(projectAt),
    unit: first(unitAt),
    owner: first(ownerAt),
    phoneMatch: first(phoneAt),
    earlier: earlierAt === null ? [] : (results[earlierAt] as core.RepairFacts[]),
    clock: {
      policies: results[policiesAt] as ClockInputs['policies'],
      calendars: results[calendarsAt] as ClockInputs['calendars'],
      rungs: results[rungsAt] as ClockInputs['rungs'],
    },
  };
}

/**
 * Earlier repairs of the unit completed within the rework window, for 维修反复 detection. The
 * window is read in the same statement (the stored `reworkWindowDays`, never less than the
 * default), so this runs in intake's one batch before the settings are parsed: a stored value
 * that does not parse falls back to the default, which the bound covers, and core keeps only
 * the repairs inside the window the settings give (`findReworkOrigin`).
 */
function earlierRepairsQuery(scope: TenantScope, unitId: string) {
  const storedDays = sql`(SELECT CAST(json_extract(${tenants.settings}, ${`$.${caseSettingsKey}.reworkWindowDays`}) AS INTEGER)
    FROM ${tenants} WHERE ${tenants.id} = ${scope.tenantId})`;
  const windowDays = sql`max(coalesce(${storedDays}, 0), ${core.defaultCaseSettings.reworkWindowDays})`;
  return scope.db
    .select({ id: cases.id, unitId: cases.unitId, category: cases.category, completedAt: cases.completedAt })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, scope.tenantId),
        eq(cases.unitId, unitId),
        eq(cases.kind, 'repair'),
        isNotNull(cases.completedAt),
        sql`${cases.completedAt} >= ${scope.now.getTime()} - ${windowDays} * 86400000`,
      ),
    );
}

/**
 * The writes that open a case, for one `commit`. The archive number (YYYYMMDD + the tenant's
 * daily sequence) is allocated gap-free and atomically inside the batch (one transaction, run
 * serially by D1):
 * 1. upsert `case_sequences` (tenant, local date): insert 1, or last_value + 1;
 * 2. insert the case with `archive_no = 'YYYYMMDD' || printf('%03d', <that last_value>)` read by a
 *    subquery (core's format: 3 digits, growing past 999);
 * 3. core's receive data, the audit entry and the outbox payloads were built before the number
 *    was known, so the batch sets their `archiveNo` from the case row (json_set);
 * 4. read the number back (the last write: `archiveNoOf` reads it from the results).
 * Concurrent intakes never collide or retry, and a failed batch rolls its increment back, so the
 * numbers of committed cases have no gaps. The case's clock is armed once it commits.
 */
export function newCaseWrites(
  scope: TenantScope,
  row: CaseRow,
  localDay: string,
  written: {
    timeline: readonly core.TimelineEntry[];
    parties: readonly PartyRow[];
    events: readonly core.CaseEvent[];
    extra: readonly unknown[];
    /** The clock's writes: its milestones and when to wake, or `clockChanged` to re-read. */
    clock: readonly unknown[];
  },
): unknown[] {
  const t = scope.tenantId;
  const caseId = row.id;
  const sequence = sql`(SELECT ${caseSequences.lastValue} FROM ${caseSequences}
    WHERE ${caseSequences.tenantId} = ${t} AND ${caseSequences.localDate} = ${localDay})`;
  const archiveOfCase = sql`(SELECT ${cases.archiveNo} FROM ${cases} WHERE ${cases.tenantId} = ${t} AND ${cases.id} = ${caseId})`;
  return [
    scope.db
      .insert(caseSequences)
      .values({ tenantId: t, localDate: localDay, lastValue: 1 })
      .onConflictDoUpdate({
        target: [caseSequences.tenantId, caseSequences.localDate],
        set: { lastValue: sql`${caseSequences.lastValue} + 1` },
      }),
    scope.db.insert(cases).values({
      ...row,
      archiveNo: sql`${localDay.replaceAll('-', '')} || printf('%03d', ${sequence})`,
    }),
    ...timelineStatements(scope, caseId, written.timeline),
    ...partyStatements(scope, [...written.parties]),
    auditEntry(scope, 'cases.create', { type: 'case', id: caseId }, null, row),
    ...caseEventStatements(scope, row, written.events, ['created']),
    ...written.extra,
    ...written.clock,
    // The number, wherever it was written before it was known:
    scope.db
      .update(caseTimeline)
      .set({ data: sql`json_set(${caseTimeline.data}, '$.archiveNo', ${archiveOfCase})` })
      .where(
        and(
          eq(caseTimeline.tenantId, t),
          eq(caseTimeline.caseId, caseId),
          sql`json_extract(${caseTimeline.data}, '$.archiveNo') IS NOT NULL`,
        ),
      ),
    scope.db
      .update(auditLog)
      .set({ after: sql`json_set(${auditLog.after}, '$.archiveNo', ${archiveOfCase})` })
      .where(and(eq(auditLog.tenantId, t), eq(auditLog.targetType, 'case'), eq(auditLog.targetId, caseId))),
    scope.db
      .update(outboxEvents)
      .set({ payload: sql`json_set(${outboxEvents.payload}, '$.archiveNo', ${archiveOfCase})` })
      .where(
        and(
          isNull(outboxEvents.publishedAt),
          eq(outboxEvents.occurredAt, scope.now),
          eq(outboxEvents.tenantId, t),
          sql`json_extract(${outboxEvents.payload}, '$.caseId') = ${caseId}`,
        ),
      ),
    scope.db
      .select({ archiveNo: cases.archiveNo })
      .from(cases)
      .where(and(eq(cases.tenantId, t), eq(cases.id, caseId))),
  ];
}

/** The archive number the batch of `newCaseWrites` read back (its last result). */
export function archiveNoOf(results: readonly unknown[]): string | undefined {
  return (results.at(-1) as { archiveNo: string }[] | undefined)?.[0]?.archiveNo;
}
