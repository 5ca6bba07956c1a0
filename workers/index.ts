import { buildApi } from './api';
import { runScheduled } from './cron/scheduled';
import { handleInboundEmail } from './email/inbound';
import type { Env } from './env';
import { profiledEnv, profiling, withProfile } from './lib/profile';
import { handleQueue } from './queue/consumer';

export { CaseClock } from './clocks/case-clock';

const api = buildApi();

/** The one Worker: HTTP API now; queue, cron, email handlers and Durable Objects join it. */
export default {
  fetch: async (request, env, ctx) => {
    if (env.BENCH_PROFILE !== 'true' || env.ENVIRONMENT === 'production') return api.fetch(request, env, ctx);
    const profile = { started: performance.now(), marks: [] };
    profiling(profile);
    return withProfile(await api.fetch(request, profiledEnv(env, profile), ctx), profile);
  },
  queue: (batch, env, _ctx) => handleQueue(batch, env),
  scheduled: (controller, env, ctx) => {
    ctx.waitUntil(runScheduled(env, new Date(controller.scheduledTime)));
  },
  /** Owner emails to `<project channel key>[+<archive no>]@…` (workers/email/inbound.ts). */
  email: async (message, env) => {
    await handleInboundEmail(message, env);
  },
} satisfies ExportedHandler<Env>;
