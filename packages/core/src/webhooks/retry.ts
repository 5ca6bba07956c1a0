/**
 * Webhook retry schedule, through queue retry delays (`message.retry({ delaySeconds })`):
 * after failed attempt n (1-based) the next try waits min(10 s × 3^(n−1), 12 h):
 *
 *   attempt 1 fails → 10 s, 2 → 30 s, 3 → 90 s, 4 → 4.5 min, 5 → 13.5 min, 6 → 40.5 min,
 *   7 → ~2 h, 8 → ~6 h, 9 → 12 h, 10 → 12 h
 *
 * The deliveries queue has `max_retries = 10`, so a delivery is tried 11 times over about
 * 33 hours, then dead-lettered (the dead-letter consumer marks it `dead`; it can be replayed).
 * The default auto-disable period (24 h of consecutive failures) falls inside that window.
 */
export const webhookMaxRetries = 10;
export const maxQueueDelaySeconds = 43_200;

export function retryDelaySeconds(failedAttempt: number): number {
  const n = Math.max(1, Math.floor(failedAttempt));
  return Math.min(10 * 3 ** (n - 1), maxQueueDelaySeconds);
}

/** The whole schedule, for documentation and tests. */
export function retrySchedule(retries = webhookMaxRetries): number[] {
  return Array.from({ length: retries }, (_, i) => retryDelaySeconds(i + 1));
}
