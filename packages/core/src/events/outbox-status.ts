/**
 * Where an outbox event stands, from its row: `pending` until it is sent to the events queue,
 * `published` once sent, `dead` once the queue dead-lettered it (whatever it was before).
 */
export const outboxStatuses = ['pending', 'published', 'dead'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface OutboxFacts {
  publishedAt: Date | null;
  deadAt: Date | null;
}

export function outboxStatus(event: OutboxFacts): OutboxStatus {
  if (event.deadAt) return 'dead';
  return event.publishedAt ? 'published' : 'pending';
}

/**
 * Why an event may not be replayed by hand, or undefined when it may: a dead event and a stuck
 * one (never sent) may; a published event that is not dead is with the queue already (its
 * consumer retries it), so sending it again by hand is refused.
 */
export function replayRefusal(event: OutboxFacts): string | undefined {
  return outboxStatus(event) === 'published'
    ? 'The event was published and is not dead: the queue still has it; only dead or unsent events are replayed'
    : undefined;
}
