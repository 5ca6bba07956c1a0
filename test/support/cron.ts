import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import worker from '../../workers/index';

/** One tick of the minute cron handler at `at`: the scheduled time is the handler's now (no sleep). */
export async function cronTick(at: number | Date) {
  const ctx = createExecutionContext();
  const scheduledTime = typeof at === 'number' ? at : at.getTime();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}
