// `npm run build:report`: every chunk of the console's build with its gzip size, and what the
// login route loads (the entry, the login screen and their static imports) against its budget:
// over it, the script exits 1, so `npm run build:report` and CI (.ci/run) fail.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../packages/console/dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const loginBudgetKb = 300;

const gzipKb = (file) => gzipSync(readFileSync(new URL(file, dist))).length / 1024;
const rawKb = (file) => statSync(new URL(file, dist)).size / 1024;

/** The files a manifest entry loads before it runs: itself, its CSS and its static imports. */
function closure(key, seen = new Set()) {
  const entry = manifest[key];
  if (!entry || seen.has(entry.file)) return seen;
  seen.add(entry.file);
  for (const css of entry.css ?? []) seen.add(css);
  for (const imported of entry.imports ?? []) closure(imported, seen);
  return seen;
}

const rows = Object.values(manifest)
  .map((e) => e.file)
  .filter((f, i, all) => all.indexOf(f) === i)
  .map((file) => ({ file, raw: rawKb(file), gzip: gzipKb(file) }))
  .sort((a, b) => b.gzip - a.gzip);
console.log('chunk'.padEnd(48), 'raw KB'.padStart(9), 'gzip KB'.padStart(9));
for (const r of rows)
  console.log(r.file.padEnd(48), r.raw.toFixed(1).padStart(9), r.gzip.toFixed(1).padStart(9));

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const loginKey = Object.keys(manifest).find((k) => k.includes('pages/login/'));
const login = new Set([...closure(entryKey), ...closure(loginKey)]);
const loginGzip = [...login].reduce((sum, f) => sum + gzipKb(f), 0);
console.log(
  `\nlogin route: ${login.size} files, ${loginGzip.toFixed(1)} KB gzip (budget ${loginBudgetKb} KB)`,
);
if (loginGzip > loginBudgetKb) {
  // `npm run build:report` (and CI) fail: split what the login route need not load (lazy routes,
  // the English pack in its own chunk, see packages/console/src/i18n) rather than raise the budget.
  console.error(`OVER BUDGET by ${(loginGzip - loginBudgetKb).toFixed(1)} KB gzip`);
  process.exitCode = 1;
}
