#!/usr/bin/env node
// generate-flags: parse arguments, call the library, print, write files atomically, and set
// the exit code in one place: 0 ok, 1 error findings (unresolved under --unresolved error),
// 2 usage or input error. Known errors print one line and a hint; anything else is a bug.

import { createRequire } from 'node:module';
import { analyze, PolicyError } from '../lib/index.js';
import { parseCli, usage } from './options.js';
import { renderDiagnostic, renderOutput, renderSummary } from './render.js';
import { writeFileAtomic } from './write-file.js';

function ownVersion(): string {
  const load = createRequire(import.meta.url);
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = load(candidate) as { name?: string; version?: string };
      if (pkg.name === 'node-permission-policy') return pkg.version ?? '0.0.0';
    } catch {
      // next
    }
  }
  return '0.0.0';
}

async function run(argv: string[]): Promise<number> {
  const options = parseCli(argv, process.cwd());
  if (options.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (options.version) {
    process.stdout.write(ownVersion() + '\n');
    return 0;
  }
  const report = await analyze({
    cwd: options.cwd,
    ...(options.entries.length > 0 ? { entries: options.entries } : {}),
    ...(options.target !== undefined ? { target: options.target } : {}),
    env: options.env,
    read: options.read,
    write: options.write,
    ...(options.unresolved ? { unresolved: options.unresolved } : {}),
  });
  const output = renderOutput(report, options.format);
  for (const d of report.diagnostics) if (d.severity !== 'info' || options.debug) process.stderr.write(renderDiagnostic(d) + '\n');
  if (options.output) {
    writeFileAtomic(options.output, output);
    process.stderr.write(`${renderSummary(report)}; wrote ${options.output}\n`);
  } else {
    process.stdout.write(output);
  }
  return report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

async function main(): Promise<void> {
  const debug = process.argv.includes('--debug');
  let code: number;
  try {
    code = await run(process.argv.slice(2));
  } catch (e) {
    if (e instanceof PolicyError) {
      process.stderr.write(`generate-flags: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
      if (debug) process.stderr.write(`${e.stack}\n`);
    } else {
      process.stderr.write(`generate-flags: internal error: ${(e as Error)?.message ?? e}\nThis is a bug, please report it (run with --debug for the stack).\n`);
      if (debug) process.stderr.write(`${(e as Error)?.stack}\n`);
    }
    code = 2;
  }
  process.exitCode = code;
}

await main();
