// `npm run bench`: load figures of the platform on the local Workers runtime.
// Every API figure is also given as a ratio to a baseline measured in the same
// run: a bare route in the same Worker doing one comparable D1 select or insert.

import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { ensureDevVars, migrateLocal, platformSecret, seedDemo, startWrangler } from '../scripts/local.mjs';
import { benchClocks, memoryMb } from './clocks.mjs';
import { benchConfig } from './config.mjs';
import { benchEvents } from './events.mjs';
import { heapSampler } from './heap.mjs';
import { gitCommit, resultsDir, targetLines, writeResults } from './results.mjs';

const port = Number(process.env.BENCH_PORT ?? 8790);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
// Ratios come from alternating short rounds of a scenario and its baseline (A B A B ...).
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const roundSeconds = Number(process.env.BENCH_ROUND_SECONDS ?? 3);
// A baseline whose p50 moves more than this across rounds (max/min - 1) is flagged.
const wideSpread = Number(process.env.BENCH_WIDE_SPREAD ?? 0.5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const bigTenantCases = Number(process.env.BENCH_BIG_TENANT_CASES ?? 100_000);
const smallTenants = Number(process.env.BENCH_SMALL_TENANTS ?? 100);
const persistTo = '.wrangler/bench';
const inspectorPort = Number(process.env.BENCH_INSPECTOR_PORT ?? port + 1000);

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

export async function newTenant(base, slug) {
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
  return { tenantId: tenant.id, token: accessToken, slug, password };
}

export async function estate(base, token, projects) {
  const branch = await post(base, '/v1/branches', { name: 'Bench branch' }, token);
  const places = [];
  for (let p = 0; p < projects; p++) {
    const project = await post(
      base,
      '/v1/projects',
      { branchId: branch.id, name: `Bench project ${p}` },
      token,
    );
    const building = await post(base, '/v1/buildings', { projectId: project.id, name: '1号楼' }, token);
    const unit = await post(base, '/v1/units', { buildingId: building.id, number: '1-101' }, token);
    places.push({ branchId: branch.id, projectId: project.id, unitId: unit.id });
  }
  return places;
}

export async function loadCases(base, tenantId, places, from, to) {
  const chunk = 2000;
  for (let offset = from; offset < to; offset += chunk) {
    await post(
      base,
      '/__bench/load-cases',
      { tenantId, places, count: Math.min(chunk, to - offset), offset, day: '20261122' },
      platformSecret(),
    );
  }
}

const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;

/**
 * Runs one autocannon scenario and returns requests/s and latency percentiles. The percentiles
 * are taken from every response's own time (autocannon's summary has p90 and p97.5, no p95).
 */
function measure(name, base, request, duration = seconds) {
  return new Promise((resolve, reject) => {
    const times = [];
    const instance = autocannon(
      {
        url: `${base}${request.path}`,
        method: request.method ?? 'GET',
        headers: request.headers,
        body: request.body,
        // Vary the client address so the per-identity login limiter does not cap the measurement.
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              headers: {
                ...req.headers,
                'cf-connecting-ip': `198.51.100.${Math.floor(Math.random() * 250)}`,
              },
            }),
          },
        ],
        connections,
        duration,
      },
      (error, result) => {
        if (error) return reject(error);
        const non2xx = result.non2xx + result.errors;
        times.sort((a, b) => a - b);
        const at = (p) => Math.round(percentile(times, p) ?? Number.NaN);
        resolve({
          name,
          rps: Math.round(result.requests.average),
          p50: at(50),
          p95: at(95),
          p99: at(99),
          requests: result.requests.total,
          failures: non2xx,
          times,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

const ratio = (value, base) => (base ? Number((value / base).toFixed(2)) : null);

const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const round2 = (x) => (x === null || Number.isNaN(x) ? null : Number(x.toFixed(2)));

/** The pooled figures of several rounds of one scenario (every response's time, all rounds). */
function pooled(name, parts) {
  const times = parts.flatMap((p) => p.times).sort((a, b) => a - b);
  const at = (p) => Math.round(percentile(times, p) ?? Number.NaN);
  const total = parts.reduce((n, p) => n + p.requests, 0);
  return {
    name,
    rps: Math.round(parts.reduce((n, p) => n + p.rps, 0) / parts.length),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    requests: total,
    failures: parts.reduce((n, p) => n + p.failures, 0),
  };
}

/**
 * A scenario against its baseline in alternating short rounds (A B, B A, A B, ...: the order
 * flips each round so neither always runs first): each ratio is the median of the per-round
 * ratios, with their spread (min and max). The baseline's own p50 spread across rounds
 * (max/min - 1) says how much the machine drifted; above `wideSpread` the bench warns.
 */
async function interleaved(name, base, request, baselineName, baselineRequest) {
  const a = [];
  const b = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      a.push(await measure(name, base, request, roundSeconds));
      b.push(await measure(baselineName, base, baselineRequest, roundSeconds));
    } else {
      b.push(await measure(baselineName, base, baselineRequest, roundSeconds));
      a.push(await measure(name, base, request, roundSeconds));
    }
  }
  const per = (key) => {
    const values = a.map((x, i) => ratio(x[key], b[i][key]));
    const ok = values.filter((v) => v !== null && Number.isFinite(v));
    return {
      median: round2(median(ok)),
      min: ok.length ? Math.min(...ok) : null,
      max: ok.length ? Math.max(...ok) : null,
      rounds: ok,
    };
  };
  const baseP50 = b.map((x) => x.p50).filter((v) => v > 0);
  const baselineSpread = baseP50.length ? round2(Math.max(...baseP50) / Math.min(...baseP50) - 1) : null;
  return {
    scenario: pooled(name, a),
    baseline: pooled(baselineName, b),
    baselineRounds: b,
    ratios: { rps: per('rps'), p50: per('p50'), p95: per('p95'), p99: per('p99') },
    baselineP50Rounds: b.map((x) => x.p50),
    baselineSpread,
    wideBaselineSpread: baselineSpread !== null && baselineSpread > wideSpread,
  };
}

async function main() {
  const benchStarted = Date.now();
  await ensureDevVars();
  rmSync(persistTo, { recursive: true, force: true });
  migrateLocal(persistTo);
  const runtime = await startWrangler({
    port,
    persistTo,
    config: benchConfig(),
    vars: { BENCH_ROUTES: 'true', WEBHOOK_ALLOW_LOOPBACK: 'true' },
    quiet: true,
    inspectorPort,
  });
  const { base } = runtime;
  // The Worker isolate's JS heap over the inspector: the peak while each scenario runs.
  const heap = await heapSampler(inspectorPort).catch(() => null);
  const heapOf = async (work) => {
    heap?.start();
    const result = await work();
    return { result, peakHeapMb: heap ? await heap.stop() : null };
  };
  const results = {
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    commit: gitCommit(),
    settings: {
      seconds,
      rounds,
      roundSeconds,
      wideSpread,
      connections,
      bigTenantCases,
      smallTenants,
      rateLimitsRaised: true,
    },
    scenarios: [],
    scaling: [],
  };
  try {
    await seedDemo(base);
    const paths = Object.keys((await (await fetch(`${base}/openapi.json`)).json()).paths);
    const hasCases = paths.includes('/v1/cases') && paths.includes('/v1/cases/{id}');

    console.log('Setting up tenants...');
    const big = await newTenant(base, 'bench-big');
    const places = await estate(base, big.token, 10);
    const auth = { Authorization: `Bearer ${big.token}`, 'content-type': 'application/json' };

    console.log(`Loading ${smallTenants} tenants x 1,000 cases...`);
    for (let t = 0; t < smallTenants; t++) {
      const small = await newTenant(base, `bench-small-${t}`);
      await loadCases(base, small.tenantId, await estate(base, small.token, 1), 0, 1000);
    }

    const report = (r) => {
      console.log(
        `  ${r.name}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.failures ? `, ${r.failures} failures` : ''}`,
      );
      if (r.requests === 0)
        console.log(
          `  WARNING: no request of ${r.name} came back within a ${roundSeconds} s round: raise BENCH_ROUND_SECONDS (its ratios are not measured)`,
        );
      if (r.failures > r.requests * 0.01)
        console.log(`  WARNING: ${r.name} answered ${r.failures} of ${r.requests} requests with an error`);
      return r;
    };
    const listPath = `/v1/cases?projectId=${places[0].projectId}&limit=50`;
    const searchPath = `/v1/cases?q=${encodeURIComponent('电梯故障')}&limit=20`;
    let loaded = 0;
    for (const size of [...new Set([1_000, 10_000, bigTenantCases])].filter((n) => n <= bigTenantCases)) {
      console.log(`Loading the big tenant to ${size.toLocaleString()} cases...`);
      await loadCases(base, big.tenantId, places, loaded, size);
      loaded = size;
      if (!hasCases) continue;
      const { result: pair, peakHeapMb } = await heapOf(() =>
        interleaved(`case search @${size}`, base, { path: searchPath, headers: auth }, `case list @${size}`, {
          path: listPath,
          headers: auth,
        }),
      );
      report(pair.scenario);
      report(pair.baseline);
      console.log(
        `  search/list @${size}: p50 ${pair.ratios.p50.median}× (${pair.ratios.p50.min}–${pair.ratios.p50.max}), p99 ${pair.ratios.p99.median}× (${pair.ratios.p99.min}–${pair.ratios.p99.max})`,
      );
      results.scaling.push({
        cases: size,
        listP50: pair.baseline.p50,
        listP99: pair.baseline.p99,
        searchP50: pair.scenario.p50,
        searchP99: pair.scenario.p99,
        searchOverListP50: pair.ratios.p50,
        searchOverListP99: pair.ratios.p99,
        listSpread: pair.baselineSpread,
        peakHeapMb,
      });
    }

    console.log('Measuring...');
    await measure(
      'warm-up',
      base,
      { path: `/__bench/select?tenant=${big.tenantId}&id=${places[0].projectId}` },
      roundSeconds,
    );
    const selectRequest = { path: `/__bench/select?tenant=${big.tenantId}&id=${places[0].projectId}` };
    const insertRequest = { method: 'POST', path: `/__bench/insert?tenant=${big.tenantId}` };
    const baselines = { 'baseline select': [], 'baseline insert': [] };
    const add = async (name, request, baselineName) => {
      const { result: pair, peakHeapMb } = await heapOf(() =>
        interleaved(
          name,
          base,
          request,
          baselineName,
          baselineName === 'baseline insert' ? insertRequest : selectRequest,
        ),
      );
      report(pair.scenario);
      baselines[baselineName].push(...pair.baselineRounds);
      const r = pair.ratios;
      console.log(
        `    vs ${baselineName}: p50 ${r.p50.median}× (${r.p50.min}–${r.p50.max}), p99 ${r.p99.median}× (${r.p99.min}–${r.p99.max}); baseline p50 per round ${pair.baselineP50Rounds.join(', ')} ms`,
      );
      if (pair.wideBaselineSpread)
        console.log(
          `  WARNING: ${baselineName}'s p50 moved ${Math.round(pair.baselineSpread * 100)}% across the rounds of ${name}: the machine's load drifted, read the ratio's spread`,
        );
      results.scenarios.push({
        ...pair.scenario,
        baseline: baselineName,
        baselineFigures: pair.baseline,
        rpsRatio: r.rps.median,
        p50Ratio: r.p50.median,
        p95Ratio: r.p95.median,
        p99Ratio: r.p99.median,
        ratioSpread: {
          rps: [r.rps.min, r.rps.max],
          p50: [r.p50.min, r.p50.max],
          p95: [r.p95.min, r.p95.max],
          p99: [r.p99.min, r.p99.max],
        },
        ratioRounds: { p50: r.p50.rounds, p99: r.p99.rounds },
        baselineP50Rounds: pair.baselineP50Rounds,
        baselineSpread: pair.baselineSpread,
        wideBaselineSpread: pair.wideBaselineSpread,
        peakHeapMb,
      });
    };
    await add(
      'login',
      {
        method: 'POST',
        path: '/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: big.slug, login: `admin@${big.slug}.test`, password: big.password }),
      },
      'baseline select',
    );
    await add('project list', { path: '/v1/projects?limit=50', headers: auth }, 'baseline select');
    if (hasCases) {
      const caseBody = JSON.stringify({
        kind: 'repair',
        channel: 'hotline',
        projectId: places[0].projectId,
        unitId: places[0].unitId,
        description: '卫生间水管漏水',
        category: 'plumbing',
        urgency: 'normal',
        contact: { name: '王先生', phone: '13800001111' },
      });
      await add(
        'case create',
        { method: 'POST', path: '/v1/cases', headers: auth, body: caseBody },
        'baseline insert',
      );
      await add('case list (filtered)', { path: listPath, headers: auth }, 'baseline select');
      await add('case search', { path: searchPath, headers: auth }, 'baseline select');
      const one = await (await fetch(`${base}${listPath}`, { headers: auth })).json();
      await add('case detail', { path: `/v1/cases/${one.data[0].id}`, headers: auth }, 'baseline select');
    }
    // The baselines' own figures: every round of each, pooled, beside the scenarios.
    for (const [name, parts] of Object.entries(baselines))
      if (parts.length)
        results.scenarios.unshift({
          ...pooled(
            name,
            parts.flatMap((p) => [p]),
          ),
          baseline: null,
        });
    const eventCount = Number(process.env.BENCH_EVENTS ?? 1_000);
    if (eventCount > 0) {
      console.log(`Events: ${eventCount.toLocaleString()} outbox rows to a local webhook receiver...`);
      const { result: events, peakHeapMb } = await heapOf(() =>
        benchEvents(base, {
          count: eventCount,
          concurrency: Number(process.env.BENCH_EVENT_CONCURRENCY ?? 50),
        }),
      );
      results.events = { ...events, peakHeapMb };
    }
    // Every workerd process of this run (the entry proxy and the Worker's own runtime).
    const pids = runtime.workerdPids();
    const perProcess = pids.map((pid) => memoryMb([pid]).peak).sort((a, b) => b - a);
    results.peakRuntimeRssMb = { worker: perProcess[0] ?? null, allProcesses: memoryMb(pids).peak };
    const heaps = [
      ...results.scenarios.map((s) => s.peakHeapMb),
      ...results.scaling.map((s) => s.peakHeapMb),
      results.events?.peakHeapMb,
    ].filter((v) => typeof v === 'number');
    results.isolateHeap = {
      peakMb: heaps.length ? Math.max(...heaps) : null,
      limitMb: 128,
      how: 'Runtime.getHeapUsage over the inspector every 100 ms while each scenario ran (10 connections: an upper bound for one request)',
    };
  } finally {
    heap?.close();
    await runtime.stop();
  }

  // The clocks run on runtimes of their own, after the API runtime has stopped.
  const clockCount = Number(process.env.BENCH_CLOCKS ?? 10_000);
  if (clockCount > 0)
    results.clocks = await benchClocks({
      count: clockCount,
      windowMs: Number(process.env.BENCH_CLOCK_WINDOW_MS ?? 10_000),
      perProcess: Number(process.env.BENCH_CLOCKS_PER_PROCESS ?? 3_500),
      basePort: port + 1,
    });
  results.benchSeconds = Math.round((Date.now() - benchStarted) / 1000);

  const { targets } = writeResults(results);
  const c = results.clocks;
  const e = results.events;
  const x = (r) => (r === null || r === undefined ? '–' : `${r}×`);
  const spread = (s, key) => (s.ratioSpread ? ` [${s.ratioSpread[key][0]}–${s.ratioSpread[key][1]}]` : '');
  const lines = [
    `Machine: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memGb} GiB, Node ${results.machine.node}; commit ${results.commit}; ${rounds} alternating rounds of ${roundSeconds} s per scenario and its baseline, ${connections} connections; bench took ${Math.round(results.benchSeconds / 60)} min`,
    '',
    'Ratios: median of the per-round ratios (scenario round over the baseline round beside it), [min–max] across rounds; "baseline spread" is the baseline p50\'s max/min − 1 across those rounds (⚠ above ' +
      `${Math.round(wideSpread * 100)}%).`,
    '',
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | baseline | req/s × | p50 × | p95 × | p99 × | baseline spread | failures | peak heap MiB |',
    '|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|',
    ...results.scenarios.map(
      (s) =>
        `| ${s.name} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.baseline ?? '(is the baseline)'} | ${x(s.rpsRatio)} | ${x(s.p50Ratio)}${spread(s, 'p50')} | ${x(s.p95Ratio)} | ${x(s.p99Ratio)}${spread(s, 'p99')} | ${s.baseline ? `${Math.round((s.baselineSpread ?? 0) * 100)}%${s.wideBaselineSpread ? ' ⚠' : ''}` : '–'} | ${s.failures} | ${s.peakHeapMb ?? '–'} |`,
    ),
    '',
    ...(results.scaling.length
      ? [
          '| cases in tenant | list p50 ms | list p99 ms | search p50 ms | search p99 ms | search/list p50 × | search/list p99 × |',
          '|--:|--:|--:|--:|--:|--:|--:|',
          ...results.scaling.map(
            (s) =>
              `| ${s.cases.toLocaleString()} | ${s.listP50} | ${s.listP99} | ${s.searchP50} | ${s.searchP99} | ${s.searchOverListP50.median}× [${s.searchOverListP50.min}–${s.searchOverListP50.max}] | ${s.searchOverListP99.median}× [${s.searchOverListP99.min}–${s.searchOverListP99.max}] |`,
          ),
          '',
        ]
      : []),
    `Peak runtime memory (workerd VmHWM, API run): ${results.peakRuntimeRssMb?.worker} MiB the Worker's process, ${results.peakRuntimeRssMb?.allProcesses} MiB all workerd processes of the run; the Worker isolate's JS heap peaked at ${results.isolateHeap?.peakMb ?? '–'} MiB (limit 128 MiB per isolate; peak per scenario in the table, events ${results.events?.peakHeapMb ?? '–'} MiB)`,
    '',
    ...(e
      ? [
          `Events (outbox row → signed webhook at a local receiver): ${e.received}/${e.events} received, ${e.eventsPerSecond} events/s end to end; delay p50 ${e.delayMs?.p50} ms, p99 ${e.delayMs?.p99} ms, max ${e.delayMs?.max} ms`,
          '',
        ]
      : []),
    ...(c
      ? [
          `SLA clocks: ${c.clocks.toLocaleString()} Durable Object alarms due over ${c.windowSeconds} s, sharded over ${c.processes} local runtimes (${c.clocksPerProcess.join(' + ')}; one workerd holds each object's SQLite open and a process may open 20,000 files): ${c.fired} ran, ${c.notFired} did not, at ${c.alarmsPerSecond} alarms/s against ${Math.round(c.clocks / c.windowSeconds)}/s due; late by p50 ${c.lateMs?.p50} ms, p99 ${c.lateMs?.p99} ms, max ${c.lateMs?.max} ms; created in ${c.createSeconds} s, re-armed in ${c.armSeconds} s (${c.armedAfterDue} after their due time); runtime memory ${c.peakRuntimeRssMb} MiB (sum of peaks: ${c.peakRuntimeRssMbPerProcess.join(' + ')}); peak open files per runtime ${c.peakOpenFilesPerProcess.join(', ')}; ${c.firedMoreThanOnce ?? '–'} ran more than once`,
          '',
        ]
      : []),
    `Targets (issue 18; same run, this machine; commit ${results.commit}):`,
    ...targetLines(targets),
  ];
  writeFileSync(new URL('latest.md', resultsDir), `${lines.join('\n')}\n`);
  console.log(`\n${lines.join('\n')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
