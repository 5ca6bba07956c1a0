// `npm run dev`: the whole platform on loopback — local D1 migrated and seeded
// with the demo group, Durable Objects, queues, and the cron triggers fired
// every minute (wrangler dev does not run crons by itself). No account, no network.
// The staff console is built first and served by the same Worker at /.
// The port: `npm run dev -- --port 8900` (the wrangler convention) or `PORT=8900 npm run dev`.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startDevReceiver } from './dev-receiver.mjs';
import { ensureDevVars, migrateLocal, seedDemo, startWrangler } from './local.mjs';

const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: false });
const port = Number(values.port ?? process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`Not a port: ${values.port ?? process.env.PORT}`);
  process.exit(2);
}

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

await ensureDevVars();
migrateLocal();
// Links in messages and on printed QR codes point at this local Worker.
const { child, base } = await startWrangler({ port, vars: { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } });
const stop = () => child.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));

// The demo tenant's SMS, WeChat and email channels point at a local receiver that prints each
// message it gets (`receiver │ sms → …`); DEV_RECEIVER=off leaves the demo without channels.
const receiver =
  process.env.DEV_RECEIVER === 'off'
    ? null
    : await startDevReceiver({ port: Number(process.env.DEV_RECEIVER_PORT ?? port + 1) }).catch((error) => {
        console.error(`Provider receiver not started: ${error.message}`);
        return null;
      });

try {
  const demo = await seedDemo(base, { receiverUrl: receiver?.url });
  const password = demo.logins[0]?.password;
  const rows = demo.logins.map((l) => `  ${l.role.padEnd(22)} ${l.login}`).join('\n');
  console.log(`
Guanjia 管家 is running at ${base}
  Staff console  ${base}/   (log in with tenant "demo" and a login below)
  API reference  ${base}/docs   (OpenAPI: ${base}/openapi.json)
  Demo tenant    "${demo.slug}"   password for every demo login: ${password}
  Report page    ${base}/report/${demo.slug}/prj_00000000000000000000000001   (西溪花园; the SMS code prints below as "receiver │ sms")
  Providers      ${receiver ? `${receiver.url} (demo SMS, WeChat, email: each message is printed as "receiver │ …")` : 'none (DEV_RECEIVER=off)'}
${rows}

  Try: curl -s ${base}/v1/auth/login -H 'content-type: application/json' \\
         -d '{"tenant":"demo","login":"tenant_admin@demo.guanjia.dev","password":"${password}"}'
`);
} catch (error) {
  console.error(String(error));
  stop();
}

// Fire the cron handler once a minute, as Cloudflare does in production.
setInterval(() => {
  fetch(`${base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}`).catch(() => {});
}, 60_000).unref();
