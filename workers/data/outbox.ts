import { newId } from '@guanjia/core';
import { outboxEvents } from '@guanjia/core/db/schema';
import {
  type EventEnvelope,
  type EventType,
  eventCatalogue,
  isEventType,
} from '@guanjia/core/events/catalogue';
import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Env } from '../env';
import type { Database } from './db';
import type { TenantScope } from './scope';

export type OutboxRow = typeof outboxEvents.$inferSelect;

/** An outbox row's insert, tagged with its event id so the commit can publish it. */
export class EventWrite {
  constructor(
    readonly eventId: string,
    readonly statement: unknown,
  ) {}
}

/** The outbox rows `ids` of the tenant, id order: the last statement of a commit that wrote them. */
export function committedEventsQuery(scope: TenantScope, ids: readonly string[]) {
  return scope.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.tenantId, scope.tenantId), inArray(outboxEvents.id, [...ids])))
    .orderBy(asc(outboxEvents.id));
}

/** Where an event happened, for branch- or project-scoped webhook subscriptions. */
export interface EventPlace {
  branchId?: string | null;
  projectId?: string | null;
}

/**
 * The outbox row of a domain event, to put in the same `commit(scope, [...])` as the change that
 * caused it: if the batch fails, the event never existed; once it commits, `commit` publishes it. The payload is checked against the
 * catalogue (a mismatch is a programming error, thrown before anything is written).
 */
export function outboxEvent(scope: TenantScope, type: EventType, payload: object, place: EventPlace = {}) {
  const entry = eventCatalogue[type];
  const data = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
  const checked = entry.schema.safeParse(data);
  if (!checked.success) {
    throw new Error(
      `Event ${type} v${entry.version} payload does not match its schema: ${checked.error.message}`,
    );
  }
  const id = newId('event');
  return new EventWrite(
    id,
    scope.db.insert(outboxEvents).values({
      id,
      tenantId: scope.tenantId,
      type,
      version: entry.version,
      payload: data,
      branchId: place.branchId ?? null,
      projectId: place.projectId ?? null,
      occurredAt: scope.now,
    }),
  );
}

export function envelopeOf(row: OutboxRow): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    tenantId: row.tenantId,
    occurredAt: row.occurredAt.toISOString(),
    branchId: row.branchId,
    projectId: row.projectId,
    data: row.payload,
  };
}

/** Sends rows to the EVENTS queue (100 per send), then marks them sent (`published_at`), one send more. */
export async function sendRows(env: Env, db: Database, rows: OutboxRow[], now: Date): Promise<number> {
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await env.EVENTS.sendBatch(chunk.map((row) => ({ body: envelopeOf(row), contentType: 'json' as const })));
    // The sweep sends rows of many tenants; each update stays within one tenant.
    for (const tenantId of new Set(chunk.map((r) => r.tenantId))) {
      const sent = chunk.filter((r) => r.tenantId === tenantId);
      await db
        .update(outboxEvents)
        .set({ publishedAt: now, lastSentAt: now, attempts: sql`${outboxEvents.attempts} + 1` })
        .where(
          and(
            eq(outboxEvents.tenantId, tenantId),
            inArray(
              outboxEvents.id,
              sent.map((r) => r.id),
            ),
          ),
        );
    }
  }
  return rows.length;
}

/**
 * Publishes events a commit wrote (a failed batch left no row, so nothing is sent for it), for
 * the unit of work (app/runtime.ts) right after the batch; whatever fails here is picked up by
 * the cron sweep.
 */
export async function publishCommitted(
  env: Env,
  scope: TenantScope,
  committed: readonly OutboxRow[],
): Promise<number> {
  const rows = committed.filter((r) => r.publishedAt === null);
  if (rows.length === 0) return 0;
  return sendRows(env, scope.db, rows, scope.now);
}

/**
 * How long the sweep waits, in seconds. An unsent row: the request that wrote it publishes it
 * right after its response, so 30 s means that publish failed. A row sent but not handled: the
 * queue hands a message to the consumer within its one-second batch window and a consumer
 * finishes an event in seconds (provider calls time out at 10 s each), so two minutes without
 * the handled mark means the message was lost (a crash of the local runtime, a consumer that
 * acked too early); a consumer failure moves the wait to after the retry it asked for
 * (`retry_at`). A delivery row never tried: its DELIVERIES message was lost.
 * `OUTBOX_GRACE_SECONDS` overrides all three (the crash test).
 */
export interface SweepGrace {
  unsentSeconds: number;
  unhandledSeconds: number;
  untriedDeliverySeconds: number;
}

export const sweepGrace: SweepGrace = {
  unsentSeconds: 30,
  unhandledSeconds: 120,
  untriedDeliverySeconds: 300,
};

export function sweepGraceOf(env: Env): SweepGrace {
  const override = Number(env.OUTBOX_GRACE_SECONDS);
  if (!env.OUTBOX_GRACE_SECONDS || !Number.isFinite(override) || override < 0) return sweepGrace;
  return { unsentSeconds: override, unhandledSeconds: override, untriedDeliverySeconds: override };
}

const secondsBefore = (now: Date, seconds: number) => new Date(now.getTime() - seconds * 1000);

/**
 * The cron sweep, over the whole shard and every tenant in it (a platform job, cross-tenant by
 * design: each update it makes stays within one tenant), in two looks: rows never sent
 * `unsentSeconds` after they occurred (the (published_at, occurred_at) index), and rows sent but
 * not handled `unhandledSeconds` after their last send and after the retry a failing consumer
 * asked for (the partial sent-unhandled index). Each is sent again with one attempt more;
 * consumers are idempotent by event id, so a second send is harmless.
 */
export async function sweepOutboxAllTenants(env: Env, db: Database, now: Date, limit = 500): Promise<number> {
  const grace = sweepGraceOf(env);
  const unsent = await db
    .select()
    .from(outboxEvents)
    .where(
      and(
        isNull(outboxEvents.publishedAt),
        lt(outboxEvents.occurredAt, secondsBefore(now, grace.unsentSeconds)),
        isNull(outboxEvents.handledAt),
      ),
    )
    .orderBy(asc(outboxEvents.occurredAt))
    .limit(limit);
  const lostBefore = secondsBefore(now, grace.unhandledSeconds);
  const unhandled = await db
    .select()
    .from(outboxEvents)
    .where(
      and(
        isNotNull(outboxEvents.publishedAt),
        isNull(outboxEvents.handledAt),
        isNull(outboxEvents.deadAt),
        lt(outboxEvents.lastSentAt, lostBefore),
        or(isNull(outboxEvents.retryAt), lt(outboxEvents.retryAt, lostBefore)),
      ),
    )
    .orderBy(asc(outboxEvents.lastSentAt))
    .limit(limit);
  return (await sendRows(env, db, unsent, now)) + (await sendRows(env, db, unhandled, now));
}

/** `org.<resource>.<verb>` for an audit action like `branches.create`, when the catalogue has it. */
export function orgEventType(action: string, verb: 'created' | 'updated' | 'deleted'): EventType | undefined {
  const resource = action.slice(0, action.lastIndexOf('.'));
  const type = `org.${resource}.${verb}`;
  return isEventType(type) ? type : undefined;
}

const secretColumns = new Set(['passwordHash', 'keyHash', 'tokenHash', 'secretEnc', 'credentialsEnc']);

/** The outbox row of an org change (the record, secrets removed), or nothing for non-org records. */
export function orgChangeEvent(
  scope: TenantScope,
  action: string,
  verb: 'created' | 'updated' | 'deleted',
  record: Record<string, unknown>,
  changed?: string[],
) {
  const type = orgEventType(action, verb);
  if (!type) return [];
  const clean = Object.fromEntries(Object.entries(record).filter(([k]) => !secretColumns.has(k)));
  const resource = type.split('.')[1] as string;
  const id = String(record.id);
  const place: EventPlace =
    resource === 'branches'
      ? { branchId: id }
      : resource === 'projects'
        ? { branchId: (record.branchId as string) ?? null, projectId: id }
        : { branchId: (record.branchId as string) ?? null, projectId: (record.projectId as string) ?? null };
  return [
    outboxEvent(
      scope,
      type,
      { resource, id, record: clean, ...(changed ? { changed } : {}), actor: scope.actor },
      place,
    ),
  ];
}
