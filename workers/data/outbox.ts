import { newId } from '@guanjia/core';
import { outboxEvents } from '@guanjia/core/db/schema';
import {
  type EventEnvelope,
  type EventType,
  eventCatalogue,
  isEventType,
} from '@guanjia/core/events/catalogue';
import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Env } from '../env';
import type { Database } from './db';
import type { TenantScope } from './scope';

export type OutboxRow = typeof outboxEvents.$inferSelect;

/** Where an event happened, for branch- or project-scoped webhook subscriptions. */
export interface EventPlace {
  branchId?: string | null;
  projectId?: string | null;
}

/** Events written through a scope, to publish once the request's batch has committed. */
const written = new WeakMap<TenantScope, string[]>();

/**
 * The outbox row of a domain event, to put in the same `db.batch([...])` as the change that
 * caused it: if the batch fails, the event never existed. The payload is checked against the
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
  const list = written.get(scope) ?? [];
  list.push(id);
  written.set(scope, list);
  return scope.db.insert(outboxEvents).values({
    id,
    tenantId: scope.tenantId,
    type,
    version: entry.version,
    payload: data,
    branchId: place.branchId ?? null,
    projectId: place.projectId ?? null,
    occurredAt: scope.now,
  });
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

/** Sends rows to the EVENTS queue (100 per send), then marks them published. */
export async function sendRows(env: Env, db: Database, rows: OutboxRow[], now = new Date()): Promise<number> {
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
 * Publishes the events this scope wrote and that committed (a failed batch left no row, so
 * nothing is sent for it). Runs after the response, under waitUntil; whatever fails here is
 * picked up by the cron sweep.
 */
export async function publishWritten(env: Env, scope: TenantScope): Promise<number> {
  const ids = written.get(scope);
  if (!ids?.length) return 0;
  written.delete(scope);
  const rows = await scope.db
    .select()
    .from(outboxEvents)
    .where(
      and(
        eq(outboxEvents.tenantId, scope.tenantId),
        inArray(outboxEvents.id, ids),
        isNull(outboxEvents.publishedAt),
      ),
    )
    .orderBy(asc(outboxEvents.id));
  return sendRows(env, scope.db, rows, new Date());
}

/** Seconds an event may stay unpublished before the sweep re-sends it. */
export const sweepAfterSeconds = 30;

/**
 * The cron sweep: re-sends rows not published `sweepAfterSeconds` after they occurred. A platform job over the whole shard, served by the (published_at,
 * occurred_at) index; consumers are idempotent by event id, so a second send is harmless.
 */
export async function sweepOutbox(env: Env, db: Database, now: Date, limit = 500): Promise<number> {
  const before = new Date(now.getTime() - sweepAfterSeconds * 1000);
  const rows = await db
    .select()
    .from(outboxEvents)
    .where(and(isNull(outboxEvents.publishedAt), lt(outboxEvents.occurredAt, before)))
    .orderBy(asc(outboxEvents.occurredAt))
    .limit(limit);
  return sendRows(env, db, rows, now);
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
