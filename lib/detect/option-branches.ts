// Code that runs only when an option turns it on: `if (this._fsync) fs.fsyncSync(fd)` in a
// logger whose `fsync` option is off unless given. The analysis cannot know the options the app
// passes at run time, but it can read such a condition the way the code itself does when the
// option is left out: a property that is not set reads as `undefined`. A branch whose test is
// false that way runs only when the app sets something; one whose test is true that way
// (`if (options.fsync !== false)`, on unless turned off) runs by default. Used where a call's
// certainty matters to the report (API_ALWAYS_DENIED: a call that fails only when reached is a
// warning, not "the app fails here").

import type { AnyNode, Node } from 'acorn';
import { memo, memoKey, type FileModel } from '../parse/index.js';
import { ancestorsOf, forEachChild } from '../parse/nodes.js';
import { declaredFunctionOf } from './platform-guards.js';

/**
 * Whether the code's own values turn a branch on: its test evaluated with the call's bindings and
 * through the callers the file shows (`w({ sync: true })` for `if (o.sync)`) can take the value
 * that runs it. Such a branch is no option the app must set: the app sets it, visibly.
 */
export type TurnsOn = (test: Node, negated: boolean) => boolean;

/** A range of code that runs only when `test` is truthy (falsy when `negated`). */
interface Branch {
  start: number;
  end: number;
  test: Node;
  negated: boolean;
}

interface Branches {
  branches: Branch[];
  /** Function ranges: a branch does not decide whether code in a function defined inside it runs. */
  functions: [number, number][];
}

const branchesKey = memoKey<Branches>('option branches');

/** The longest condition quoted in a diagnostic. */
const MAX_CONDITION_TEXT = 80;

/** Walks the tree with an explicit stack: files nested thousands deep must not overflow it. */
function findBranches(model: FileModel): Branches {
  const found: Branches = { branches: [], functions: [] };
  const add = (body: Node | null | undefined, test: Node, negated: boolean) => {
    if (body) found.branches.push({ start: body.start, end: body.end, test, negated });
  };
  const stack: AnyNode[] = [model.ast as AnyNode];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'IfStatement' || n.type === 'ConditionalExpression') {
      add(n.consequent, n.test, false);
      add(n.alternate, n.test, true);
    } else if (n.type === 'LogicalExpression' && n.operator !== '??') {
      add(n.right, n.left, n.operator === '||');
    } else if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      found.functions.push([n.start, n.end]);
    }
    forEachChild(n, (c) => stack.push(c));
  }
  return found;
}

/** What the test reads as when every option is left out; `unknown` when it cannot be read so. */
const UNKNOWN = Symbol('unknown');
type Read = unknown;

/** `process.platform`, `process.versions.node`, …: facts of the run, not options (`process.env.X` is an option). */
function isProcessFact(n: AnyNode): boolean {
  let object: AnyNode = n;
  while (object.type === 'MemberExpression') {
    if (object.object.type === 'Identifier' && object.object.name === 'process') {
      return !(object.property.type === 'Identifier' && object.property.name === 'env' && !object.computed);
    }
    object = object.object;
  }
  return false;
}

function readAbsent(n: AnyNode): Read {
  switch (n.type) {
    case 'Literal':
      return 'regex' in n && n.regex ? UNKNOWN : n.value;
    case 'Identifier':
      return n.name === 'undefined' ? undefined : UNKNOWN;
    case 'MemberExpression':
      return isProcessFact(n) ? UNKNOWN : undefined;
    case 'ChainExpression':
      return readAbsent(n.expression);
    case 'UnaryExpression': {
      const v = readAbsent(n.argument);
      if (n.operator === 'void') return undefined;
      if (v === UNKNOWN) return UNKNOWN;
      return n.operator === '!' ? !v : n.operator === 'typeof' ? typeof v : UNKNOWN;
    }
    case 'BinaryExpression':
      return readComparison(n.operator, readAbsent(n.left as AnyNode), readAbsent(n.right));
    case 'LogicalExpression': {
      const left = readAbsent(n.left);
      if (left === UNKNOWN) return UNKNOWN;
      if (n.operator === '&&') return left ? readAbsent(n.right) : left;
      if (n.operator === '||') return left ? left : readAbsent(n.right);
      return left ?? readAbsent(n.right);
    }
    default:
      return UNKNOWN;
  }
}

function readComparison(operator: string, a: Read, b: Read): Read {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  switch (operator) {
    case '===':
      return a === b;
    case '!==':
      return a !== b;
    case '==':
      return a == b;
    case '!=':
      return a != b;
    default:
      return UNKNOWN;
  }
}

/** Text of a branch test as quoted in a diagnostic: one line, at most MAX_CONDITION_TEXT characters, `!(…)` for an else branch. */
function conditionText(model: FileModel, b: Branch): string {
  const text = model.text.slice(b.test.start, b.test.end).replace(/\s+/g, ' ');
  const shown = text.length > MAX_CONDITION_TEXT ? `${text.slice(0, MAX_CONDITION_TEXT - 1)}…` : text;
  return b.negated ? `!(${shown})` : shown;
}

/**
 * The branches around `node` in its own function, outermost first. Found by descending to the
 * node by position: a walk of the whole file, for the few calls a file asks about, was a fortieth
 * of the analysis of eslint's tree. A node the file's tree does not hold (a code string's) is
 * looked up by its range in the branches of one such walk, as before.
 */
function branchesAround(model: FileModel, node: Node): Branch[] {
  const path = ancestorsOf(model.ast as AnyNode, node);
  if (!path) return branchesByRange(model, node);
  const out: Branch[] = [];
  for (let i = 0; i < path.length; i++) {
    const parent = path[i]!;
    const child = path[i + 1] ?? (node as AnyNode);
    if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') {
      if (child === parent.consequent) out.push({ start: child.start, end: child.end, test: parent.test, negated: false });
      else if (child === parent.alternate) out.push({ start: child.start, end: child.end, test: parent.test, negated: true });
    } else if (parent.type === 'LogicalExpression' && parent.operator !== '??' && child === parent.right) {
      out.push({ start: child.start, end: child.end, test: parent.left, negated: parent.operator === '||' });
    }
    // A function defined inside a branch may be called from elsewhere, whatever the test said.
    if (isFunction(child)) out.length = 0;
  }
  return out;
}

const isFunction = (n: AnyNode) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

/** The branches whose range holds `node`'s, in the order the walk found them, but those a function inside them holds too. */
function branchesByRange(model: FileModel, node: Node): Branch[] {
  const { branches, functions } = memo(model, branchesKey, () => findBranches(model));
  const within = (s: number, e: number) => s <= node.start && node.end <= e;
  return branches.filter((b) => within(b.start, b.end) && !functions.some(([s, e]) => within(s, e) && b.start <= s && e <= b.end));
}

/**
 * When `call` is in a function declared in its file that the file only calls under a condition
 * the analysis cannot show true (debug 2's `createWritableStdioStream`, called only in
 * `2 === fd ? process.stderr : createWritableStdioStream(fd)`): that condition at the first
 * such call. Undefined when the function has another use (exported, passed on), a call that
 * runs whenever its own function does, or calls on both sides of one condition.
 */
export function calledOnlyWhen(model: FileModel, call: Node, turnsOn?: TurnsOn): string | undefined {
  const found = declaredFunctionOf(model, call);
  if (!found || found.uses.length === 0) return undefined;
  let first: string | undefined;
  // Each condition's text with the sides a call sits on: calls on both sides of one condition
  // (`x ? f(1) : f(2)`, `if (x) f(); else f()`) run whichever way it goes.
  const sides = new Map<string, boolean>();
  for (const use of found.uses) {
    if (!use) return undefined;
    for (const b of branchesAround(model, use)) {
      let test = b.test as AnyNode;
      let negated = b.negated;
      for (; test.type === 'UnaryExpression' && test.operator === '!'; test = test.argument) negated = !negated;
      const text = model.text.slice(test.start, test.end);
      if (sides.get(text) === !negated) return undefined;
      sides.set(text, negated);
    }
    // The innermost such condition: the one closest to the call says most.
    const undecided = branchesAround(model, use).reverse().find((b) => {
      const read = readAbsent(b.test as AnyNode);
      return (read === UNKNOWN || !!read === b.negated) && !turnsOn?.(b.test, b.negated);
    });
    if (!undecided) return undefined;
    first ??= conditionText(model, undecided);
  }
  return first;
}

/**
 * The condition `call` runs under, in its own function, that is false when the options it reads
 * are left out (`this._fsync`, `opts.sync && …`): its source text, `!`-prefixed for an `else`
 * branch. Undefined when every such condition is on by default or cannot be read. The outermost
 * such condition, or with `innermost` the one closest to the call (a member of another module
 * reads as an option left out too: fs-extra's `if (typeof fs.copyFileSync === 'function')` around
 * its `if (opts.preserveTimestamps)`).
 */
export function offByDefault(model: FileModel, call: Node, turnsOn?: TurnsOn, innermost = false): string | undefined {
  const around = branchesAround(model, call);
  for (const b of innermost ? around.reverse() : around) {
    const read = readAbsent(b.test as AnyNode);
    if (read !== UNKNOWN && !!read === b.negated && !turnsOn?.(b.test, b.negated)) return conditionText(model, b);
  }
  return undefined;
}
