// What the views (--explain, why, packages) share: the analysis with a progress line on a
// terminal, the diagnostics worth printing beside a view, and the rendering context.

import { analyze, type AdvisoryList, type Report } from '../lib/index.js';
import type { CommandIO } from './command.js';
import type { CliOptions } from './commands/generate-options.js';
import { analysisOptions } from './commands/script-rewrite.js';
import type { ExplainContext } from './explain.js';
import { escapeStrings } from './escape.js';
import { SourceLines } from './explain-source.js';
import { styleFor } from './explain-style.js';
import { progressLine } from './progress.js';
import { renderDiagnostic } from './render.js';
import { withHeapGrowthBounds } from './heap-growth.js';

/** analyze() for the CLI options, showing progress on stderr when it is a terminal; `advisories` replaces the bundled list. */
export async function analyseWithProgress(options: CliOptions, io: CommandIO, advisories?: AdvisoryList): Promise<Report> {
  const progress = progressLine(io);
  try {
    return await analyze(
      withHeapGrowthBounds({
        ...analysisOptions(options),
        ...(options.entries.length > 0 ? { entries: options.entries } : {}),
        ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
        ...(advisories ? { advisories } : {}),
      }),
    );
  } finally {
    progress.done();
  }
}

/** A view answers its question on stdout; errors still go to stderr, everything else with --debug. */
export function printViewDiagnostics(report: Report, io: CommandIO, debug: boolean): void {
  for (const d of report.diagnostics) if (d.severity === 'error' || debug) io.stderr(renderDiagnostic(d) + '\n');
}

/** The views render names and paths from the project: escaped once here (cli/escape.ts). */
export function viewContext(report: Report, io: CommandIO): ExplainContext {
  return { report: escapeStrings(report), style: styleFor(io.stdoutIsTTY, io.env), source: new SourceLines(report.project.root) };
}
