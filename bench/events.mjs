// Events benchmark: org changes written through the API (outbox row in the same D1 batch),
// published to the EVENTS queue, fanned out to a webhook delivery, POSTed signed to a local
// receiver. Reports events per second (first write → last receipt) and the delay from the
// outbox row's occurredAt to receipt (p50/p99/max).
// `npm run bench:events` starts its own `wrangler dev`; `bench/run.mjs` calls `benchEvents(base)`.
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { ensureDevVars, migrateLocal, platformSecret, startWrangler } from '../scripts/local.mjs';
import { benchConfig } from './config.mjs';
import { targetLines, writeSection } from './results.mjs';

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function json(base, method, path, body, token) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** A local webhook receiver: records each event id with its arrival time. */
async function startReceiver() {
  const arrivals = new Map();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (!arrivals.has(body.id))
          arrivals.set(body.id, { at: Date.now(), occurredAt: Date.parse(body.occurredAt) });
      } catch {}
      res.end('ok');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, arrivals, close: () => server.close() };
}

export async function benchEvents(base, { count = 500, concurrency = 50, timeoutMs = 120_000 } = {}) {
  const receiver = await startReceiver();
  try {
    const slug = `bench-events-${Date.now().toString(36)}`;
    const password = 'bench password 1';
    await json(
      base,
      'POST',
      '/platform/tenants',
      { slug, name: 'Bench events', admin: { name: 'Admin', email: `admin@${slug}.test`, password } },
      platformSecret(),
    );
    const login = await json(base, 'POST', '/v1/auth/login', {
      tenant: slug,
      login: `admin@${slug}.test`,
      password,
    });
    const token = login.accessToken;
    await json(base, 'POST', '/v1/webhooks', { url: receiver.url, eventTypes: ['org.zones.created'] }, token);
    const started = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        await json(base, 'POST', '/v1/zones', { name: `zone-${i}` }, token);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const written = Date.now();
    while (receiver.arrivals.size < count && Date.now() - started < timeoutMs)
      await new Promise((r) => setTimeout(r, 100));
    const arrivals = [...receiver.arrivals.values()];
    const delays = arrivals.map((a) => a.at - a.occurredAt).sort((a, b) => a - b);
    const lastAt = Math.max(...arrivals.map((a) => a.at));
    const result = {
      events: count,
      received: arrivals.length,
      writeSeconds: Number(((written - started) / 1000).toFixed(2)),
      eventsPerSecond: Number((arrivals.length / ((lastAt - started) / 1000)).toFixed(1)),
      delayMs: delays.length
        ? { p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1) }
        : null,
    };
    console.log(
      `  ${result.received}/${result.events} events received; ${result.eventsPerSecond} events/s end to end; outbox → webhook delay p50 ${result.delayMs?.p50} ms, p99 ${result.delayMs?.p99} ms`,
    );
    return result;
  } finally {
    receiver.close();
  }
}

async function main() {
  const port = Number(process.env.BENCH_PORT ?? 8799);
  const persistTo = '.wrangler/bench-events';
  await ensureDevVars();
  rmSync(persistTo, { recursive: true, force: true });
  migrateLocal(persistTo);
  const runtime = await startWrangler({
    port,
    persistTo,
    config: benchConfig(),
    vars: { WEBHOOK_ALLOW_LOOPBACK: 'true', LOG_LEVEL: 'warn' },
    quiet: true,
  });
  try {
    const result = await benchEvents(runtime.base, {
      count: Number(process.env.BENCH_EVENTS ?? 1_000),
      concurrency: Number(process.env.BENCH_EVENT_CONCURRENCY ?? 50),
    });
    console.log(JSON.stringify(result, null, 2));
    const { targets } = writeSection('events', result);
    console.log(
      `Targets (events; written to bench/results/latest.json):\n${targetLines(targets.filter((t) => /event/.test(t.name))).join('\n')}`,
    );
  } finally {
    await runtime.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
