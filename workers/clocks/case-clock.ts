import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { clockNow } from './now';
import { tickCaseClock } from './tick';

/** What the clock keeps: which case it watches and when it means to wake. */
interface Watched {
  tenantId: string;
  caseId: string;
  /** Epoch ms the alarm is set for; null when disarmed. */
  wakeAt: number | null;
  armedAt: number;
  /**
   * The latest case version this clock's wake time was decided on: read from D1 by `arm` and the
   * alarm, or given by `armAt`. An `armAt` at this version or older is stale and ignored.
   */
  caseVersion?: number | null;
  /** The last alarm: when it was due and when it actually ran (how late alarms are). */
  lastFired?: { dueAt: number | null; firedAt: number };
  /** How many alarms have run (the benchmark reads back that none ran twice). */
  fires?: number;
}

export interface ClockState {
  tenantId: string | null;
  caseId: string | null;
  /** Epoch ms of the next alarm; null when disarmed. */
  wakeAt: number | null;
  armedAt: number | null;
  /** The latest case version the wake time was decided on (null before any). */
  caseVersion: number | null;
  lastFired: { dueAt: number | null; firedAt: number } | null;
  /** How many alarms have run. */
  fires: number;
}

const watchedKey = 'watched';

/**
 * One durable clock per case (`idFromName(`${tenantId}:${caseId}`)`). D1 is the source of
 * truth: the clock holds only which case it watches and when to wake. `arm` after every
 * change that affects a milestone; the alarm re-reads the case, lets core decide what is due,
 * writes it under unique keys (a retried or repeated alarm changes nothing twice) and arms the
 * next wake. Calls run one at a time, so an `arm` never interleaves with an alarm.
 */
export class CaseClock extends DurableObject<Env> {
  private queue: Promise<unknown> = Promise.resolve();

  /** Recomputes the case's milestones and sets the alarm to the earliest warning or due time. */
  async arm(tenantId: string, caseId: string): Promise<ClockState> {
    return this.serial(async () => {
      const now = clockNow();
      const { wakeAt, caseVersion } = await tickCaseClock(this.env, tenantId, caseId, now, { fire: false });
      const watched = await this.watched();
      return this.save({
        ...watched,
        tenantId,
        caseId,
        wakeAt,
        armedAt: now.getTime(),
        caseVersion: latest(watched?.caseVersion, caseVersion),
      });
    });
  }

  /** Forgets the alarm (the case is closed or gone). */
  async disarm(): Promise<ClockState> {
    return this.serial(async () => {
      const watched = await this.watched();
      return watched ? this.save({ ...watched, wakeAt: null }) : this.stateOf(undefined);
    });
  }

  /**
   * Sets an explicit wake time without reading D1 (null disarms): for a commit that wrote the
   * case's milestones itself (intake), and the benchmark. `caseVersion` is the case's version
   * that commit wrote. The call may arrive late (intake sends it after the answer, under
   * `waitUntil`) and after an `arm` or an alarm that read the case from D1 at that version or a
   * later one: then what the clock holds is at least as new, and the call changes nothing.
   */
  async armAt(
    tenantId: string,
    caseId: string,
    wakeAt: number | null,
    caseVersion: number,
  ): Promise<ClockState> {
    return this.serial(async () => {
      const watched = await this.watched();
      if (watched?.caseVersion != null && watched.caseVersion >= caseVersion) return this.stateOf(watched);
      return this.save({ ...watched, tenantId, caseId, wakeAt, armedAt: clockNow().getTime(), caseVersion });
    });
  }

  async state(): Promise<ClockState> {
    return this.stateOf(await this.watched());
  }

  /** Resolves once every call queued so far has finished (tests wait on it after an alarm). */
  async settled(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  override async alarm(): Promise<void> {
    // A throw here is retried by the platform; everything below is safe to repeat.
    await this.serial(async () => {
      const now = clockNow();
      const watched = await this.watched();
      if (!watched) return this.ctx.storage.deleteAlarm();
      const fired = {
        ...watched,
        lastFired: { dueAt: watched.wakeAt, firedAt: now.getTime() },
        fires: (watched.fires ?? 0) + 1,
      };
      await this.ctx.storage.put(watchedKey, fired);
      const { wakeAt, caseVersion } = await tickCaseClock(this.env, watched.tenantId, watched.caseId, now, {
        fire: true,
      });
      return this.save({ ...fired, wakeAt, caseVersion: latest(fired.caseVersion, caseVersion) });
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.catch(() => undefined).then(work);
    this.queue = run;
    return run;
  }

  private watched(): Promise<Watched | undefined> {
    return this.ctx.storage.get<Watched>(watchedKey);
  }

  private async save(watched: Watched): Promise<ClockState> {
    await this.ctx.storage.put(watchedKey, watched);
    if (watched.wakeAt === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(watched.wakeAt);
    return this.stateOf(watched);
  }

  private stateOf(watched: Watched | undefined): ClockState {
    return {
      tenantId: watched?.tenantId ?? null,
      caseId: watched?.caseId ?? null,
      wakeAt: watched?.wakeAt ?? null,
      armedAt: watched?.armedAt ?? null,
      caseVersion: watched?.caseVersion ?? null,
      lastFired: watched?.lastFired ?? null,
      fires: watched?.fires ?? 0,
    };
  }
}

/** The later of two case versions (either may be unknown). */
function latest(a: number | null | undefined, b: number | null): number | null {
  if (a == null) return b;
  if (b == null) return a;
  return Math.max(a, b);
}
