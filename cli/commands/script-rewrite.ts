// `generate-flags --script NAME [--write]`: shows the package.json script rewritten so each of
// its node commands carries its policy, and with a bare --write replaces that one string in
// package.json (atomically; the rest of the file is byte for byte the same).

import { escapeLines } from '../escape.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeScript, type ScriptAnalysis } from '../../lib/script/analyze-script.js';
import { setScript } from '../../lib/script/package-json-edit.js';
import type { CommandIO } from '../command.js';
import { renderDiagnostic, renderSummary } from '../render.js';
import { writeFileAtomic } from '../write-file.js';
import type { CliOptions } from './generate-options.js';

export function analysisOptions(options: CliOptions) {
  return {
    cwd: options.cwd,
    ...(options.target !== undefined ? { target: options.target } : {}),
    env: options.env,
    read: options.read,
    write: options.write,
    ...(options.unresolved ? { unresolved: options.unresolved } : {}),
    ...(options.models.length > 0 ? { models: options.models } : {}),
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(options.timeBudgetMs !== undefined ? { timeBudgetMs: options.timeBudgetMs } : {}),
  };
}

/** Diagnostics of each command's analysis and of the rewrite; returns whether any is an error. */
export function printScriptDiagnostics(analysis: ScriptAnalysis, io: CommandIO, debug: boolean): boolean {
  let errors = false;
  for (const { report } of analysis.commands) {
    io.stderr(`${renderSummary(report)}\n`);
    for (const d of report.diagnostics) if (d.severity !== 'info' || debug) io.stderr(renderDiagnostic(d) + '\n');
    errors ||= report.diagnostics.some((d) => d.severity === 'error');
  }
  // The rewrite's own notes answer the question the user asked, so they are shown at every severity.
  for (const d of analysis.diagnostics) io.stderr(renderDiagnostic(d) + '\n');
  return errors;
}

export async function rewriteScriptCommand(options: CliOptions, io: CommandIO): Promise<number> {
  const name = options.script!;
  const analysis = await analyzeScript({ ...analysisOptions(options), script: name });
  const errors = printScriptDiagnostics(analysis, io, options.debug);
  const pkgPath = path.join(analysis.root, 'package.json');
  if (analysis.after === analysis.before) {
    io.stdout(escapeLines(`package.json script "${name}" already carries this policy:\n  ${analysis.after}\n`));
    return errors ? 1 : 0;
  }
  // The script text comes from the project: shown escaped (cli/escape.ts).
  io.stdout(escapeLines(`package.json script "${name}":\n- ${analysis.before}\n+ ${analysis.after}\n`));
  if (options.applyScript) {
    // Re-read the text just before writing: the analysis took a while and only this one string may change.
    writeFileAtomic(pkgPath, setScript(fs.readFileSync(pkgPath, 'utf8'), name, analysis.after));
    io.stderr(escapeLines(`wrote script "${name}" to ${pkgPath}\n`));
  } else {
    io.stderr(escapeLines(`run again with --write to write it into ${pkgPath}\n`));
  }
  return errors ? 1 : 0;
}
