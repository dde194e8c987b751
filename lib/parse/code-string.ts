// Code made at run time from a string the parse stage can fold (a literal, a concatenation of
// literals, a template without substitutions, a const holding one of those): `eval(…)`,
// `new Function(…)`, `vm.runInThisContext(…)`, `new vm.Script(…)`, `vm.compileFunction(…)`,
// `new Worker(…, { eval: true })`. The string is parsed and its syntax tree walked as part of
// the file (lib/parse/scope.ts), so what it calls is detected like any other code. Every node
// of the generated tree is placed at the call that runs it: a site inside generated code
// would name a line that does not exist. Which call is really `eval` or `vm` is judged by the
// detect stage from values (lib/detect/generated-code.ts); this stage only goes by names.

import { parse, type AnyNode, type CallExpression, type NewExpression, type Node, type Program } from 'acorn';
import { dotName, forEachChild, keyName } from './nodes.js';

/** A call that may run a code string: the scope walk hands these on as plain nodes. */
type CodeCall = CallExpression | NewExpression;

/** How the generated code runs: in the caller's scope, as a function, or as a script of its own. */
export type GeneratedKind = 'eval' | 'function' | 'script';

export interface GeneratedCode {
  kind: GeneratedKind;
  /** The program (eval, script) or the function expression (function) parsed from the string. */
  root: Node;
}

/** Callee names (a plain name or a property) that may run a code string, and how. */
const codeCallees = new Map<string, GeneratedKind>([
  ['eval', 'eval'],
  ['Function', 'function'],
  ['compileFunction', 'function'],
  ['runInThisContext', 'script'],
  ['runInNewContext', 'script'],
  ['runInContext', 'script'],
  ['Script', 'script'],
  ['Worker', 'script'],
]);

/** Longest string folded, and most generated code parsed per file: hostile input stays cheap. */
const MAX_CODE = 64 * 1024;
export const MAX_GENERATED_PER_FILE = 256 * 1024;
const MAX_FOLD_DEPTH = 16;

/** The name a callee goes by (`eval`, `vm.Script` → `Script`), when it may run code. */
export function codeCalleeKind(node: Node): GeneratedKind | undefined {
  const call = node as CodeCall;
  const c = call.callee;
  const last = c.type === 'SequenceExpression' ? c.expressions.at(-1) : undefined;
  const name = c.type === 'SequenceExpression' ? (last?.type === 'Identifier' ? last.name : undefined) : calleeName(call);
  const kind = typeof name === 'string' ? codeCallees.get(name) : undefined;
  if (!kind) return undefined;
  // `(0, eval)(x)` is indirect: global scope, like a script.
  if (kind === 'eval' && c.type !== 'Identifier') return 'script';
  if (name === 'Worker' && !isEvalWorker(call)) return undefined;
  return kind;
}

/** `new Worker(code, { eval: true })`. */
function isEvalWorker(call: CodeCall): boolean {
  const opts = call.arguments[1];
  return opts?.type === 'ObjectExpression' && opts.properties.some((p) => p.type === 'Property' && !p.computed && keyName(p.key) === 'eval' && p.value.type === 'Literal' && p.value.value === true);
}

/**
 * The string `node` always is, or undefined. `constInit` gives the initialiser of a `const`
 * a name refers to (declared before this point), so `const code = '…'; eval(code)` folds.
 */
function foldString(node: AnyNode | undefined, constInit: (name: string) => Node | undefined, depth = 0): string | undefined {
  if (!node || depth > MAX_FOLD_DEPTH) return undefined;
  let s: string | undefined;
  if (node.type === 'Literal') s = typeof node.value === 'string' ? node.value : undefined;
  else if (node.type === 'TemplateLiteral') s = node.expressions.length === 0 ? (node.quasis[0].value.cooked ?? undefined) : undefined;
  else if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = foldString(node.left, constInit, depth + 1);
    const right = left === undefined ? undefined : foldString(node.right, constInit, depth + 1);
    s = right === undefined ? undefined : left! + right;
  } else if (node.type === 'Identifier') s = foldString(constInit(node.name) as AnyNode | undefined, constInit, depth + 1);
  return s !== undefined && s.length <= MAX_CODE ? s : undefined;
}

/** The name the callee goes by: `Function`, `vm.compileFunction` → `compileFunction`. */
function calleeName(call: CodeCall): string | undefined {
  const c = call.callee;
  return c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && !c.computed ? dotName(c) : undefined;
}

/** The source text Node compiles for the call, when every string it is made of folds. */
export function generatedSource(node: Node, kind: GeneratedKind, constInit: (name: string) => Node | undefined): string | undefined {
  const call = node as CodeCall;
  const args = call.arguments;
  if (kind !== 'function') return foldString(args[0], constInit);
  if (calleeName(call) === 'compileFunction') {
    // compileFunction(code, params): params an array of literal names.
    const body = foldString(args[0], constInit);
    const list = args[1];
    const params = !list ? [] : list.type === 'ArrayExpression' ? list.elements.map((e) => (e ? foldString(e, constInit) : undefined)) : [undefined];
    return body === undefined || params.includes(undefined) ? undefined : functionSource(params as string[], body);
  }
  // Function(p1, …, pn, body): every argument a string.
  const parts = args.map((a) => foldString(a, constInit));
  if (parts.includes(undefined)) return undefined;
  return functionSource(parts.slice(0, -1) as string[], (parts.at(-1) as string | undefined) ?? '');
}

/** What V8 compiles for `new Function(params…, body)`. */
function functionSource(params: string[], body: string): string {
  return `(function anonymous(${params.join(',')}\n) {\n${body}\n})`;
}

/**
 * Parses generated code and places every node at `call` (start and end), or undefined when it
 * does not parse (Node throws a SyntaxError there, and runs nothing of it).
 */
export function parseGenerated(source: string, kind: GeneratedKind, call: Node): GeneratedCode | undefined {
  let program: Program;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'script', locations: false });
  } catch {
    return undefined;
  }
  place(program, call.start, call.end);
  if (kind !== 'function') return { kind, root: program };
  const first = program.body[0];
  const fn = first?.type === 'ExpressionStatement' ? first.expression : undefined;
  return fn?.type === 'FunctionExpression' && program.body.length === 1 ? { kind, root: fn } : undefined;
}

function place(node: AnyNode, start: number, end: number): void {
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    n.start = start;
    n.end = end;
    forEachChild(n, (c) => stack.push(c));
  }
}
