/**
 * Where an outbox event stands, from its row: `pending` until it is sent to the events queue,
 * `sent` once sent and until its consumer has written its fan-out, `handled` then (done), `dead`
 * once the queue dead-lettered it without its being handled.
 */
export const outboxStatuses = ['pending', 'sent', 'handled', 'dead'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface OutboxFacts {
  publishedAt: Date | null;
  handledAt: Date | null;
  deadAt: Date | null;
}

/** Handled wins: an event whose fan-out is written is done, whatever a queue did with a copy of it. */
export function outboxStatus(event: OutboxFacts): OutboxStatus {
  if (event.handledAt) return 'handled';
  if (event.deadAt) return 'dead';
  return event.publishedAt ? 'sent' : 'pending';
}

/**
 * Why an event may not be replayed by hand, or undefined when it may: any event its consumer has
 * not handled may (never sent, sent and lost or still on its way, dead); a handled one is done, so
 * sending it again would only be turned away by its idempotent consumer.
 */
export function replayRefusal(event: OutboxFacts): string | undefined {
  return outboxStatus(event) === 'handled'
    ? 'The event was handled already (its webhook deliveries, inbox rows and messages are written); only events not handled are replayed'
    : undefined;
}
