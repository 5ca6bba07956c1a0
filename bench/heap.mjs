// The Worker isolate's JavaScript heap, read over the runtime's inspector (Chrome DevTools
// protocol, `Runtime.getHeapUsage`, the heap V8 holds for the isolate: what the Workers 128 MB
// isolate limit counts, unlike the workerd process's resident set, which also holds SQLite, the
// local D1/queue simulators and every other isolate). `heapSampler(port)` polls it every
// `everyMs` while a scenario runs and answers the peak.
import WebSocket from 'ws';

export async function heapSampler(inspectorPort, { everyMs = 100 } = {}) {
  let targets = [];
  for (let i = 0; i < 40 && targets.length === 0; i++) {
    try {
      targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
    } catch {}
    if (targets.length === 0) await new Promise((r) => setTimeout(r, 250));
  }
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) return null;
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data));
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg.result);
      pending.delete(msg.id);
    }
  });
  const call = (method) =>
    new Promise((resolve) => {
      const n = ++id;
      pending.set(n, resolve);
      ws.send(JSON.stringify({ id: n, method }));
      setTimeout(() => {
        if (!pending.delete(n)) return;
        resolve(null);
      }, 2000);
    });
  const usedMb = async () => {
    const r = await call('Runtime.getHeapUsage');
    return r ? r.usedSize / 2 ** 20 : null;
  };
  let peak = 0;
  let timer = null;
  return {
    target: targets[0]?.title ?? targets[0]?.id,
    /** Starts a peak over a new window. */
    start() {
      peak = 0;
      clearInterval(timer);
      timer = setInterval(async () => {
        const mb = await usedMb();
        if (mb !== null && mb > peak) peak = mb;
      }, everyMs);
    },
    /** The peak used heap (MiB) since `start`. */
    async stop() {
      clearInterval(timer);
      const mb = await usedMb();
      if (mb !== null && mb > peak) peak = mb;
      return Math.round(peak * 10) / 10;
    },
    close: () => ws.close(),
  };
}
