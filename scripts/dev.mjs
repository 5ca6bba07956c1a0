// `npm run dev`: the whole platform on loopback — local D1 migrated and seeded
// with the demo group, Durable Objects, queues, and the cron triggers fired
// every minute (wrangler dev does not run crons by itself). No account, no network.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair } from 'jose';

const port = Number(process.env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;
const devVarsPath = new URL('../.dev.vars', import.meta.url);

/** Local secrets, made once and kept in .dev.vars (git-ignored). */
async function ensureDevVars() {
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

function platformSecret() {
  const match = /^PLATFORM_SECRET='?([^'\n]+)'?$/m.exec(readFileSync(devVarsPath, 'utf8'));
  return match?.[1] ?? '';
}

async function waitForHealth(child) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('wrangler dev exited');
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('wrangler dev did not become healthy in 120 s');
}

await ensureDevVars();
const migrate = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, CI: 'true' },
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const child = spawn(
  'npx',
  ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--test-scheduled'],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
const stop = () => child.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));

await waitForHealth(child);
const seeded = await fetch(`${base}/platform/demo-seed`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${platformSecret()}` },
});
if (!seeded.ok) {
  console.error('Demo seed failed:', seeded.status, await seeded.text());
  stop();
} else {
  const demo = await seeded.json();
  const rows = demo.logins.map((l) => `  ${l.role.padEnd(22)} ${l.login}`).join('\n');
  console.log(`
Guanjia 管家 is running at ${base}
  API reference  ${base}/docs   (OpenAPI: ${base}/openapi.json)
  Demo tenant    "${demo.slug}"   password for every demo login: ${demo.logins[0]?.password}
${rows}

  Try: curl -s ${base}/v1/auth/login -H 'content-type: application/json' \\
         -d '{"tenant":"demo","login":"tenant_admin@demo.guanjia.dev","password":"${demo.logins[0]?.password}"}'
`);
  // Fire the cron handler once a minute, as Cloudflare would in production.
  setInterval(() => {
    fetch(`${base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}`).catch(() => {});
  }, 60_000).unref();
}
