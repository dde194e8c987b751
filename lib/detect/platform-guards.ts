// Calls that cannot run on the machine the analysis assumes: under `if (process.platform ===
// 'win32')`, in `case 'darwin':` of a `switch (process.platform)`, behind `isWin && …` or in the
// other arm of `process.arch === 'x64' ? … : …`. A native package's loader requires the package
// or `.node` file of each platform this way; only the branch of the target machine can run, so
// the others need nothing and are not reported (their packages are not installed). A condition
// the evaluator cannot fold (`isMusl()`) keeps both branches. A function declared in the file
// and only ever called from such branches cannot run either: graceful-fs patches in lchmod (an
// always-denied fchmodSync) from `patchLchmod`, called only `if (constants.hasOwnProperty('O_SYMLINK'))`. Only files whose text names
// `platform` or `arch` are looked at (mentionsPlatform in lib/parse/index.ts).

import type { AnyNode, CallExpression, FunctionDeclaration, Node, Program, SwitchCase, SwitchStatement } from 'acorn';
import * as walk from 'acorn-walk';
import { evaluate, truthOf, type EvalEnv, type Frame, type Value } from '../evaluate/index.js';
import { memo, memoKey, type FileModel } from '../parse/index.js';
import { ancestorsOf } from '../parse/nodes.js';

/** A call runs only if `test` is `want`, only if the switch reaches case `index`, or only if function `declared` is called. */
type Condition = { test: Node; want: boolean } | { switch: SwitchStatement; index: number } | { declared: Node };

/** How many functions deep "only called from a dead branch" is followed. */
const MAX_CALLER_DEPTH = 8;

const conditionsKey = memoKey<Map<Node, Condition[]>>('platform conditions');

/**
 * The conditions on a call of the file: its ancestors found by position (a walk of the whole
 * file for them cost a hundredth of the analysis of eslint's tree), or for a node the tree does
 * not hold (a code string's), from one such walk, as before. Kept per node: deadAt asks again
 * for each call that passes through a function.
 */
function conditionsAt(model: FileModel, node: Node): Condition[] | undefined {
  // The walk kept the conditions of these alone (a tagged template's are none).
  const type = (node as AnyNode).type;
  if (type !== 'CallExpression' && type !== 'NewExpression' && type !== 'ImportExpression') return undefined;
  const known = memo(model, conditionsAtKey, () => new Map<Node, Condition[] | undefined>());
  if (known.has(node)) return known.get(node);
  const path = ancestorsOf(model.ast as AnyNode, node);
  const found = path ? conditionsAbove([...path, node]) : conditionsOf(model).get(node);
  const conditions = found && found.length > 0 ? found : undefined;
  known.set(node, conditions);
  return conditions;
}

const conditionsAtKey = memoKey<Map<Node, Condition[] | undefined>>('platform conditions by node');

function conditionsOf(model: FileModel): Map<Node, Condition[]> {
  return memo(model, conditionsKey, () => {
    const found = new Map<Node, Condition[]>();
    const visit = (node: Node, ancestors: Node[]) => {
      const conditions = conditionsAbove(ancestors);
      if (conditions.length > 0) found.set(node, conditions);
    };
    walk.ancestor(model.ast, { CallExpression: visit, NewExpression: visit, ImportExpression: visit });
    return found;
  });
}

/** The conditions each enclosing branch puts on `node`, innermost first. */
function conditionsAbove(ancestors: Node[]): Condition[] {
  const out: Condition[] = [];
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const parent = ancestors[i] as AnyNode;
    const child = ancestors[i + 1];
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && child !== parent.test) {
      out.push({ test: parent.test, want: child === parent.consequent });
    } else if (parent.type === 'LogicalExpression' && child === parent.right && parent.operator !== '??') {
      out.push({ test: parent.left, want: parent.operator === '&&' });
    } else if (parent.type === 'FunctionDeclaration' && parent.id) {
      out.push({ declared: parent });
    } else if (parent.type === 'SwitchCase') {
      const statement = ancestors[i - 1] as AnyNode;
      if (statement?.type === 'SwitchStatement' && child !== parent.test) out.push({ switch: statement, index: statement.cases.indexOf(parent) });
    } else if (parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'StaticBlock') {
      for (const g of exitGuardsOf(parent)) if (g.index < (parent.body as Node[]).indexOf(child!)) out.push({ test: g.test, want: false });
    }
  }
  return out;
}

/**
 * The early exits of a statement list: `if (test) throw …` (or return, break, continue, or a
 * block ending in one) with no else. A statement after one runs only when its test is false:
 * default-browser-id's `if (process.platform !== 'darwin') throw …` before its plist read.
 */
function exitGuardsOf(block: { body: readonly Node[] }): readonly { index: number; test: Node }[] {
  let guards = exitGuards.get(block);
  if (!guards) {
    guards = [];
    block.body.forEach((s, index) => {
      const st = s as AnyNode;
      if (st.type === 'IfStatement' && !st.alternate && alwaysLeaves(st.consequent)) guards!.push({ index, test: st.test });
    });
    exitGuards.set(block, guards);
  }
  return guards;
}

const exitGuards = new WeakMap<object, { index: number; test: Node }[]>();

/** Whether a statement always leaves the list it stands in (its last statement, for a block). */
function alwaysLeaves(statement: Node): boolean {
  const s = statement as AnyNode;
  if (s.type === 'BlockStatement') return s.body.length > 0 && alwaysLeaves(s.body[s.body.length - 1]!);
  return s.type === 'ThrowStatement' || s.type === 'ReturnStatement' || s.type === 'BreakStatement' || s.type === 'ContinueStatement';
}

/** Whether a switch can reach case `index`: its test or one falling through into it may match. */
function switchReaches(statement: SwitchStatement, index: number, value: (n: Node) => Value): boolean {
  const discriminant = value(statement.discriminant);
  const matches = (c: SwitchCase): boolean | undefined => {
    if (!c.test) return undefined;
    const test = value(c.test);
    if (discriminant.k !== 'str' && discriminant.k !== 'num') return undefined;
    if (test.k !== 'str' && test.k !== 'num') return undefined;
    return test.v === discriminant.v;
  };
  const cases = statement.cases;
  if (!cases[index]!.test) return !cases.some((c) => matches(c) === true);
  for (let i = index; i >= 0; i--) {
    if (matches(cases[i]!) !== false) return true;
    // An earlier case falls through into this one only when it ends without leaving the switch.
    const body = cases[i - 1]?.consequent;
    const last = body?.[body.length - 1];
    if (!body || (last && /^(Break|Return|Throw|Continue)Statement$/.test(last.type))) return false;
  }
  return false;
}

/** True when `call` sits in a branch that cannot run on the platform `env` assumes. */
export function deadOnPlatform(model: FileModel, call: Node, env: EvalEnv): boolean {
  return deadAt(model, call, env, new Set());
}

function deadAt(model: FileModel, call: Node, env: EvalEnv, visiting: Set<Node>): boolean {
  const conditions = conditionsAt(model, call);
  if (!conditions) return false;
  const frame: Frame = { model, depth: 0 };
  const value = (n: Node) => evaluate(n, frame, env);
  return conditions.some((c) =>
    'test' in c ? truthOf(value(c.test)) === !c.want : 'switch' in c ? !switchReaches(c.switch, c.index, value) : onlyCalledWhereDead(model, c.declared, env, visiting),
  );
}

/**
 * Whether every use of the function declared by `fn` in its file is a call that cannot run on
 * the platform. Any other use (exported, passed on, `.call`) or none at all: it may run.
 */
function onlyCalledWhereDead(model: FileModel, fn: Node, env: EvalEnv, visiting: Set<Node>): boolean {
  // A call from inside the function itself runs only if the function does.
  if (visiting.has(fn)) return true;
  if (visiting.size >= MAX_CALLER_DEPTH) return false;
  const uses = usesOf(model).get(fn);
  if (!uses || uses.length === 0) return false;
  // Answers found from the top are kept for the file's other calls; those resting on a function
  // still being followed (a recursion) are not.
  const known = memo(model, deadFunctionsKeyOf(env), () => new Map<Node, boolean>());
  const top = visiting.size === 0;
  if (top && known.has(fn)) return known.get(fn)!;
  visiting.add(fn);
  try {
    const dead = uses.every((call) => call !== undefined && deadAt(model, call, env, visiting));
    if (top) known.set(fn, dead);
    return dead;
  } finally {
    visiting.delete(fn);
  }
}

const deadFunctionsKey = memoKey<Map<Node, boolean>>('declared functions only called where dead');
const deadFunctionsKeys = new WeakMap<object, typeof deadFunctionsKey>();

/**
 * Kept per evaluation state: the graph's look at a file's literal requires (a state of its own,
 * its assumptions dropped) must not answer for the examination, whose evaluation records them.
 */
function deadFunctionsKeyOf(env: EvalEnv): typeof deadFunctionsKey {
  if (!env.state) return deadFunctionsKey;
  let key = deadFunctionsKeys.get(env.state);
  if (!key) deadFunctionsKeys.set(env.state, (key = memoKey<Map<Node, boolean>>('declared functions only called where dead')));
  return key;
}

/** The function declared in the file that directly contains `call` (no function expression between), with its uses in the file. */
export function declaredFunctionOf(model: FileModel, call: Node): { fn: Node; uses: readonly (Node | undefined)[] } | undefined {
  const fn = model.calls.find((c) => c.node === call)?.fn;
  if (!fn || (fn as AnyNode).type !== 'FunctionDeclaration') return undefined;
  return { fn, uses: usesOf(model).get(fn) ?? [] };
}

const usesKey = memoKey<Map<Node, (Node | undefined)[]>>('uses of declared functions');

/**
 * For each function declaration, its uses in the file: the call it is the callee of, or undefined
 * for any other use. An exported declaration (`export function f`, `export default function f`)
 * has one of the other kind: the modules that import it call it where this file cannot see.
 */
function usesOf(model: FileModel): Map<Node, (Node | undefined)[]> {
  return memo(model, usesKey, () => {
    const uses = new Map<Node, (Node | undefined)[]>();
    for (const statement of (model.ast as Program).body) {
      if ((statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') && statement.declaration?.type === 'FunctionDeclaration') {
        uses.set(statement.declaration, [undefined]);
      }
    }
    const callOf = new Map<Node, Node>();
    for (const { node } of model.calls) {
      const callee = (node as AnyNode).type === 'CallExpression' ? (node as CallExpression).callee : undefined;
      if (callee?.type === 'Identifier') callOf.set(callee, node);
    }
    for (const [id, binding] of model.bindingOf) {
      const fn = binding.kind === 'function' ? binding.fn : undefined;
      if (!fn || (fn as AnyNode).type !== 'FunctionDeclaration' || (fn as FunctionDeclaration).id === id) continue;
      const list = uses.get(fn) ?? [];
      list.push(callOf.get(id));
      uses.set(fn, list);
    }
    return uses;
  });
}
