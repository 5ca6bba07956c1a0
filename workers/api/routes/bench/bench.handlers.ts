import { AppError, newId } from '@guanjia/core';
import { Hono } from 'hono';
import { armBenchClocks, benchClockStates } from '../../../app/bench';
import { shardD1 } from '../../../data/db';
import { findTenant } from '../../../data/tenants';
import type { AppEnv, Env } from '../../../env';
import { requirePlatformSecret } from '../platform/platform.handlers';

/**
 * The benchmark's baseline: bare routes in the same Worker doing one
 * comparable D1 select or insert, so API figures can be read as ratios.
 * They exist only where BENCH_ROUTES is "true" (never in production).
 */
export const benchRouter = new Hono<AppEnv>();

benchRouter.use('/__bench/*', async (c, next) => {
  if (c.env.BENCH_ROUTES !== 'true' || c.env.ENVIRONMENT === 'production') throw new AppError('not_found');
  await next();
});

/** The D1 shard of the tenant a bench call names (the tenant directory's), DB for an unknown one. */
async function benchShard(env: Env, tenantId: string | undefined): Promise<D1Database> {
  const tenant = tenantId ? await findTenant(env, tenantId) : undefined;
  return shardD1(env, tenant?.shard ?? 'DB');
}

benchRouter.get('/__bench/select', async (c) => {
  const db = await benchShard(c.env, c.req.query('tenant'));
  const row = await db
    .prepare('SELECT id, name FROM projects WHERE tenant_id = ? AND id = ?')
    .bind(c.req.query('tenant') ?? '', c.req.query('id') ?? '')
    .first();
  return c.json(row);
});

benchRouter.post('/__bench/insert', async (c) => {
  const id = newId('audit');
  const db = await benchShard(c.env, c.req.query('tenant'));
  await db
    .prepare(
      `INSERT INTO audit_log (id, tenant_id, actor_type, action, target_type, target_id, at)
     VALUES (?, ?, 'system', 'bench.insert', 'bench', ?, ?)`,
    )
    .bind(id, c.req.query('tenant') ?? 'ten_bench', id, Date.now())
    .run();
  return c.json({ id }, 201);
});

const categories = [
  'plumbing',
  'electrical',
  'elevator',
  'leaks',
  'doors_windows',
  'public_facilities',
  'noise',
];
const kinds = ['repair', 'repair', 'complaint', 'inquiry', 'suggestion'];
const phrases = [
  '电梯故障',
  '水管漏水',
  '楼上噪音扰民',
  '门禁损坏',
  '路灯不亮',
  'Water leaking from ceiling',
  '停车位被占',
];

/** Bulk-loads synthetic cases for the benchmark (platform secret required). */
benchRouter.post('/__bench/load-cases', requirePlatformSecret, async (c) => {
  const body = (await c.req.json()) as {
    tenantId: string;
    places: { branchId: string; projectId: string; unitId: string }[];
    count: number;
    offset: number;
    day: string;
  };
  const columns = [
    'id',
    'tenant_id',
    'created_at',
    'updated_at',
    'archive_no',
    'kind',
    'channel',
    'status',
    'category',
    'branch_id',
    'project_id',
    'unit_id',
    'description',
    'received_at',
  ];
  const rowsPerStatement = Math.floor(100 / columns.length); // D1 allows 100 bound parameters per statement
  const statements: D1PreparedStatement[] = [];
  const db = await benchShard(c.env, body.tenantId);
  const now = Date.now();
  for (let start = 0; start < body.count; start += rowsPerStatement) {
    const n = Math.min(rowsPerStatement, body.count - start);
    const values: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const seq = body.offset + start + i;
      const place = body.places[seq % body.places.length]!;
      const at = now - seq * 60_000;
      values.push(
        newId('case'),
        body.tenantId,
        at,
        at,
        `${body.day}${String(seq).padStart(6, '0')}`,
        kinds[seq % kinds.length],
        'hotline',
        seq % 3 === 0 ? 'closed' : 'received',
        categories[seq % categories.length],
        place.branchId,
        place.projectId,
        place.unitId,
        `${place.unitId.slice(-4)} ${phrases[seq % phrases.length]} #${seq}`,
        at,
      );
    }
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    statements.push(
      db
        .prepare(`INSERT INTO cases (${columns.join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`)
        .bind(...values),
    );
  }
  await db.batch(statements);
  return c.json({ inserted: body.count });
});

/** Up to `limit` case ids of a tenant after `afterId`, in id order: the clock benchmark's cases. */
benchRouter.post('/__bench/clocks/case-ids', requirePlatformSecret, async (c) => {
  const body = (await c.req.json()) as { tenantId: string; limit: number; afterId?: string };
  const db = await benchShard(c.env, body.tenantId);
  const { results } = await db
    .prepare('SELECT id FROM cases WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?')
    .bind(body.tenantId, body.afterId ?? '', Math.min(body.limit, 5000))
    .all<{ id: string }>();
  return c.json({ ids: results.map((r) => r.id) });
});

/** Arms one case clock per item at the given instant (epoch ms), a few at a time. */
benchRouter.post('/__bench/clocks/arm', requirePlatformSecret, async (c) => {
  const body = (await c.req.json()) as {
    tenantId: string;
    version: number;
    items: { caseId: string; dueAt: number }[];
  };
  await armBenchClocks(c.env, body.tenantId, body.version, body.items);
  return c.json({ armed: body.items.length });
});

/** What each clock recorded: when it was due, when it was armed and when its alarm ran. */
benchRouter.post('/__bench/clocks/state', requirePlatformSecret, async (c) => {
  const body = (await c.req.json()) as { tenantId: string; caseIds: string[] };
  const states = await benchClockStates(c.env, body.tenantId, body.caseIds);
  return c.json({ states });
});

/**
 * How many of a tenant's cases have an SLA action recorded: one cheap D1 count the clock bench
 * polls while the alarms run, so it reads every clock's state once at the end instead of waking
 * thousands of Durable Objects again and again while they are busy with their alarms.
 */
benchRouter.post('/__bench/clocks/progress', requirePlatformSecret, async (c) => {
  const body = (await c.req.json()) as { tenantId: string };
  const db = await benchShard(c.env, body.tenantId);
  const row = await db
    .prepare('SELECT count(DISTINCT case_id) AS n FROM sla_actions WHERE tenant_id = ?')
    .bind(body.tenantId)
    .first<{ n: number }>();
  return c.json({ casesWithActions: row?.n ?? 0 });
});
