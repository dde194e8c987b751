// Following a parameter back to the calls that supply it, inside one file. A sink argument that
// depends on a parameter of its enclosing function is evaluated again at each call of that
// function with the caller's arguments bound, a few levels up. Calls from other modules are
// handled later by summaries (flow.ts), because the caller may not have been read yet.

import type { AnyNode, Node } from 'acorn';
import { alternatives, bindPatternParams, classAround, constructorOfClass, evaluate, inheritedConstructor, isConstructor, methodOfThis, oneOf, paramOf, siteOf, type EvalEnv, type Frame, type Value } from '../evaluate/index.js';
import { walksUpFound } from '../evaluate/parent-walk.js';
import { forEachChild } from '../parse/nodes.js';
import { memo, memoKey, type Binding, type CallSite, type FileModel } from '../parse/index.js';
import type { FnKey } from './context.js';
import { fnKey } from './flow.js';
import { holdsExports } from './exports-alias.js';
import { aliasedBinding, callersOpen, choiceOperands } from './open-callers.js';

/** Which calls reach each function of a file: a fact of the code, worked out once per file. */
const callerIndex = memoKey<Map<Node, CallSite[]>>('callers');

/** The calls in this file that reach `fn`. */
function callersOf(model: FileModel, fn: Node): CallSite[] {
  return memo(model, callerIndex, () => indexCallers(model)).get(fn) ?? [];
}

/** The calls in this file that reach `fn` (lib/detect/tag-bound.ts follows a tag handed in as a parameter to them). */
export function fileCallersOf(model: FileModel, fn: Node): readonly CallSite[] {
  return callersOf(model, fn);
}

/** Whether `call` is one of the calls of this file that bind `fn`'s parameters (what the escape search of the file's own exported functions follows). */
export function bindsParameters(model: FileModel, fn: Node, call: Node): boolean {
  return callersOf(model, fn).some((c) => c.node === call);
}

function indexCallers(model: FileModel): Map<Node, CallSite[]> {
  const index = new Map<Node, CallSite[]>();
  // An indexed loop: every call of every file with a function passes here (a for…of step allocated until V8 optimised this).
  const calls = model.calls;
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!;
    const callee = calledExpression((call.node as Node & { callee?: Node & { type: string } }).callee);
    // `this.list(sub)` inside a class calls that class's `list`.
    const method = callee?.type === 'MemberExpression' ? methodOfThis(model, callee) : undefined;
    if (method) {
      addTo(index, method, call);
      continue;
    }
    // `super(…)` in a constructor calls the parent class's (a class of this file).
    const parent = callee?.type === 'Super' ? classAround(model, call.node)?.superClass : undefined;
    const target_ = parent?.type === 'Identifier' ? constructed(model, model.bindingOf.get(parent)) : undefined;
    if (target_) {
      addTo(index, target_, call);
      continue;
    }
    // `listing.html(…)`, `listing[type](…)`: a function written as a member of a variable of this file.
    const members = callee?.type === 'MemberExpression' ? memberCallees(model, callee, call.fn) : NO_FUNCTIONS;
    for (const fn of members) addTo(index, fn, call);
    if (members.length > 0) continue;
    if (!callee || callee.type !== 'Identifier') continue;
    const b = model.bindingOf.get(callee);
    // `const read = opts.read || defaultRead; read(…)`: a call of each function it may be.
    const chosen = b?.init && b.writes.length === 0 ? chosenFunctions(model, b.init) : [];
    for (const fn of chosen) addTo(index, fn, call);
    if (chosen.length > 0) continue;
    const target =
      b?.kind === 'function'
        ? b.fn
        : b && aliasedBinding(model, b) !== b
          ? functionNamed(model, callee) // `const a = save; a(…)`
        : b?.init && /Function/.test(b.init.type) && b.writes.length === 0
          ? b.init
          : b?.init && b.writes.length === 0 && model.generated?.get(b.init)?.kind === 'function'
            ? model.generated.get(b.init)!.root // `const load = new Function('m', 'return import(m)')`
          : call.node.type === 'NewExpression' // `new C(…)` runs C's constructor
            ? constructed(model, b)
            : undefined;
    if (target) addTo(index, target, call);
  }
  return index;
}

/**
 * What a call calls: its callee, or for compiled code's `(0, exports.walkSync)(…)` (tsc, Babel:
 * a call that drops `this`) the expression after the literals. Not unwrapped, that form matched
 * no function, so an exported function calling itself back through its own export bound its
 * parameter to the outside caller's value alone and the deeper reads were silent (chownr's
 * chownrSync, `miss-recursive-call-through-own-export`).
 */
function calledExpression(callee: (Node & { type: string }) | undefined): (Node & { type: string }) | undefined {
  if (callee?.type !== 'SequenceExpression') return callee;
  const parts = (callee as Node & { expressions: (Node & { type: string })[] }).expressions;
  return parts.slice(0, -1).every((e) => e.type === 'Literal') ? parts.at(-1) : callee;
}

/** Appends to a key's list in place: a copy per call made a file with many calls of one function quadratic. */
function addTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

const NO_FUNCTIONS: Node[] = [];

/** The functions written as members of each variable of this file (`listing.html = function …`), by variable. */
const memberFunctionIndex = memoKey<Map<Binding, { name: string; fn: Node }[]>>('member functions');

type MemberWrite = Node & { left: Node & { object: Node; property: Node & { name: string } }; right: Node & { type: string } };

function memberFunctionsOf(model: FileModel, b: Binding): { name: string; fn: Node }[] {
  return memo(model, memberFunctionIndex, () => {
    const index = new Map<Binding, { name: string; fn: Node }[]>();
    for (const w of model.staticWrites as MemberWrite[]) {
      const owner = model.bindingOf.get(w.left.object);
      const fn = owner ? functionNamed(model, w.right) : undefined;
      if (fn) addTo(index, owner!, { name: w.left.property.name, fn });
    }
    return index;
  }).get(b) ?? [];
}

const NO_MEMBERS: { name: string; fn: Node }[] = [];

/**
 * The functions a member call on `object` may reach: those written on a variable never
 * reassigned or in the object literal it is initialised with (`loaders[kind](…)`), the file's own
 * exports (`exports.x`, `module.exports = { … }`), and, for `this` in a function of the exported
 * object literal (`render(type) { this[type](…) }`), that object's.
 */
function membersOf(model: FileModel, object: Node & { type: string }, around: Node | undefined): { name: string; fn: Node }[] {
  if (isOwnExports(model, object)) return [...exportedFunctionsOf(model), ...objectFunctions(model, exportedObject(model))];
  const named = object.type === 'Identifier' ? model.bindingOf.get(object) : undefined;
  const thisNode = object.type === 'ThisExpression' ? object : named && thisAlias(named);
  if (thisNode) {
    const own = ownExportFunctions(model);
    const owner = own.length > 0 ? thisOwner(model, thisNode, object === thisNode ? around : undefined) : undefined;
    if (owner && own.some((x) => x.fn === owner)) return own;
    // `var self = this` in a constructor: the members written on `self` below.
    if (object === thisNode) return NO_MEMBERS;
  }
  // `const a = h; a.save(…)` calls h's save.
  const b = named && aliasedBinding(model, named);
  if (!b || b.writes.length > 0) return NO_MEMBERS;
  const written = memberFunctionsOf(model, b);
  return b.init?.type === 'ObjectExpression' ? [...written, ...objectFunctions(model, b.init)] : written;
}

/** `var self = this`, never written again: the `this` it keeps. */
function thisAlias(b: Binding): Node | undefined {
  return b.init?.type === 'ThisExpression' && b.writes.length === 0 && b.pattern.length === 0 && !b.complexWrite ? b.init : undefined;
}

/**
 * The function whose `this` a `this` node is: the innermost function around it that is not an
 * arrow (an arrow's `this` is the one around it). `around` is the innermost function around the
 * node when the caller knows it and it is no arrow.
 */
function thisOwner(model: FileModel, thisNode: Node, around: Node | undefined): Node | undefined {
  if (around && (around as Node & { type: string }).type !== 'ArrowFunctionExpression') return around;
  // Functions nest: of those starting before the node, the last that still ends after it is the innermost around it.
  const fns = memo(model, thisFunctionIndex, () => [...model.params.keys()].filter((fn) => (fn as Node & { type: string }).type !== 'ArrowFunctionExpression').sort((a, b) => a.start - b.start));
  let lo = 0;
  let hi = fns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fns[mid]!.start <= thisNode.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) if (fns[i]!.end >= thisNode.end) return fns[i];
  return undefined;
}

const thisFunctionIndex = memoKey<Node[]>('functions with their own this, by start');

/**
 * The functions of this CommonJS file's exports object, where a call `mod.f()` from another
 * module makes `this` that object: `exports.f = function …`, the members of an exported object
 * literal, and those written on a name that holds the exports (`var Rotator = {};
 * module.exports = Rotator; Rotator.getStream = function …`, file-stream-rotator 0.6). A function
 * among them calling `this.prepare(…)` (or `self.prepare(…)` with `var self = this`) calls
 * the one of that name: its parameters are bound there, rather than waiting for calls from other
 * modules that may never come (miss-this-method-call-in-exported-function).
 */
function ownExportFunctions(model: FileModel): { name: string; fn: Node }[] {
  return memo(model, ownExportFunctionIndex, () => {
    if (model.kind === 'esm') return NO_MEMBERS;
    const whole = model.exports.get('');
    const holder = whole && 'node' in whole && (whole.node as Node & { type: string }).type === 'Identifier' ? model.bindingOf.get(whole.node) : undefined;
    const written = holder && holdsExports(model, holder) ? memberFunctionsOf(model, holder) : NO_MEMBERS;
    const all = [...exportedFunctionsOf(model), ...objectFunctions(model, exportedObject(model)), ...written];
    return all.filter((x, i) => all.findIndex((y) => y.fn === x.fn && y.name === x.name) === i);
  });
}

const ownExportFunctionIndex = memoKey<{ name: string; fn: Node }[]>('own export functions');

/**
 * The reads `this.save` (and `self.save` with `var self = this`) in the functions of this
 * CommonJS file's exports object, where `this` is that object: reads of the export `save`, as
 * `exports.save` is, for the escape search (lib/detect/export-escape.ts ownExportReads). Kept
 * in a name or called through `call` (`var w = this.save; w(p)`), the export escapes there.
 */
export function thisExportMemberReads(model: FileModel): readonly Node[] {
  return memo(model, thisExportReadIndex, () => {
    const own = ownExportFunctions(model);
    if (own.length === 0) return [];
    const owners = new Set(own.map((x) => x.fn));
    const out: Node[] = [];
    const visit = (n: AnyNode): void => {
      if (n.type === 'MemberExpression' && !n.computed && readsOwnThis(model, n.object, owners)) out.push(n);
      forEachChild(n, visit);
    };
    for (const fn of owners) visit((fn as AnyNode & { body: AnyNode }).body);
    // A function nested in another of them is walked twice: each read once, in source order.
    return [...new Set(out)].sort((a, b) => a.start - b.start);
  });
}

const thisExportReadIndex = memoKey<readonly Node[]>('this reads of own exports');

/** Whether `this` in `fn` (an arrow's: the function around it) is this CommonJS file's exports object, `fn` being a function of it. */
export function thisIsOwnExportsIn(model: FileModel, fn: Node): boolean {
  const own = ownExportFunctions(model);
  const owner = own.length > 0 ? thisOwner(model, fn, undefined) : undefined;
  return !!owner && own.some((x) => x.fn === owner);
}

/** `this`, or a `var self = this`, whose function is one of `owners`. */
function readsOwnThis(model: FileModel, object: AnyNode, owners: ReadonlySet<Node>): boolean {
  const b = object.type === 'Identifier' ? model.bindingOf.get(object) : undefined;
  const thisNode = object.type === 'ThisExpression' ? object : b && thisAlias(b);
  const owner = thisNode && thisOwner(model, thisNode, undefined);
  return !!owner && owners.has(owner);
}

/** `module.exports = { … }` of a CommonJS file: the object literal. */
function exportedObject(model: FileModel): Node | undefined {
  const whole = model.kind === 'esm' ? undefined : model.exports.get('');
  const node = whole && 'node' in whole ? (whole.node as Node & { type: string }) : undefined;
  return node?.type === 'ObjectExpression' ? node : undefined;
}

/** The functions an object literal holds under a plain key (`file: function …`, `html(cb) { … }`, `load: load`). */
function objectFunctions(model: FileModel, object: Node | undefined): { name: string; fn: Node }[] {
  if (!object) return NO_MEMBERS;
  // Asked at every member call on the object (or on `this` or `exports`): listed once per object.
  const byObject = memo(model, objectFunctionIndex, () => new Map<Node, { name: string; fn: Node }[]>());
  let out = byObject.get(object);
  if (!out) byObject.set(object, (out = functionsOfObject(model, object)));
  return out;
}

const objectFunctionIndex = memoKey<Map<Node, { name: string; fn: Node }[]>>('object literal functions');

function functionsOfObject(model: FileModel, object: Node): { name: string; fn: Node }[] {
  const props = (object as Node & { properties?: (Node & { type: string; computed?: boolean; key: Node & { type: string; name?: string; value?: unknown }; value: Node & { type: string } })[] }).properties;
  if (!props) return NO_MEMBERS;
  const out: { name: string; fn: Node }[] = [];
  for (const p of props) {
    if (p.type !== 'Property' || p.computed) continue;
    const name = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' && typeof p.key.value === 'string' ? p.key.value : undefined;
    const fn = name === undefined ? undefined : functionNamed(model, p.value);
    if (fn) out.push({ name: name!, fn });
  }
  return out;
}

/** `exports` or `module.exports` of a CommonJS file (names the code does not declare itself). */
function isOwnExports(model: FileModel, n: Node & { type: string }): boolean {
  if (model.kind === 'esm') return false;
  const m = n as Node & { type: string; name?: string; object?: Node & { type: string; name?: string }; property?: Node & { name?: string }; computed?: boolean };
  if (m.type === 'Identifier') return m.name === 'exports' && !model.bindingOf.has(n);
  return m.type === 'MemberExpression' && !m.computed && m.object!.type === 'Identifier' && m.object!.name === 'module' && !model.bindingOf.has(m.object!) && m.property!.name === 'exports';
}

/** The functions the file exports by name (`exports.layout = function …`), for its own calls through `exports`. */
const exportedFunctionIndex = memoKey<{ name: string; fn: Node }[]>('exported member functions');

function exportedFunctionsOf(model: FileModel): { name: string; fn: Node }[] {
  return memo(model, exportedFunctionIndex, () => {
    const out: { name: string; fn: Node }[] = [];
    for (const [name, target] of model.exports) {
      const fn = name !== '' && 'node' in target ? functionNamed(model, target.node as Node & { type: string }) : undefined;
      if (fn) out.push({ name, fn });
    }
    return out;
  });
}

/** A function literal, or a variable never reassigned that holds one. */
function functionNamed(model: FileModel, n: Node & { type: string }): Node | undefined {
  if (/Function/.test(n.type)) return n;
  const named = n.type === 'Identifier' ? model.bindingOf.get(n) : undefined;
  const b = named && aliasedBinding(model, named);
  if (b?.kind === 'function') return b.fn;
  return b?.init && /Function/.test(b.init.type) && b.writes.length === 0 ? b.init : undefined;
}

/**
 * The member functions a call through a variable never reassigned, or through the file's own
 * `exports`, may call: the one it names (`listing.page(…)`, `exports.layout(…)`), or with a key
 * known only at run time each one (serve-index's `serveIndex[mediaType[type]](…)` calls its
 * `html`, `json` or `plain`).
 */
function memberCallees(model: FileModel, callee: Node & { type: string }, around: Node | undefined): Node[] {
  const m = callee as Node & { object: Node & { type: string }; property: Node & { type: string; name?: string; value?: unknown }; computed: boolean };
  const members = membersOf(model, m.object, around);
  if (members.length === 0) return NO_FUNCTIONS;
  const key = !m.computed ? m.property.name : m.property.type === 'Literal' && typeof m.property.value === 'string' ? m.property.value : undefined;
  return members.filter((x) => key === undefined || x.name === key).map((x) => x.fn);
}

/**
 * The constructor `new C(…)` runs for a class binding of this file: its own, or for a class with
 * none, its parent's (`class JSONFile extends DataFile {}`), a few parents up.
 */
function constructed(model: FileModel, b: Binding | undefined): Node | undefined {
  let ctor = b && constructorOfClass(b);
  for (let up = 0; ctor && up < 8; up++) {
    const parent = inheritedConstructor(ctor);
    if (!parent) return ctor;
    ctor = parent.type === 'Identifier' ? constructorOfClassIn(model, parent) : undefined;
  }
  return undefined;
}

function constructorOfClassIn(model: FileModel, id: Node): Node | undefined {
  const b = model.bindingOf.get(id);
  return b && constructorOfClass(b);
}

/**
 * The functions of this file a `a || b`, `a ?? b` or `c ? a : b` initialiser may be: each
 * operand that is a function, or a variable never reassigned that holds one.
 */
function chosenFunctions(model: FileModel, init: Node): Node[] {
  const out: Node[] = [];
  for (const o of choiceOperands(init)) {
    if (/Function/.test(o.type)) out.push(o);
    const b = o.type === 'Identifier' ? model.bindingOf.get(o) : undefined;
    if (b?.kind === 'function' && b.fn) out.push(b.fn);
    else if (b?.init && /Function/.test(b.init.type) && b.writes.length === 0) out.push(b.init);
  }
  return out;
}

/** Array methods whose callback gets each element: at index 1 for the reducers, after the accumulator. */
const elementParam: Record<string, number> = {
  forEach: 0, map: 0, flatMap: 0, filter: 0, some: 0, every: 0, find: 0, findIndex: 0, findLast: 0, findLastIndex: 0,
  reduce: 1, reduceRight: 1,
};

/** The array-method calls of this file that a function literal is the callback of, by function. */
const arrayCallbackIndex = memoKey<Map<Node, { call: CallSite; element: number }>>('array-callbacks');

function arrayCallbackOf(model: FileModel, fn: Node): { call: CallSite; element: number } | undefined {
  return memo(model, arrayCallbackIndex, () => {
    const index = new Map<Node, { call: CallSite; element: number }>();
    for (const call of model.calls) {
      const n = call.node as Node & { callee?: Node & { type: string; computed?: boolean; property?: Node & { type: string; name?: string } }; arguments?: Node[] };
      const first = n.arguments?.[0] as (Node & { type: string }) | undefined;
      const name = n.callee?.type === 'MemberExpression' && !n.callee.computed && n.callee.property?.type === 'Identifier' ? n.callee.property.name! : undefined;
      if (!first || !name || !Object.hasOwn(elementParam, name) || !/Function/.test(first.type)) continue;
      index.set(first, { call, element: elementParam[name]! });
    }
    return index;
  }).get(fn);
}

/**
 * A parameter of an array method's callback (`names.reduce((acc, name) => …)`, node-gyp's table of
 * commands) has no caller in the file: its element is one of the list's items when the list
 * folds to an array, so `node` is evaluated again with it bound. Also for a function made inside
 * the callback, which reads the element as a closure. Undefined when the list does not fold.
 */
function throughArrayCallback(node: Node, fn: Node | undefined, ctx: CallerContext, base: ReadonlyMap<Binding, Value>, depth: number, owners: (Node | undefined)[]): Value | undefined {
  const { model, env } = ctx;
  for (const owner of owners) {
    const callback = owner && fn && owner.start <= fn.start && fn.end <= owner.end ? arrayCallbackOf(model, owner) : undefined;
    const param = callback ? (model.params.get(owner!) ?? [])[callback.element] : undefined;
    if (!callback || !param) continue;
    const callee = (callback.call.node as Node & { callee: Node & { object: Node } }).callee;
    const list = alternatives(evaluateThroughCallers(callee.object, callback.call.fn, ctx, base, depth + 1));
    if (list.length === 0 || !list.every((a) => a.k === 'arr')) continue;
    const items = list.flatMap((a) => (a.k === 'arr' ? a.items : []));
    const params = new CallArguments(base);
    params.set(param, oneOf(items, siteOf({ model, depth: 0 }, env, callee.object)));
    return evaluateThroughCallers(node, fn, ctx, params, depth + 1);
  }
  return undefined;
}

const MAX_CALLER_DEPTH = 3;

/**
 * The parameter values a call binds, over those bound further out (`outer`), an argument
 * evaluated when its parameter is first read. Following a value through a function's callers
 * needs only the parameters it reads: a callback called as `pre(node)` inside a recursive
 * walker of ten parameters (json-schema-traverse) evaluated all ten arguments at each of its
 * calls, three callers deep (on eslint's tree, a quarter of all evaluation). An argument that is
 * read is evaluated as before, with the same bindings, so no value changes. Copying the map
 * (`new Map(params)`) reads every parameter.
 */
class CallArguments extends Map<Binding, Value> {
  /**
   * Arguments not evaluated yet; their parameters are in the map already, with a stand-in value.
   * Made by the first bindLater: at the first level every argument is evaluated at once.
   */
  #later: Map<Binding, () => Value> | undefined;
  readonly #outer: ReadonlyMap<Binding, Value>;

  constructor(outer: ReadonlyMap<Binding, Value>) {
    super();
    this.#outer = outer;
  }

  bindLater(b: Binding, value: () => Value): void {
    (this.#later ??= new Map()).set(b, value);
    super.set(b, NOT_YET);
  }

  override get(b: Binding): Value | undefined {
    if (!super.has(b)) return this.#outer.get(b);
    const value = super.get(b)!;
    if (value !== NOT_YET) return value;
    // Only bindLater stores NOT_YET, so the map exists and holds `b`.
    const later = this.#later!.get(b)!;
    this.#later!.delete(b);
    const computed = later();
    super.set(b, computed);
    return computed;
  }

  override has(b: Binding): boolean {
    return super.has(b) || this.#outer.has(b);
  }

  override get size(): number {
    return this.#keys().length;
  }

  /** In the order `new Map(outer)` and then setting each parameter would give. */
  #keys(): Binding[] {
    const keys = [...this.#outer.keys()];
    for (const b of super.keys()) if (!this.#outer.has(b)) keys.push(b);
    return keys;
  }

  override *keys(): MapIterator<Binding> {
    yield* this.#keys();
  }

  override *entries(): MapIterator<[Binding, Value]> {
    for (const b of this.#keys()) yield [b, this.get(b)!];
  }

  override *values(): MapIterator<Value> {
    for (const b of this.#keys()) yield this.get(b)!;
  }

  override [Symbol.iterator](): MapIterator<[Binding, Value]> {
    return this.entries();
  }

  override forEach(f: (value: Value, key: Binding, map: Map<Binding, Value>) => void): void {
    for (const [b, v] of this.entries()) f(v, b, this);
  }
}

/** The stand-in value of a parameter whose argument is not evaluated yet (never read as a value). */
const NOT_YET: Value = Object.freeze({ k: 'nullish' });

/** The parameter binding an alternative (not a oneOf) still depends on, if any. */
function parameterIn(a: Value, model: FileModel): Binding | undefined {
  const u = a.k === 'unknown' ? a : a.k === 'prefix' ? a.cause : undefined;
  return u?.reason === 'parameter' ? paramOf(u, model) : undefined;
}

/** The functions whose parameters a value still depends on (none for most values: no list is made then). */
function ownersOf(v: Value, model: FileModel): (Node | undefined)[] {
  if (v.k !== 'oneOf') {
    const b = parameterIn(v, model);
    return b ? [b.fn] : NO_OWNERS;
  }
  const out: (Node | undefined)[] = [];
  for (const a of v.vs) {
    const b = parameterIn(a, model);
    if (b) out.push(b.fn);
  }
  return out;
}

const NO_OWNERS: (Node | undefined)[] = [];

export interface CallerContext {
  model: FileModel;
  env: EvalEnv;
  /** Functions other modules can call (their keys): their parameters stay open for a summary. */
  exported: ReadonlySet<FnKey>;
  /** Methods other modules reach on what an exported function makes (flow.ts madeFunctions): reported where they are, and summarised for a matched call too. */
  made?: ReadonlySet<FnKey>;
  /** The empty parameter map of the file's first examination, while it runs: see `remembered`. */
  topLevel?: ReadonlyMap<Binding, Value>;
  /** The frame with `topLevel` bound at depth 0: frames never change, so one serves every evaluation with it. */
  topFrame?: Frame;
  /** Values computed with `topLevel` bound, by argument node (with its function and depth). */
  remembered?: Map<Node, { fn: Node | undefined; depth: number; value: Value }[]>;
  /**
   * The alternatives callers in this file gave a parameter of an exported function (by
   * identity): they are known now, whether or not another module ever calls it (sink.ts).
   */
  fromCallers?: Set<Value>;
}

/**
 * Evaluates `node` (inside function `fn`) with `base` parameter values bound, expanding
 * parameters of `fn` through its callers in this file, and then those of a constructor whose
 * fields `fn` reads (`this.root`) through the `new C(…)` calls. For an exported function the
 * unbound value is kept too, so callers in other modules can still bind it.
 *
 * While the file is first examined (`base` is `ctx.topLevel`), the same argument is met at
 * every sink and call inside a function that many places call: on eslint's tree 39,700
 * evaluations were of 4,400 distinct (argument, depth) pairs. During that examination the code
 * and the export tables of the modules read before do not change, and remembered binding
 * values are never replaced. So a value whose computation left no trace (`env.state.traces`: it
 * remembered no new binding value and recorded no package.json read) only read what is still
 * there, and evaluating it again would take the same path to the same value, leaving no trace
 * either: it is remembered and reused. Replays bind other maps and are not reused.
 */
export function evaluateThroughCallers(node: Node, fn: Node | undefined, ctx: CallerContext, base: ReadonlyMap<Binding, Value>, depth = 0): Value {
  const traces = ctx.env.state?.traces;
  if (base !== ctx.topLevel || !ctx.remembered || !traces) return throughCallers(node, fn, ctx, base, depth);
  const known = ctx.remembered.get(node);
  // A loop, not find with a closure: a closure here would cost a context on every call.
  if (known) for (const r of known) if (r.fn === fn && r.depth === depth) return r.value;
  const before = traces.count;
  const value = throughCallers(node, fn, ctx, base, depth);
  if (traces.count === before) {
    if (known) known.push({ fn, depth, value });
    else ctx.remembered.set(node, [{ fn, depth, value }]);
  }
  return value;
}

/** A frame at depth 0 with `base` bound: the file's own for its top-level map, made once. */
export function frameFor(ctx: CallerContext, base: ReadonlyMap<Binding, Value>): Frame {
  return base === ctx.topLevel && ctx.topFrame ? ctx.topFrame : { model: ctx.model, params: base, depth: 0 };
}

/**
 * What `node` gives with `base` bound, and then through the callers of the function whose
 * parameter it depends on. Most values depend on none: those return here, before
 * `boundByCallers`, whose closures would cost a context on every call.
 */
function throughCallers(node: Node, fn: Node | undefined, ctx: CallerContext, base: ReadonlyMap<Binding, Value>, depth: number): Value {
  const { model, env } = ctx;
  const direct = evaluate(node, frameFor(ctx, base), env);
  if (!fn || depth >= MAX_CALLER_DEPTH) return direct;
  if (base !== ctx.topLevel && ctx.exported.has(fnKey(model, fn))) {
    const deeper = boundBySelfCalls(node, fn, ctx, base, depth);
    if (deeper.length > 0) return oneOf([direct, ...deeper], siteOf({ model, depth: 0 }, env, node));
  }
  const target = callerTarget(direct, fn, model, ctx.exported);
  const sites = target ? callersOf(model, target) : undefined;
  if (!target || !sites || sites.length === 0) {
    const owners = ownersOf(direct, model);
    return owners.length > 0 ? (throughArrayCallback(node, fn, ctx, base, depth, owners) ?? direct) : direct;
  }
  return boundByCallers(node, fn, ctx, base, depth, direct, target, sites);
}

/**
 * What `node` gives one call deeper when `fn`, an exported function whose parameters `base`
 * binds (a replay with an outside caller's arguments, or a caller in this file), calls itself
 * from inside (`walk(path.join(p, name))`, `(0, exports.walkSync)(…)`) or from a helper it calls: the arguments of each
 * such call, evaluated with `base`, bound to `fn`'s parameters. The recursion's own values wait
 * for the outside caller (they read the unbound parameter), and a replay binds only the
 * parameters, so without this step every read below the first folder was dropped, silently
 * (`miss-recursive-walk-in-exported-function`). One step: a further step gives the same prefix.
 */
function boundBySelfCalls(node: Node, fn: Node, ctx: CallerContext, base: ReadonlyMap<Binding, Value>, depth: number): Value[] {
  const { model, env } = ctx;
  const declared = model.params.get(fn) ?? [];
  if (!declared.some((b) => b !== undefined && base.has(b)) || model.patternParams.has(fn)) return [];
  // A walk up to the parent folders is reported as one already (parent-walk.ts): a step of it is no subtree.
  if (declared.some((b) => b !== undefined && walksUpFound(model, b))) return [];
  const within = (call: Node) => call.start > fn.start && call.end <= fn.end;
  // A call by a key known only at run time (`module.exports[type](…)`) may be any export: not taken as a recursion.
  const again = callersOf(model, fn).filter((c) => !byRunTimeKey(c.node) && (within(c.node) || viaHelper(model, c, within)));
  return again.map((c) => {
    const args = (c.node as Node & { arguments?: Node[] }).arguments ?? [];
    // A helper's argument reads the helper's parameters: bound through its calls inside `fn`.
    const value = (a: Node) => (within(c.node) ? evaluate(a, { model, params: base, depth: 0 }, env) : evaluateThroughCallers(a, c.fn, ctx, base, depth + 1));
    const params = new Map(base);
    declared.forEach((b, i) => {
      if (b) params.set(b, args[i] ? value(args[i]!) : { k: 'nullish' });
    });
    return evaluate(node, { model, params, depth: 0 }, env);
  });
}

/** Whether call `c` lies in a helper of this file that `fn` calls (chownr's `kid(p, c)` calling `(0, exports.walkSync)(…)` back). */
function viaHelper(model: FileModel, c: CallSite, within: (call: Node) => boolean): boolean {
  return c.fn !== undefined && callersOf(model, c.fn).some((k) => within(k.node));
}

/** Whether a call's callee is a member named by a key known only at run time (`o[k](…)`). */
function byRunTimeKey(call: Node): boolean {
  const callee = calledExpression((call as Node & { callee?: Node & { type: string } }).callee) as (Node & { type: string; computed?: boolean; property?: Node & { type: string } }) | undefined;
  return callee?.type === 'MemberExpression' && callee.computed === true && callee.property?.type !== 'Literal';
}

/**
 * The function whose callers may bind what `direct` depends on: `fn` when it is a parameter of
 * `fn`'s (or an object or array built from one, an options object handed on: `g({ dir })`),
 * else a function around `fn` whose parameter it is (a closure), else the first constructor
 * with such a parameter (`fn` reads its fields).
 */
function callerTarget(direct: Value, fn: Node, model: FileModel, exported: ReadonlySet<FnKey>): Node | undefined {
  // No list is made for a value that is one alternative, most are.
  if (direct.k !== 'oneOf') {
    const owner = parameterIn(direct, model)?.fn;
    if (owner) return owner === fn ? fn : enclosingExported(owner, fn, model, exported) || isConstructor(model, owner) ? owner : undefined;
    return holdsParameterOf(direct, fn, model, 0) ? fn : undefined;
  }
  for (const a of direct.vs) if (parameterIn(a, model)?.fn === fn) return fn;
  for (const a of direct.vs) {
    const owner = parameterIn(a, model)?.fn;
    if (owner && enclosingExported(owner, fn, model, exported)) return owner;
  }
  for (const a of direct.vs) {
    const owner = parameterIn(a, model)?.fn;
    if (owner && isConstructor(model, owner)) return owner;
  }
  return direct.vs.some((a) => holdsParameterOf(a, fn, model, 0)) ? fn : undefined;
}

/**
 * A parameter of an exported function around `fn`, read as a closure (`_html(cb, stylesheet)`
 * reading `stylesheet` in a callback it hands on, serve-index): calls in this file bind it too,
 * not only the callers in other modules its summary waits for (which may never come: the file
 * calls its own member by a key known at run time). A function nobody outside calls keeps its
 * closure parameters open, as before (their values come with the calls that made the closure).
 */
function enclosingExported(outer: Node, fn: Node, model: FileModel, exported: ReadonlySet<FnKey>): boolean {
  return outer !== fn && outer.start <= fn.start && fn.end <= outer.end && exported.has(fnKey(model, outer));
}

/**
 * Whether an object or array value holds a parameter of `fn` in a member or item (two levels
 * down at most, the first 64 of each): without this, `({ nodeDir }) => g({ nodeDir })` stopped
 * the walk through callers, and a read two calls down from another module's call was silent.
 */
function holdsParameterOf(v: Value, fn: Node, model: FileModel, level: number): boolean {
  if (v.k === 'oneOf') return v.vs.some((a) => holdsParameterOf(a, fn, model, level));
  if (v.k !== 'obj' && v.k !== 'arr') return parameterIn(v, model)?.fn === fn;
  if (level >= 2) return false;
  let seen = 0;
  for (const member of v.k === 'obj' ? v.props.values() : v.items) {
    if (++seen > 64) return false;
    if (holdsParameterOf(member, fn, model, level + 1)) return true;
  }
  return false;
}

/** throughCallers' value when `sites`, the calls of `target` in this file, may bind parameters of `direct`. */
function boundByCallers(node: Node, fn: Node, ctx: CallerContext, base: ReadonlyMap<Binding, Value>, depth: number, direct: Value, target: Node, sites: CallSite[]): Value {
  const { model, env } = ctx;
  const declared = model.params.get(target) ?? [];
  // A value that is one parameter itself, never assigned (`cb` in `cb(x)`), reads only that
  // parameter's argument: the others are not evaluated, at any level.
  const only = (node as Node & { type: string }).type === 'Identifier' ? model.bindingOf.get(node) : undefined;
  const alone = only?.kind === 'param' && only.fn === target && only.writes.length === 0 && !only.complexWrite && !model.patternParams.has(target) ? only : undefined;
  const values = sites.map((c) => {
    const args = (c.node as Node & { arguments: Node[] }).arguments;
    const params = new CallArguments(base);
    declared.forEach((b, i) => {
      if (!b) return;
      // At the first level arguments are evaluated at once, as they always were: they are
      // remembered, so cheap again, and what evaluating one records (the first site of an
      // assumption, in the report) stays where it was. Deeper, an argument waits until read.
      const value = args[i] ? () => evaluateThroughCallers(args[i]!, c.fn, ctx, base, depth + 1) : b.defaultValue ? () => evaluate(b.defaultValue!, { model, params: base, depth: 0 }, env) : undefined;
      if (!value) params.set(b, { k: 'nullish' });
      else if (base === ctx.topLevel && (!alone || b === alone)) params.set(b, value());
      else params.bindLater(b, value);
    });
    if (model.patternParams.has(target)) {
      const values = args.map((a) => evaluateThroughCallers(a, c.fn, ctx, base, depth + 1));
      bindPatternParams(model, target, values, params, env);
    }
    // With these bound, the other function's parameters may still be open (the constructor's,
    // or `fn`'s own once the constructor is bound): the next level binds them.
    return evaluateThroughCallers(node, fn, ctx, params, depth + 1);
  });
  if (ctx.exported.has(fnKey(model, target)) || callersOpen(model, target)) {
    // Not a call from inside the function itself (recursion): that one runs only when another call does.
    values.forEach((v, i) => {
      const at = sites[i]!.node;
      if (at.start < target.start || at.end > target.end) for (const a of alternatives(v)) ctx.fromCallers?.add(a);
    });
    values.push(direct);
  }
  return oneOf(values, siteOf({ model, depth: 0 }, env, node));
}
