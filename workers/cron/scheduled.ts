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
import { createLogger } from '../lib/logger';

/**
 * The cron handler (every minute): re-send the outbox rows never sent or sent but never handled
 * (`sweepOutboxAllTenants`), re-enqueue deliveries stranded before their first try, then for each tenant publish the daily complaint
 * digest when its local digest time has come, warn and breach corrective actions on their
 * deadline (`raiseCorrectiveDeadlineAlerts` in app/audits), warn, breach and escalate decided
 * defects on their feedback and rectification deadlines (`raiseDefectDeadlineAlerts`), propose
 * defects from repeated reports once an hour (`proposeDefects`), flag handover checklist items at
 * risk to the project GM and leadership (`raiseHandoverRiskAlerts`), run the one-hour read checks, open the Service Star
 * cycle of the current quarter (tenant time) for every branch that has none, and forget the
 * login throttle's sources that have started afresh. Every shard is swept and every tenant
 * visited (on whichever shard the directory names): a shard or tenant that fails is logged and
 * retried on the next tick, never holding the others back. It also opens and closes the survey
 * campaigns on their local dates (`runSurveyCampaigns`), warns, breaches and escalates the
 * improvement plans' quarterly re-checks (`raiseRecheckDeadlines`) and the supervisors' rotation
 * reports (`raiseRotationDeadlines`), and drafts last month's
 * complaint summaries on the month's first working day and chases those not submitted.
 */
export async function runScheduled(
  env: Env,
  now: Date,
): Promise<{
  swept: number;
  digests: number;
  checks: number;
  cycles: number;
  corrective: number;
  failedShards: number;
  defectAlerts: number;
  suggested: number;
  handoverAlerts: number;
  surveys: number;
  movedCopies: number;
}> {
  const logger = createLogger({ source: 'cron' }, env.LOG_LEVEL ?? 'info');
  let swept = 0;
  let failedShards = 0;
  for (const shard of shardBindings) {
    // One shard's failure (unbound, unreachable, a query refused) is logged; the others go on.
    try {
      swept += await sweepShard(env, shard, now);
    } catch (error) {
      failedShards += 1;
      logger.error('shard sweep failed', { shard, error: String(error) });
    }
  }
  // The old copies of tenants moved to another shard, once no isolate can still read them.
  const movedCopies = await removeMovedCopies({ env, now, logger }).catch((error) => {
    logger.error('moved copies not removed', { error: String(error) });
    return 0;
  });
  let published = 0;
  let checks = 0;
  let cycles = 0;
  let corrective = 0;
  let defectAlerts = 0;
  let suggested = 0;
  let handoverAlerts = 0;
  let surveys = 0;
  const active = await directoryDb(env).select().from(tenants).where(eq(tenants.status, 'active'));
  for (const tenant of active) {
    // One tenant's failure is logged and retried on the next tick; it does not hold the others back.
    try {
      const scope = systemScope({ env, now, logger: logger.with({ tenantId: tenant.id }) }, tenant);
      const settings = await getSettings(scope);
      const slot = digestSlot(now, tenant.timeZone, settings.digestTime);
      if (settings.digestEnabled && slot.due) published += (await publishDigests(scope, slot)).length;
      corrective += (await raiseCorrectiveDeadlineAlerts(scope)).length;
      defectAlerts += (await raiseDefectDeadlineAlerts(scope)).length;
      handoverAlerts += await raiseHandoverRiskAlerts(scope);
      // Repeated reports propose defects once an hour (the pass reads two windows of cases).
      if (now.getUTCMinutes() === 7) suggested += (await proposeDefects(scope)).proposed.length;
      checks += (await runReadChecks(scope)).length;
      cycles += (await openQuarterCycles(scope)).length;
      const survey = await runSurveyCampaigns(scope);
      surveys += survey.opened + survey.reminded + survey.closed + (await raiseRecheckDeadlines(scope));
      surveys += await raiseRotationDeadlines(scope);
      surveys += (await draftMonthlySummaries(scope)).length + (await raiseSummaryDeadlines(scope));
      await forgetQuietLoginSources(scope.db, tenant.id, now);
    } catch (error) {
      logger.error('tenant cron failed', {
        tenantId: tenant.id,
        error: String(error),
      });
    }
  }
  return {
    swept,
    digests: published,
    checks,
    cycles,
    corrective,
    defectAlerts,
    suggested,
    handoverAlerts,
    failedShards,
    surveys,
    movedCopies,
  };
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
