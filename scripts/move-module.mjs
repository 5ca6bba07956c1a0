#!/usr/bin/env node
/*
 * Moves one TypeScript module and rewrites every relative import of it (and the moved file's
 * own relative imports), so a rename is one mechanical, repeatable command:
 *
 *   node scripts/move-module.mjs workers/data/audit.ts workers/data/audit-log.ts
 *
 * It runs `git mv`, then rewrites `from '…'` / `import('…')` specifiers in the tracked
 * .ts/.mjs files of workers/, test/, bench/, scripts/ and packages/. Nothing else changes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [from, to] = process.argv.slice(2);
if (!from || !to || !from.endsWith('.ts') || !to.endsWith('.ts')) {
  console.error('usage: node scripts/move-module.mjs <from.ts> <to.ts>');
  process.exit(2);
}
const root = process.cwd();
const abs = (p) => path.resolve(root, p);
const noExt = (p) => p.replace(/\.ts$/, '');

execFileSync('git', ['mv', from, to], { stdio: 'inherit' });

const files = execFileSync('git', ['ls-files', 'workers', 'test', 'bench', 'scripts', 'packages'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => /\.(ts|mjs)$/.test(f));

const specifier = /(from\s+|import\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;
const relative = (fromFile, target) => {
  let rel = path.relative(path.dirname(fromFile), target).split(path.sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
};

let changed = 0;
for (const file of files) {
  const fileAbs = abs(file);
  const wasAt = file === to ? abs(from) : fileAbs; // the moved file's imports resolve from its old place
  const text = readFileSync(fileAbs, 'utf8');
  const next = text.replace(specifier, (whole, lead, quote, spec) => {
    const resolved = path.resolve(path.dirname(wasAt), spec);
    const target = resolved === noExt(abs(from)) ? noExt(abs(to)) : resolved;
    if (target === resolved && file !== to) return whole;
    return `${lead}${quote}${relative(fileAbs, target)}${quote}`;
  });
  if (next !== text) {
    writeFileSync(fileAbs, next);
    changed++;
  }
}
console.log(`moved ${from} -> ${to}; rewrote imports in ${changed} file(s)`);
