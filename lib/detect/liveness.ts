// Which of a file's functions can run, and on what condition. A function runs only when its
// value is used: a declaration (or a const holding a function) through the references to its
// name, any other function (an argument, a method, a property, a return value) whenever the code
// around it runs, since its value may then be called from anywhere. The module's top level runs
// when the module loads. A function reached only through the module's exports (`exports.dir =
// dir`, `export function dir`) runs only when another module calls that export, which matching
// tells (lib/graph/unmatched.ts). So each function gets: `live`, or the exported functions one
// of which must run first (none: no code path calls it). Anything the syntax cannot rule out is
// live: a file with `eval` or `with`, a name read where no binding is seen, a file that reads its
// own exports object back (`exports.dir(…)`, `this` at the top of a CommonJS module).

import type { AnyNode, Node } from 'acorn';
import type { Binding, FileModel } from '../parse/index.js';
import { memo, memoKey } from '../parse/index.js';
import { forEachChild } from '../parse/nodes.js';
import type { FnKey } from './context.js';
import { fnKey } from './flow.js';

/** `live`, or the exported functions one of which must run before this one can (empty: never). */
export type Condition = 'live' | ReadonlySet<FnKey>;

/** More exported functions than this in one condition: counted as live (the condition buys little). */
const MAX_WHEN = 64;

/** What the walk records of one function. */
interface FnFacts {
  /** The innermost function around it (undefined: the top level). */
  region: Node | undefined;
  /** The binding its value is given to and read through only (a declaration, a const), if any. */
  binding?: Binding;
  /** Set when the function's value is written in an export position (`exports.x = function …`). */
  exportedAt?: boolean;
}

interface Facts {
  fns: Map<Node, FnFacts>;
  /** Each read of a function binding: the function read and the region it is read in, and whether that read is an export. */
  uses: { fn: Node; region: Node | undefined; export: boolean }[];
  /** Set when nothing can be ruled out (eval, with, the exports object read back). */
  allLive: boolean;
  /**
   * The regions that read `this` (an arrow's: the region around it). A function called as a
   * method of the exports object, or of an object exported, sees it as `this` (`exports.a =
   * function () { this.b() }`, `export default { a() { this[k]() } }`, `helper.call(this)`), so
   * each exported function runs when such a region does.
   */
  thisRegions: Set<Node | undefined>;
  /**
   * The regions that read `this` in a class's method or constructor, or in a function written
   * as `X.prototype.m`: its `this` is an instance, never the exports object unless the module
   * exports an instance or a method itself (instanceMayBeExports). Then they count as thisRegions.
   */
  instanceThisRegions: Set<Node>;
}

// Per analysis: the conditions depend on the export table, which is the run's.
const conditions = memoKey<Map<Node, Condition>>('function liveness');

/** The condition under which `fn` (a function node of `model`) can run; `exported` the keys of the module's exported functions. */
export function conditionOf(model: FileModel, fn: Node, exported: ReadonlySet<FnKey>): Condition {
  return memo(model, conditions, () => solve(model, exported)).get(fn) ?? 'live';
}

function solve(model: FileModel, exported: ReadonlySet<FnKey>): Map<Node, Condition> {
  const facts = walk(model);
  const out = new Map<Node, Condition>();
  if (facts.allLive) return out; // every function: live (the default of conditionOf)
  const usesOf = new Map<Node, Use[]>();
  for (const u of facts.uses) {
    const list = usesOf.get(u.fn);
    if (list) list.push(u);
    else usesOf.set(u.fn, [u]);
  }
  // What each function's condition is the union of, in order: made once, read at every step.
  const sources = new Map<Node, Source[]>();
  if (facts.instanceThisRegions.size > 0 && instanceMayBeExports(model)) for (const r of facts.instanceThisRegions) facts.thisRegions.add(r);
  for (const [fn, f] of facts.fns) {
    const k = fnKey(model, fn);
    sources.set(fn, sourcesOf(fn, f, exported.has(k) ? k : undefined, usesOf, facts.thisRegions));
    out.set(fn, new Set());
  }
  // Which functions read the condition of each function (the code around their references or themselves).
  const dependents = new Map<Node, Node[]>();
  for (const [fn, list] of sources) {
    for (const s of list) {
      if (!isRegion(s) || s.region === undefined) continue;
      const deps = dependents.get(s.region);
      if (deps) deps.push(fn);
      else dependents.set(s.region, [fn]);
    }
  }
  // The least solution, from "never" upward, by a worklist: each step can only add. Cut short, it
  // would say too little, so a solution not reached in the bound makes every function live.
  const queue = [...facts.fns.keys()];
  const queued = new Set(queue);
  let steps = 20 * (facts.fns.size + facts.uses.length) + 100;
  while (queue.length > 0) {
    if (--steps < 0) return new Map();
    const fn = queue.pop()!;
    queued.delete(fn);
    const next = union(sources.get(fn)!, out);
    if (same(out.get(fn)!, next)) continue;
    out.set(fn, next);
    for (const d of dependents.get(fn) ?? []) if (!queued.has(d)) (queued.add(d), queue.push(d));
  }
  return out;
}

type Use = Facts['uses'][number];

/** One part of a function's condition: an exported function's key, or the condition of the code in a region (undefined: the top level). */
type Source = FnKey | { region: Node | undefined };

/** The parts of a function's condition (`key`: its own, when it is exported): where its value is written as an export, and each read of its name, or the code around it. */
function sourcesOf(fn: Node, f: FnFacts, key: FnKey | undefined, usesOf: ReadonlyMap<Node, Use[]>, thisRegions: ReadonlySet<Node | undefined>): Source[] {
  const out: Source[] = [];
  // An exported function may be called through `this` wherever a region reads it.
  if (key) for (const region of thisRegions) out.push({ region });
  if (f.exportedAt) out.push(key ?? { region: f.region });
  if (f.binding) for (const u of usesOf.get(fn) ?? []) out.push(u.export && key ? key : { region: u.region });
  else if (!f.exportedAt) out.push({ region: f.region });
  return out;
}

/** The union of a function's parts, with the conditions found so far (`out`) for regions: `live` when one is. */
function union(sources: readonly Source[], out: ReadonlyMap<Node, Condition>): Condition {
  const keys = new Set<FnKey>();
  for (const s of sources) {
    if (!isRegion(s)) {
      keys.add(s);
      continue;
    }
    const c = s.region === undefined ? 'live' : out.get(s.region) ?? 'live';
    if (c === 'live') return 'live';
    for (const k of c) keys.add(k);
  }
  return keys.size > MAX_WHEN ? 'live' : keys;
}

const isRegion = (s: Source): s is { region: Node | undefined } => 'region' in s;

function same(a: Condition, b: Condition): boolean {
  if (a === 'live' || b === 'live') return a === b;
  if (a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}

const isFunction = (n: AnyNode) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

/**
 * An export's value, and the members of an object literal exported whole, a few levels in
 * (`module.exports = { hasMillisResSync, utimesMillisSync }`, fs-extra 8): each is an export
 * position, as `exports.x = x` is, since the export table follows them.
 */
function addExportNode(into: Set<Node>, implicit: Set<Node>, node: AnyNode, name: string, depth: number): void {
  // Exported under a name the language or Node calls by itself (`await require('x')` calls
  // `then`, a template literal `toString`, JSON.stringify `toJSON`): no call names it.
  if (implicitlyCalled.has(name)) implicit.add(node);
  else into.add(node);
  if (node.type !== 'ObjectExpression' || depth >= 4) return;
  for (const p of node.properties) if (p.type === 'Property' && !p.computed && p.kind === 'init') addExportNode(into, implicit, p.value as AnyNode, propertyName(p.key as AnyNode), depth + 1);
}

/** Member names called with no call written: thenables, coercion, JSON, util.inspect, iterators. */
const implicitlyCalled: ReadonlySet<string> = new Set(['then', 'toString', 'valueOf', 'toJSON', 'toLocaleString', 'inspect', 'next', 'return', 'throw', 'handleEvent']);

function propertyName(key: AnyNode): string {
  return key.type === 'Identifier' ? key.name : key.type === 'Literal' ? String(key.value) : '';
}

/** One walk: each function's region and binding, each read of a function binding, and what makes everything live. */
function walk(model: FileModel): Facts {
  const facts: Facts = { fns: new Map(), uses: [], allLive: false, thisRegions: new Set(), instanceThisRegions: new Set() };
  const bound = boundFunctions(model);
  const exportNodes = new Set<Node>();
  const implicit = new Set<Node>();
  for (const [name, t] of model.exports) if ('node' in t) addExportNode(exportNodes, implicit, t.node as AnyNode, name, 0);
  const names = new Set([...bound.keys()].map((b) => b.name));
  const bindingOfFn = new Map([...bound].map(([b, fn]) => [fn, b]));
  const w: WalkContext = { facts, bound, bindingOfFn, exportNodes, implicit, names };
  const stack: Entry[] = [{ node: model.ast as AnyNode, region: undefined, parent: undefined }];
  while (stack.length > 0 && !facts.allLive) {
    const entry = stack.pop()!;
    const { node, region } = entry;
    visit(model, node, region, entry.parent, w);
    const inner = isFunction(node) ? node : region;
    forEachChild(node, (c) => stack.push({ node: c, region: inner, parent: entry }));
  }
  return facts;
}

/** A node of the walk, with its parent's entry: a read's ancestors are found through it, with no list made per node. */
interface Entry {
  node: AnyNode;
  region: Node | undefined;
  parent: Entry | undefined;
}

/** The ancestor `k` steps above a node whose parent's entry is `up` (0: the parent); three are enough to tell `module.exports.x = …` from a read. */
function above(up: Entry | undefined, k: number): AnyNode | undefined {
  let e = up;
  for (let i = 0; i < k && e; i++) e = e.parent;
  return e?.node;
}

interface WalkContext {
  facts: Facts;
  bound: Map<Binding, Node>;
  bindingOfFn: Map<Node, Binding>;
  exportNodes: ReadonlySet<Node>;
  /** Export positions under a name called implicitly (implicitlyCalled): what is written there is live. */
  implicit: ReadonlySet<Node>;
  names: ReadonlySet<string>;
}

function visit(model: FileModel, node: AnyNode, region: Node | undefined, up: Entry | undefined, w: WalkContext): void {
  const { facts } = w;
  if (isFunction(node)) {
    const own = w.bindingOfFn.get(node);
    // Written where it is called implicitly: live (a function with no binding is its region's, so the top level's).
    facts.fns.set(node, { region: w.implicit.has(node) ? undefined : region, ...(own && !w.implicit.has(node) ? { binding: own } : {}), ...(w.exportNodes.has(node) ? { exportedAt: true } : {}) });
    return;
  }
  if (node.type === 'WithStatement' || (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'eval')) facts.allLive = true;
  else if (node.type === 'ThisExpression' && model.kind === 'cjs' && thisIsExports(region)) facts.allLive = true;
  else if (node.type === 'ThisExpression' && !handedToAsyncHelper(node, up?.node)) {
    // At an ES module's top level `this` is undefined (tsc's `(this && this.__awaiter)` there reads nothing).
    const owner = thisRegion(region, up);
    if (owner !== undefined && isInstanceMethod(owner, up)) facts.instanceThisRegions.add(owner);
    else if (owner !== undefined || model.kind !== 'esm') facts.thisRegions.add(owner);
  }
  else if (node.type === 'Identifier') identifier(model, node, region, up, w);
}

/**
 * tsc's async helpers, told by name as the interop helpers are (`__awaiter(this, arguments, P,
 * function* () { … })`, also `tslib.__awaiter`): they run the function handed in with that
 * `this`, whose own reads of `this` are counted where they are. Counting the hand-off made every
 * compiled async function a reader of `this`, and so each exported function live with it.
 */
const asyncHelpers: ReadonlySet<string> = new Set(['__awaiter', '__generator', '__asyncGenerator']);

function handedToAsyncHelper(thisNode: Node, parent: AnyNode | undefined): boolean {
  if (parent?.type !== 'CallExpression' || parent.arguments[0] !== thisNode) return false;
  const c = parent.callee;
  const name = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' ? c.property.name : undefined;
  return name !== undefined && asyncHelpers.has(name);
}

/**
 * Whether `fn`, a function around a `this` read (whose entries lie above `up`), is a class's
 * method, getter, setter or constructor (static ones' `this` is the class), or a function
 * written as `X.prototype.m = function …` (node-gyp's `ShaSum` stream class, util.inherits
 * classes): `this` there is what the class makes.
 */
function isInstanceMethod(fn: Node, up: Entry | undefined): boolean {
  let e = up;
  while (e && e.node !== fn) e = e.parent;
  const parent = e?.parent?.node;
  if (!parent) return false;
  if (parent.type === 'MethodDefinition') return parent.value === fn;
  if (parent.type !== 'AssignmentExpression' || parent.right !== fn || (fn as AnyNode).type !== 'FunctionExpression') return false;
  const left = parent.left;
  return left.type === 'MemberExpression' && left.object.type === 'MemberExpression' && !left.object.computed && left.object.property.type === 'Identifier' && left.object.property.name === 'prototype' && left.object.object.type === 'Identifier';
}

/**
 * Whether a class's instance (or one of its methods) may be the module's exports object or an
 * exported value: any export that is not a function, a class, a function's name, a literal or an
 * object literal of those (`module.exports = new C()`, `= create()`, `exports.m = C.prototype.m`).
 * Then a method's `this` may be what an exported function is called on, as precision-15 counted.
 */
function instanceMayBeExports(model: FileModel): boolean {
  const functions = new Set([...boundFunctions(model).keys()]);
  const plain = (node: AnyNode, depth: number): boolean => {
    if (isFunction(node) || node.type === 'ClassExpression' || node.type === 'ClassDeclaration' || node.type === 'Literal' || node.type === 'TemplateLiteral') return true;
    if (node.type === 'Identifier') {
      const b = model.bindingOf.get(node);
      return b !== undefined && (functions.has(b) || b.kind === 'class');
    }
    if (node.type !== 'ObjectExpression' || depth >= 4) return false;
    return node.properties.every((p) => p.type === 'Property' && !p.computed && p.kind === 'init' && plain(p.value as AnyNode, depth + 1));
  };
  for (const t of model.exports.values()) if (!('node' in t) || !plain(t.node as AnyNode, 0)) return true;
  return false;
}

/** The region whose `this` a `this` read in `region` is: past arrow functions, to the function (or top level) around them. */
function thisRegion(region: Node | undefined, up: Entry | undefined): Node | undefined {
  if (!region || (region as AnyNode).type !== 'ArrowFunctionExpression') return region;
  for (let e = up; e; e = e.parent) if (e.node !== region && isFunction(e.node) && e.node.type !== 'ArrowFunctionExpression' && contains(e.node, region)) return e.node;
  return undefined;
}

const contains = (outer: Node, inner: Node): boolean => outer.start <= inner.start && inner.end <= outer.end;

/** `this` at the top level of a CommonJS module (or in an arrow function there) is its exports object. */
function thisIsExports(region: Node | undefined): boolean {
  return region === undefined || (region as AnyNode).type === 'ArrowFunctionExpression';
}

function identifier(model: FileModel, id: AnyNode & { type: 'Identifier' }, region: Node | undefined, up: Entry | undefined, w: WalkContext): void {
  const parent = up?.node;
  const b = model.bindingOf.get(id);
  if (!b) {
    if (isPropertyName(id, parent)) return;
    // A name with no binding seen (a sloppy-mode block function read outside its block?): whatever it names is live.
    if (w.names.has(id.name) || readsOwnExports(model, id, up)) w.facts.allLive = true;
    return;
  }
  const fn = w.bound.get(b);
  if (!fn) return;
  // `exports.then = then`: called implicitly, so live.
  if (w.implicit.has(id)) return void w.facts.uses.push({ fn, region: undefined, export: false });
  const exported = w.exportNodes.has(id);
  // The declaring name is no read, unless the declaration is the export (`export const f = …`).
  if (!exported && declares(id, parent, fn)) return;
  w.facts.uses.push({ fn, region, export: exported });
}

/**
 * `a.name` or `{ name: … }`: a property's name, not a read of a variable; so is another module's
 * name in an import or export clause (`import { execFile as run }`: unicorn-magic's own
 * `execFile` then made the whole file live), and a label.
 */
function isPropertyName(id: Node, parent: AnyNode | undefined): boolean {
  if (parent?.type === 'ImportSpecifier') return parent.imported === id && parent.local !== id;
  if (parent?.type === 'ExportSpecifier') return parent.exported === id && parent.local !== id;
  if (parent?.type === 'ExportAllDeclaration' || parent?.type === 'LabeledStatement' || parent?.type === 'BreakStatement' || parent?.type === 'ContinueStatement') return true;
  return (parent?.type === 'MemberExpression' && parent.property === id && !parent.computed) || (parent?.type === 'Property' && parent.key === id && !parent.computed && parent.value !== id) || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition';
}

/** The identifier that declares the function's binding (its name, or the const's), not a read of it. */
function declares(id: Node, parent: AnyNode | undefined, fn: Node): boolean {
  return (parent === fn && (fn as AnyNode & { id?: Node }).id === id) || (parent?.type === 'VariableDeclarator' && parent.id === id);
}

/**
 * `exports` or `module.exports` read other than as the object an export is written on
 * (`exports.x = …`, `module.exports = …`) or defined on (`Object.defineProperty(exports, …)`):
 * the file may call its own exports through it.
 */
function readsOwnExports(model: FileModel, id: AnyNode & { type: 'Identifier' }, up: Entry | undefined): boolean {
  if (model.kind !== 'cjs') return false;
  if (id.name === 'exports') return !writtenOn(id, up, 0) && !definedOn(up?.node, id);
  if (id.name !== 'module') return false;
  const m = up?.node;
  // `const m = module`, `f(module)`, `module['exports']`: the exports object may be read through
  // it (UMD's `typeof module` test reads nothing).
  if (m?.type === 'UnaryExpression' && m.operator === 'typeof') return false;
  if (m?.type !== 'MemberExpression' || m.object !== id || m.computed || m.property.type !== 'Identifier') return true;
  if (m.property.name !== 'exports') return false;
  // `module.exports = …`, `module.exports.x = …`, `Object.defineProperty(module.exports, …)`.
  const p = above(up, 1);
  if (p?.type === 'AssignmentExpression' && p.left === m) return false;
  return !writtenOn(m, up, 1) && !definedOn(p, m);
}

/** `e.x = …` (the ancestor `at` is `e.x`, the one above it the assignment): a member written on e, no read of it. */
function writtenOn(e: Node, up: Entry | undefined, at: number): boolean {
  const member = above(up, at);
  const assign = above(up, at + 1);
  return member?.type === 'MemberExpression' && member.object === e && assign?.type === 'AssignmentExpression' && assign.left === member;
}

function definedOn(parent: AnyNode | undefined, id: Node): boolean {
  return parent?.type === 'CallExpression' && parent.arguments[0] === id && parent.callee.type === 'MemberExpression' && parent.callee.property.type === 'Identifier' && parent.callee.property.name === 'defineProperty';
}

/** Function bindings read through their name only: declarations, and variables given a function and never written again. */
function boundFunctions(model: FileModel): Map<Binding, Node> {
  const out = new Map<Binding, Node>();
  for (const b of model.bindingOf.bindings()) {
    // A declaration only: a function expression's own name (`(function again() { … again() })()`) is seen inside it alone.
    if (b.kind === 'function' && b.fn && (b.fn as AnyNode).type === 'FunctionDeclaration' && b.writes.length === 0 && !b.complexWrite) out.set(b, b.fn);
    else if ((b.kind === 'const' || b.kind === 'let' || b.kind === 'var') && b.init && b.pattern.length === 0 && b.writes.length === 0 && !b.complexWrite && !b.loopVariable && isFunction(b.init as AnyNode)) out.set(b, b.init);
  }
  return out;
}
