// A CPU profile of the Worker's isolate over a stretch of a bench, taken through the runtime's
// inspector (the Chrome DevTools protocol that `wrangler dev --inspector-port` serves), so a
// figure bound by CPU comes with where that CPU went.

/** Starts sampling the Worker's isolate behind `inspectorPort`; `stop()` answers the profile. */
export async function startCpuProfile(inspectorPort, intervalUs = 500) {
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const target = targets.find((t) => t.webSocketDebuggerUrl);
  if (!target) throw new Error(`no inspector target on port ${inspectorPort}`);
  // The runtime's inspector proxy refuses an upgrade without an Origin (as a browser sends).
  const socket = new WebSocket(target.webSocketDebuggerUrl, { headers: { origin: 'http://127.0.0.1' } });
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let lastId = 0;
  const waiting = new Map();
  socket.onmessage = (message) => {
    const answer = JSON.parse(message.data);
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  };
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      const id = ++lastId;
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: intervalUs });
  await send('Profiler.start');
  return {
    async stop() {
      const answer = await send('Profiler.stop');
      socket.close();
      return answer.result?.profile ?? null;
    },
  };
}

/**
 * The functions that took the most of the profile's samples themselves (self time), as shares of
 * the samples that were not idle: `{ what, share }`, `what` being the function and its file.
 */
export function hottest(profile, count = 12) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map();
  for (const id of profile.samples ?? []) {
    const frame = byNode.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    const file = frame.url ? frame.url.split('/').at(-1) : '';
    const what = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
    hits.set(what, (hits.get(what) ?? 0) + 1);
  }
  const busy = [...hits.values()].reduce((n, x) => n + x, 0);
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([what, n]) => ({ what, share: Number((n / busy).toFixed(3)) }));
}
