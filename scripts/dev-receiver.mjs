// A local stand-in for the tenant's providers in `npm run dev`: the demo tenant's SMS gateway,
// WeChat template-message API and email API point here (the demo seed's channels), so every
// message Guanjia sends shows up as one line in the terminal. Answers 200 to every POST.
//   node scripts/dev-receiver.mjs            (standalone, port DEV_RECEIVER_PORT or 8799)
//   npm run dev                              (started for you on the Worker's port + 1; DEV_RECEIVER=off to skip it)
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const mask = (v) => (typeof v === 'string' && v.length > 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : v);

/** One log line for a provider request, by the channel the path names. */
export function describe(path, body) {
  let b = {};
  try {
    b = JSON.parse(body);
  } catch {}
  if (path.startsWith('/sms'))
    return `sms    → ${mask(b.to)} [${b.template}] ${String(b.text ?? '').replace(/\n/g, ' ')}`;
  if (path.startsWith('/wechat')) {
    const data = Object.entries(b.data ?? {})
      .map(([k, v]) => `${k}=${v?.value ?? ''}`)
      .join(' ');
    return `wechat → ${mask(b.touser)} [${b.template_id}] ${data} ${b.url ?? ''}`;
  }
  if (path.startsWith('/email')) {
    const h = b.headers ?? {};
    const thread = h['In-Reply-To'] ? ` (In-Reply-To ${h['In-Reply-To']})` : '';
    return `email  → ${(b.to ?? []).join(',')} "${b.subject}"${thread} ${String(b.text ?? '').replace(/\n/g, ' ')}`;
  }
  return `${path} ${body.slice(0, 200)}`;
}

/** Starts the receiver; resolves with its base URL once it listens. */
export function startDevReceiver({
  port = Number(process.env.DEV_RECEIVER_PORT ?? 8799),
  log = console.log,
} = {}) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      log(`receiver │ ${describe(req.url ?? '/', Buffer.concat(chunks).toString('utf8'))}`);
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${port}` }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await startDevReceiver();
  console.log(`Provider receiver listening at ${url} (/sms, /wechat, /email)`);
}
