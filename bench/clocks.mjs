// SLA clock benchmark: arm many case clocks (one Durable Object each) with due times spread
// over a short window on the local runtime, then read back when each alarm actually ran.
//
// The local runtime keeps every SQLite-backed Durable Object it has touched open in its one
// workerd process (about 3 file descriptors each), and a process may hold at most 20,000 open
// files here (a hard limit). So the clocks are sharded over several local runtimes, each its own
// `wrangler dev` with its own D1 and at most BENCH_CLOCKS_PER_PROCESS (3,500) objects; every
// clock is a real Durable Object alarm on the Workers runtime, and the due times of all shards
// interleave over the one window. The figures say how many processes took part.
//
// `npm run bench:clocks` runs it alone; `bench/run.mjs` calls `benchClocks`.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { ensureDevVars, migrateLocal, platformSecret, startWrangler } from '../scripts/local.mjs';
import { benchConfig } from './config.mjs';
import { hottest, startCpuProfile } from './cpu-profile.mjs';
import { targetLines, writeSection } from './results.mjs';

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

/** Peak and current resident memory of the given processes, from /proc (MiB). */
export function memoryMb(pids) {
  let peak = 0;
  let current = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      peak += Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
      current += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      // the process ended between listing and reading
    }
  }
  return { peak: Math.round(peak), current: Math.round(current) };
}

/** Open file descriptors of one process (0 if it is gone). */
function openFds(pid) {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

/** CPU time (ms) the given processes have used so far, from /proc/<pid>/stat (utime + stime). */
function cpuMsOf(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const after = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(after[11]) + Number(after[12]);
    } catch {
      // the process ended between listing and reading
    }
  }
  return (ticks * 1000) / clockTicks;
}
const clockTicks = 100; // USER_HZ, 100 on Linux (`getconf CLK_TCK`)

/** The machine's busy and total CPU time so far (ms, all cores), from /proc/stat. */
function machineCpuMs() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = fields.slice(0, 8).reduce((n, x) => n + x, 0);
  const idle = fields[3] + fields[4];
  return { busy: ((total - idle) * 1000) / clockTicks, total: (total * 1000) / clockTicks };
}

/** The sample at `at` from samples taken every few hundred ms (the last one not after it). */
const sampleAt = (samples, at) => samples.filter((s) => s.at <= at).at(-1) ?? samples[0];

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

/** Arms every clock of one shard in chunks, a few requests at a time. */
async function armAll(shard, version, dueOf, parallel = 2) {
  const chunk = 250;
  const chunks = [];
  for (let i = 0; i < shard.ids.length; i += chunk) chunks.push(i);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const i = chunks[next++];
      const items = shard.ids.slice(i, i + chunk).map((caseId, j) => ({ caseId, dueAt: dueOf(i + j) }));
      await post(
        shard.base,
        '/__bench/clocks/arm',
        { tenantId: shard.tenantId, version, items },
        platformSecret(),
      );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Reads the clocks of one shard whose alarm has not run yet (`states[j]` filled in place). */
async function readBack(shard, states, fired) {
  const pending = shard.ids.map((_, j) => j).filter((j) => !fired(j));
  for (let i = 0; i < pending.length; i += 250) {
    const js = pending.slice(i, i + 250);
    const caseIds = js.map((j) => shard.ids[j]);
    const res = await post(
      shard.base,
      '/__bench/clocks/state',
      { tenantId: shard.tenantId, caseIds },
      platformSecret(),
    ).catch((error) => {
      // A runtime out of file descriptors or restarting: count these as not fired yet.
      console.log(`  state read failed: ${String(error).slice(0, 120)}`);
      return { states: caseIds.map(() => ({})) };
    });
    js.forEach((j, k) => {
      states[j] = res.states[k];
    });
  }
}

/**
 * Arms `count` clocks due over `windowMs`, spread over ceil(count / perProcess) local runtimes,
 * and reports how late each alarm ran, the runtimes' memory and their peak open files. Creating
 * thousands of Durable Objects takes the local runtime minutes, so the clocks are first created
 * with a far wake time, then re-armed with due times spread over the window, starting once that
 * re-arming is expected to be done.
 */
export async function benchClocks({
  count = 10_000,
  windowMs = 10_000,
  perProcess = 3_500,
  basePort = 8791,
  inspectorBasePort = basePort + 1000,
  cpuProfile = false,
  graceMs = 180_000,
} = {}) {
  const shardsWanted = Math.max(1, Math.ceil(count / perProcess));
  const sizes = Array.from(
    { length: shardsWanted },
    (_, k) => Math.floor(count / shardsWanted) + (k < count % shardsWanted ? 1 : 0),
  );
  console.log(
    `Clocks: ${count.toLocaleString()} clocks over ${shardsWanted} local runtime(s) of ${sizes.join(', ')}...`,
  );
  const config = benchConfig();
  const root = '.wrangler/bench-clocks';
  rmSync(root, { recursive: true, force: true });
  migrateLocal(`${root}/0`);
  for (let k = 1; k < shardsWanted; k++) cpSync(`${root}/0`, `${root}/${k}`, { recursive: true });
  const runtimes = [];
  try {
    for (let k = 0; k < shardsWanted; k++) {
      runtimes.push(
        await startWrangler({
          port: basePort + k,
          inspectorPort: inspectorBasePort + k,
          persistTo: `${root}/${k}`,
          config,
          vars: { BENCH_ROUTES: 'true', LOG_LEVEL: 'warn' },
          quiet: true,
        }),
      );
    }
    const peakFds = runtimes.map(() => 0);
    const sampleFds = () =>
      runtimes.forEach((r, k) => {
        for (const pid of r.workerdPids()) peakFds[k] = Math.max(peakFds[k], openFds(pid));
      });
    const sampler = setInterval(sampleFds, 1_000);
    // CPU every 250 ms, so the burst's own share (first due time to last alarm) can be read after.
    const cpuSamples = [];
    const sampleCpu = () =>
      cpuSamples.push({
        at: Date.now(),
        workerd: cpuMsOf(runtimes.flatMap((r) => r.workerdPids())),
        machine: machineCpuMs(),
      });
    const cpuSampler = setInterval(sampleCpu, 250);
    try {
      console.log('Clocks: loading cases...');
      const shards = await Promise.all(
        runtimes.map(async (r, k) => ({ base: r.base, ...(await setUpCases(r.base, sizes[k])) })),
      );
      // Global clock i lives on shard i % K at local index floor(i / K): the shards' due times
      // interleave over the one window.
      const total = shards.reduce((n, s) => n + s.ids.length, 0);
      const K = shards.length;
      let start = 0;
      const dueOf = (k) => (j) => start + Math.floor(((j * K + k) * windowMs) / total);

      console.log(`Clocks: creating ${total.toLocaleString()} clocks...`);
      const far = Date.now() + 3_600_000;
      let t0 = Date.now();
      await Promise.all(shards.map((s) => armAll(s, 1, () => far)));
      const createSeconds = (Date.now() - t0) / 1000;
      start = Date.now() + Math.ceil(createSeconds * 1.2 * 1000) + 5_000;
      console.log(
        `Clocks: created in ${createSeconds.toFixed(1)} s; re-arming due over ${windowMs / 1000} s from ${new Date(start).toISOString()}...`,
      );
      t0 = Date.now();
      await Promise.all(shards.map((s, k) => armAll(s, 2, dueOf(k))));
      const armSeconds = (Date.now() - t0) / 1000;
      // A CPU profile of the first runtime's isolate from the first due time until the alarms stop recording.
      await sleep(Math.max(0, start - Date.now()));
      const profiling = cpuProfile ? await startCpuProfile(inspectorBasePort) : null;
      await sleep(Math.max(0, start + windowMs - Date.now()));

      // Wait until the alarms have stopped recording (one D1 count per runtime every 2 s; reading
      // every clock's state meanwhile would wake thousands of objects and slow the alarms it
      // measures), then read back until every alarm has run (or `graceMs` past the window).
      const deadline = Date.now() + graceMs;
      let recorded = -1;
      for (let stable = 0; stable < 2 && Date.now() < deadline; ) {
        await sleep(2_000);
        const counts = await Promise.all(
          shards.map((s) =>
            post(s.base, '/__bench/clocks/progress', { tenantId: s.tenantId }, platformSecret()).then(
              (r) => r.casesWithActions,
              () => -1,
            ),
          ),
        );
        const now = counts.reduce((n, x) => n + x, 0);
        if (now >= total) break;
        stable = now === recorded ? stable + 1 : 0;
        recorded = now;
      }
      const states = shards.map((s) => s.ids.map(() => ({})));
      const firedOn = (k) => (j) => states[k][j].lastFired?.firedAt >= dueOf(k)(j);
      const pending = () => shards.reduce((n, s, k) => n + s.ids.filter((_, j) => !firedOn(k)(j)).length, 0);
      const profile = profiling ? await profiling.stop() : null;
      for (;;) {
        await Promise.all(shards.map((s, k) => readBack(s, states[k], firedOn(k))));
        if (pending() === 0 || Date.now() >= deadline) break;
        await sleep(3_000);
      }
      sampleFds();
      if (profile) mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
      if (profile)
        writeFileSync(new URL('./results/clocks.cpuprofile', import.meta.url), JSON.stringify(profile));

      const all = shards.flatMap((s, k) => s.ids.map((_, j) => ({ due: dueOf(k)(j), state: states[k][j] })));
      const armedLate = all.filter((x) => x.state.armedAt > x.due).length;
      // Lateness of the clocks armed before their due time (the others could not be on time).
      const fired = all.filter((x) => x.state.lastFired?.firedAt >= x.due && x.state.armedAt <= x.due);
      const lateness = fired.map((x) => x.state.lastFired.firedAt - x.due).sort((a, b) => a - b);
      const lastRun = fired.reduce((m, x) => Math.max(m, x.state.lastFired.firedAt), 0);
      const memories = runtimes.map((r) => memoryMb(r.workerdPids()));
      sampleCpu();
      const [from, to] = [sampleAt(cpuSamples, start), sampleAt(cpuSamples, lastRun || Date.now())];
      const burstMs = to.at - from.at;
      const workerdCpuMs = to.workerd - from.workerd;
      const machineBusy = (to.machine.busy - from.machine.busy) / (to.machine.total - from.machine.total);
      const cores = availableParallelism();
      const result = {
        clocks: total,
        processes: K,
        clocksPerProcess: sizes,
        windowSeconds: windowMs / 1000,
        createSeconds: Number(createSeconds.toFixed(1)),
        armSeconds: Number(armSeconds.toFixed(1)),
        armedAfterDue: armedLate,
        fired: fired.length,
        notFired: all.filter((x) => !(x.state.lastFired?.firedAt >= x.due)).length,
        // Each clock is due once: an alarm that ran more than once did its work twice.
        firedMoreThanOnce: all.filter((x) => (x.state.fires ?? 0) > 1).length,
        lastAlarmAfterWindowSeconds: lastRun
          ? Number(((lastRun - (start + windowMs)) / 1000).toFixed(1))
          : null,
        // Alarms run per second from the first due time to the last alarm: what the runtimes
        // kept up with (each alarm re-reads its case from D1), against count / window demanded.
        alarmsPerSecond: lastRun ? Number((fired.length / ((lastRun - start) / 1000)).toFixed(1)) : null,
        lateMs: lateness.length
          ? {
              p50: percentile(lateness, 50),
              p99: percentile(lateness, 99),
              max: lateness.at(-1),
              min: lateness[0],
            }
          : null,
        // What bounds the rate: CPU time the clock runtimes spent per alarm over the burst (first
        // due time to last alarm; it includes the bench's read-backs after the window), how busy
        // the whole machine was, and the rate that CPU cost allows on this machine's cores.
        cpu:
          burstMs > 0 && fired.length
            ? {
                cores,
                burstSeconds: Number((burstMs / 1000).toFixed(1)),
                workerdCoresUsed: Number((workerdCpuMs / burstMs).toFixed(2)),
                machineBusy: Number(machineBusy.toFixed(2)),
                cpuMsPerAlarm: Number((workerdCpuMs / fired.length).toFixed(2)),
                alarmsPerSecondAtAllCores: Math.round((cores * 1000 * fired.length) / workerdCpuMs),
              }
            : null,
        // Where the first runtime's isolate spent its CPU (self time, shares of the busy samples).
        hottest: profile ? hottest(profile) : null,
        // Sum over the shards' workerd processes of each one's peak (VmHWM) and current RSS.
        peakRuntimeRssMb: memories.reduce((n, m) => n + m.peak, 0),
        peakRuntimeRssMbPerProcess: memories.map((m) => m.peak),
        runtimeRssAfterMb: memories.reduce((n, m) => n + m.current, 0),
        peakOpenFilesPerProcess: peakFds,
      };
      console.log(
        `  ${result.fired}/${result.clocks} alarms ran (${K} runtimes, ${result.alarmsPerSecond}/s); late p50 ${result.lateMs?.p50} ms, p99 ${result.lateMs?.p99} ms, max ${result.lateMs?.max} ms; created in ${result.createSeconds} s, re-armed in ${result.armSeconds} s (${armedLate} after their due time); workerd peak ${result.peakRuntimeRssMb} MiB (${result.peakRuntimeRssMbPerProcess.join(' + ')}); peak open files ${peakFds.join(', ')}${result.cpu ? `; CPU ${result.cpu.cpuMsPerAlarm} ms per alarm, runtimes used ${result.cpu.workerdCoresUsed} of ${result.cpu.cores} cores (machine ${Math.round(result.cpu.machineBusy * 100)}% busy): at most ${result.cpu.alarmsPerSecondAtAllCores} alarms/s here` : ''}`,
      );
      return result;
    } finally {
      clearInterval(sampler);
      clearInterval(cpuSampler);
    }
  } finally {
    await Promise.all(runtimes.map((r) => r.stop()));
  }
}

async function main() {
  await ensureDevVars();
  const result = await benchClocks({
    count: Number(process.env.BENCH_CLOCKS ?? 10_000),
    windowMs: Number(process.env.BENCH_CLOCK_WINDOW_MS ?? 10_000),
    perProcess: Number(process.env.BENCH_CLOCKS_PER_PROCESS ?? 3_500),
    basePort: Number(process.env.BENCH_CLOCK_PORT ?? 8791),
    inspectorBasePort: process.env.BENCH_CLOCK_INSPECTOR_PORT
      ? Number(process.env.BENCH_CLOCK_INSPECTOR_PORT)
      : undefined,
    cpuProfile: process.env.BENCH_CLOCK_CPU_PROFILE === 'true',
  });
  console.log(JSON.stringify(result, null, 2));
  const { targets } = writeSection('clocks', result);
  console.log(
    `Targets (clocks; written to bench/results/latest.json):\n${targetLines(targets.filter((t) => /clock/.test(t.name))).join('\n')}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
