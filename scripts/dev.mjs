// `npm run dev`: the whole platform on loopback — local D1 migrated and seeded
// with the demo group, Durable Objects, queues, and the cron triggers fired
// every minute (wrangler dev does not run crons by itself). No account, no network.
import { ensureDevVars, migrateLocal, seedDemo, startWrangler } from './local.mjs';

const port = Number(process.env.PORT ?? 8787);

await ensureDevVars();
migrateLocal();
const { child, base } = await startWrangler({ port });
const stop = () => child.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));

try {
  const demo = await seedDemo(base);
  const password = demo.logins[0]?.password;
  const rows = demo.logins.map((l) => `  ${l.role.padEnd(22)} ${l.login}`).join('\n');
  console.log(`
Guanjia 管家 is running at ${base}
  API reference  ${base}/docs   (OpenAPI: ${base}/openapi.json)
  Demo tenant    "${demo.slug}"   password for every demo login: ${password}
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
