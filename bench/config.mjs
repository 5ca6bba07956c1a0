// The bench's wrangler config: wrangler.toml with every rate-limit binding raised, so a
// measurement counts the API (the limiter is still called on every request) rather than
// the 429s of a per-tenant limit of 1,200 a minute. Written next to wrangler.toml (wrangler
// reads .dev.vars and resolves `main` beside its config) and git-ignored.
import { readFileSync, writeFileSync } from 'node:fs';

export const benchLimit = 100_000_000;

export function benchConfig() {
  const source = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
  const raised = source.replace(
    /simple = \{ limit = \d+, period = (\d+) \}/g,
    (_, period) => `simple = { limit = ${benchLimit}, period = ${period} }`,
  );
  if (raised === source) throw new Error('bench: no rate-limit bindings found in wrangler.toml to raise');
  const path = 'wrangler.bench.toml';
  writeFileSync(
    new URL(`../${path}`, import.meta.url),
    `# Written by bench/config.mjs from wrangler.toml (rate limits raised); do not edit.\n${raised}`,
  );
  return path;
}
