// SLA clock benchmark: arm many case clocks (one Durable Object each) with due times spread
// over a short window on the local runtime, then read back when each alarm actually ran.
// `node bench/clocks.mjs` starts its own `wrangler dev`; `bench/run.mjs` calls `benchClocks`.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ensureDevVars, migrateLocal, platformSecret, startWrangler } from '../scripts/local.mjs';

const post = async (base, path, body, token) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
};

/** Pids whose command line contains `pattern` (e.g. this run's port), never other people's runtimes. */
function pidsMatching(pattern) {
  try {
    return execSync(`pgrep -f -- ${JSON.stringify(pattern)}`)
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** Peak and current resident memory of the workerd serving `port`, from /proc (MiB). */
export function workerdMemoryMb(port) {
  try {
    const pids = pidsMatching(port ? `workerd serve.*127.0.0.1:${port}` : 'workerd serve');
    let peak = 0;
    let current = 0;
    for (const pid of pids) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
        current = Math.max(current, Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
      } catch {
        // the process ended between listing and reading
      }
    }
    return { peak: Math.round(peak), current: Math.round(current) };
  } catch {
    return { peak: null, current: null };
  }
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function setUpCases(base, count) {
  const slug = `bench-clocks-${Date.now().toString(36)}`;
  const password = 'bench password 1';
  const tenant = await post(
    base,
    '/platform/tenants',
    { slug, name: slug, admin: { name: 'Admin', email: `admin@${slug}.test`, password } },
    platformSecret(),
  );
  const { accessToken } = await post(base, '/v1/auth/login', {
    tenant: slug,
    login: `admin@${slug}.test`,
    password,
  });
  const branch = await post(base, '/v1/branches', { name: 'Clock branch' }, accessToken);
  const project = await post(
    base,
    '/v1/projects',
    { branchId: branch.id, name: 'Clock project' },
    accessToken,
  );
  const building = await post(base, '/v1/buildings', { projectId: project.id, name: '1号楼' }, accessToken);
  const unit = await post(base, '/v1/units', { buildingId: building.id, number: '1-101' }, accessToken);
  const places = [{ branchId: branch.id, projectId: project.id, unitId: unit.id }];
  for (let offset = 0; offset < count; offset += 2000) {
    await post(
      base,
      '/__bench/load-cases',
      { tenantId: tenant.id, places, count: Math.min(2000, count - offset), offset, day: '20261122' },
      platformSecret(),
    );
  }
  const ids = [];
  while (ids.length < count) {
    const page = await post(
      base,
      '/__bench/clocks/case-ids',
      { tenantId: tenant.id, limit: Math.min(5000, count - ids.length), afterId: ids.at(-1) },
      platformSecret(),
    );
    if (page.ids.length === 0) break;
    ids.push(...page.ids);
  }
  return { tenantId: tenant.id, ids };
}

/** Arms every clock in chunks, a few requests at a time; answers the seconds it took. */
async function armAll(base, tenantId, ids, dueOf, parallel = 4) {
  const started = Date.now();
  const chunk = 250;
  const chunks = [];
  for (let i = 0; i < ids.length; i += chunk) chunks.push(i);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const i = chunks[next++];
      const items = ids.slice(i, i + chunk).map((caseId, j) => ({ caseId, dueAt: dueOf(i + j) }));
      await post(base, '/__bench/clocks/arm', { tenantId, items }, platformSecret());
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return (Date.now() - started) / 1000;
}

/**
 * Arms `count` clocks due over `windowMs` and reports how late each alarm ran and the runtime's
 * memory. Creating 10,000 Durable Objects takes the local runtime minutes, so the clocks are
 * first created with a far wake time (which measures the arming rate), then re-armed with due
 * times spread over the window, starting once that re-arming is expected to be done.
 */
export async function benchClocks(base, { count = 10_000, windowMs = 20_000 } = {}) {
  console.log(`Clocks: loading ${count.toLocaleString()} cases...`);
  const { tenantId, ids } = await setUpCases(base, count);
  console.log(`Clocks: creating ${ids.length.toLocaleString()} clocks...`);
  const far = Date.now() + 3_600_000;
  const createSeconds = await armAll(base, tenantId, ids, () => far);
  const start = Date.now() + Math.ceil(createSeconds * 1.2 * 1000) + 5_000;
  const dueOf = (i) => start + Math.floor((i * windowMs) / ids.length);
  console.log(
    `Clocks: created in ${createSeconds.toFixed(1)} s; re-arming due over ${windowMs / 1000} s from ${new Date(start).toISOString()}...`,
  );
  const armSeconds = await armAll(base, tenantId, ids, dueOf);
  await sleep(Math.max(0, start + windowMs - Date.now()));

  // Read back until every alarm has run (or two minutes past the window).
  const deadline = Date.now() + 120_000;
  let states = [];
  do {
    await sleep(2_000);
    states = [];
    for (let i = 0; i < ids.length; i += 250) {
      const caseIds = ids.slice(i, i + 250);
      const res = await post(base, '/__bench/clocks/state', { tenantId, caseIds }, platformSecret()).catch(
        (error) => {
          // The runtime may be out of file descriptors or restarting: count these as not fired yet.
          console.log(`  state read failed: ${String(error).slice(0, 120)}`);
          return { states: caseIds.map(() => ({})) };
        },
      );
      states.push(...res.states);
    }
  } while (states.some((s, i) => !(s.lastFired?.firedAt >= dueOf(i))) && Date.now() < deadline);

  const armedLate = states.filter((s, i) => s.armedAt > dueOf(i)).length;
  // Lateness of the clocks armed before their due time (the others could not be on time).
  const fired = states
    .map((s, i) => ({ due: dueOf(i), state: s }))
    .filter((x) => x.state.lastFired?.firedAt >= x.due && x.state.armedAt <= x.due);
  const lateness = fired.map((x) => x.state.lastFired.firedAt - x.due).sort((a, b) => a - b);
  const memory = workerdMemoryMb(new URL(base).port);
  const result = {
    clocks: ids.length,
    windowSeconds: windowMs / 1000,
    createSeconds: Number(createSeconds.toFixed(1)),
    armSeconds: Number(armSeconds.toFixed(1)),
    armedAfterDue: armedLate,
    fired: fired.length,
    notFired: states.filter((s, i) => !(s.lastFired?.firedAt >= dueOf(i))).length,
    lateMs: lateness.length
      ? {
          p50: percentile(lateness, 50),
          p99: percentile(lateness, 99),
          max: lateness.at(-1),
          min: lateness[0],
        }
      : null,
    peakRuntimeRssMb: memory.peak,
    runtimeRssAfterMb: memory.current,
  };
  console.log(
    `  ${result.fired}/${result.clocks} alarms ran on time-armed clocks; late p50 ${result.lateMs?.p50} ms, p99 ${result.lateMs?.p99} ms, max ${result.lateMs?.max} ms; created in ${result.createSeconds} s, re-armed in ${result.armSeconds} s (${armedLate} after their due time); workerd peak ${memory.peak} MiB`,
  );
  return result;
}

async function main() {
  const port = Number(process.env.BENCH_PORT ?? 8791);
  const persistTo = '.wrangler/bench-clocks';
  await ensureDevVars();
  execSync(`rm -rf ${persistTo}`);
  migrateLocal(persistTo);
  const { child, base } = await startWrangler({
    port,
    persistTo,
    vars: { BENCH_ROUTES: 'true' },
    quiet: true,
  });
  try {
    const result = await benchClocks(base, {
      count: Number(process.env.BENCH_CLOCKS ?? 10_000),
      windowMs: Number(process.env.BENCH_CLOCK_WINDOW_MS ?? 20_000),
    });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    child.kill('SIGINT');
    // npx does not pass the signal on: stop this run's wrangler by its own command line.
    for (const pid of pidsMatching(`wrangler-dist/cli.js dev --ip 127.0.0.1 --port ${port}`)) {
      try {
        process.kill(Number(pid), 'SIGINT');
      } catch {}
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
