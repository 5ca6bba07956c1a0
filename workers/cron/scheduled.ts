import { tenants, webhookDeliveries } from '@guanjia/core/db/schema';
import { digestSlot } from '@guanjia/core/digest/index';
import { and, eq, lt } from 'drizzle-orm';
import { raiseCorrectiveDeadlineAlerts } from '../app/audits';
import { draftMonthlySummaries, raiseSummaryDeadlines } from '../app/complaint-summaries';
import { proposeDefects, raiseDefectDeadlineAlerts } from '../app/defects';
import { raiseHandoverRiskAlerts } from '../app/handover';
import { removeMovedCopies } from '../app/platform';
import { raiseRecheckDeadlines, raiseRotationDeadlines, runSurveyCampaigns } from '../app/satisfaction';
import { systemScope } from '../app/scope';
import { openQuarterCycles } from '../app/star';
import { directoryDb, shardBindings, shardDb } from '../data/db';
import { publishDigests, runReadChecks } from '../data/digests';
import { forgetQuietLoginSources } from '../data/login-throttles';
import { sweepGraceOf, sweepOutboxAllTenants } from '../data/outbox';
import { getSettings } from '../data/webhooks';
import type { Env } from '../env';
import { createLogger, type Logger } from '../lib/logger';
import { forEachPooled } from '../lib/pool';

/** What one tenant's visit did, summed over the tick. */
interface TenantVisit {
  digests: number;
  checks: number;
  cycles: number;
  corrective: number;
  defectAlerts: number;
  suggested: number;
  handoverAlerts: number;
  surveys: number;
}

/** Tenants visited at the same time: each visit is a few D1 round trips, mostly waiting. */
export const cronTenantConcurrency = 8;

/**
 * The cron handler (every minute), at `now` (the scheduled time: tests pass it, nothing reads
 * the wall clock): re-send the outbox rows never sent or sent but never handled
 * (`sweepOutboxAllTenants`), re-enqueue deliveries stranded before their first try, then for
 * each tenant publish the daily complaint digest when its local digest time has come, warn and
 * breach corrective actions on their deadline (`raiseCorrectiveDeadlineAlerts` in app/audits),
 * warn, breach and escalate decided defects on their feedback and rectification deadlines
 * (`raiseDefectDeadlineAlerts`), propose defects from repeated reports once an hour
 * (`proposeDefects`), flag handover checklist items at risk to the project GM and leadership
 * (`raiseHandoverRiskAlerts`), run the one-hour read checks, open the Service Star cycle of the
 * current quarter (tenant time) for every branch that has none, and forget the login
 * throttle's sources that have started afresh. It also opens and closes the survey campaigns on
 * their local dates (`runSurveyCampaigns`), warns, breaches and escalates the improvement plans'
 * quarterly re-checks (`raiseRecheckDeadlines`) and the supervisors' rotation reports
 * (`raiseRotationDeadlines`), and drafts last month's complaint summaries on the month's first
 * working day and chases those not submitted.
 *
 * Every shard is swept (all at once) and every tenant visited on whichever shard the directory
 * names, `tenantConcurrency` tenants at a time (`forEachPooled`): a shard or tenant that fails is
 * logged, counted and retried on the next tick, never holding the others back.
 */
export async function runScheduled(
  env: Env,
  now: Date,
  options: { tenantConcurrency?: number } = {},
): Promise<{
  swept: number;
  digests: number;
  checks: number;
  cycles: number;
  corrective: number;
  failedShards: number;
  failedTenants: number;
  defectAlerts: number;
  suggested: number;
  handoverAlerts: number;
  surveys: number;
  movedCopies: number;
}> {
  const logger = createLogger({ source: 'cron' }, env.LOG_LEVEL ?? 'info');
  let swept = 0;
  // One shard's failure (unbound, unreachable, a query refused) is logged; the others go on.
  const failedShards = await forEachPooled(
    shardBindings,
    shardBindings.length,
    async (shard) => {
      const n = await sweepShard(env, shard, now);
      swept += n;
    },
    (shard, error) => logger.error('shard sweep failed', { shard, error: String(error) }),
  );
  // The old copies of tenants moved to another shard, once no isolate can still read them.
  const movedCopies = await removeMovedCopies({ env, now, logger }).catch((error) => {
    logger.error('moved copies not removed', { error: String(error) });
    return 0;
  });
  const visits: TenantVisit[] = [];
  const active = await directoryDb(env).select().from(tenants).where(eq(tenants.status, 'active'));
  // One tenant's failure is logged and retried on the next tick; it does not hold the others back.
  const failedTenants = await forEachPooled(
    active,
    options.tenantConcurrency ?? cronTenantConcurrency,
    async (tenant) => {
      visits.push(await visitTenant(env, now, logger, tenant));
    },
    (tenant, error) => logger.error('tenant cron failed', { tenantId: tenant.id, error: String(error) }),
  );
  const total = (key: keyof TenantVisit) => visits.reduce((sum, v) => sum + v[key], 0);
  return {
    swept,
    digests: total('digests'),
    checks: total('checks'),
    cycles: total('cycles'),
    corrective: total('corrective'),
    defectAlerts: total('defectAlerts'),
    suggested: total('suggested'),
    handoverAlerts: total('handoverAlerts'),
    failedShards,
    failedTenants,
    surveys: total('surveys'),
    movedCopies,
  };
}

/** One tenant's share of the tick, on its own shard. */
async function visitTenant(
  env: Env,
  now: Date,
  logger: Logger,
  tenant: typeof tenants.$inferSelect,
): Promise<TenantVisit> {
  const scope = systemScope({ env, now, logger: logger.with({ tenantId: tenant.id }) }, tenant);
  const settings = await getSettings(scope);
  const slot = digestSlot(now, tenant.timeZone, settings.digestTime);
  const digests = settings.digestEnabled && slot.due ? (await publishDigests(scope, slot)).length : 0;
  const corrective = (await raiseCorrectiveDeadlineAlerts(scope)).length;
  const defectAlerts = (await raiseDefectDeadlineAlerts(scope)).length;
  const handoverAlerts = await raiseHandoverRiskAlerts(scope);
  // Repeated reports propose defects once an hour (the pass reads two windows of cases).
  const suggested = now.getUTCMinutes() === 7 ? (await proposeDefects(scope)).proposed.length : 0;
  const checks = (await runReadChecks(scope)).length;
  const cycles = (await openQuarterCycles(scope)).length;
  const survey = await runSurveyCampaigns(scope);
  let surveys = survey.opened + survey.reminded + survey.closed;
  surveys += await raiseRecheckDeadlines(scope);
  surveys += await raiseRotationDeadlines(scope);
  surveys += (await draftMonthlySummaries(scope)).length;
  surveys += await raiseSummaryDeadlines(scope);
  await forgetQuietLoginSources(scope.db, tenant.id, now);
  return { digests, checks, cycles, corrective, defectAlerts, suggested, handoverAlerts, surveys };
}

/** The platform sweeps of one shard: its unsent and unhandled outbox rows, its stranded deliveries. */
async function sweepShard(env: Env, shard: string, now: Date): Promise<number> {
  const db = shardDb(env, shard);
  const swept = await sweepOutboxAllTenants(env, db, now);
  // Deliveries of every tenant of the shard (a platform sweep, cross-tenant by design).
  const stranded = await db
    .select({ id: webhookDeliveries.id, tenantId: webhookDeliveries.tenantId })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        eq(webhookDeliveries.attempts, 0),
        lt(
          webhookDeliveries.createdAt,
          new Date(now.getTime() - sweepGraceOf(env).untriedDeliverySeconds * 1000),
        ),
      ),
    )
    .limit(500);
  for (let i = 0; i < stranded.length; i += 100) {
    await env.DELIVERIES.sendBatch(
      stranded.slice(i, i + 100).map((d) => ({ body: { tenantId: d.tenantId, deliveryId: d.id } })),
    );
  }
  return swept;
}
