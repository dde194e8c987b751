// Turns a Report into the text of each --format, and diagnostics into one line each for
// stderr. Functions here return strings; printing and exit codes belong to main.ts.

import * as path from 'node:path';
import { formatDiagnostic, toConfig, toNodeOptions, toSarif, toShell, type Diagnostic, type Report } from '../lib/index.js';
import type { Format } from './commands/generate-options.js';
import { escapeControl } from './escape.js';

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
  // Paths, specifiers and names in it come from the project (cli/escape.ts).
  return escapeControl(`${where}${d.severity} ${d.code}: ${message}${hint ? ` (hint: ${hint})` : ''}`);
}

/** A short line saying what the analysis covered, for stderr. */
export function renderSummary(report: Report): string {
  const entries = report.project.entries.map((e) => path.relative(report.project.root, e) || '.').join(', ');
  return escapeControl(`analysed ${report.project.files.length} files from ${entries} for Node ${report.target.version} (${report.target.source}: ${report.target.from})`);
}
