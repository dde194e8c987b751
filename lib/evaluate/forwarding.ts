// Functions that wrap a function without changing what it is called with: universalify's
// `fromPromise(fn)` and `fromCallback(fn)` (every async function of fs-extra is exported as
// `u(outputFile)`), pify-like and deprecate-like helpers, `once`. Each returns a function whose
// body calls one of the factory's parameters with its own arguments: `fn.apply(this, args)`,
// `fn.apply(this, arguments)`, `fn(...args)`, `fn.call(this, ...args)`. For the analysis,
// `u(f)` is then `f`: an importer's call of the wrapped export reaches f's parameters. Told from
// the syntax alone, so the export table keeps the answer as data (no tree behind it).
// A wrapper may also be made in steps (stubborn-fs's `retryify(fn)(timeout)(...args)`): the factory
// returns a function that returns the wrapper, which forwards to the factory's parameter; then
// `retryify(f)` is f once called once more (`stages`).

import type { AnyNode, Function as FunctionNode, Node } from 'acorn';
import { isFunctionNode, memo, memoKey, type FileModel } from '../parse/index.js';
import { forEachChild, someChild } from '../parse/nodes.js';

const isFunction = (n: AnyNode | null | undefined): n is AnyNode & FunctionNode => !!n && isFunctionNode(n);

/** The nodes checked in a returned function's body before giving up (a wrapper is short). */
const MAX_WRAPPER_NODES = 400;

/** The function a factory returns: an arrow's body, the lone `return`, or the first argument of `Object.defineProperty(f, …)` around it. */
function returnedFunction(factory: FunctionNode): FunctionNode | undefined {
  const body = factory.body;
  let returned: AnyNode | null | undefined;
  if (body.type !== 'BlockStatement') returned = body;
  else {
    const returns = body.body.filter((s) => s.type === 'ReturnStatement');
    if (returns.length !== 1) return undefined;
    returned = returns[0]!.type === 'ReturnStatement' ? returns[0]!.argument : undefined;
  }
  if (returned?.type === 'CallExpression' && isDefineProperty(returned.callee)) returned = returned.arguments[0] as AnyNode | undefined;
  return isFunction(returned) ? returned : undefined;
}

function isDefineProperty(callee: AnyNode): boolean {
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Object' &&
    callee.property.type === 'Identifier' &&
    callee.property.name === 'defineProperty'
  );
}

/** The names of the wrapper's own arguments: its rest parameter, or, for a plain function, `arguments` and its copy of them (argumentsCopy). */
function argumentsNames(wrapper: FunctionNode): string[] {
  const last = wrapper.params[wrapper.params.length - 1];
  if (last?.type === 'RestElement' && last.argument.type === 'Identifier' && wrapper.params.length === 1) return [last.argument.name];
  if (wrapper.params.length !== 0 || wrapper.type === 'ArrowFunctionExpression') return [];
  const copy = argumentsCopy(wrapper)?.name;
  return copy === undefined || copy === 'arguments' ? ['arguments'] : ['arguments', copy];
}

const isNamed = (n: AnyNode | null | undefined, name: string): boolean => n?.type === 'Identifier' && n.name === name;

/**
 * A copy of `arguments` the wrapper makes first and forwards (csv-writer's hand-written
 * promisify, older Babel output): `var args = Array.prototype.slice.call(arguments)`,
 * `[].slice.call(arguments)`, `Array.from(arguments)`, `[...arguments]`, or `var args = []`
 * followed by `for (…) args[i] = arguments[i]`. `fill` is the loop, whose write is the copy
 * itself (changesArguments leaves it out).
 */
function argumentsCopy(wrapper: FunctionNode): { name: string; fill?: AnyNode } | undefined {
  if (wrapper.body.type !== 'BlockStatement') return undefined;
  const [first, second] = wrapper.body.body as AnyNode[];
  if (first?.type !== 'VariableDeclaration' || first.declarations.length !== 1) return undefined;
  const d = first.declarations[0]!;
  if (d.id.type !== 'Identifier' || !d.init) return undefined;
  const name = d.id.name;
  const init = d.init as AnyNode;
  if (copiesArguments(init)) return { name };
  if (init.type !== 'ArrayExpression' || init.elements.length !== 0 || second?.type !== 'ForStatement') return undefined;
  const body = second.body.type === 'BlockStatement' && second.body.body.length === 1 ? second.body.body[0]! : second.body;
  if (body.type !== 'ExpressionStatement' || body.expression.type !== 'AssignmentExpression' || body.expression.operator !== '=') return undefined;
  const { left, right } = body.expression;
  const at = (m: AnyNode, list: string) => m.type === 'MemberExpression' && m.computed && isNamed(m.object as AnyNode, list) && m.property.type === 'Identifier' ? m.property.name : undefined;
  const i = at(left as AnyNode, name);
  return i !== undefined && at(right as AnyNode, 'arguments') === i ? { name, fill: second } : undefined;
}

/** `Array.prototype.slice.call(arguments)`, `[].slice.call(arguments)`, `Array.from(arguments)`, `[...arguments]`. */
function copiesArguments(n: AnyNode): boolean {
  if (n.type === 'ArrayExpression') return n.elements.length === 1 && n.elements[0]?.type === 'SpreadElement' && isNamed(n.elements[0].argument as AnyNode, 'arguments');
  if (n.type !== 'CallExpression' || n.arguments.length !== 1 || !isNamed(n.arguments[0] as AnyNode, 'arguments')) return false;
  const callee = n.callee as AnyNode;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  if (isNamed(callee.object as AnyNode, 'Array')) return callee.property.name === 'from';
  const slice = callee.object as AnyNode;
  if (callee.property.name !== 'call' || slice.type !== 'MemberExpression' || slice.computed || !isNamed(slice.property as AnyNode, 'slice')) return false;
  const owner = slice.object as AnyNode;
  return (owner.type === 'ArrayExpression' && owner.elements.length === 0) || (owner.type === 'MemberExpression' && !owner.computed && isNamed(owner.object as AnyNode, 'Array') && isNamed(owner.property as AnyNode, 'prototype'));
}

/** The steps a factory may take before the wrapper it returns (`retryify(fn)(timeout)` is one). */
const MAX_STAGES = 8;

/** A factory's forwarding: its parameter `index` is called with the arguments of the call made after `stages` calls of its result. */
export interface Forwarding {
  index: number;
  stages: number;
}

/** The function's own name, when a named function expression or declaration (`function attempt(...args)`). */
function ownName(fn: FunctionNode): string | undefined {
  return fn.id?.type === 'Identifier' ? fn.id.name : undefined;
}

/** Whether `call` calls `target` with `args` as they came: `target.apply(x, args)`, `target(...args)`, `target.call(x, ...args)`. */
function forwardsTo(call: AnyNode, target: string, args: string): boolean {
  if (call.type !== 'CallExpression') return false;
  const isName = (n: AnyNode | undefined, name: string) => n?.type === 'Identifier' && n.name === name;
  const spreadOf = (n: AnyNode | undefined) => n?.type === 'SpreadElement' && isName(n.argument, args);
  const callee = call.callee;
  if (isName(callee, target)) return call.arguments.length === 1 && spreadOf(call.arguments[0]);
  if (callee.type !== 'MemberExpression' || callee.computed || !isName(callee.object, target) || callee.property.type !== 'Identifier') return false;
  if (callee.property.name === 'apply') return call.arguments.length === 2 && appendedParts(call.arguments[1] as AnyNode, args) !== undefined;
  return callee.property.name === 'call' && call.arguments.length === 2 && spreadOf(call.arguments[1]);
}

/**
 * When `list` is the wrapper's arguments `args`, or they with more added at the end (a callback:
 * every argument the caller passed stays where it was), what was added, still to be checked;
 * undefined otherwise. The end may be added by `args.concat(cb)`, `[...args, cb]`, or the
 * helpers tsc emits for a spread (`__spreadArrays(args, [cb])`, `__spread(args, [cb])`,
 * `__spreadArray(__spreadArray([], __read(args), false), [cb], false)`, csv-writer's build),
 * told by their names, as lib/evaluate/index.ts tells the interop helpers.
 */
function appendedParts(list: AnyNode | undefined, args: string): AnyNode[] | undefined {
  if (!list) return undefined;
  if (isNamed(list, args)) return [];
  if (list.type === 'ArrayExpression') {
    const [first, ...rest] = list.elements;
    const parts = first?.type === 'SpreadElement' ? appendedParts(first.argument as AnyNode, args) : undefined;
    return parts && [...parts, ...(rest.filter((e) => e !== null) as AnyNode[])];
  }
  if (list.type !== 'CallExpression') return undefined;
  const callee = list.callee as AnyNode;
  const [first, ...rest] = list.arguments as AnyNode[];
  if (callee.type === 'MemberExpression' && !callee.computed && isNamed(callee.property as AnyNode, 'concat')) {
    const parts = appendedParts(callee.object as AnyNode, args);
    return parts && [...parts, ...list.arguments.map((a) => a as AnyNode)];
  }
  if (callee.type !== 'Identifier') return undefined;
  if (callee.name === '__read' && list.arguments.length === 1) return appendedParts(first, args);
  if (callee.name === '__spreadArrays' || callee.name === '__spread') return withRest(appendedParts(first, args), rest);
  if (callee.name !== '__spreadArray') return undefined;
  // `__spreadArray(to, from, pack)`: `from` added after `to`; into an empty `to`, a copy of `from`.
  if (first?.type === 'ArrayExpression' && first.elements.length === 0) return withRest(appendedParts(rest[0], args), rest.slice(1));
  return withRest(appendedParts(first, args), rest);
}

const withRest = (parts: AnyNode[] | undefined, rest: AnyNode[]): AnyNode[] | undefined => parts && [...parts, ...rest];

/** Whether some call in the wrapper's body (outside nested functions) forwards its arguments to `target`. */
function bodyForwards(wrapper: FunctionNode, target: string, args: string): boolean {
  const stack: AnyNode[] = [wrapper.body as AnyNode];
  let seen = 0;
  while (stack.length > 0 && seen++ < MAX_WRAPPER_NODES) {
    const n = stack.pop()!;
    if (forwardsTo(n, target, args)) return true;
    // A Promise's executor runs at once: a plain one sees a copy of the arguments, as csv-writer's promisify's does.
    const executor = args !== 'arguments' ? promiseExecutor(n) : undefined;
    if (executor) stack.push(executor.body as AnyNode);
    // A nested arrow shares `this` and the rest parameter (universalify's `new Promise(() => fn.apply(this, args))`).
    if (n !== wrapper.body && isFunction(n) && n.type !== 'ArrowFunctionExpression') continue;
    forEachChild(n, (c) => stack.push(c));
  }
  return false;
}

/** The function `new Promise(f)` is given, when a plain function. */
function promiseExecutor(n: AnyNode): FunctionNode | undefined {
  if (n.type !== 'NewExpression' || !isNamed(n.callee as AnyNode, 'Promise')) return undefined;
  const f = n.arguments[0] as AnyNode | undefined;
  return f && isFunction(f) && f.type !== 'ArrowFunctionExpression' ? f : undefined;
}

/** Array methods that move or replace the elements a caller passed (`push` and `pop` touch only the end, where a callback goes). */
const reordering = new Set(['unshift', 'shift', 'splice', 'reverse', 'sort', 'fill', 'copyWithin']);

/**
 * Whether the wrapper may call `target` with other arguments than its own as they came: it writes
 * to its argument list (`args[0] = …`, `args = …`, `args.unshift(…)`, `arguments[0] = …`), hands
 * the list to another call (which may change it), reassigns `target`, or calls `target` another
 * way too (`fn('/default')`). Then a call of the wrapper is not a call of `target` with the same
 * arguments, and granting what that call would need grants the wrong path. Nested functions are
 * looked into; a body too long to check counts as changing them.
 */
function changesArguments(wrapper: FunctionNode, target: string, args: string): boolean {
  const isName = (n: AnyNode | null | undefined, name: string) => n?.type === 'Identifier' && n.name === name;
  const fill = argumentsCopy(wrapper)?.fill;
  const stack: AnyNode[] = [wrapper.body as AnyNode];
  let seen = 0;
  while (stack.length > 0) {
    if (seen++ >= MAX_WRAPPER_NODES) return true;
    const n = stack.pop()!;
    if (n === fill) continue;
    if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression') {
      const written = (n.type === 'AssignmentExpression' ? n.left : n.argument) as AnyNode;
      if (isName(written, args) || isName(written, target) || (written.type === 'MemberExpression' && isName(written.object, args))) return true;
    }
    if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      const callee = n.callee as AnyNode;
      if (callee.type === 'MemberExpression' && isName(callee.object, args) && !callee.computed && callee.property.type === 'Identifier' && reordering.has(callee.property.name)) return true;
      // A retry calls the wrapper itself again with the same arguments (`attempt.apply(undefined, args)`).
      const self = ownName(wrapper);
      const forwards = forwardsTo(n, target, args) || (self !== undefined && self !== target && forwardsTo(n, self, args));
      const callsTarget = isName(callee, target) || (callee.type === 'MemberExpression' && isName(callee.object, target));
      if (callsTarget && !forwards) return true;
      if (!forwards && n.arguments.some((a) => isName(a as AnyNode, args) || (a.type === 'SpreadElement' && isName(a.argument, args)))) return true;
      // What a forwarding `apply` adds after the arguments is still checked (`args.concat([args.shift()])`), the list itself not.
      const list = forwards && callee.type === 'MemberExpression' && isName(callee.property as AnyNode, 'apply') ? n.arguments[1] : undefined;
      if (list) {
        stack.push(callee, n.arguments[0] as AnyNode, ...(appendedParts(list as AnyNode, args) ?? [list as AnyNode]));
        continue;
      }
    }
    forEachChild(n, (c) => stack.push(c));
  }
  return false;
}

/**
 * Whether the factory may hand its parameter `target` on rather than only call it: it names it
 * outside the wrapper (`cache.push(fn)`, `fn('/default')` in the factory's body or a step
 * between), or inside it other than as the callee of a forwarding call (`fn.inner`,
 * `register(fn)`, `return fn`). A call of such a factory is still a call of `target` for its
 * result, but whoever it hands `target` to calls it where no call names it; so it is not folded,
 * and a capability function handed to it stays reported where it is handed
 * (lib/detect/function-escape.ts counts on this: a folded factory keeps the function to itself).
 * A shadowing declaration of the same name counts as naming it.
 */
function handsOn(factory: FunctionNode, wrapper: FunctionNode, target: string, args: string): boolean {
  const isTarget = (n: AnyNode | null | undefined) => n?.type === 'Identifier' && n.name === target;
  // `fn.name`, `fn.length` (universalify copies the name onto the wrapper) describe it and hand nothing on.
  const described = (n: AnyNode) => n.type === 'MemberExpression' && !n.computed && isTarget(n.object as AnyNode) && n.property.type === 'Identifier' && (n.property.name === 'name' || n.property.name === 'length');
  const outside = (n: AnyNode): boolean => n !== (wrapper as unknown as AnyNode) && !described(n) && (isTarget(n) || someChild(n, outside));
  if (outside(factory.body as AnyNode)) return true;
  const stack: AnyNode[] = [wrapper.body as AnyNode];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (described(n)) continue;
    if (isTarget(n)) return true;
    if (n.type === 'CallExpression' && forwardsTo(n, target, args)) {
      // The callee (`fn`, `fn.apply`) is the call itself; its arguments are the wrapper's own.
      n.arguments.forEach((a) => stack.push(a as AnyNode));
      continue;
    }
    forEachChild(n, (c) => stack.push(c));
  }
  return false;
}

/**
 * The index of the parameter `factory` returns a forwarding wrapper of, if it does:
 * `function fromPromise(fn) { return function (...args) { … fn.apply(this, args) … } }` gives 0.
 */
export function forwardedParameter(factory: Node): number | undefined {
  const f = forwarding(factory);
  return f?.stages === 0 ? f.index : undefined;
}

/**
 * How `factory` forwards, if it does: the wrapper it returns, directly or from the functions it
 * returns in turn (at most MAX_STAGES of them, none of which names the parameter again), calls
 * one of its parameters with its own arguments as they came.
 */
export function forwarding(factory: Node): Forwarding | undefined {
  if (!isFunction(factory as AnyNode)) return undefined;
  const f = factory as FunctionNode;
  const shadowed = new Set<string>();
  let wrapper = returnedFunction(f);
  for (let stages = 0; wrapper && stages <= MAX_STAGES; stages++) {
    for (const args of argumentsNames(wrapper)) {
      for (const [index, p] of f.params.entries()) {
        if (p.type !== 'Identifier' || p.name === args || shadowed.has(p.name) || !bodyForwards(wrapper, p.name, args)) continue;
        return changesArguments(wrapper, p.name, args) || handsOn(f, wrapper, p.name, args) ? undefined : { index, stages };
      }
    }
    // A step between: its own parameters hide the factory's of the same name from the wrapper.
    for (const p of wrapper.params) if (p.type === 'Identifier') shadowed.add(p.name);
    wrapper = returnedFunction(wrapper);
  }
  return undefined;
}

const forwardsKey = memoKey<Map<Node, Forwarding | undefined>>('forwarded parameters');

/** forwarding of a function in a file, found once per function (the evaluator asks at each call of it). */
export function forwardingIn(model: FileModel, fn: Node): Forwarding | undefined {
  const known = memo(model, forwardsKey, () => new Map<Node, Forwarding | undefined>());
  if (!known.has(fn)) known.set(fn, forwarding(fn));
  return known.get(fn);
}
