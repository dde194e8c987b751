// generated-code detector: code made at run time from a string. When the parse stage folded
// the string (lib/parse/code-string.ts), the generated code was walked with the file and its
// calls are detected like any others; nothing is left to do here. Otherwise what the code
// touches cannot be known: the call is reported (CODE_GENERATED) as an unresolved module access,
// so the read fallback applies and `--unresolved error` fails.
// https://nodejs.org/api/vm.html, https://nodejs.org/api/worker_threads.html#new-workerfilename-options

import { parse, type AnyNode, type Node } from 'acorn';
import { alternatives, firstUnknown, type Unknown, type Value } from '../evaluate/index.js';
import { dotName, forEachChild } from '../parse/nodes.js';
import type { Detector, Handler, SinkCall, DetectSink } from './context.js';

/** Unknown reasons that mean the text comes from outside the program: input, the environment, a caller. */
const outsideReasons = new Set(['global', 'env-unbound', 'cli-argument', 'imported', 'parameter']);

/** Calls that bring text in from outside: files, the network, other processes. */
const readingCalls = new Set(['readFileSync', 'readFile', 'readSync', 'read', 'createReadStream', 'fetch', 'text', 'json', 'execSync', 'execFileSync', 'spawnSync', 'request', 'get']);

const MAX_SCAN = 2000;

/** Argument `index` is the code (or, for Function, the last argument is the body). */
const runs =
  (index: number | 'last'): Handler =>
  (call, sink) => {
    if (call.generated || call.args.length === 0) return;
    const i = index === 'last' ? call.args.length - 1 : index;
    reportCode(call, sink, call.arg(i), call.args[i]);
  };

/**
 * Reports a code string that was not analysed, with why it could not be read. Text that can
 * come from outside the program (input, a file, the network, the environment, a caller) is an
 * unresolved access with the fallback. Text the program builds from its own strings (a code
 * generator: ajv, depd, find-my-way compile schemas and routes into functions) is the package's
 * own code in another form: reported at its site for information, with no fallback, since a
 * warning and a project-root grant on every app that validates JSON would bury the real cases.
 */
export function reportCode(call: SinkCall, sink: DetectSink, code: Value, node?: Node): void {
  if (sink.waits(code)) return;
  // A known string here reached the call through something the parse stage does not fold
  // (--env, another module's export): it is still code nobody read.
  const cause = firstUnknown(code) ?? { k: 'unknown' as const, reason: 'generated-code' as const, site: call.site };
  // A known string the parse stage did not fold (a wrapper's result, a caller's literal bound in
  // a replay) is judged by what it names.
  const outside = alternatives(code).some((a) => (a.k === 'str' && reachesCapability(a.v)) || fromOutside(a.k === 'unknown' ? a : a.k === 'prefix' ? a.cause : undefined, call)) || (node !== undefined && readsInput(node, call));
  sink.loadsUnknown(call, cause, { code: 'CODE_GENERATED', from: outside ? 'input' : 'program' });
}

/** Whether the unknown part of code text comes from outside the program that runs it (its reason, or where it was made). */
function fromOutside(u: Unknown | undefined, call: SinkCall): boolean {
  return u !== undefined && (outsideReasons.has(u.reason) || madeElsewhere(u.site.file, call.site.file));
}

/**
 * Whether text that did not fold was made in another package than the one running it: a caller
 * handed it in (an app passing a file's content to a package that runs it in an `eval` worker).
 * Unbound, that argument is a `parameter` (input); bound in the replay it is the caller's value,
 * which is no more the package's own program. Text a package makes itself, in any of its files
 * (ajv's compiled schemas), stays `program`.
 */
function madeElsewhere(made: string, runs: string): boolean {
  return made !== runs && packageFolder(made) !== packageFolder(runs);
}

/** The folder of the package a project-relative file is in (`node_modules/@s/n/`), '' for the app's own files. */
function packageFolder(file: string): string {
  const parts = file.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return '';
  return parts.slice(0, i + (parts[i + 1]!.startsWith('@') ? 3 : 2)).join('/');
}

/** Names in code that reach a capability or more code by themselves (a parameter is the caller's value). */
const reaching = new Set(['require', 'process', 'global', 'globalThis', 'eval', 'Function', 'module', 'Reflect', 'constructor']);

/**
 * Whether known code text names something that reaches a capability or loads code: one of
 * `reaching` (also as a property: `[].constructor.constructor`), or import(). Text that does not
 * parse runs nothing; text too long to look at is assumed to.
 */
function reachesCapability(source: string): boolean {
  if (source.length > 64 * 1024) return true;
  let program: Node;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, locations: false });
  } catch {
    return false;
  }
  const stack: AnyNode[] = [program as AnyNode];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'ImportExpression' || (n.type === 'Identifier' && reaching.has(n.name))) return true;
    forEachChild(n, (c) => stack.push(c));
  }
  return false;
}

/**
 * Whether the expression that makes the code string reads input: `process.argv`/`process.env`,
 * or a call that reads a file, the network or another process's output, in the expression or in
 * the values of the variables it uses (followed a few hops).
 */
function readsInput(root: Node, call: SinkCall): boolean {
  const stack: { n: AnyNode; hops: number }[] = [{ n: root as AnyNode, hops: 0 }];
  const seen = new Set<Node>();
  for (let visited = 0; stack.length > 0 && visited < MAX_SCAN; visited++) {
    const { n, hops } = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.object.name === 'process' && (dotName(n) === 'argv' || dotName(n) === 'env')) return true;
    if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      const c = n.callee as AnyNode;
      const name = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && !c.computed ? dotName(c) : undefined;
      if (name && readingCalls.has(name)) return true;
    }
    if (n.type === 'Identifier') {
      if (hops < 3) for (const v of call.valuesOf?.(n) ?? []) stack.push({ n: v as AnyNode, hops: hops + 1 });
      continue;
    }
    // Functions are not entered: a helper called here is judged by the call's name.
    if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') continue;
    forEachChild(n, (c) => stack.push({ n: c, hops }));
  }
  return false;
}

/** A run of a vm.Script made from code that did not fold: reported where the code runs, too. */
const scriptRun: Handler = (call, sink) => {
  if (call.calleeCause) sink.loadsUnknown(call, call.calleeCause, { code: 'CODE_GENERATED', from: 'input' });
};

export const generatedCodeDetector: Detector = {
  name: 'generated-code',
  apis: {
    eval: runs(0),
    Function: runs('last'),
    'vm.runInThisContext': runs(0),
    'vm.runInNewContext': runs(0),
    'vm.runInContext': runs(0),
    'vm.Script': runs(0),
    'vm.createScript': runs(0),
    'vm.compileFunction': runs(0),
    'vm.SourceTextModule': runs(0),
    'vm.Script.prototype.runInThisContext': scriptRun,
    'vm.Script.prototype.runInNewContext': scriptRun,
    'vm.Script.prototype.runInContext': scriptRun,
    // What a require.extensions handler or require-from-string compiles as a module.
    'module.prototype._compile': runs(0),
    'module.Module.prototype._compile': runs(0),
    'module.constructor.prototype._compile': runs(0),
  },
};
