// Objects rebuilt from another object's own keys or entries in one expression:
// `Object.fromEntries(Object.entries(x))` (also with `.map(([k, v]) => [k, v])`),
// `Object.fromEntries(Object.keys(x).map((k) => [k, x[k]]))`, and
// `Object.keys(x).reduce((acc, k) => { acc[k] = x[k]; return acc }, init)` or
// `Object.entries(x).reduce((acc, [k, v]) => { acc[k] = v; return acc }, init)`. Each copies every
// member of x, as `Object.assign({}, x)` does, so a capability module copied this way is still the
// module to the code calling the copy's methods. Only the syntax and bindings are read here; the
// evaluator (./index.ts) evaluates x and makes the copy.

import type { AnyNode, CallExpression, Node } from 'acorn';
import { memo, memoKey, type Binding, type FileModel } from '../parse/index.js';
import { childKeysOf } from '../parse/nodes.js';

/** Functions of a global that list a value's own keys (or entries), by the global that holds them. */
export type Listers = Readonly<Record<string, readonly string[]>>;

export const keyListers: Listers = { Object: ['keys', 'getOwnPropertyNames'], Reflect: ['ownKeys'] };
export const entryListers: Listers = { Object: ['entries'] };

/** `x` for `Object.keys(x)`, `Object.getOwnPropertyNames(x)`, `Reflect.ownKeys(x)` (or what `listers` name), each also with `.filter(…)` after it. */
export function keysListSource(node: AnyNode, listers: Listers): AnyNode | undefined {
  for (let at = node, hops = 0; at.type === 'CallExpression' && at.callee.type === 'MemberExpression' && !at.callee.computed && hops < 8; hops++) {
    const callee = at.callee;
    const name = (callee.property as AnyNode & { name?: string }).name;
    const owner = callee.object as AnyNode;
    // Own keys only: `toString.keys(x)` must not find Object.prototype's toString in the table.
    if (owner.type === 'Identifier' && name && Object.hasOwn(listers, owner.name) && listers[owner.name]!.includes(name)) return at.arguments[0] as AnyNode | undefined;
    if (name !== 'filter') return undefined;
    at = owner;
  }
  return undefined;
}

/** What a rebuilding call copies: the object `source` (a name), into `init` for a reduce (else a new object). */
export interface KeyCopy {
  source: AnyNode;
  init?: AnyNode;
}

/** The copy `n` makes, or undefined when it is no such call (or a global it names is shadowed). */
export function keyCopyOf(n: CallExpression, model: FileModel): KeyCopy | undefined {
  const callee = n.callee as AnyNode;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const name = callee.property.name;
  const object = callee.object as AnyNode;
  if (name === 'fromEntries' && object.type === 'Identifier' && object.name === 'Object' && !model.bindingOf.has(object)) return fromEntriesCopy(n.arguments[0] as AnyNode | undefined, model);
  if (name !== 'reduce' || n.arguments.length < 2 || unshadowed(object, model) === undefined) return undefined;
  const fn = n.arguments[0] as AnyNode;
  const init = n.arguments[1] as AnyNode;
  const source = keysListSource(object, keyListers);
  if (source?.type === 'Identifier' && reducerCopies(fn, source, model)) return { source, init };
  // `Object.entries(x).reduce((acc, [k, v]) => { acc[k] = v; return acc }, init)`.
  const entries = keysListSource(object, entryListers);
  return entries?.type === 'Identifier' && entryReducerCopies(fn, model) ? { source: entries, init } : undefined;
}

/** `node` when the lister global it starts from is not a name of the code's own. */
function unshadowed(node: AnyNode, model: FileModel): AnyNode | undefined {
  let at = node;
  while (at.type === 'CallExpression' && at.callee.type === 'MemberExpression') at = at.callee.object as AnyNode;
  return at.type === 'Identifier' && !model.bindingOf.has(at) ? node : undefined;
}

/** `Object.entries(x)`, or `<keys of x>.map((k) => [k, x[k]])`: x. */
function fromEntriesCopy(list: AnyNode | undefined, model: FileModel): KeyCopy | undefined {
  if (!list || unshadowed(list, model) === undefined) return undefined;
  const entries = keysListSource(list, entryListers);
  if (entries?.type === 'Identifier') return { source: entries };
  if (list.type !== 'CallExpression' || list.callee.type !== 'MemberExpression' || list.callee.computed || (list.callee.property as AnyNode & { name?: string }).name !== 'map') return undefined;
  const fn = list.arguments[0] as AnyNode | undefined;
  // `Object.entries(x).map(([k, v]) => [k, v])`: each entry as it is.
  const mapped = keysListSource(list.callee.object as AnyNode, entryListers);
  if (mapped?.type === 'Identifier' && fn && entryKept(fn, model)) return { source: mapped };
  const source = keysListSource(list.callee.object as AnyNode, keyListers);
  if (source?.type !== 'Identifier' || !fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return undefined;
  const key = paramAt(fn, 0, model);
  const pair = returnedExpression(fn);
  if (!key || pair?.type !== 'ArrayExpression' || pair.elements.length !== 2) return undefined;
  const [k, v] = pair.elements as (AnyNode | null)[];
  return k?.type === 'Identifier' && model.bindingOf.get(k) === key && readsKey(v ?? undefined, source, key, model) ? { source } : undefined;
}

/** The expression a function returns when its body is that expression or a single `return`. */
function returnedExpression(fn: AnyNode & { body: AnyNode }): AnyNode | undefined {
  const body = fn.body;
  if (body.type !== 'BlockStatement') return body;
  const only = body.body.length === 1 ? body.body[0] : undefined;
  return only?.type === 'ReturnStatement' ? ((only.argument as AnyNode | null) ?? undefined) : undefined;
}

/** The binding of a function's plain parameter at `index`. */
function paramAt(fn: AnyNode, index: number, model: FileModel): Binding | undefined {
  const b = model.params.get(fn as Node)?.[index];
  return b && b.pattern.length === 0 && b.writes.length === 0 && !b.complexWrite ? b : undefined;
}

/** `x[k]` with x the same binding (or global) as `source` and k the key parameter. */
function readsKey(v: AnyNode | undefined, source: AnyNode & { type: 'Identifier' }, key: Binding, model: FileModel): boolean {
  if (v?.type !== 'MemberExpression' || !v.computed || v.object.type !== 'Identifier' || v.object.name !== source.name) return false;
  return model.bindingOf.get(v.object) === model.bindingOf.get(source) && v.property.type === 'Identifier' && model.bindingOf.get(v.property) === key;
}

/**
 * A reducer `(acc, k) => …` that writes `acc[k] = x[k]` somewhere in its body (the scope walk
 * records each such write, lib/parse/module-shape.ts recordKeyedCopyVia). What it returns is not
 * read: writing the first key into the initial object already makes it the copy's holder, and a
 * copy taken too widely only grants what the module's calls need.
 */
function reducerCopies(fn: AnyNode, source: AnyNode & { type: 'Identifier' }, model: FileModel): boolean {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return false;
  const acc = paramAt(fn, 0, model);
  const key = paramAt(fn, 1, model);
  if (!acc || !key) return false;
  return (model.computedExportWrites ?? []).some(({ key: k, value, via }) => via !== undefined && model.bindingOf.get(via) === acc && model.bindingOf.get(k) === key && readsKey(value as AnyNode, source, key, model));
}

/** The names `[k, v]` of a function's parameter at `index` written as an entry pattern. */
function entryParam(fn: AnyNode, index: number): { key: AnyNode & { type: 'Identifier' }; value: AnyNode & { type: 'Identifier' } } | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  const pattern = fn.params[index] as AnyNode | undefined;
  if (pattern?.type !== 'ArrayPattern' || pattern.elements.length !== 2) return undefined;
  const [key, value] = pattern.elements as (AnyNode | null)[];
  return key?.type === 'Identifier' && value?.type === 'Identifier' ? { key, value } : undefined;
}

/** `([k, v]) => [k, v]`: the entry returned as it came. */
function entryKept(fn: AnyNode, model: FileModel): boolean {
  const entry = entryParam(fn, 0);
  const pair = entry ? returnedExpression(fn as AnyNode & { body: AnyNode }) : undefined;
  if (!entry || pair?.type !== 'ArrayExpression' || pair.elements.length !== 2) return false;
  const [k, v] = pair.elements as (AnyNode | null)[];
  const same = (a: AnyNode | null, b: AnyNode) => a?.type === 'Identifier' && model.bindingOf.get(a) === model.bindingOf.get(b) && model.bindingOf.get(b) !== undefined;
  return same(k, entry.key) && same(v, entry.value);
}

/** How many nodes of a reducer's body are looked at for its write. */
const MAX_REDUCER_NODES = 2_000;

/**
 * `(acc, [k, v]) => { acc[k] = v; … }`: a reducer over entries that writes each one onto its
 * accumulator. A body too long to look through is taken for a copy: as reducerCopies says, a copy
 * taken too widely only grants what the module's calls need, whereas "not a copy" left every call
 * through it a call of nothing known, neither granted nor reported (`open`, a name fs shares with
 * streams; hostile-reducer-copy-past-node-bound).
 */
function entryReducerCopies(fn: AnyNode, model: FileModel): boolean {
  const entry = entryParam(fn, 1);
  const acc = entry ? paramAt(fn, 0, model) : undefined;
  if (!entry || !acc) return false;
  const b = (n: AnyNode) => model.bindingOf.get(n);
  const stack: AnyNode[] = [(fn as AnyNode & { body: AnyNode }).body];
  for (let seen = 0; stack.length > 0 && seen < MAX_REDUCER_NODES; seen++) {
    const n = stack.pop()!;
    if (n.type === 'AssignmentExpression' && n.operator === '=' && n.left.type === 'MemberExpression' && n.left.computed) {
      const { object, property } = n.left;
      if (object.type === 'Identifier' && b(object) === acc && property.type === 'Identifier' && b(property) === b(entry.key) && n.right.type === 'Identifier' && b(n.right) === b(entry.value)) return true;
    }
    for (const key of childKeysOf(n)) {
      const v = (n as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c === 'object' && typeof (c as AnyNode).type === 'string') stack.push(c as AnyNode);
    }
  }
  return stack.length > 0;
}

const keyListingsOf = memoKey<Map<Node, readonly number[]>>('parameters whose keys a function lists');

/**
 * The indexes of the parameters whose own keys a function lists somewhere in its body
 * (`Object.keys(e)`, `Object.getOwnPropertyNames(e)`, `Reflect.ownKeys(e)`, `Object.entries(e)`,
 * `for (k in e)`). The namespace helpers compilers write list the module they are given and
 * define each key on the object they return: rollup's `_interopNamespaceDefault(e)` runs
 * `Object.keys(e).forEach((k) => Object.defineProperty(n, k, { get: () => e[k] }))`, Babel's
 * `_interopRequireWildcard` a `for (k in e)`. What such a call returns is then a copy of the
 * module (lib/evaluate/index.ts returnValueOf), so `glob__namespace.sync(p)` is the module's
 * `sync`. Bounded like a reducer's body; memoised per function.
 */
export function keyListedParams(fn: Node, model: FileModel): readonly number[] {
  const memos = memo(model, keyListingsOf, () => new Map());
  let found = memos.get(fn);
  if (!found) memos.set(fn, (found = listedParams(fn, model)));
  return found;
}

function listedParams(fn: Node, model: FileModel): readonly number[] {
  const params = model.params.get(fn) ?? [];
  if (params.length === 0) return [];
  const indexOf = (n: AnyNode | undefined | null): number => {
    const b = n?.type === 'Identifier' ? model.bindingOf.get(n) : undefined;
    return b ? params.indexOf(b) : -1;
  };
  const found = new Set<number>();
  const stack: AnyNode[] = [(fn as AnyNode & { body: AnyNode }).body];
  for (let seen = 0; stack.length > 0 && seen < MAX_REDUCER_NODES; seen++) {
    const n = stack.pop()!;
    const listed = n.type === 'CallExpression' ? (keysListSource(n, keyListers) ?? keysListSource(n, entryListers)) : n.type === 'ForInStatement' ? (n.right as AnyNode) : undefined;
    const index = indexOf(listed);
    if (index >= 0) found.add(index);
    for (const key of childKeysOf(n)) {
      const v = (n as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c === 'object' && typeof (c as AnyNode).type === 'string') stack.push(c as AnyNode);
    }
  }
  return [...found];
}
