// Shared by `npm run dev` and `npm run bench`: local secrets, migrations, and a
// wrangler dev process on loopback.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair } from 'jose';

const devVarsPath = new URL('../.dev.vars', import.meta.url);

/** Local secrets, made once and kept in .dev.vars (git-ignored). */
export async function ensureDevVars() {
  if (existsSync(devVarsPath)) return;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now()}`, alg: 'ES256' };
  const vars = {
    JWT_PRIVATE_JWK: JSON.stringify(jwk),
    PLATFORM_SECRET: randomBytes(24).toString('base64url'),
    WEBHOOK_ALLOW_LOOPBACK: 'true',
  };
  writeFileSync(
    devVarsPath,
    `${Object.entries(vars)
      .map(([k, v]) => `${k}='${v}'`)
      .join('\n')}\n`,
  );
  console.log('Wrote .dev.vars with a fresh signing key and platform secret.');
}

export function platformSecret() {
  const match = /^PLATFORM_SECRET='?([^'\n]+)'?$/m.exec(readFileSync(devVarsPath, 'utf8'));
  return match?.[1] ?? '';
}

/** The D1 shards wrangler.toml binds (workers/data/db.ts `shardBindings`): each gets every migration. */
export const shardBindings = ['DB', 'DB2'];

/** Applies the D1 migrations to every local shard (optionally a separate persist dir). */
export function migrateLocal(persistTo, { config } = {}) {
  for (const shard of shardBindings) {
    const args = ['wrangler', 'd1', 'migrations', 'apply', shard, '--local'];
    if (config) args.push('--config', config);
    if (persistTo) args.push('--persist-to', persistTo);
    const result = spawnSync('npx', args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, CI: 'true' },
    });
    if (result.status !== 0) throw new Error(`migrations of shard ${shard} failed`);
  }
}

/** Pids of every process below `pid` (npx -> wrangler -> workerd), read from /proc. */
export function descendantPids(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // comm may hold spaces and parentheses: the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while listing
    }
  }
  const found = [];
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
}

const commandOf = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};

/**
 * Starts `wrangler dev` on loopback and resolves once /healthz answers. `config` picks another
 * wrangler config (the bench's copy with raised rate limits); `inspectorPort` lets several run
 * side by side. `stop()` ends this run's whole process tree (npx does not pass signals on);
 * `workerdPids()` are this run's runtime processes, never anyone else's.
 */
/** The console's build, which wrangler.toml serves as static assets (`npm run build` writes it). */
const consoleDist = new URL('../packages/console/dist', import.meta.url);

export async function startWrangler({ port, persistTo, vars = {}, quiet = false, config, inspectorPort }) {
  // wrangler refuses a missing assets directory. The API, the bench and the crash test need no
  // console build, so an empty one lets them start; `npm run dev` builds the console first.
  if (!existsSync(consoleDist)) mkdirSync(consoleDist, { recursive: true });
  const args = ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--test-scheduled'];
  if (config) args.push('--config', config);
  if (inspectorPort) args.push('--inspector-port', String(inspectorPort));
  if (persistTo) args.push('--persist-to', persistTo);
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const child = spawn('npx', args, {
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    detached: false,
  });
  const base = `http://127.0.0.1:${port}`;
  const workerdPids = () => descendantPids(child.pid).filter((p) => /workerd serve/.test(commandOf(p)));
  const stop = async () => {
    const pids = [child.pid, ...descendantPids(child.pid)];
    for (const p of pids.reverse()) {
      try {
        process.kill(p, 'SIGINT');
      } catch {}
    }
    for (let i = 0; i < 50 && pids.some((p) => existsSync(`/proc/${p}`)); i++)
      await new Promise((r) => setTimeout(r, 100));
    for (const p of pids.filter((p) => existsSync(`/proc/${p}`))) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {}
    }
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('wrangler dev exited');
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base, stop, workerdPids };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error('wrangler dev did not become healthy in 120 s');
}

/** Seeds the demo group, with its six weeks of case history unless `history: false`. */
export async function seedDemo(base, { receiverUrl, history = true } = {}) {
  const params = new URLSearchParams();
  if (receiverUrl) params.set('receiverUrl', receiverUrl);
  if (history) params.set('history', 'true');
  const query = params.size ? `?${params}` : '';
  const res = await fetch(`${base}/platform/demo-seed${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${platformSecret()}` },
  });
  if (!res.ok) throw new Error(`demo seed failed: ${res.status} ${await res.text()}`);
  return res.json();
}
