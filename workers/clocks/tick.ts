import type { Env } from '../env';

export interface TickResult {
  /** Epoch ms of the next warning or due time; null disarms the clock. */
  wakeAt: number | null;
}

/**
 * One evaluation of a case's clock at `now`. The shell answers "nothing to wake for" until the
 * SLA core lands; the Durable Object, its bindings and its serialisation are already real.
 */
export async function tickCaseClock(
  _env: Env,
  _tenantId: string,
  _caseId: string,
  _now: Date,
  _options: { fire: boolean },
): Promise<TickResult> {
  return { wakeAt: null };
}
