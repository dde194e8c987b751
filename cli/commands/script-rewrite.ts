// `generate-flags --script NAME [--write]`: shows the package.json script rewritten so each of
// its node commands carries its policy, and with a bare --write replaces that one string in
// package.json (atomically; the rest of the file is byte for byte the same).

import { escapeLines } from '../escape.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeScript, type ScriptAnalysis } from '../../lib/script/analyze-script.js';
import { setScript } from '../../lib/script/package-json-edit.js';
import type { CommandIO } from '../command.js';
import { diagnosticPrinter, renderSummary } from '../render.js';
import { writeFileAtomic } from '../write-file.js';
import { targetFromOf } from '../written-output.js';
import { defaultWorkers, type CliOptions } from './generate-options.js';
import { refuseTooLong } from '../command-line-fit.js';

export function analysisOptions(options: CliOptions) {
  return {
    cwd: options.cwd,
    ...platformOptions(options),
    ...(options.args ? { argv: options.args } : {}),
    ...(options.target !== undefined ? { target: options.target } : {}),
    env: options.env,
    read: options.read,
    write: options.write,
    ...(options.unresolved ? { unresolved: options.unresolved } : {}),
    ...(options.models.length > 0 ? { models: options.models } : {}),
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs } : {}),
    workers: options.workers ?? defaultWorkers,
    ...(options.cacheDir !== undefined ? { cache: { dir: options.cacheDir } } : {}),
  };
}

/**
 * The machine the app runs on: --platform/--arch, else this one's; the libc family is this
 * machine's (what Node's own report says) unless another platform was named.
 */
export function platformOptions(options: { platform?: string; arch?: string }): { platform: string; arch: string; libc?: 'glibc' | 'musl' } {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const here = platform === process.platform && process.platform === 'linux';
  const header = here ? (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header : undefined;
  return { platform, arch, ...(here ? { libc: header?.glibcVersionRuntime ? 'glibc' : 'musl' } : {}) };
}

/** Diagnostics of each command's analysis and of the rewrite; returns whether any is an error. */
function printScriptDiagnostics(analysis: ScriptAnalysis, io: CommandIO, options: { debug: boolean; quiet?: boolean; fromEngines?: boolean; targetFromSettings?: boolean }): boolean {
  let errors = false;
  const print = diagnosticPrinter(io, options);
  for (const { report } of analysis.commands) {
    if (!options.quiet) io.stderr(`${renderSummary(report, targetFromOf(options))}\n`);
    print(report.diagnostics);
    errors ||= report.diagnostics.some((d) => d.severity === 'error');
  }
  // The rewrite's own notes answer the question the user asked, so they are shown at every severity.
  print(analysis.diagnostics, true);
  return errors;
}

export async function rewriteScriptCommand(options: CliOptions, io: CommandIO): Promise<number> {
  const name = options.script!;
  const analysis = await analyzeScript({ ...analysisOptions(options), script: name });
  const errors = printScriptDiagnostics(analysis, io, options);
  const pkgPath = path.join(analysis.root, 'package.json');
  if (analysis.after === analysis.before) {
    io.stdout(escapeLines(`package.json script "${name}" already carries this policy:\n  ${analysis.after}\n`));
    return errors ? 1 : 0;
  }
  refuseTooLong([analysis.after], 'script', options.argMax);
  // The script text comes from the project: shown escaped (cli/escape.ts).
  io.stdout(escapeLines(`package.json script "${name}":\n- ${analysis.before}\n+ ${analysis.after}\n`));
  if (options.applyScript) {
    // Re-read the text just before writing: the analysis took a while and only this one string may change.
    writeFileAtomic(pkgPath, setScript(fs.readFileSync(pkgPath, 'utf8'), name, analysis.after));
    if (!options.quiet) io.stderr(escapeLines(`wrote script "${name}" to ${pkgPath}\n`));
  } else if (!options.quiet) {
    io.stderr(escapeLines(`run again with --write to write it into ${pkgPath}\n`));
  }
  return errors ? 1 : 0;
}
