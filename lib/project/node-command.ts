// Reads what a `node …` command line asks Node to do: the environment its prefix sets
// (`A=b`, `env A=b`, `cross-env A=b`), Node's own options (preloads, --env-file, permission
// flags), the entry file and the arguments after it. Used to find the entry of a start script,
// to rewrite a script with a policy, and by `generate-flags exec`. It reads words; splitting a
// script into words is shell-words.ts.

import { splitScript, type ShellWord, type SimpleCommand } from './shell-words.js';

/** One Node option as written: its words (one, or two for `-r x`) and its value, if any. */
export interface NodeOptionUse {
  name: string;
  value?: string;
  words: ShellWord[];
}

/** What a node command runs: a file, or code that is not in a file we can analyse. */
export type NodeRunKind = 'file' | 'eval' | 'stdin' | 'repl' | 'test' | 'no-run';

export interface NodeInvocation {
  /** The words of the whole simple command, prefix included. */
  command: SimpleCommand;
  /** Literal variables set by the prefix (`NODE_ENV=production node …`). */
  env: Record<string, string>;
  /** The `node` word itself. */
  node: ShellWord;
  options: NodeOptionUse[];
  runs: NodeRunKind;
  entry?: ShellWord;
  /** Words after the entry: the app's own arguments. */
  args: ShellWord[];
}

/** A simple command that does not start node, by the program it runs. */
export interface OtherCommand {
  command: SimpleCommand;
  program: string;
}

/**
 * Node options that take their value as the next word when written without `=`
 * (`node --help` lists them as `--opt=...`; Node's parser accepts both forms for these).
 * V8 options such as --max-old-space-size are left out: V8 only reads them with `=`.
 */
const optionsWithValue = new Set([
  '-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions',
  '--env-file', '--env-file-if-exists', '--title', '--input-type', '--experimental-config-file',
  '-e', '--eval', '-p', '--print', '--inspect-port', '--debug-port', '--openssl-config', '--icu-data-dir',
  '--redirect-warnings', '--report-dir', '--report-directory', '--report-filename', '--report-signal',
  '--diagnostic-dir', '--heapsnapshot-signal', '--heapsnapshot-near-heap-limit', '--secure-heap',
  '--secure-heap-min', '--tls-cipher-list', '--tls-keylog', '--unhandled-rejections', '--dns-result-order',
  '--disable-warning', '--watch-path', '--cpu-prof-dir', '--cpu-prof-name', '--cpu-prof-interval',
  '--heap-prof-dir', '--heap-prof-name', '--heap-prof-interval', '--trace-event-categories',
  '--trace-event-file-pattern', '--use-largepages', '--localstorage-file', '--snapshot-blob', '--run',
  '--allow-fs-read', '--allow-fs-write', '--stack-trace-limit', '--max-http-header-size', '--test-reporter',
  '--test-reporter-destination', '--test-name-pattern', '--test-skip-pattern', '--test-concurrency',
]);

/** Options after which node runs no file of ours. */
const runsOther: Record<string, NodeRunKind> = {
  '-e': 'eval', '--eval': 'eval', '-p': 'eval', '--print': 'eval', '-i': 'repl', '--interactive': 'repl',
  '--test': 'test', '-c': 'no-run', '--check': 'no-run', '-v': 'no-run', '--version': 'no-run',
  '-h': 'no-run', '--help': 'no-run', '--v8-options': 'no-run', '--run': 'no-run',
};

const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The flags a policy consists of; a re-run removes them before writing the new ones. */
export function isPolicyOption(name: string): boolean {
  return name === '--permission' || name === '--experimental-permission' || name.startsWith('--allow-');
}

function readEnv(words: ShellWord[], i: number, env: Record<string, string>): number {
  while (i < words.length && assignment.test(words[i]!.value)) {
    const w = words[i]!;
    const eq = w.value.indexOf('=');
    // A value with an expansion ($HOME/data) is not known; leave it to --env.
    if (!w.dynamic) env[w.value.slice(0, eq)] = w.value.slice(eq + 1);
    i++;
  }
  return i;
}

/** Skips the environment prefix and wrappers that run the rest unchanged; returns where the program word is. */
function skipPrefix(words: ShellWord[], env: Record<string, string>): number {
  let i = readEnv(words, 0, env);
  for (;;) {
    const w = words[i]?.value;
    if (w === 'exec') i++;
    else if (w === 'cross-env' || w === 'env') i = readEnv(words, i + 1, env);
    else return i;
  }
}

/** Node's options, entry and arguments from the words after `node`. */
export function readNodeWords(words: ShellWord[]): Pick<NodeInvocation, 'options' | 'runs' | 'entry' | 'args'> {
  const options: NodeOptionUse[] = [];
  let runs: NodeRunKind = 'file';
  let i = 0;
  while (i < words.length && words[i]!.value.startsWith('-') && words[i]!.value !== '-') {
    const w = words[i]!;
    if (w.value === '--') {
      i++;
      break;
    }
    const eq = w.value.startsWith('--') ? w.value.indexOf('=') : -1;
    const name = eq > 0 ? w.value.slice(0, eq) : w.value;
    if (eq > 0) options.push({ name, value: w.value.slice(eq + 1), words: [w] });
    else if (optionsWithValue.has(name) && i + 1 < words.length) {
      options.push({ name, value: words[i + 1]!.value, words: [w, words[i + 1]!] });
      i++;
    } else options.push({ name, words: [w] });
    if (runsOther[name] && runs === 'file') runs = runsOther[name]!;
    i++;
  }
  if (runs !== 'file') return { options, runs, args: words.slice(i) };
  if (i >= words.length) return { options, runs: 'repl', args: [] };
  if (words[i]!.value === '-') return { options, runs: 'stdin', args: words.slice(i + 1) };
  return { options, runs, entry: words[i]!, args: words.slice(i + 1) };
}

/** The node command of a simple command, or the program it runs instead. */
function readCommand(command: SimpleCommand): NodeInvocation | OtherCommand {
  const env: Record<string, string> = {};
  const at = skipPrefix(command.words, env);
  const program = command.words[at];
  if (!program) return { command, program: command.words[0]?.value ?? '' };
  if (program.value !== 'node' || program.dynamic) return { command, program: program.value };
  return { command, env, node: program, ...readNodeWords(command.words.slice(at + 1)) };
}

export function isNodeInvocation(c: NodeInvocation | OtherCommand): c is NodeInvocation {
  return 'node' in c;
}

/** Every simple command of a script, read as a node command or another program. */
export function readScript(text: string): (NodeInvocation | OtherCommand)[] {
  return splitScript(text).map(readCommand);
}

/** The script file of the first `node [options] file [args]` command of a script, relative to the package root. */
export function scriptOfStartCommand(command: string): string | undefined {
  for (const c of readScript(command)) {
    if (!isNodeInvocation(c) || c.runs !== 'file' || !c.entry || c.entry.dynamic || c.command.cwd === undefined) continue;
    const entry = c.entry.value;
    if (entry.startsWith('/') || c.command.cwd === '.') return entry;
    return `${c.command.cwd}/${entry}`;
  }
  return undefined;
}

/** Node options that load a module before the entry, and the form each stands for. */
const preloadOptions: Readonly<Record<string, '--require' | '--import'>> = {
  '-r': '--require',
  '--require': '--require',
  '--import': '--import',
  // A loader module is imported before the entry like --import (it then also hooks resolution).
  '--loader': '--import',
  '--experimental-loader': '--import',
};

/** The modules a node command's options preload, in order. */
export function preloadsOf(options: readonly NodeOptionUse[]): { specifier: string; flag: '--require' | '--import' }[] {
  return options.flatMap((o) => (preloadOptions[o.name] && o.value !== undefined ? [{ specifier: o.value, flag: preloadOptions[o.name]! }] : []));
}

/**
 * The preloads of the first `node [options] file` command of the start script: the app runs
 * with them (`node --import tsx src/index.ts`, `node -r dotenv/config server.js`), so an
 * analysis of the app from that script's entry includes them.
 */
export function preloadsOfStartCommand(command: string | undefined): { specifier: string; flag: '--require' | '--import' }[] {
  if (command === undefined) return [];
  const first = readScript(command).find((c) => isNodeInvocation(c) && c.runs === 'file' && c.entry && !c.entry.dynamic);
  return first && isNodeInvocation(first) ? preloadsOf(first.options) : [];
}
