// `npm run dev`'s stand-in for the SMS (and any other) provider: a loopback HTTP server that
// answers 200 and prints each message it is sent, so a developer reads the report page's
// one-time code (and every owner or staff SMS) in the dev console. Local only; never deployed.
import { createServer } from 'node:http';

/** Starts the sink on 127.0.0.1:`port`; resolves with its base URL and a `close()`. */
export function startProviderSink(port) {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      let line = body;
      try {
        const m = JSON.parse(body);
        const to = m.to ?? m.touser ?? '';
        line = `→ ${Array.isArray(to) ? to.join(', ') : to} [${m.template ?? m.template_id ?? m.subject ?? ''}] ${m.text ?? ''}`;
      } catch {}
      console.log(`[provider ${req.url}] ${line}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() }),
    );
  });
}
