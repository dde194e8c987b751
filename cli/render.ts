// Turns a Report into the text of each --format, and diagnostics into one line each for
// stderr. Functions here return strings; printing and exit codes belong to main.ts.

import * as path from 'node:path';
import { formatDiagnostic, toConfig, toNodeOptions, toSarif, toShell, type Diagnostic, type Report } from '../lib/index.js';
import type { CommandIO } from './command.js';
import type { Format } from './commands/generate-options.js';

export function renderOutput(report: Report, format: Format): string {
  switch (format) {
    case 'shell':
      return toShell(report.flags) + '\n';
    case 'args':
      return JSON.stringify(report.flags) + '\n';
    case 'node-options':
      return toNodeOptions(report.flags) + '\n';
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'config':
      return JSON.stringify(toConfig(report), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(report), null, 2) + '\n';
  }
}

export function renderDiagnostic(d: Diagnostic): string {
  const { message, hint } = formatDiagnostic(d);
  const where = d.site ? `${d.site.file}:${d.site.line}:${d.site.column}: ` : '';
  return `${where}${d.severity} ${d.code}: ${message}${hint ? ` (hint: ${hint})` : ''}`;
}

/** A short line saying what the analysis covered, for stderr. */
export function renderSummary(report: Report): string {
  const entries = report.project.entries.map((e) => path.relative(report.project.root, e) || '.').join(', ');
  const t = report.target;
  const from = t.engines !== undefined ? `the running Node, within engines.node ${t.engines}` : `${t.source}: ${t.from}`;
  return `analysed ${report.project.files.length} files from ${entries} for Node ${t.version} (${from})`;
}

/**
 * Prints diagnostics on stderr for one run, each line once: a script's node commands and --check's
 * policies are analysed separately but share the end-of-life warning, the advisories and often
 * more. `quiet` keeps errors only, `debug` adds info; `all` shows every severity (unless quiet).
 */
export function diagnosticPrinter(io: Pick<CommandIO, 'stderr'>, options: { quiet?: boolean; debug?: boolean }) {
  const seen = new Set<string>();
  return (diagnostics: readonly Diagnostic[], all = false): void => {
    for (const d of diagnostics) {
      const shown = d.severity === 'error' || (!options.quiet && (all || d.severity === 'warning' || options.debug));
      const line = renderDiagnostic(d);
      if (!shown || seen.has(line)) continue;
      seen.add(line);
      io.stderr(line + '\n');
    }
  };
}
