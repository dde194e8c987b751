// Output that is written down and later read by other Nodes, on other machines: a start script,
// a node.config.json, a committed flags file. Printed flags are for the Node that runs
// generate-flags (lib/project/target.ts); written ones must hold wherever the project goes.
// - A start script and a config file are read by Node itself, so with no --target they are for
//   the whole engines.node range. A range no one spelling serves is refused with the way that
//   does serve it: `generate-flags exec`, which spells the policy for the Node that starts it.
// - A file written into the project root carries the project's paths relative to it (`./data`):
//   Node resolves a relative grant against the folder it starts in (measured on 20, 22, 24 and 26
//   for flags, on 22, 24 and 26 for config files), and exec and --check resolve it against the
//   file's folder, so the file works in every checkout. Not when the app starts child processes
//   that inherit the flags (they would resolve them against their own folder): then absolute.

import * as path from 'node:path';
import { PolicyError, type Report } from '../lib/index.js';
import { nodeHost, readJson } from '../lib/host.js';
import { findRoot, type PackageJson } from '../lib/project/index.js';
import { relativePath, scriptFlags } from '../lib/script/script-flags.js';
import type { CliOptions } from './commands/generate-options.js';

/** The project's engines.node, when it is a string. */
function enginesOf(cwd: string): string | undefined {
  try {
    const pkg = readJson(nodeHost, path.join(findRoot(nodeHost, path.resolve(cwd)), 'package.json')) as PackageJson | undefined;
    const engines = pkg?.engines?.node;
    return typeof engines === 'string' && engines.trim() !== '' ? engines : undefined;
  } catch {
    return undefined; // no package.json: the analysis says so itself
  }
}

/** Options for output Node reads itself elsewhere (--script, --format config): the engines range when no target is given. */
export function forOtherNodes(options: CliOptions): CliOptions {
  if (options.target !== undefined || (options.script === undefined && options.format !== 'config')) return options;
  const engines = enginesOf(options.cwd);
  return engines === undefined ? options : { ...options, target: engines, fromEngines: true };
}

/** A refusal for a range the written output cannot serve, with the launch that does. */
export function unservable(e: unknown, options: CliOptions): unknown {
  if (!(e instanceof PolicyError) || !options.fromEngines) return e;
  if (e.code !== 'TARGET_RANGE_CONFLICT' && e.code !== 'FORMAT_UNSUPPORTED') return e;
  const what = options.script !== undefined ? `a start script with flags` : 'a node.config.json';
  return new PolicyError(
    e.code,
    `${what} cannot serve every Node engines.node '${options.target}' allows: ${e.message}`,
    'start the app with `generate-flags exec -- ENTRY` (it spells the policy for the Node that starts it; commit permission.flags for a fixed policy), or pass --target with the Node that runs the app',
  );
}

const inside = (root: string, p: string) => p === root || p.startsWith(root + '/');

/** The report with its paths relative to the project root, for a file written there (see above); the report itself otherwise. */
export function relativeForFile(report: Report, file: string): Report {
  const root = report.project.root;
  if (path.dirname(path.resolve(file)) !== root) return report;
  const written = scriptFlags(report, root);
  if (written.absoluteReason) return report;
  const rel = (p: string) => (p !== '*' && inside(root, p.replace(/\/\*$/, '')) ? relativePath(root, p) : p);
  const policy = { ...report.policy, fsRead: report.policy.fsRead.map((g) => ({ ...g, path: rel(g.path) })), fsWrite: report.policy.fsWrite.map((g) => ({ ...g, path: rel(g.path) })) };
  return { ...report, policy, flags: written.flags };
}

/** Where the CLI took the target from, when it was not the command line: for the summary line. */
export function targetFromOf(options: Pick<CliOptions, 'fromEngines' | 'targetFromSettings'>): 'permissionPolicy' | 'engines' | undefined {
  return options.targetFromSettings ? 'permissionPolicy' : options.fromEngines ? 'engines' : undefined;
}
