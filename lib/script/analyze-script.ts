// Analyses a package.json script the way it starts the app: every `node … file` command of it
// gets its own analysis (its entry, the modules it preloads with -r/--import, the variables its
// prefix sets, the folder it runs in), and the script text is rewritten to carry each policy.
// Reading and writing package.json is left to the caller; see package-json-edit.ts.

import * as path from 'node:path';
import { analyze, type AnalyzeOptions } from '../analyze.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { PolicyError } from '../errors.js';
import { nodeHost, readJson } from '../host.js';
import { findRoot, type PackageJson } from '../project/index.js';
import { isNodeInvocation, preloadsOf, readScript, type NodeInvocation } from '../project/node-command.js';
import type { Report } from '../report.js';
import { rewriteScript } from './rewrite.js';
import { scriptFlags } from './script-flags.js';

export interface ScriptOptions extends Omit<AnalyzeOptions, 'entries' | 'runCwd' | 'preload'> {
  /** The name of the script in package.json `scripts`. Required. */
  script: string;
}

/** One node command of the script and its policy. */
export interface ScriptCommand {
  invocation: NodeInvocation;
  report: Report;
  /** The flags as written into the script (paths relative where that is safe). */
  flags: string[];
}

export interface ScriptAnalysis {
  script: string;
  /** Absolute package root: the folder `npm run` starts the script in. */
  root: string;
  before: string;
  after: string;
  commands: ScriptCommand[];
  /** What the script rewrite itself has to say (SCRIPT_* codes); each analysis has its own. */
  diagnostics: Diagnostic[];
}

/** The raw text of a simple command, for messages. */
function commandText(text: string, invocation: { command: { words: { start: number; end: number }[] } }): string {
  const words = invocation.command.words;
  return text.slice(words[0]!.start, words[words.length - 1]!.end);
}

/** Why a node command cannot be analysed, or undefined when it can. */
function notAnalysable(c: NodeInvocation): 'eval' | 'stdin' | 'repl' | 'test' | 'no-run' | 'dynamic-entry' | 'cwd-unknown' | undefined {
  if (c.runs !== 'file') return c.runs;
  if (!c.entry || c.entry.dynamic) return 'dynamic-entry';
  if (c.command.cwd === undefined) return 'cwd-unknown';
  return undefined;
}

export function readPackageScript(options: Pick<ScriptOptions, 'cwd' | 'host' | 'script'>): { root: string; text: string } {
  const host = options.host ?? nodeHost;
  const root = findRoot(host, path.resolve(options.cwd));
  const pkg = readJson(host, path.join(root, 'package.json')) as PackageJson | undefined;
  const text = pkg?.scripts?.[options.script];
  if (typeof text !== 'string') {
    const names = Object.keys(pkg?.scripts ?? {});
    throw new PolicyError('SCRIPT_NOT_FOUND', `package.json has no script "${options.script}"`, names.length ? `its scripts: ${names.join(', ')}` : 'add a "scripts" entry that runs node');
  }
  return { root, text };
}

export async function analyzeScript(options: ScriptOptions): Promise<ScriptAnalysis> {
  const { script, ...base } = options;
  const { root, text } = readPackageScript(options);
  const diagnostics: Diagnostic[] = [];
  const commands: ScriptCommand[] = [];
  const skipped: string[] = [];
  for (const c of readScript(text)) {
    const shown = commandText(text, c);
    if (!isNodeInvocation(c)) {
      if (c.program !== 'cd') {
        skipped.push(`\`${shown}\` runs ${c.program}`);
        diagnostics.push(diagnostic('SCRIPT_OTHER_COMMAND', 'info', { script, command: shown, program: c.program }));
      }
      continue;
    }
    const reason = notAnalysable(c);
    if (reason) {
      diagnostics.push(diagnostic('SCRIPT_CODE_NOT_ANALYSED', 'warning', { script, command: shown, reason }));
      skipped.push(`\`${shown}\` runs no file`);
      continue;
    }
    for (const o of c.options) {
      if ((o.name === '--env-file' || o.name === '--env-file-if-exists') && o.value !== undefined) {
        diagnostics.push(diagnostic('SCRIPT_ENV_FILE', 'info', { script, file: o.value }));
      }
    }
    // The folder the command runs in: the root, or where a `cd` before it went.
    const runCwd = path.resolve(root, c.command.cwd!);
    const report = await analyze({
      ...base,
      cwd: root,
      entries: [path.resolve(runCwd, c.entry!.value)],
      runCwd,
      env: { ...c.env, ...base.env },
      preload: preloadsOf(c.options),
      // The script's words after the entry are the app's arguments, when none is a shell expansion.
      ...(c.args.every((w) => !w.dynamic) ? { argv: c.args.map((w) => w.value) } : {}),
    });
    const written = scriptFlags(report, runCwd);
    if (written.absoluteReason) {
      const paths = written.flags.filter((f) => f.startsWith('--allow-fs-')).map((f) => f.slice(f.indexOf('=') + 1));
      diagnostics.push(diagnostic('SCRIPT_PATHS_ABSOLUTE', 'warning', { script, command: shown, reason: written.absoluteReason, paths }));
    } else if (written.outside.length > 0) {
      diagnostics.push(diagnostic('SCRIPT_PATHS_ABSOLUTE', 'info', { script, command: shown, reason: 'outside-root', paths: written.outside }));
    }
    commands.push({ invocation: c, report, flags: written.flags });
  }
  if (commands.length === 0) {
    const what = skipped.length ? skipped.join('; ') : 'it is empty';
    throw new PolicyError('SCRIPT_NOT_NODE', `script "${script}" does not start node with a file (${what}), so there is no node command to carry the policy`, 'make the script start the app with `generate-flags exec -- FILE`, or use node.config.json (docs/adopting.md)');
  }
  return { script, root, before: text, after: rewriteScript(text, commands), commands, diagnostics };
}
