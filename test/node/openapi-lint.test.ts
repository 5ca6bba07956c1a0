import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi-doc';

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

const root = resolve(import.meta.dirname, '../..');

/** Runs Redocly CLI (recommended rules, redocly.yaml) on the document; answers its problems. */
async function redoclyLint(document: unknown): Promise<Problem[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  const run = await promisify(execFile)(
    process.execPath,
    [
      join(root, 'node_modules/@redocly/cli/bin/cli.js'),
      'lint',
      file,
      '--config',
      join(root, 'redocly.yaml'),
      '--format',
      'json',
      '--max-problems',
      '10000',
    ],
    {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
    // The CLI exits 1 when it finds errors; its report is still on stdout.
    if (!error.stdout) throw new Error(`redocly lint failed: ${error.stderr}`);
    return error as { stdout: string };
  });
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { problems: Problem[] };
  return report.problems;
}

const show = (problems: Problem[]) =>
  problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`).join('\n');

describe('the OpenAPI document (/openapi.json)', () => {
  it("passes Redocly CLI's recommended rules with no error", async () => {
    const problems = await redoclyLint(await openApiDocument());
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warn');
    if (warnings.length > 0) console.info(`${warnings.length} Redocly warnings:\n${show(warnings)}`);
    expect(show(errors)).toBe('');
  });
});
