// What calling a small function returns, folded at the call with the arguments bound: an arrow's
// expression, a lone `return`, or (the per-user folder helpers of env-paths and xdg-basedir) a
// short body of `if (…) return a;` branches, guards that throw, and updates of its parameters
// (`options = Object.assign({ suffix: 'nodejs' }, options)`, `if (options.suffix) name += …`),
// followed statement by statement. A test that folds to true or false takes its branch; any
// other keeps both. Anything else (loops, try, a parameter changed in a way not followed) is
// not folded: unknown.

import type { AnyNode, Function as FunctionNode, IfStatement, Node, ReturnStatement, Statement, TryStatement } from 'acorn';
import { memo, memoKey, type Binding, type FileModel } from '../parse/index.js';
import { someChild } from '../parse/nodes.js';
import type { Site } from '../types.js';
import type { CallChain, EvalEnv, Evaluate, Evaluator, Frame } from './env.js';
import { concat, oneOf, unknown, type Value } from './value.js';

/** Statements a small function with several returns may have; more and it is not folded. */
const MAX_BRANCHING_STATEMENTS = 8;

/**
 * Calls of such functions folded inside one another. Each unknown test evaluates both branches,
 * so nesting multiplies the work: on eslint's tree, unbounded nesting took a run from half a
 * second to over a minute.
 */
const MAX_BRANCHING_NESTING = 3;

function chainLength(calls: CallChain | undefined, fn: Node): number {
  let n = 0;
  for (let c = calls; c; c = c.outer) {
    if (c.fn === fn) return Infinity; // recursion
    n++;
  }
  return n;
}

/**
 * What calling a small function with these argument values returns (unknown when it is not one),
 * its body folded by `ev` (index.ts passes its own evaluator).
 */
export function returnValueWith(ev: Evaluator, fn: { node: Node; model: FileModel }, args: Value[], env: EvalEnv, site: Site, depth = 0, outer?: ReadonlyMap<Binding, Value>, calls?: CallChain): Value {
  const { evaluate, bindPatternParams } = ev;
  const nesting = chainLength(calls, fn.node);
  if (nesting === Infinity) return unknown('call-result', site);
  const shape = shapeOf(fn.model, fn.node as FunctionNode);
  // A body neither folded whole nor followed statement by statement returns unknown whatever
  // the arguments: told before they are bound. Not when binding evaluates a default: an
  // evaluation may record an assumption (a process.platform read), whose first site the report shows.
  if (!shape.body && shape.plainParams && (!shape.branching || nesting >= MAX_BRANCHING_NESTING)) return unknown('call-result', site);
  const declared = fn.model.params.get(fn.node) ?? [];
  const params = new Map(outer);
  declared.forEach((b, i) => {
    if (!b) return;
    const arg = args[i];
    if (arg && arg.k !== 'nullish') params.set(b, arg);
    else if (b.defaultValue) params.set(b, evaluate(b.defaultValue, { model: fn.model, params, depth: depth + 1 }, env));
  });
  bindPatternParams(fn.model, fn.node, args, params, env, depth);
  const { written, body } = shape;
  // A parameter the body assigns starts as the argument, undefined when there is none.
  for (const b of written) if (!params.has(b)) params.set(b, { k: 'nullish' });
  const inner: Frame = { model: fn.model, params, depth: depth + 1, calls: { fn: fn.node, outer: calls } };
  if (body) return evaluate(body, inner, env);
  return branchingReturns(fn.node as FunctionNode, inner, written, env, site, evaluate) ?? unknown('call-result', site);
}

/** What returnValueWith needs of a function's code alone, worked out once per function. */
interface ReturnShape {
  /** The parameters the body writes. */
  written: ReadonlySet<Binding>;
  /** The expression folded whole (returnedExpression), when no parameter is written. */
  body: Node | undefined;
  /** False when branchingReturns would give up before evaluating anything (followable). */
  branching: boolean;
  /** No parameter has a default or a pattern: binding the arguments evaluates nothing. */
  plainParams: boolean;
}

const returnShapes = memoKey<Map<Node, ReturnShape>>('return shapes');

function shapeOf(model: FileModel, f: FunctionNode): ReturnShape {
  const known = memo(model, returnShapes, () => new Map<Node, ReturnShape>());
  let shape = known.get(f);
  if (!shape) known.set(f, (shape = shapeNow(model, f)));
  return shape;
}

function shapeNow(model: FileModel, f: FunctionNode): ReturnShape {
  const declared = model.params.get(f) ?? [];
  const written = new Set(declared.filter((b): b is Binding => !!b && (b.writes.length > 0 || b.complexWrite)));
  const body = written.size === 0 ? returnedExpression(f) : undefined;
  const statements = f.body.type === 'BlockStatement' ? f.body.body : undefined;
  const plainParams = !model.patternParams.has(f) && declared.every((b) => !b?.defaultValue);
  return { written, body, branching: !statements || followable(statements), plainParams };
}

/**
 * False when branchingReturns gives up (undefined) before it evaluates anything: on longer
 * bodies, and at a statement of a kind it does not follow with only declarations before it. A
 * give-up after an evaluated test is left to it: that evaluation may record an assumption.
 */
function followable(statements: readonly Statement[]): boolean {
  if (statements.length > MAX_BRANCHING_STATEMENTS) return false;
  for (const st of statements) {
    if (st.type === 'VariableDeclaration' || st.type === 'EmptyStatement') continue;
    return followedKinds.has(st.type);
  }
  return true;
}

/** The statements branchingReturns follows besides declarations (which it passes over). */
const followedKinds = new Set(['ReturnStatement', 'ExpressionStatement', 'IfStatement', 'TryStatement']);

/** The expression a small wrapper returns: an arrow's expression body or a lone `return`. */
export function returnedExpression(f: FunctionNode): Node | undefined {
  if (f.body.type !== 'BlockStatement') return f.body;
  const returns = f.body.body.filter((s): s is ReturnStatement => s.type === 'ReturnStatement');
  // Only declarations and expressions beside the return: an `if` may return something else (branchingReturns).
  const straight = f.body.body.every((s) => s.type === 'ReturnStatement' || s.type === 'VariableDeclaration' || s.type === 'ExpressionStatement');
  return returns.length === 1 && f.body.body.length <= 3 && straight ? (returns[0]!.argument ?? undefined) : undefined;
}

/**
 * The returns of a short body, statement by statement, with the parameters in `written` updated
 * as the body assigns them. Undefined when the body is not one this follows.
 */
function branchingReturns(f: FunctionNode, start: Frame, written: ReadonlySet<Binding>, env: EvalEnv, site: Site, evaluate: Evaluate): Value | undefined {
  const body: Statement[] = f.body.type === 'BlockStatement' ? f.body.body : [{ type: 'ReturnStatement', argument: f.body } as ReturnStatement];
  if (body.length > MAX_BRANCHING_STATEMENTS) return undefined;
  let frame = start;
  const out: Value[] = [];
  for (const st of body) {
    if (st.type === 'ReturnStatement') return oneOf([...out, evaluate(st.argument, frame, env)], site);
    if (st.type === 'VariableDeclaration' || st.type === 'EmptyStatement') continue;
    if (st.type === 'ExpressionStatement') {
      const next = updated(frame, [st], written, env, site, evaluate);
      if (!next) return undefined;
      frame = next;
      continue;
    }
    if (st.type === 'TryStatement') {
      const tried = tryReturns(st, frame, env, evaluate);
      if (!tried) return undefined;
      if (tried.falls) out.push(...tried.values);
      else return oneOf([...out, ...tried.values], site);
      continue;
    }
    if (st.type !== 'IfStatement') return undefined;
    const test = truth(evaluate(st.test, frame, env));
    // `if (typeof name !== 'string') throw …`: that branch returns nothing.
    if (!st.alternate && loneThrow(st.consequent)) continue;
    if (!ifReturns(frame.model, st)) {
      // `if (options.suffix) name += …` or `if (!existsSync(d)) mkdirSync(d)`.
      const next = branchUpdates(frame, st, test, written, env, site, evaluate);
      if (!next) return undefined;
      frame = next;
      continue;
    }
    const then = loneReturn(st.consequent);
    const otherwise = st.alternate ? loneReturn(st.alternate) : undefined;
    if (!then || (st.alternate && !otherwise)) return undefined;
    if (test === true) return oneOf([...out, evaluate(then.argument, frame, env)], site);
    if (test === undefined) out.push(evaluate(then.argument, frame, env));
    if (otherwise && test === false) return oneOf([...out, evaluate(otherwise.argument, frame, env)], site);
    if (otherwise) out.push(evaluate(otherwise.argument, frame, env));
  }
  return undefined;
}

/**
 * What a `try` whose block is a lone return gives (hasha's `try { return await
 * import('node:worker_threads'); } catch { return {}; }`): the block's value, and the handler's
 * when it is a lone return too; `falls` when an empty handler lets the body go on after it.
 * Undefined for any other shape (a `finally`, more statements), which is not followed.
 */
function tryReturns(st: TryStatement, frame: Frame, env: EvalEnv, evaluate: Evaluate): { values: Value[]; falls: boolean } | undefined {
  const tried = st.finalizer ? undefined : loneReturn(st.block);
  const caught = st.handler?.body;
  if (!tried || !caught) return undefined;
  const value = evaluate(tried.argument, frame, env);
  const fallback = loneReturn(caught);
  if (fallback) return { values: [value, evaluate(fallback.argument, frame, env)], falls: false };
  if (loneThrow(caught)) return { values: [value], falls: false };
  return caught.body.length === 0 ? { values: [value], falls: true } : undefined;
}

/** The frame after an `if` without returns: its updates applied when the test holds, both ways when it is not known. */
function branchUpdates(frame: Frame, st: IfStatement, test: boolean | undefined, written: ReadonlySet<Binding>, env: EvalEnv, site: Site, evaluate: Evaluate): Frame | undefined {
  const statements = (b: Statement | null | undefined): Statement[] => (!b ? [] : b.type === 'BlockStatement' ? b.body : [b]);
  const then = test === false ? frame : updated(frame, statements(st.consequent), written, env, site, evaluate);
  const otherwise = test === true ? frame : updated(frame, statements(st.alternate), written, env, site, evaluate);
  if (!then || !otherwise) return undefined;
  if (test !== undefined) return test ? then : otherwise;
  const params = new Map(frame.params);
  for (const b of written) {
    const a = then.params?.get(b);
    const c = otherwise.params?.get(b);
    if (a && c && a !== c) params.set(b, oneOf([a, c], site));
  }
  return { ...frame, params };
}

/**
 * The frame after expression statements: `p = e`, `p += e`, `p ||= e` on a parameter in
 * `written` update it; other statements leave the parameters alone, unless they write one
 * another way (`p++`, `[p] = …`): then undefined.
 */
function updated(frame: Frame, statements: Statement[], written: ReadonlySet<Binding>, env: EvalEnv, site: Site, evaluate: Evaluate): Frame | undefined {
  let params: Map<Binding, Value> | undefined;
  for (const st of statements) {
    const expression = st.type === 'ExpressionStatement' ? st.expression : undefined;
    const e = expression?.type === 'AssignmentExpression' ? expression : undefined;
    const b = e?.left.type === 'Identifier' ? frame.model.bindingOf.get(e.left) : undefined;
    if (!e || !b || !written.has(b)) {
      if (writesAny(st, written, frame.model)) return undefined;
      continue;
    }
    const now: Frame = params ? { ...frame, params } : frame;
    const right = evaluate(e.right, now, env);
    const before = now.params?.get(b) ?? ({ k: 'nullish' } as Value);
    const value = e.operator === '=' ? right : e.operator === '+=' ? concat(before, right, site) : e.operator === '||=' || e.operator === '??=' ? (before.k === 'nullish' ? right : oneOf([before, right], site)) : undefined;
    if (!value) return undefined;
    (params ??= new Map(frame.params)).set(b, value);
  }
  return params ? { ...frame, params } : frame;
}

/** Whether a parameter in `written` is assigned or updated below `n` (outside nested functions). */
function writesAny(n: AnyNode, written: ReadonlySet<Binding>, model: FileModel): boolean {
  if (/Function/.test(n.type)) return false;
  const target: AnyNode | undefined = n.type === 'AssignmentExpression' ? n.left : n.type === 'UpdateExpression' ? n.argument : undefined;
  // A pattern (`[p] = …`) may write anything; a member (`p.x = …`) writes no binding.
  if (target && target.type !== 'MemberExpression' && (target.type !== 'Identifier' || written.has(model.bindingOf.get(target)!))) return true;
  return someChild(n, (c) => writesAny(c, written, model));
}

/** A value's truth in a test, when it is known. */
function truth(v: Value): boolean | undefined {
  switch (v.k) {
    case 'bool':
      return v.v;
    case 'str':
      return v.v !== '';
    case 'prefix':
      return v.v !== '' ? true : undefined;
    case 'num':
      return v.v !== 0 && !Number.isNaN(v.v);
    case 'nullish':
      return false;
    case 'obj':
    case 'arr':
    case 'fn':
    case 'url':
      return true;
    default:
      return undefined;
  }
}

const returnsBelow = memoKey<Map<Node, boolean>>('if statements with a return');

/** containsReturn of an if statement, worked out once per statement (on its file's model). */
function ifReturns(model: FileModel, st: IfStatement): boolean {
  const known = memo(model, returnsBelow, () => new Map<Node, boolean>());
  let r = known.get(st);
  if (r === undefined) known.set(st, (r = containsReturn(st)));
  return r;
}

/** Whether a return statement of the enclosing function is somewhere below `n` (not inside a nested function). */
function containsReturn(n: AnyNode): boolean {
  if (n.type === 'ReturnStatement') return true;
  if (/Function/.test(n.type) || n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return false;
  return someChild(n, containsReturn);
}

/** Whether a branch only throws. */
function loneThrow(st: Statement): boolean {
  return st.type === 'ThrowStatement' || (st.type === 'BlockStatement' && st.body.length === 1 && st.body[0].type === 'ThrowStatement');
}

/** The return statement a branch is, alone or as the only statement of a block. */
function loneReturn(st: Statement): ReturnStatement | undefined {
  const only = st.type === 'BlockStatement' && st.body.length === 1 ? st.body[0]! : st;
  return only.type === 'ReturnStatement' ? only : undefined;
}
