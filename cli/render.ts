// Turns a Report into the text of each --format, and diagnostics into one line each for
// stderr. Functions here return strings; printing and exit codes belong to main.ts.

import * as path from 'node:path';
import { formatDiagnostic, toConfig, toNodeOptions, toSarif, toShell, type Diagnostic, type Report } from '../lib/index.js';
import type { CommandIO } from './command.js';
import { userGrantPath } from '../lib/policy/path-check.js';
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
export function renderSummary(report: Report, targetFrom?: 'permissionPolicy' | 'engines'): string {
  const entries = report.project.entries.map((e) => path.relative(report.project.root, e) || '.').join(', ');
  const t = report.target;
  // A target the CLI took from package.json reaches the library as an option: name where it came from.
  const source = t.source === 'option' && targetFrom ? { permissionPolicy: 'permissionPolicy.target', engines: 'engines.node' }[targetFrom] : t.source;
  const from = t.engines !== undefined ? `the running Node, within engines.node ${t.engines}` : `${source}: ${t.from}`;
  return escapeControl(`analysed ${report.project.files.length} files from ${entries} for Node ${t.version} (${from})`);
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

/**
 * One line per --read/--write (and permissionPolicy read/write) saying what it granted, since
 * the meaning is fixed by the spelling, not by the disk: `dir/` is the folder and everything
 * below it, anything else that path only (lib/policy/path-check.ts userGrantPath).
 */
export function renderUserGrants(root: string, read: readonly string[], write: readonly string[], isDir: (p: string) => boolean): string[] {
  const lines: string[] = [];
  for (const [option, list] of [['--read', read], ['--write', write]] as const) {
    for (const p of list) {
      const { path: granted, folder } = userGrantPath(root, p);
      if (granted === '*' || granted === '/' || granted === '/*') lines.push(`${option} ${p}: granted everything`);
      else if (granted.replace(/\/\*$/, '') === root) lines.push(`${option} ${p}: granted the project folder ${root}${folder ? ' and everything below it, its code included' : ''}`);
      else if (folder) lines.push(`${option} ${p}: granted the folder ${granted.slice(0, -2) || '/'} and everything below it`);
      else if (isDir(granted)) lines.push(`${option} ${p}: granted ${granted} itself; it is a folder here, and Node grants its contents only where it exists when the app starts: write ${p.replace(/\/+$/, '')}/ for the folder and everything below it on every machine`);
      else lines.push(`${option} ${p}: granted ${granted} only (${p}/ would grant a folder and everything below it)`);
    }
  }
  return lines;
}
