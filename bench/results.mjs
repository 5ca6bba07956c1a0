// What every bench entry point shares: the commit id, the targets of issue 18 read from the
// figures, and bench/results/latest.json (the full run writes it whole; `bench:clocks` and
// `bench:events` alone replace their own section and keep the rest, each section naming its commit).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

export const resultsDir = new URL('./results/', import.meta.url);
const latest = new URL('latest.json', resultsDir);

/** The commit the figures are of (`+dirty` when the work tree has changes). */
export function gitCommit() {
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    const id = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${id}+dirty` : id;
  } catch {
    return null;
  }
}

const target = (name, value, limit, met, how) => ({
  name,
  value: value ?? null,
  limit,
  met: value === null || value === undefined ? null : met,
  how,
});
const atMost = (name, value, limit, how) => target(name, value, limit, value <= limit, `≤ ${limit}${how}`);
const atLeast = (name, value, limit, how) => target(name, value, limit, value >= limit, `≥ ${limit}${how}`);

const withWhy = (t, why) => (why ? { ...t, why } : t);

/** What bounds the alarm rate, read from the clock bench's CPU figures. */
function clockBound(c) {
  if (!c?.cpu || !c.windowSeconds) return null;
  const due = Math.round(c.clocks / c.windowSeconds);
  return (
    `alarms ran at ${c.alarmsPerSecond}/s against ${due}/s due; each cost ${c.cpu.cpuMsPerAlarm} ms of CPU in the ` +
    `runtimes, which used ${c.cpu.workerdCoresUsed} of the machine's ${c.cpu.cores} cores (machine ` +
    `${Math.round(c.cpu.machineBusy * 100)}% busy): at that cost ${c.cpu.cores} cores run at most ` +
    `${c.cpu.alarmsPerSecondAtAllCores} alarms/s, so the burst is bound by CPU`
  );
}

/** The targets of issue 18, each met, not met, or not measured (null) in `results`. */
export function targetsOf(results) {
  const create = results.scenarios?.find((s) => s.name === 'case create');
  const biggest = results.scaling?.at(-1);
  const c = results.clocks;
  const e = results.events;
  const searchNote =
    biggest && biggest.cases < 100_000 ? ` (read at ${biggest.cases} cases; the target is at 100,000)` : '';
  return [
    atMost('case create p50 × one insert', create?.p50Ratio, 2, '×'),
    atMost('case create p99 × one insert', create?.p99Ratio, 3, '×'),
    atMost(
      'case search p99 × filtered list, biggest tenant',
      biggest?.searchOverListP99?.median,
      1.5,
      `×${searchNote}`,
    ),
    atMost('clocks that did not run', c?.notFired, 0, ` of ${c?.clocks ?? '–'}`),
    atMost('clocks whose alarm ran twice', c?.firedMoreThanOnce, 0, ''),
    withWhy(
      atMost(
        'clock lateness p99 ms',
        c?.lateMs?.p99,
        1000,
        ` ms (${c?.clocks ?? '–'} due over ${c?.windowSeconds ?? '–'} s)`,
      ),
      clockBound(c),
    ),
    atLeast('events/s end to end', e?.eventsPerSecond, 500, ` (${e?.events ?? '–'} events)`),
    atMost('event delay p99 ms (outbox row → receipt)', e?.delayMs?.p99, 2000, ' ms'),
    atMost('events not received', e ? e.events - e.received : undefined, 0, ''),
    atMost('Worker isolate heap peak MiB', results.isolateHeap?.peakMb, 128, ' MiB'),
  ];
}

/** The targets as lines: met, NOT MET (by how much), or not measured in this run. */
export function targetLines(targets) {
  return targets.map((t) => {
    if (t.met === null) return `- ${t.name}: not measured in this run (target ${t.how})`;
    if (t.met) return `- ${t.name}: ${t.value} — met (target ${t.how})`;
    const by = t.limit === 0 ? `${t.value}` : `${Math.round((Math.abs(t.value - t.limit) / t.limit) * 100)}%`;
    return `- ${t.name}: ${t.value} — NOT MET, off by ${by} (target ${t.how})${t.why ? `; why: ${t.why}` : ''}`;
  });
}

/** Writes latest.json: `results` whole, with its commit and targets. */
export function writeResults(results) {
  const withTargets = { ...results, targets: targetsOf(results) };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(latest, `${JSON.stringify(withTargets, null, 2)}\n`);
  return withTargets;
}

/**
 * Replaces one section (`clocks`, `events`) of latest.json with a run of that scenario alone,
 * stamped with this commit; the rest of the file stays as the last run left it.
 */
export function writeSection(name, section) {
  const before = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')) : {};
  return writeResults({
    ...before,
    [name]: { ...section, commit: gitCommit(), at: new Date().toISOString() },
  });
}
