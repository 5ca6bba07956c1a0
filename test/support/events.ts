import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { inject } from 'vitest';
import { envelopeOf, type OutboxRow } from '../../workers/data/outbox';
import worker from '../../workers/index';
import { everyShard, shardOf } from './shards';

export const receiverUrl = () => inject('receiverUrl');

let bucketCounter = 0;
/** A fresh path prefix on the receiver, so each test reads only its own requests. */
export function bucket(label = 'b'): string {
  bucketCounter += 1;
  return `/${label}/${Date.now().toString(36)}${bucketCounter}${Math.random().toString(36).slice(2, 6)}`;
}

/** Sets what the test DNS resolver (the receiver's /dns-query) answers for a name. */
export async function dnsRecords(
  name: string,
  records: { A?: string[]; AAAA?: string[]; status?: number; httpStatus?: number },
): Promise<void> {
  const res = await fetch(`${receiverUrl()}/__dns`, {
    method: 'POST',
    body: JSON.stringify({ name, ...records }),
  });
  await res.text();
}

export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

export async function received(prefix: string): Promise<Received[]> {
  const res = await fetch(`${receiverUrl()}/__received?prefix=${encodeURIComponent(prefix)}`);
  return (await res.json()) as Received[];
}

/** Polls (briefly) until `check` holds: for work the real queue does in the background. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!check(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/**
 * Raw rows, for assertions the API does not expose: the statement runs on every D1 shard and
 * the rows of each are joined (the tenants' rows live on one shard each). A count or another
 * aggregate answers one row per shard: use `countEverywhere` or `shardOf` (support/shards.ts).
 */
export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  const found: T[] = [];
  for (const db of everyShard()) {
    const result = await db
      .prepare(sql)
      .bind(...params)
      .all<T>();
    found.push(...result.results);
  }
  return found;
}

/** Runs the Worker's queue handler on one batch of `queue`, as the queue would deliver it. */
export async function runQueue(queue: string, messages: { id: string; body: unknown }[]) {
  const ctx = createExecutionContext();
  const batch = createMessageBatch(
    queue,
    messages.map((m) => ({ ...m, timestamp: new Date(), attempts: 1 })),
  );
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

let eventCounter = 0;
/** A `case.assigned` event envelope for `tenantId`, assigned to `assigneeId` (its inbox and email). */
export function assignedEvent(tenantId: string, assigneeId: string, label = 'evt') {
  eventCounter += 1;
  return {
    id: `evt_${label}${Date.now().toString(36)}${eventCounter}`,
    type: 'case.assigned',
    version: 1,
    tenantId,
    occurredAt: new Date().toISOString(),
    branchId: null as string | null,
    projectId: null as string | null,
    data: {
      caseId: `case_${label}`,
      archiveNo: '20261201001',
      kind: 'repair',
      status: 'dispatched',
      branchId: 'br_x',
      projectId: 'prj_x',
      assigneeId,
    },
  };
}

/**
 * Writes the outbox row of `event` as the request that caused it would have: sent once (at
 * `sentAt`, default now), unless `unsent`; `dead` marks it dead-lettered with that reason,
 * `handled` handled by its consumer.
 */
export async function insertOutboxRow(
  event: ReturnType<typeof assignedEvent>,
  options: { unsent?: boolean; dead?: string; handled?: boolean; sentAt?: number } = {},
): Promise<void> {
  const now = options.sentAt ?? Date.now();
  await (await shardOf(event.tenantId))
    .prepare(
      `insert into outbox_events (id, tenant_id, type, version, payload, branch_id, project_id, occurred_at,
       published_at, attempts, last_error, dead_at, dead_reason, last_sent_at, handled_at)
     values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      event.id,
      event.tenantId,
      event.type,
      JSON.stringify(event.data),
      event.branchId,
      event.projectId,
      Date.parse(event.occurredAt),
      options.unsent ? null : now,
      options.unsent ? 0 : 1,
      options.dead ?? null,
      options.dead ? now : null,
      options.dead ?? null,
      options.unsent ? null : now,
      options.handled ? now : null,
    )
    .run();
}

/** The tenant's outbox rows matching `where` (SQL over outbox_events), as the envelopes the queue carries. */
export async function outboxEvents(tenantId: string, where: string, ...params: unknown[]) {
  const found = await rows<Record<string, unknown>>(
    `SELECT * FROM outbox_events WHERE tenant_id = ? AND ${where} ORDER BY id`,
    tenantId,
    ...params,
  );
  return found.map((r) =>
    envelopeOf({
      id: r.id,
      tenantId: r.tenant_id,
      type: r.type,
      version: r.version,
      payload: JSON.parse(String(r.payload)),
      branchId: r.branch_id,
      projectId: r.project_id,
      occurredAt: new Date(Number(r.occurred_at)),
    } as OutboxRow),
  );
}
