import { buildApi } from './api';
import type { Env } from './env';

export { CaseClock } from './clocks/case-clock';

const api = buildApi();

/** The one Worker: HTTP API now; queue, cron, email handlers and Durable Objects join it. */
export default {
  fetch: api.fetch,
} satisfies ExportedHandler<Env>;
