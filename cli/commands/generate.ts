// The default command: analyse the project and print (or write) the policy in a format.

import { toolVersion } from '../../lib/index.js';
import { renderExplanation } from '../explain.js';
import { analyseWithProgress, viewContext } from '../explain-run.js';
import { diagnosticPrinter, renderOutput, renderSummary, renderUserGrants } from '../render.js';
import * as fs from 'node:fs';
import { outputTarget, refuseInputAsOutput, writeFileAtomic } from '../write-file.js';
import type { CommandIO } from '../command.js';
import { advisoryListFor } from '../advisory-list.js';
import { parseCli, usage, type CliOptions } from './generate-options.js';
import { forOtherNodes, relativeForFile, targetFromOf, unservable } from '../written-output.js';
import { runCheck } from './check.js';
import { rewriteScriptCommand } from './script-rewrite.js';
import { withExistingConfig } from './config-output.js';
import { refuseTooLong } from '../command-line-fit.js';
import { withProjectSettings } from '../project-settings.js';
import { withCacheDir } from '../cache-dir.js';

export async function generate(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseCli(argv, io.cwd);
  if (parsed.help) {
    io.stdout(usage + '\n');
    return 0;
  }
  if (parsed.version) {
    io.stdout(toolVersion() + '\n');
    return 0;
  }
  const options = withCacheDir(forOtherNodes(withProjectSettings(parsed)), io.env);
  try {
    return await generateWith(options, io);
  } catch (e) {
    throw unservable(e, options);
  }
}

async function generateWith(options: CliOptions, io: CommandIO): Promise<number> {
  if (options.check) return runCheck(options, io);
  if (options.script !== undefined) return rewriteScriptCommand(options, io);
  // Checked before the analysis, so a mistyped -o fails at once.
  const target = options.output !== undefined ? outputTarget(options.output) : undefined;
  const report = await analyseWithProgress(options, io, await advisoryListFor(options.refreshAdvisories, io));
  // Before anything is printed, so the refusal is the one line the run ends with.
  if (options.output !== undefined && target !== undefined) refuseInputAsOutput(report, options.output, target);
  refuseTooLong(report.flags, options.format, options.argMax);
  // A policy file written into the project travels with relative paths; the JSON and SARIF reports keep absolute ones.
  const policyFile = options.output !== undefined && ['shell', 'args', 'node-options', 'config'].includes(options.format);
  const output = renderOutput(policyFile ? relativeForFile(report, options.output!) : report, options.format);
  if (!options.quiet) for (const line of renderUserGrants(report.project.root, options.read, options.write, isFolder)) io.stderr(line + '\n');
  diagnosticPrinter(io, options)(report.diagnostics);
  if (options.output !== undefined && target !== undefined) {
    writeFileAtomic(options.output, options.format === 'config' ? withExistingConfig(options.output, output) : output);
    if (!options.quiet) io.stderr(`${renderSummary(report, targetFromOf(options))}; wrote ${options.output}\n`);
  } else if (!options.explain) {
    io.stdout(output);
  }
  if (options.explain) io.stdout(renderExplanation({ ...viewContext(report, io), full: options.explainFull }));
  return report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

const isFolder = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
