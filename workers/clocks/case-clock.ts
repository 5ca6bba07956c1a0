import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { clockNow } from './now';
import { tickCaseClock } from './tick';

/** What the clock keeps: which case it watches. When to wake is the alarm itself. */
interface Watched {
  tenantId: string;
  caseId: string;
}

export interface ClockState {
  tenantId: string | null;
  caseId: string | null;
  /** Epoch ms of the next alarm; null when disarmed. */
  wakeAt: number | null;
}

const watchedKey = 'watched';

/**
 * One durable clock per case (`idFromName(`${tenantId}:${caseId}`)`). D1 is the source of
 * truth: the clock holds only which case it watches and when to wake. `arm` after every
 * change that affects a milestone; the alarm re-reads the case, lets core decide what is due,
 * writes it under unique keys (a retried or repeated alarm changes nothing twice) and arms the
 * next wake. Work runs one call at a time, so an `arm` never interleaves with an alarm.
 */
export class CaseClock extends DurableObject<Env> {
  private queue: Promise<unknown> = Promise.resolve();

  /** Recomputes the case's milestones and sets the alarm to the earliest warning or due time. */
  async arm(tenantId: string, caseId: string): Promise<ClockState> {
    return this.serial(async () => {
      await this.ctx.storage.put<Watched>(watchedKey, { tenantId, caseId });
      const { wakeAt } = await tickCaseClock(this.env, tenantId, caseId, clockNow(), { fire: false });
      return this.setWake({ tenantId, caseId }, wakeAt);
    });
  }

  /** Forgets the alarm (the case is closed or gone). */
  async disarm(): Promise<ClockState> {
    return this.serial(async () => {
      const watched = await this.ctx.storage.get<Watched>(watchedKey);
      return this.setWake(watched ?? null, null);
    });
  }

  /** Arms an explicit wake time without reading D1: only the benchmark uses it. */
  async armAt(tenantId: string, caseId: string, wakeAt: number): Promise<ClockState> {
    return this.serial(async () => {
      await this.ctx.storage.put<Watched>(watchedKey, { tenantId, caseId });
      return this.setWake({ tenantId, caseId }, wakeAt);
    });
  }

  async state(): Promise<ClockState> {
    const watched = await this.ctx.storage.get<Watched>(watchedKey);
    return {
      tenantId: watched?.tenantId ?? null,
      caseId: watched?.caseId ?? null,
      wakeAt: await this.ctx.storage.getAlarm(),
    };
  }

  /** Resolves once every call queued so far has finished (tests wait on it after an alarm). */
  async settled(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  override async alarm(): Promise<void> {
    // A throw here is retried by the platform; everything below is safe to repeat.
    await this.serial(async () => {
      const watched = await this.ctx.storage.get<Watched>(watchedKey);
      if (!watched) return this.setWake(null, null);
      const { wakeAt } = await tickCaseClock(this.env, watched.tenantId, watched.caseId, clockNow(), {
        fire: true,
      });
      return this.setWake(watched, wakeAt);
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.catch(() => undefined).then(work);
    this.queue = run;
    return run;
  }

  private async setWake(watched: Watched | null, wakeAt: number | null): Promise<ClockState> {
    if (wakeAt === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(wakeAt);
    return { tenantId: watched?.tenantId ?? null, caseId: watched?.caseId ?? null, wakeAt };
  }
}
