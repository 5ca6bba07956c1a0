/**
 * The corrective-action deadline clock (整改时限): a warning some hours before an open action's
 * deadline and a breach once it has passed, each once. Pure: the edge passes `now`, what it has
 * already recorded, and the tenant's lead time (`settings.correctiveWarningHours`).
 *
 * - Only an `open` action is on the clock. One the owner completed (`done`) waits for the
 *   supervisor's verification and has met its deadline; sent back (`open` again) after the
 *   deadline, it breaches at the next pass.
 * - `deadline` is the last instant that is still on time (core's `correctiveActions` gives the
 *   end of the due day), so the breach is due strictly after it.
 * - A pass that comes late (the action first seen after its deadline) records the breach only,
 *   not a stale warning.
 */
export type CorrectiveAlertKind = 'warning' | 'breach';

export interface CorrectiveClockAction {
  id: string;
  status: 'open' | 'done' | 'verified';
  /** Epoch ms, inclusive. */
  deadline: number;
}

export interface CorrectiveAlert {
  /** Unique per tenant: `${actionId}:warning` or `${actionId}:breach`. */
  key: string;
  kind: CorrectiveAlertKind;
  correctiveActionId: string;
  deadline: number;
}

export const correctiveAlertKey = (actionId: string, kind: CorrectiveAlertKind) => `${actionId}:${kind}`;

/** The alerts due at `now` and not recorded yet, in the order given. */
export function correctiveAlertsDue(
  actions: readonly CorrectiveClockAction[],
  input: { now: number; warningHours: number; recorded: ReadonlySet<string> },
): CorrectiveAlert[] {
  const lead = input.warningHours * 3_600_000;
  const due: CorrectiveAlert[] = [];
  for (const a of actions) {
    if (a.status !== 'open') continue;
    const kind: CorrectiveAlertKind | null =
      input.now > a.deadline ? 'breach' : input.now >= a.deadline - lead ? 'warning' : null;
    if (!kind) continue;
    const key = correctiveAlertKey(a.id, kind);
    if (input.recorded.has(key)) continue;
    due.push({ key, kind, correctiveActionId: a.id, deadline: a.deadline });
  }
  return due;
}
