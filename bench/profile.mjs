// `npm run bench:profile`: where a request's time goes. Starts the Worker with BENCH_PROFILE=true
// (every D1 call, Durable Object call, queue send and rate-limit check of a request is timed into
// its answer's headers, see workers/lib/profile.ts), loads a tenant, then sends each scenario's
// request BENCH_PROFILE_REQUESTS times one after another and prints, per scenario, the median
// total and the median of each binding call in the order they happen (work left to waitUntil
// runs after the answer and is not in it).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ensureDevVars, migrateLocal, startWrangler } from '../scripts/local.mjs';
import { benchConfig } from './config.mjs';
import { estate, loadCases, newTenant } from './run.mjs';

const port = Number(process.env.BENCH_PORT ?? 8795);
const requests = Number(process.env.BENCH_PROFILE_REQUESTS ?? 40);
const cases = Number(process.env.BENCH_BIG_TENANT_CASES ?? 10_000);
const persistTo = '.wrangler/bench-profile';

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

async function main() {
  await ensureDevVars();
  rmSync(persistTo, { recursive: true, force: true });
  migrateLocal(persistTo);
  const runtime = await startWrangler({
    port,
    persistTo,
    config: benchConfig(),
    vars: { BENCH_ROUTES: 'true', BENCH_PROFILE: 'true', WEBHOOK_ALLOW_LOOPBACK: 'true' },
    quiet: true,
  });
  const { base } = runtime;
  const out = {};
  try {
    const big = await newTenant(base, 'profile-big');
    const places = await estate(base, big.token, 10);
    await loadCases(base, big.tenantId, places, 0, cases);
    const auth = { Authorization: `Bearer ${big.token}`, 'content-type': 'application/json' };
    const listPath = `/v1/cases?projectId=${places[0].projectId}&limit=50`;
    const one = await (await fetch(`${base}${listPath}`, { headers: auth })).json();
    const body = JSON.stringify({
      kind: 'repair',
      channel: 'hotline',
      projectId: places[0].projectId,
      unitId: places[0].unitId,
      description: '卫生间水管漏水',
      category: 'plumbing',
      urgency: 'normal',
      contact: { name: '王先生', phone: '13800001111' },
    });
    const scenarios = {
      'baseline insert': { method: 'POST', path: `/__bench/insert?tenant=${big.tenantId}` },
      'baseline select': { path: `/__bench/select?tenant=${big.tenantId}&id=${places[0].projectId}` },
      'case create': { method: 'POST', path: '/v1/cases', headers: auth, body },
      'case list (filtered)': { path: listPath, headers: auth },
      'case detail': { path: `/v1/cases/${one.data[0].id}`, headers: auth },
      'case search': { path: `/v1/cases?q=${encodeURIComponent('电梯故障')}&limit=20`, headers: auth },
    };
    for (const [name, r] of Object.entries(scenarios)) {
      const totals = [];
      const client = [];
      const steps = [];
      for (let i = 0; i < requests; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${r.path}`, {
          method: r.method ?? 'GET',
          headers: r.headers,
          body: r.body,
        });
        await res.arrayBuffer();
        client.push(performance.now() - t0);
        if (!res.ok) throw new Error(`${name}: ${res.status}`);
        const timing = res.headers.get('server-timing') ?? '';
        totals.push(Number(/total;dur=([\d.]+)/.exec(timing)?.[1] ?? Number.NaN));
        const marks = JSON.parse(res.headers.get('x-bench-profile') ?? '[]');
        marks.forEach((m, k) => {
          steps[k] ??= { what: m.what, at: [], ms: [] };
          steps[k].at.push(m.at);
          steps[k].ms.push(m.ms);
        });
      }
      const row = {
        clientMs: Math.round(median(client) * 10) / 10,
        workerMs: median(totals),
        calls: steps.map((s) => ({ what: s.what, atMs: median(s.at), ms: median(s.ms), seen: s.ms.length })),
      };
      out[name] = row;
      console.log(`\n${name}: median ${row.clientMs} ms at the client, ${row.workerMs} ms in the Worker`);
      for (const c of row.calls)
        console.log(
          `  +${String(c.atMs).padStart(6)} ms  ${String(c.ms).padStart(6)} ms  ${c.what}${c.seen < requests ? ` (in ${c.seen} of ${requests})` : ''}`,
        );
    }
  } finally {
    await runtime.stop();
  }
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/profile.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
