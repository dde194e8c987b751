// child-process detector: feeds --allow-child-process. Every spawning API throws
// ERR_ACCESS_DENIED synchronously without the flag (docs/node-facts.md#child-process). fork() also loads code: its
// module is followed as an entry and granted read (20 and 23 check the forked file).
// cluster.fork() starts a child process running the main module again (already granted as the
// entry), so it needs the same flag.
// A Node child started another way (execFileSync(process.execPath, [script]), spawn('node',
// […]), exec('node script')) runs its script under the policy it inherits (22.18+/24.4+, facts
// docs/node-facts.md#child-process), so the script is followed as an entry exactly like fork's; a script, preload or inline
// code (-e, stdin) the analysis cannot fold is reported at the call.
// https://nodejs.org/api/permissions.html#child-process-permissions

import * as path from 'node:path';
import { alternatives, str, unknown, type Value } from '../evaluate/index.js';
import type { DetectSink, Detector, Handler, SinkCall } from './context.js';

const fork: Handler = (call, sink) => {
  sink.capability(call, 'child-process');
  sink.moduleValue(call, call.arg(0), 'fork');
  childInOtherFolder(call, sink, call.arg(1).k === 'arr' ? call.arg(2) : call.arg(1));
};

/** spawn/execFile(command, args?, options?): a Node command's argument list is followed. */
const spawnsFile: Handler = (call, sink) => {
  sink.capability(call, 'child-process');
  const line = shellCommandLine(call.arg(0), call.arg(1));
  if (line) return followCommandLine(call, sink, line, call.arg(2));
  if (!isNodeCommand(call.arg(0))) return programNotKnown(call, sink, [call.arg(0)]);
  const args = call.arg(1);
  childInOtherFolder(call, sink, args.k === 'obj' ? args : call.arg(2));
  if (args.k === 'arr') return followNodeArgs(call, sink, args.items);
  // No argument list: node reads its program from stdin, which is data made at run time.
  if (args.k === 'obj' || args.k === 'nullish') return followNodeArgs(call, sink, []);
  sink.moduleValue(call, args.k === 'unknown' ? args : unknown('not-a-string', call.site), 'fork');
};

/** exec(command): a literal `node <args>` command line is followed like spawn's list. */
const spawnsShell: Handler = (call, sink) => {
  sink.capability(call, 'child-process');
  followCommandLine(call, sink, call.arg(0), call.arg(1));
};

// Shells whose `-c` runs the next argument as a command line (exec's own is /bin/sh -c).
const shells = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash']);

/**
 * The command line of `spawn('/bin/sh', ['-c', line])`: a shell started by name hands its line
 * on like exec, and a Node that line starts inherits the policy through the environment (22+,
 * measured through /bin/sh), so the line is read as exec's is, not dropped as a program that
 * is not Node. Undefined when the program is not a known shell or no `-c` is in a known list.
 */
function shellCommandLine(program: Value, args: Value): Value | undefined {
  const alts = alternatives(program);
  if (alts.length === 0 || !alts.every((a) => a.k === 'str' && shells.has(path.basename(a.v)))) return undefined;
  if (args.k !== 'arr') return undefined;
  const at = args.items.findIndex((a) => a.k === 'str' && /^-[a-z]*c[a-z]*$/.test(a.v));
  return at < 0 ? undefined : args.items[at + 1];
}

/** A shell command line (exec's, or a shell's `-c`): a literal `node <args>` is followed like spawn's list. */
function followCommandLine(call: SinkCall, sink: DetectSink, line: Value, options: Value): void {
  programNotKnown(call, sink, alternatives(line));
  for (const alt of alternatives(line)) {
    const text = alt.k === 'str' ? alt.v : alt.k === 'prefix' ? alt.v : undefined;
    if (text === undefined) continue;
    const words = text.split(/\s+/).filter((w) => w !== '');
    if (words.length === 0 || !isNodeName(words[0]!)) continue;
    // Quotes, variables and operators are the shell's: only a plain word list is followed.
    const plain = alt.k === 'str' && !/["'`$\\|;&<>(){}*?]/.test(text);
    if (!plain) {
      sink.moduleValue(call, alt.k === 'prefix' ? alt.cause : unknown('unsupported-expression', call.site), 'fork');
      continue;
    }
    followNodeArgs(call, sink, words.slice(1).map(str));
    childInOtherFolder(call, sink, options);
  }
}

/**
 * A command that does not fold may name Node ($EDITOR set to `node edit.js`, a bin path found at
 * run time): on 22+ such a child runs under the policy it inherits, with code the analysis never
 * read, so it is reported at the call like inline code (reason child-program). A command known
 * not to be Node (`git`; a shell's `-c` line is read as exec's, above) runs outside the Permission
 * Model and needs nothing more.
 */
function programNotKnown(call: SinkCall, sink: DetectSink, commands: Value[]): void {
  // A parameter of an exported function waits for its callers: the call is examined again with
  // their arguments (and never when nothing calls it).
  // Another module's value the analysis did not fold (a function's result handed on as that
  // result, cross-env's `spawn(commandConvert(command, env), …)`) is no more known than an unknown.
  const notKnown = (c: Value) => !sink.waits(c) && alternatives(c).some((alt) => alt.k === 'unknown' || alt.k === 'module');
  if (commands.some(notKnown)) sink.moduleValue(call, unknown('child-program', call.site), 'fork');
}

/**
 * A Node child started in another working folder (`{ cwd }`) resolves the relative paths of its
 * script there, while the script is followed from the app's own folder: a `cwd` that is not
 * that folder (or does not fold) is reported at the call for reads and writes (reason
 * child-cwd), instead of those paths being granted in the wrong folder without a word.
 */
function childInOtherFolder(call: SinkCall, sink: DetectSink, options: Value): void {
  if (options.k !== 'obj') return;
  const cwd = optionOf(options, 'cwd', call);
  if (!cwd || cwd.k === 'nullish') return;
  const here = call.runCwd;
  if (here !== undefined && alternatives(cwd).every((a) => a.k === 'str' && path.resolve(here, a.v) === here)) return;
  for (const scope of ['read', 'write'] as const) sink.fsPath(call, unknown('child-cwd', call.site), scope);
}

/**
 * An option of an options object, also when spread in from another (`{ encoding, ...options }`):
 * the last spread that has it, as JavaScript takes it; one the analysis cannot see (an unknown
 * value, another module's exports) may set it, so it is unknown there.
 */
function optionOf(options: Value & { k: 'obj' }, name: string, call: SinkCall): Value | undefined {
  const own = options.props.get(name);
  if (own) return own;
  for (const spread of [...(options.spreads ?? [])].reverse()) {
    if (spread.k !== 'obj') return unknown('unsupported-expression', call.site);
    const found = optionOf(spread, name, call);
    if (found) return found;
  }
  return undefined;
}

/** process.execPath, process.argv0, `node` or a path ending in /node: the command is Node. */
function isNodeCommand(value: Value): boolean {
  const alts = alternatives(value);
  return alts.length > 0 && alts.every((alt) =>
    alt.k === 'str' ? isNodeName(alt.v) : alt.k === 'unknown' && alt.reason === 'global' && (alt.name === 'process.execPath' || alt.name === 'process.argv0'));
}

function isNodeName(command: string): boolean {
  const base = path.basename(command);
  return base === 'node' || base === 'node.exe';
}

// Node options whose value is the next argument (an option written `--x=v` carries its own).
const optionsWithValue = new Set([
  '-C', '--conditions', '--input-type', '--title', '--disable-warning', '--inspect-port', '--redirect-warnings',
  '--report-dir', '--diagnostic-dir', '--unhandled-rejections', '--dns-result-order', '--icu-data-dir',
  '--openssl-config', '--experimental-default-type', '--stack-trace-limit', '--watch-path', '--localstorage-file',
]);
const preloads: Record<string, 'require' | 'import'> = { '-r': 'require', '--require': 'require', '--import': 'import', '--loader': 'import', '--experimental-loader': 'import' };
const inlineCode = new Set(['-e', '--eval', '-p', '--print', '-pe', '-', '-i', '--interactive']);
const envFiles = new Set(['--env-file', '--env-file-if-exists']);
// Options that make node print something and exit without running any program.
const exitsAtOnce = new Set(['-v', '--version', '-h', '--help', '--v8-options']);

/**
 * Walks a Node command line: options, then the script and the script's own arguments. The
 * script and each preload are followed as entries; an argument that cannot be folded before the
 * script is reached, inline code and stdin are reported at the call.
 */
function followNodeArgs(call: SinkCall, sink: DetectSink, items: Value[]): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const word = item.k === 'str' ? item.v : undefined;
    if (word === undefined || word === '--' || !word.startsWith('-')) {
      const script = word === '--' ? items[i + 1] : item;
      if (script) sink.moduleValue(call, script, 'fork');
      else inline(call, sink);
      return;
    }
    const eq = word.indexOf('=');
    const name = eq > 0 ? word.slice(0, eq) : word;
    if (exitsAtOnce.has(name)) return;
    if (inlineCode.has(name) || name.startsWith('--eval') || name.startsWith('--print')) return inline(call, sink);
    const operand = eq > 0 ? str(word.slice(eq + 1)) : items[i + 1];
    if (preloads[name] || envFiles.has(name) || optionsWithValue.has(name)) {
      if (eq < 0) i++;
      if (!operand) continue;
      if (preloads[name]) followPreload(call, sink, operand, preloads[name]!);
      else if (envFiles.has(name)) sink.fsPath(call, operand, 'read');
    }
  }
  // Options and no script: node reads its program from stdin (or starts a REPL).
  inline(call, sink);
}

/** `--require ./x` resolves against the child's cwd; a bare name through node_modules from there. */
function followPreload(call: SinkCall, sink: DetectSink, operand: Value, kind: 'require' | 'import'): void {
  const relative = alternatives(operand).every((alt) => alt.k === 'str' && (alt.v.startsWith('.') || path.isAbsolute(alt.v)));
  if (relative) sink.moduleValue(call, operand, 'fork');
  else sink.moduleValue(call, operand, kind);
}

function inline(call: SinkCall, sink: DetectSink): void {
  sink.moduleValue(call, unknown('child-inline-code', call.site), 'fork');
}

/** A child process whose program is known to the analysis already (cluster.fork() runs the main module again). */
const startsChild: Handler = (call, sink) => sink.capability(call, 'child-process');

export const childProcessDetector: Detector = {
  name: 'child-process',
  apis: {
    'child_process.spawn': spawnsFile,
    'child_process.spawnSync': spawnsFile,
    'child_process.exec': spawnsShell,
    'child_process.execSync': spawnsShell,
    'child_process.execFile': spawnsFile,
    'child_process.execFileSync': spawnsFile,
    'child_process.fork': fork,
    'cluster.fork': startsChild,
    // node:test's run() starts a child process per test file (isolation 'process', the default).
    'test.run': startsChild,
  },
};
