// Command-line parsing for generate-flags: node:util.parseArgs in strict mode, so an unknown
// or malformed option is a usage error (exit 2) with a hint, never a stack trace.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { PolicyError } from '../../lib/index.js';
import type { UnresolvedMode } from '../../lib/index.js';
import { optionHint } from '../suggest.js';
import { envPairs } from '../command.js';

export const formats = ['shell', 'args', 'json', 'config', 'node-options', 'sarif'] as const;
export type Format = (typeof formats)[number];

export interface CliOptions {
  entries: string[];
  cwd: string;
  target?: string;
  format: Format;
  read: string[];
  write: string[];
  env: Record<string, string>;
  /** --models DIR: folders of package models, before the project's permission-models/ and the shipped ones. */
  models: string[];
  unresolved?: UnresolvedMode;
  /** The target is engines.node, taken for output written for other Nodes (cli/written-output.ts). */
  fromEngines?: boolean;
  /** The target came from package.json permissionPolicy (cli/project-settings.ts). */
  targetFromSettings?: boolean;
  output?: string;
  /** --max-file-size: largest module analysed, in bytes. */
  maxFileSize?: number;
  /** --time-budget: how long the analysis may take, in milliseconds. */
  timeBudgetMs?: number;
  /** --workers N: threads that examine files ahead of the analysis (docs/workers.md); absent: `defaultWorkers`. */
  workers?: number;
  /** --arg-max: the command-line limit shell, args, node-options and --script output must fit (default 2 MiB, Linux's ARG_MAX). */
  argMax?: number;
  /** --explain: print why each grant exists and what is unresolved instead of the output (-o still writes it). */
  explain: boolean;
  /** --explain=full: every piece of evidence; plain --explain leads with a summary per grant and package. */
  explainFull: boolean;
  /** --quiet: print error diagnostics only. */
  quiet: boolean;
  /** --script NAME: show (or with a bare --write, apply) the rewrite of that package.json script. */
  script?: string;
  applyScript: boolean;
  /** --check: compare the committed policy with what the code needs now. */
  check: boolean;
  /** --policy FILE: the committed policy file for --check. */
  policy?: string;
  /** --platform / --arch (else package.json permissionPolicy): the machine the app runs on (default: this one's), and its libc family (detected here). */
  platform?: string;
  arch?: string;
  /** Arguments after `--`: the app's command line after the entry, bound to process.argv. */
  args?: string[];
  /** --refresh-advisories: check the target against the live vulnerability index. */
  refreshAdvisories: boolean;
  /** --no-cache: neither reuse nor store analysis results (docs/cache.md). */
  noCache: boolean;
  /** The analysis cache folder, set from the environment by the command (cli/cache-dir.ts) unless --no-cache. */
  cacheDir?: string;
  debug: boolean;
  help: boolean;
  version: boolean;
}

export const usage = `Usage: generate-flags [options] [entry...] [-- args...]

Reads a Node.js project without running it and prints the least-privilege
Permission Model flags that let it run. Words after -- are the arguments the app
is started with (process.argv after the entry).

Commands:
  (none)                 print the policy of the project (the options below)
  exec -- ENTRY          start the app under its policy, spelled for this Node
  why <what>             which code needs a capability, or which grant covers a path
  packages               what each package (the app, each dependency) needs
  doctor                 what the Permission Model restricts on the target Node
  verify -- COMMAND      run the app once in audit mode (Node 24, 26): what the policy misses
  help [command]         show the help of a command

Settings: package.json "permissionPolicy" (read, write, env, unresolved, target,
entries, models, platform, arch) is used by every command; options given here
add to its lists and replace its single values.

Options:
  --cwd DIR              project folder (default: current folder)
  --target VERSION       Node version: 22, 22.13.0 or a range (default: this Node when
                         engines.node allows it, else engines.node, .nvmrc, .node-version)
  --format FORMAT        shell (default), args, json, config, node-options, sarif
  --read PATH            also grant read on PATH (repeatable)
  --write PATH           also grant write on PATH (repeatable)
  --env NAME=VALUE       value of process.env.NAME for the analysis (repeatable)
  --models DIR           also use the package models in DIR (see docs/models.md), before
                         the project's permission-models/ and the shipped ones (repeatable)
  --unresolved MODE      what to do with paths that cannot be resolved: warn, project, error
                         (default: project root for reads, warn for writes)
  -o, --output FILE      write the output to FILE (atomically) instead of stdout; with
                         --format config an existing file keeps its other settings
  --explain[=full]       print, instead of the output (which -o FILE still writes), a
                         summary per grant and per package with counts, and each
                         unresolved access with what to do; =full: every code site
  --script NAME          show the package.json script NAME rewritten to carry the policy;
                         with a bare --write (no path after it), write it into package.json
  --check                compare the committed policy (--script NAME, --policy FILE, else
                         the ones found, see docs/adopting.md) with what the code needs;
                         exit 1 listing missing and no longer needed grants
  --policy FILE          the committed policy file for --check
  --refresh-advisories   check the target against the live Node.js vulnerability index
                         (5 s limit) instead of the list bundled with this version
  --no-cache             do not reuse or store the analysis (default: reuse it while no
                         file it read changed; $NPP_CACHE, else ~/.cache/…/analysis)
  --platform NAME        process.platform of the machine the app runs on (default: this
                         machine's); code for other platforms is left out
  --arch NAME            process.arch of that machine (default: this machine's)
  --max-file-size SIZE   largest module file analysed (bytes, or 512K, 8M; default 4M);
                         a larger one is granted but not analysed
  --time-budget SECONDS  stop analysing after SECONDS; what is left is granted as loaded
                         code but not analysed, and reported (default: no limit)
  --workers N            threads that examine files ahead of the analysis, beside the main
                         thread; 0 examines every file on it (default 0, docs/workers.md)
  --arg-max BYTES        command-line limit (default 2097152, Linux's ARG_MAX) that the
                         shell, args, node-options and --script output must fit; beyond
                         it they are refused (use --format config or generate-flags exec)
  -q, --quiet            print error diagnostics only (no warnings)
  --debug                also print info diagnostics, and stack traces of internal errors
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 ok, 1 unresolved accesses under --unresolved error (or other error findings),
or --check found a difference, 2 bad usage or input.`;

/** `4194304`, `512K`, `8M`, `8MiB`, `1G`: binary units, as `ls -h` prints them. */
function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(?:([KMG])(?:i?B)?|B)?$/i.exec(text.trim());
  const units: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
  const bytes = m ? Math.floor(Number(m[1]) * (m[2] ? units[m[2].toUpperCase()]! : 1)) : NaN;
  if (!(bytes > 0)) throw usageError(`--max-file-size expects a size such as 8M or 500000, got '${text}'`);
  return bytes;
}

/**
 * --workers N: a whole number of threads, at most 64 (more only costs start-up). Default 0:
 * measured on a 2-core machine (docs/benchmarks.md), neither a parse worker nor an examination
 * worker shortened a run there.
 */
export const defaultWorkers = 0;

function parseWorkers(text: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 64)) throw usageError(`--workers expects a number of threads from 0 to 64, got '${text}'`);
  return n;
}

function parseSeconds(text: string): number {
  const seconds = /^\d+(?:\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!(seconds > 0)) throw usageError(`--time-budget expects seconds, such as 30 or 2.5, got '${text}'`);
  return seconds * 1000;
}

function usageError(message: string, hint = 'run generate-flags --help'): PolicyError {
  return new PolicyError('OPTION_INVALID', message, hint);
}

/**
 * The spelling `--script start --write` uses --write without a path, while `--write
 * PATH` grants write access. With --script, a --write that is last or followed by another
 * option is the "apply" switch; with a path after it, it is still a grant.
 */
function takeApplySwitch(argv: string[]): { argv: string[]; apply: boolean } {
  const end = argv.indexOf('--') < 0 ? argv.length : argv.indexOf('--');
  const hasScript = argv.slice(0, end).some((a) => a === '--script' || a.startsWith('--script='));
  if (!hasScript) return { argv, apply: false };
  const i = argv.findIndex((a, j) => j < end && a === '--write' && (j + 1 >= end || argv[j + 1]!.startsWith('-')));
  if (i < 0) return { argv, apply: false };
  return { argv: [...argv.slice(0, i), ...argv.slice(i + 1)], apply: true };
}

/** A --models folder, made absolute against the current folder; a missing one is a usage error, not silently no models. */
function modelsFolder(dir: string, cwd: string): string {
  const abs = path.resolve(cwd, dir);
  if (!fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) throw usageError(`--models ${dir}: no such folder`, 'give a folder that holds package models (*.json, see docs/models.md)');
  return abs;
}

/** The options of the default command, as node:util.parseArgs takes them. */
const cliOptions = {
  cwd: { type: 'string' },
  target: { type: 'string' },
  format: { type: 'string' },
  read: { type: 'string', multiple: true },
  write: { type: 'string', multiple: true },
  env: { type: 'string', multiple: true },
  models: { type: 'string', multiple: true },
  unresolved: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'max-file-size': { type: 'string' },
  'time-budget': { type: 'string' },
  workers: { type: 'string' },
  'arg-max': { type: 'string' },
  explain: { type: 'boolean' },
  script: { type: 'string' },
  check: { type: 'boolean' },
  policy: { type: 'string' },
  'refresh-advisories': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  platform: { type: 'string' },
  arch: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** `--explain=full` (every piece of evidence) and `--explain=summary` (the default) as the boolean --explain and a level. */
function takeExplainLevel(argv: string[]): { argv: string[]; full: boolean } {
  const end = argv.indexOf('--') < 0 ? argv.length : argv.indexOf('--');
  let full = false;
  const out = argv.map((a, i) => {
    if (i >= end || !a.startsWith('--explain=')) return a;
    const level = a.slice('--explain='.length);
    if (level !== 'full' && level !== 'summary') throw usageError(`unknown --explain level '${level}'`, 'use --explain (a summary) or --explain=full (every piece of evidence)');
    full = level === 'full';
    return '--explain';
  });
  return { argv: out, full };
}

export function parseCli(argv: string[], cwd: string): CliOptions {
  const level = takeExplainLevel(argv);
  const apply = takeApplySwitch(level.argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: apply.argv,
      allowPositionals: true,
      tokens: true,
      strict: true,
      options: cliOptions,
    });
  } catch (e) {
    // Node's message is several lines; the first says what is wrong, a "To specify…" line says
    // how to pass a value that starts with a dash (--read=-x), which is the hint worth keeping.
    const lines = (e as Error).message.split('\n');
    const dash = lines.find((l) => l.startsWith('To specify'));
    const message = lines[0]!.replace(/\. To specify.*$/, '');
    throw usageError(message, dash ? dash.replace(/^To specify/, 'to specify').replace(/\.$/, '') : optionHint(message, Object.keys(cliOptions), 'run generate-flags --help'));
  }
  const v = parsed.values;
  for (const name of ['cwd', 'target', 'format', 'unresolved', 'output', 'max-file-size', 'time-budget', 'workers', 'platform', 'arch'] as const) {
    const given = parsed.tokens.filter((t) => t.kind === 'option' && t.name === name).length;
    if (given > 1) throw usageError(`--${name} is given ${given} times`, 'give it once');
  }
  const format = (v.format ?? 'shell') as Format;
  if (!formats.includes(format)) throw usageError(`unknown --format '${v.format}'`, `use one of ${formats.join(', ')}`);
  const unresolved = v.unresolved as UnresolvedMode | undefined;
  if (unresolved !== undefined && !['warn', 'project', 'error'].includes(unresolved)) {
    throw usageError(`unknown --unresolved mode '${unresolved}'`, 'use warn, project or error');
  }
  const env = envPairs(v.env ?? [], (message) => usageError(message));
  for (const [name, list] of [['--read', v.read], ['--write', v.write], ['--models', v.models]] as const) {
    if ((list ?? []).some((p) => p === '')) throw usageError(`${name} expects a path`);
  }
  if (v.script !== undefined && !v.check && (v.output !== undefined || v.format !== undefined)) {
    throw usageError('--script rewrites a package.json script; --format and -o do not apply to it', 'use --script NAME to see the rewrite, add --write to apply it');
  }
  if (v.explain && (v.check || v.script !== undefined)) throw usageError('--explain explains the generated policy; it does not apply to --check or --script');
  if (v.explain && v.format !== undefined && v.output === undefined) {
    throw usageError('--explain prints the explanation instead of the output', 'add -o FILE to also write the --format output');
  }
  if (v.check && v.output !== undefined) throw usageError('--check writes nothing; -o does not apply to it');
  if (v.check && v.script !== undefined && v.policy !== undefined) throw usageError('--check compares one committed policy: give --script NAME or --policy FILE, not both');
  if (v.policy !== undefined && !v.check) throw usageError('--policy FILE is read by --check (and by generate-flags exec)', 'add --check');
  if (apply.apply && v.check) throw usageError('--check writes nothing; --write does not apply to it');
  const argMax = v['arg-max'] !== undefined ? Number(v['arg-max']) : undefined;
  if (argMax !== undefined && !(Number.isInteger(argMax) && argMax > 0)) throw usageError(`--arg-max expects a number of bytes, got '${v['arg-max']}'`);
  // Words after `--` are the app's arguments, not entries.
  const terminator = parsed.tokens.find((t) => t.kind === 'option-terminator');
  const positional = parsed.tokens.filter((t) => t.kind === 'positional');
  const entries = positional.filter((t) => !terminator || t.index < terminator.index).map((t) => t.value);
  const args = terminator ? positional.filter((t) => t.index > terminator.index).map((t) => t.value) : undefined;
  for (const name of ['platform', 'arch'] as const) if (v[name] === '') throw usageError(`--${name} expects a name such as ${name === 'platform' ? 'linux' : 'x64'}`);
  return {
    entries,
    ...(args ? { args } : {}),
    ...(v.platform !== undefined ? { platform: v.platform } : {}),
    ...(v.arch !== undefined ? { arch: v.arch } : {}),
    cwd: v.cwd ?? cwd,
    ...(v.target !== undefined ? { target: v.target } : {}),
    format,
    read: v.read ?? [],
    write: v.write ?? [],
    env,
    models: (v.models ?? []).map((dir) => modelsFolder(dir, cwd)),
    ...(unresolved ? { unresolved } : {}),
    ...(v.output !== undefined ? { output: v.output } : {}),
    ...(v['max-file-size'] !== undefined ? { maxFileSize: parseSize(v['max-file-size']) } : {}),
    ...(v['time-budget'] !== undefined ? { timeBudgetMs: parseSeconds(v['time-budget']) } : {}),
    ...(v.workers !== undefined ? { workers: parseWorkers(v.workers) } : {}),
    ...(argMax !== undefined ? { argMax } : {}),
    explain: v.explain ?? false,
    explainFull: level.full,
    quiet: v.quiet ?? false,
    ...(v.script !== undefined ? { script: v.script } : {}),
    applyScript: apply.apply,
    check: v.check ?? false,
    ...(v.policy !== undefined ? { policy: v.policy } : {}),
    refreshAdvisories: v['refresh-advisories'] ?? false,
    noCache: v['no-cache'] ?? false,
    debug: v.debug ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}
