// Calls that run only under a condition the analysis can read:
// - guarded by an existence check of their own path, `if (!fs.existsSync(dir)) fs.mkdirSync(dir)`
//   and `fs.existsSync(dir) || fs.mkdirSync(dir)`: such a mkdir runs only when the folder is
//   missing, so it needs a write grant only then (Node grants an existing folder whole);
// - guarded by an environment variable, `if (process.env.X) require(process.env.X)` (napi-rs
//   loaders): with X unbound the analysis assumes it unset, so the call does not run;
// - inside the block of a `try` with a `catch`, `try { require('optional') } catch {}`: a module
//   that cannot be found there is one the code expects may be missing (inCaughtTry).

import type { AnyNode, CallExpression, Node } from 'acorn';
import * as walk from 'acorn-walk';
import { memo, memoKey, type FileModel } from '../parse/index.js';
import { dotName, forEachChild, isNode } from '../parse/nodes.js';

interface Guards {
  /** Per call: the paths checked with `!existsSync(…)` before it. */
  missing: Map<Node, Node[]>;
  /** Per call: the environment variables it runs only when set. */
  env: Map<Node, Set<string>>;
}

const guards = memoKey<Guards>('guards');

/** `process.env.X` (or `process.env.X && …`): X. */
function envName(n: AnyNode | undefined): string | undefined {
  if (n?.type === 'LogicalExpression' && n.operator === '&&') return envName(n.left);
  if (n?.type !== 'MemberExpression' || n.computed) return undefined;
  const env = n.object;
  return env.type === 'MemberExpression' && !env.computed && env.object.type === 'Identifier' && env.object.name === 'process' && dotName(env) === 'env'
    ? dotName(n)
    : undefined;
}

/** `existsSync(x)` / `fs.existsSync(x)`: its argument. */
function existsArgument(n: AnyNode | undefined): Node | undefined {
  if (n?.type !== 'CallExpression') return undefined;
  const callee = n.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? dotName(callee) : undefined;
  return name === 'existsSync' ? n.arguments[0] : undefined;
}

/** Calls `mark` on every call below `n`, except inside nested functions (they run later, when the condition may no longer hold). */
function eachCallBelow(n: Node, mark: (call: Node) => void): void {
  walk.recursive(n, undefined, {
    Function() {},
    CallExpression(call, st, c) {
      mark(call);
      walk.base.CallExpression!(call, st, c);
    },
  });
}

function guardsOf(model: FileModel): Guards {
  return memo(model, guards, () => findGuards(model));
}

function findGuards(model: FileModel): Guards {
  const found: Guards = { missing: new Map(), env: new Map() };
  const missing = (below: Node, checked: Node) => eachCallBelow(below, (call) => found.missing.set(call, [...(found.missing.get(call) ?? []), checked]));
  const whenSet = (below: Node, name: string) => eachCallBelow(below, (call) => found.env.set(call, new Set([...(found.env.get(call) ?? []), name])));
  walk.simple(model.ast, {
    IfStatement(n) {
      const checked = n.test.type === 'UnaryExpression' && n.test.operator === '!' ? existsArgument(n.test.argument) : undefined;
      if (checked) missing(n.consequent, checked);
      const name = envName(n.test);
      if (name) whenSet(n.consequent, name);
    },
    LogicalExpression(n) {
      const checked = n.operator === '||' ? existsArgument(n.left) : undefined;
      if (checked) missing(n.right, checked);
      const name = n.operator === '&&' ? envName(n.left) : undefined;
      if (name) whenSet(n.right, name);
    },
  });
  return found;
}

/** Structural equality of two expressions, positions aside (`this.dir` and `this.dir`). */
function sameExpression(a: unknown, b: unknown): boolean {
  if (!isNode(a) || !isNode(b) || a.type !== b.type) return false;
  const fieldsA = a as unknown as Record<string, unknown>;
  const fieldsB = b as unknown as Record<string, unknown>;
  for (const key in fieldsA) {
    if (key === 'start' || key === 'end' || key === 'raw') continue;
    const x = fieldsA[key];
    const y = fieldsB[key];
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length || !x.every((e, i) => sameExpression(e, y[i]))) return false;
    } else if (isNode(x)) {
      if (!sameExpression(x, y)) return false;
    } else if (x !== y && !(x && typeof x === 'object')) return false;
  }
  return true;
}

/** True when `call` runs only if its first argument's path does not exist (checked just before). */
export function guardedByMissing(model: FileModel, call: Node): boolean {
  const guards = guardsOf(model).missing.get(call);
  const target = (call as CallExpression).arguments?.[0];
  return !!guards && guards.some((g) => sameExpression(g, target));
}

/** The environment variables `call` runs only when they are set (`if (process.env.X) …`). */
export function envGuards(model: FileModel, call: Node): ReadonlySet<string> | undefined {
  return guardsOf(model).env.get(call);
}

/** Source ranges of the blocks of `try` statements that have a `catch`, and of functions. */
interface TryRanges {
  blocks: [number, number][];
  /** The blocks whose `catch` neither throws nor ends the process (see givesUp). */
  survived: [number, number][];
  functions: [number, number][];
}

const tryRanges = memoKey<TryRanges>('try-ranges');

/** Walks the tree with an explicit stack: files nested thousands deep must not overflow it. */
function findTryRanges(model: FileModel): TryRanges {
  const found: TryRanges = { blocks: [], survived: [], functions: [] };
  const stack: AnyNode[] = [model.ast as AnyNode];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'TryStatement' && n.handler) {
      found.blocks.push([n.block.start, n.block.end]);
      if (!givesUp(n.handler.body)) found.survived.push([n.block.start, n.block.end]);
    }
    if (/Function/.test(n.type)) found.functions.push([n.start, n.end]);
    forEachChild(n, (c) => stack.push(c));
  }
  return found;
}

/**
 * True when `call` is in the block of a `try` whose `catch` handles what it throws, and not in
 * a function defined there (which may run later, outside the try).
 */
export function inCaughtTry(model: FileModel, call: Node, survived = false): boolean {
  const ranges = memo(model, tryRanges, () => findTryRanges(model));
  const within = ([s, e]: [number, number]) => s <= call.start && call.end <= e;
  return (survived ? ranges.survived : ranges.blocks).some((block) => within(block) && !ranges.functions.some((f) => within(f) && block[0] <= f[0] && f[1] <= block[1]));
}

/**
 * True when `call` is in the block of a `try` whose `catch` lets the app live on: one that throws
 * (`throw e`, `if (e.code !== 'ENOENT') throw e`) or ends the process hands the failure on as
 * surely as no `try` at all (measured for ERR_ACCESS_DENIED on 20, 22, 24 and 26). An outer
 * `try` that survives still catches what an inner one rethrows.
 */
export function inSurvivedTry(model: FileModel, call: Node): boolean {
  return inCaughtTry(model, call, true);
}

const exits = new Set(['process.exit', 'process.abort', 'process.reallyExit']);

/**
 * Whether code may throw or end the process when it runs: a `throw`, or a call of
 * `process.exit`/`abort`, anywhere in it but inside a function it defines (which runs later, if
 * ever). Any such statement counts, whatever condition guards it: the analysis cannot tell the
 * denial's error from the ones the condition lets through, and an app told it lives past a
 * denial must not die of it.
 */
export function givesUp(code: AnyNode): boolean {
  const stack: AnyNode[] = [code];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'ThrowStatement') return true;
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && exits.has(`${n.callee.object.type === 'Identifier' ? n.callee.object.name : ''}.${dotName(n.callee) ?? ''}`)) return true;
    if (n !== code && /Function/.test(n.type)) continue;
    forEachChild(n, (c) => stack.push(c));
  }
  return false;
}
