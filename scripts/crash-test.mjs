// `npm run test:crash`: events survive a hard crash of the local platform, end to end.
//
// Starts the dev platform on its own port and persist dir, subscribes a webhook to a receiver
// this script runs on loopback, creates 40 cases through the API and SIGKILLs the runtime (the
// workerd processes) at once, inside the events queue's one-second batch window, so the local
// queue's in-memory messages are lost. Restarts on the same persisted state, waits the sweep's
// grace period (OUTBOX_GRACE_SECONDS, short here), fires the cron as `npm run dev` does, and
// asserts that every case.created event arrives signed (standardwebhooks verifies each), under
// one webhook-id per event (the event id), and that the outbox ends with every event handled.
// Stops everything it started; exits non-zero on failure.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Webhook } from 'standardwebhooks';
import { ensureDevVars, migrateLocal, seedDemo, startWrangler } from './local.mjs';

const port = Number(process.env.PORT ?? 8812);
const receiverPort = Number(process.env.RECEIVER_PORT ?? 8813);
const caseCount = 40;
const graceSeconds = 3;
const deadlineMs = 90_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => console.log(`[crash-test] ${msg}`);

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

/** A webhook receiver on loopback: keeps every request (headers and raw body). */
async function startReceiver() {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end('ok');
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(receiverPort, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${receiverPort}/hook`,
    requests,
    close: () => new Promise((r) => server.close(r)),
  };
}

const fireCron = (base) =>
  fetch(`${base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}`).then((r) => r.text());

/** Every event id the receiver got, with the webhook-ids it came under; throws on a bad signature. */
function arrivals(requests, secret) {
  const hook = new Webhook(secret);
  const byEvent = new Map();
  for (const r of requests) {
    const payload = hook.verify(r.body, {
      'webhook-id': String(r.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(r.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(r.headers['webhook-signature'] ?? ''),
    });
    const ids = byEvent.get(payload.id) ?? { webhookIds: new Set(), caseId: payload.data?.caseId, count: 0 };
    ids.webhookIds.add(String(r.headers['webhook-id']));
    ids.count += 1;
    byEvent.set(payload.id, ids);
  }
  return byEvent;
}

/** The case.created rows of the local D1 files, read straight from SQLite (the runtime may be mid-write). */
function outboxState(dir, since) {
  const files = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.sqlite')) files.push(path);
    }
  };
  walk(join(dir, 'v3', 'd1'));
  const state = { total: 0, unsent: 0, sentUnhandled: 0, handled: 0, caseIds: [] };
  for (const file of files) {
    let db;
    try {
      db = new DatabaseSync(file, { readOnly: true });
      const rows = db
        .prepare(
          "select payload, published_at, handled_at from outbox_events where type = 'case.created' and occurred_at >= ?",
        )
        .all(since);
      for (const r of rows) {
        state.total += 1;
        if (r.handled_at != null) state.handled += 1;
        else if (r.published_at != null) state.sentUnhandled += 1;
        else state.unsent += 1;
        state.caseIds.push(JSON.parse(r.payload).caseId);
      }
    } catch {
      // not the shard with the outbox, or busy this instant: read again on the next poll
    } finally {
      db?.close();
    }
  }
  return state;
}

const started = Date.now();
const persistTo = mkdtempSync(join(tmpdir(), 'guanjia-crash-'));
let platform;
let receiver;
let failure;
try {
  await ensureDevVars();
  migrateLocal(persistTo);
  receiver = await startReceiver();
  const vars = { WEBHOOK_ALLOW_LOOPBACK: 'true', OUTBOX_GRACE_SECONDS: String(graceSeconds) };
  platform = await startWrangler({ port, persistTo, vars, quiet: true });
  const { base } = platform;
  const demo = await seedDemo(base);
  const admin = demo.logins.find((l) => l.role === 'tenant_admin');
  const { accessToken } = await json(base, 'POST', '/v1/auth/login', {
    tenant: demo.slug,
    login: admin.login,
    password: admin.password,
  });
  const sub = await json(
    base,
    'POST',
    '/v1/webhooks',
    { url: receiver.url, eventTypes: ['case.created'] },
    accessToken,
  );
  // The demo group's ids (workers/seed/demo-data.ts demoId): 西溪花园 and its 1号楼 units.
  const demoId = (prefix, n) => `${prefix}_${'0'.repeat(21)}${String(n).padStart(5, '0')}`;
  const projectId = demoId('prj', 1);
  const unit = (n) => demoId('unit', n);

  // 40 cases at once; the kill comes as soon as the local database shows all 40 case.created
  // rows written and sent to the queue (so inside its one-second batch window), or the first of
  // them handled, or else right after the last response. The case ids are read from those rows, so a request
  // cut off by the kill still counts when its case (and event, same batch) committed.
  const creating = Date.now();
  const requests = Array.from({ length: caseCount }, (_, i) =>
    json(
      base,
      'POST',
      '/v1/cases',
      {
        kind: 'repair',
        channel: 'hotline',
        projectId,
        unitId: unit((i % 8) + 1),
        description: `崩溃测试 ${i + 1}：卫生间水管漏水`,
        category: 'plumbing',
        urgency: 'normal',
        contact: { name: '王先生', phone: '13800001111' },
      },
      accessToken,
    ),
  );
  let responded = false;
  const all = Promise.allSettled(requests).then((r) => {
    responded = true;
    return r;
  });
  let state = outboxState(persistTo, creating);
  while (!responded && !(state.total === caseCount && (state.unsent === 0 || state.handled > 0))) {
    await sleep(5);
    state = outboxState(persistTo, creating);
  }
  const pids = platform.workerdPids();
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  const tookMs = Date.now() - creating;
  const settled = await all;
  await platform.stop();
  platform = undefined;
  state = outboxState(persistTo, creating);
  const failedBeforeKill = settled.filter((r) => r.status === 'rejected').length;
  const caseIds = state.caseIds;
  if (caseIds.length !== caseCount)
    throw new Error(`${caseIds.length} of ${caseCount} cases committed before the kill`);
  log(
    `SIGKILLed workerd (${pids.join(', ')}) ${tookMs} ms after the first request: ${state.total} case.created ` +
      `rows, ${state.unsent} unsent, ${state.sentUnhandled} sent but not handled, ${state.handled} handled; ` +
      `${receiver.requests.length} webhooks received, ${failedBeforeKill} responses cut off`,
  );

  if (state.unsent + state.sentUnhandled === 0)
    throw new Error('every event was handled before the kill: the crash tested nothing');
  if (state.sentUnhandled === 0) log('warning: no event was sent but not handled at the kill');

  platform = await startWrangler({ port, persistTo, vars, quiet: true });
  log(`restarted on the same state (${Math.round((Date.now() - started) / 1000)} s since start)`);
  const token = (
    await json(base, 'POST', '/v1/auth/login', {
      tenant: demo.slug,
      login: admin.login,
      password: admin.password,
    })
  ).accessToken;
  const health = await json(base, 'GET', '/v1/events/health', undefined, token);
  log(`after restart: ${health.pending} events unsent, ${health.sent} sent but not handled`);

  // The cron, as `npm run dev` fires it (every few seconds here, the grace period being short).
  const until = Date.now() + deadlineMs;
  let got = arrivals(receiver.requests, sub.secret);
  while (Date.now() < until && !caseIds.every((id) => [...got.values()].some((e) => e.caseId === id))) {
    await sleep((graceSeconds + 1) * 1000);
    await fireCron(base);
    await sleep(1500);
    got = arrivals(receiver.requests, sub.secret);
  }
  await sleep(2000); // late duplicates, if any, are counted too
  got = arrivals(receiver.requests, sub.secret);

  const problems = [];
  const byCase = new Map([...got.entries()].map(([eventId, e]) => [e.caseId, { eventId, ...e }]));
  const missing = caseIds.filter((id) => !byCase.has(id));
  if (missing.length) problems.push(`${missing.length} of ${caseCount} case.created events never arrived`);
  const eventsPerCase = new Map();
  for (const e of got.values()) eventsPerCase.set(e.caseId, (eventsPerCase.get(e.caseId) ?? 0) + 1);
  for (const [caseId, n] of eventsPerCase) if (n > 1) problems.push(`case ${caseId} arrived as ${n} events`);
  for (const [eventId, e] of got) {
    if (e.webhookIds.size !== 1 || !e.webhookIds.has(eventId))
      problems.push(`event ${eventId} arrived under webhook-ids ${[...e.webhookIds].join(', ')}`);
  }
  const final = await json(base, 'GET', '/v1/events/health', undefined, token);
  if (final.pending || final.sent) problems.push(`outbox not drained: ${JSON.stringify(final)}`);
  const repeats = [...got.values()].reduce((n, e) => n + e.count - 1, 0);
  log(
    `${byCase.size}/${caseCount} events arrived, ${repeats} repeated deliveries (same webhook-id), ` +
      `outbox: ${final.pending} unsent, ${final.sent} unhandled`,
  );
  if (problems.length) throw new Error(problems.join('\n'));
  log(`passed in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (error) {
  failure = error;
  console.error(`[crash-test] FAILED: ${error?.stack ?? error}`);
} finally {
  await platform?.stop();
  await receiver?.close();
  rmSync(persistTo, { recursive: true, force: true });
}
process.exit(failure ? 1 : 0);
