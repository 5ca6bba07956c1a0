// Runs in Node before the workerd tests: a local HTTP receiver standing in for integrator
// endpoints and provider APIs (email, SMS, WeChat). Tests reach it over real HTTP.
//   POST /<anything>          → 200 and recorded
//   POST /fail/<status>/...   → answers <status> (e.g. /fail/500) and is recorded
//   GET  /__received?prefix=/b/xyz → the recorded requests whose path starts with prefix
//   POST /__dns {name, A?, AAAA?, status?, httpStatus?} → sets the records of a name
//   GET  /dns-query?name=&type=A|AAAA → a DNS-over-HTTPS JSON answer (the Worker's DNS_RESOLVER_URL
//        in tests): the records set for the name, NXDOMAIN for a name never set
import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    receiverUrl: string;
  }
}

interface DnsRecords {
  A?: string[];
  AAAA?: string[];
  /** DNS rcode to answer (0 NOERROR, 2 SERVFAIL...). */
  status?: number;
  /** Answer this HTTP status instead (a resolver that is down). */
  httpStatus?: number;
}

interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

let server: Server | undefined;

export default async function setup(project: TestProject) {
  const received: Received[] = [];
  const zone = new Map<string, DnsRecords>();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method === 'GET' && url.pathname === '/dns-query') {
      const name = (url.searchParams.get('name') ?? '').toLowerCase().replace(/\.$/, '');
      const type = url.searchParams.get('type') === 'AAAA' ? 'AAAA' : 'A';
      const records = zone.get(name);
      if (records?.httpStatus) {
        res.statusCode = records.httpStatus;
        res.end('resolver down');
        return;
      }
      const status = records ? (records.status ?? 0) : 3;
      const Answer = (records?.[type] ?? []).map((data) => ({
        name,
        type: type === 'A' ? 1 : 28,
        TTL: 0,
        data,
      }));
      res.setHeader('content-type', 'application/dns-json');
      res.end(JSON.stringify({ Status: status, Question: [{ name, type: type === 'A' ? 1 : 28 }], Answer }));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/__dns') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { name, ...records } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as DnsRecords & {
          name: string;
        };
        zone.set(name.toLowerCase(), records);
        res.end('ok');
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/__received') {
      const prefix = url.searchParams.get('prefix') ?? '/';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(received.filter((r) => r.path.startsWith(prefix))));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? 'GET',
        path: url.pathname + url.search,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const fail = /^\/fail\/(\d{3})/.exec(url.pathname);
      res.statusCode = fail ? Number(fail[1]) : 200;
      res.end(fail ? `failing on purpose with ${fail[1]} ${'x'.repeat(3000)}` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  project.provide('receiverUrl', `http://127.0.0.1:${port}`);
  return async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  };
}
