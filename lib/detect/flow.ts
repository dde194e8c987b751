// Values that cross module boundaries. A call into another module is recorded as a
// PendingCall with its arguments' values; a function whose parameter reaches a sink leaves a
// Summary that can be replayed once a caller's arguments are known. The graph stage matches
// the two after every file is read (a caller is often read before the module it calls).

import type { AnyNode, CallExpression, Node } from 'acorn';
import { forwardingIn } from '../evaluate/forwarding.js';
import { inertParams } from './inert-params.js';
import { alternatives, bindPatternParams, paramMemberWritesOf, capabilityIn, detachParams, entryListers, evaluate, hasRealMember, keyCopyOf, keyListers, keysListSource, instanceGetters, instanceMethods, oneOf, returnValueWith, siteOf, staticMethods, unknown, valueKey, type EvalEnv, type Listers, type Value } from '../evaluate/index.js';
import { memo, memoIfMade, memoKey, type Binding, type ExportTarget, type FileModel } from '../parse/index.js';
import { ownString } from '../site.js';
import type { FnKey } from './context.js';
import { holdsExports, isExportsObject } from './exports-alias.js';
import { compactNamed, namedCount, namedMap, namedPairs, namedValue, namedValues, type Named } from './named.js';

// On the file's model: a key is found again for as long as its function can be met, and made only once.
const fnKeys = memoKey<Map<Node, FnKey>>('function keys');

// On a model parsed again (lib/graph/parsed-models.ts): the keys the file's first parse made, by function ordinal.
const carriedKeys = memoKey<ReadonlyMap<number, FnKey>>('function keys carried over');

/** The FnKey of a function node of `model`: the same object for the same node, and for the same function of the file parsed again. */
export function fnKey(model: FileModel, fn: Node): FnKey {
  const keys = memo(model, fnKeys, newFnKeys);
  let key = keys.get(fn);
  if (!key) keys.set(fn, (key = carriedKey(model, fn) ?? { fnKey: true }));
  return key;
}

const newFnKeys = () => new Map<Node, FnKey>();

function carriedKey(model: FileModel, fn: Node): FnKey | undefined {
  const carried = memoIfMade(model, carriedKeys);
  const at = carried && functionOrdinal(model, fn);
  return at === undefined ? undefined : carried!.get(at);
}

// On the file's model: each function's place in the scope walk's order (`params` has every function), which a new parse of the same text repeats.
const ordinals = memoKey<{ of: Map<Node, number>; at: Node[] }>('function ordinals');

function functionOrdinals(model: FileModel): { of: Map<Node, number>; at: Node[] } {
  return memo(model, ordinals, () => {
    const at = [...model.params.keys()];
    return { of: new Map(at.map((n, i) => [n, i])), at };
  });
}

function functionOrdinal(model: FileModel, fn: Node): number | undefined {
  return functionOrdinals(model).of.get(fn);
}

/** The keys the file's functions were given, by ordinal, to carry over to a new parse of it (adoptFnKeys). */
export function carryFnKeys(model: FileModel): ReadonlyMap<number, FnKey> | undefined {
  const keys = memoIfMade(model, fnKeys);
  if (!keys) return memoIfMade(model, carriedKeys);
  const carried = new Map(memoIfMade(model, carriedKeys));
  for (const [node, key] of keys) {
    const at = functionOrdinal(model, node);
    if (at !== undefined) carried.set(at, key);
  }
  return carried;
}

/** Where a parameter is in its file: its function's ordinal, and its index among the function's parameters (plain ones by position, then destructured ones in order). */
export interface ParamPlace {
  at: number;
  i: number;
}

/** The place of a parameter binding of `model`, which a new parse of the same text finds again (paramAt); undefined for one it cannot place. */
export function paramPlace(model: FileModel, b: Binding): ParamPlace | undefined {
  const at = b.fn && functionOrdinal(model, b.fn);
  if (at === undefined) return undefined;
  const i = paramsOf(model, b.fn!).indexOf(b);
  return i < 0 ? undefined : { at, i };
}

/** The ordinal of one of `model`'s functions (its place in the scope walk's order), which a new parse of the same text repeats. */
export function functionOrdinalOf(model: FileModel, fn: Node): number | undefined {
  return functionOrdinal(model, fn);
}

/** The function of `model` at an ordinal (functionOrdinalOf). */
export function functionAt(model: FileModel, at: number): Node | undefined {
  return functionOrdinals(model).at[at];
}

/** The parameter binding at a place (paramPlace) of `model`. */
export function paramAt(model: FileModel, { at, i }: ParamPlace): Binding | undefined {
  const fn = functionOrdinals(model).at[at];
  return fn && paramsOf(model, fn)[i];
}

function paramsOf(model: FileModel, fn: Node): (Binding | undefined)[] {
  return [...(model.params.get(fn) ?? []), ...(model.patternParams.get(fn) ?? [])];
}

/** A new parse of a file takes the keys its earlier parse gave its functions, so matching finds them again. */
export function adoptFnKeys(model: FileModel, carried: ReadonlyMap<number, FnKey> | undefined): void {
  if (carried && carried.size > 0) memo(model, carriedKeys, () => carried);
}

/** An export, reduced to what matching needs: a function, a re-export, or an object of exports. */
export type ExportEntry =
  /**
   * `returns` folds what a small wrapper returns (kept for the app's own files only: it holds the
   * file's AST). `forwards`: the function returns a wrapper that calls its parameter of that
   * index with the wrapper's own arguments (universalify's fromPromise), so calling it returns
   * that argument (lib/evaluate/forwarding.ts): data, kept for every file.
   */
  | {
      kind: 'fn';
      fn: FnKey;
      returns?: (args: Value[]) => Value;
      members?: Named<ExportEntry>;
      forwards?: number;
      /** The parameters it only writes members onto, tests or returns (./inert-params.ts): a module object handed there does not escape. */
      inert?: number[];
      /** The members it writes onto a parameter (`function setFile(o) { o.file = … }`), by the parameter's index: a caller's object handed there may hold them after the call. */
      writes?: { index: number; names: string[] }[];
      /** With `forwards`: the wrapper is made in steps, the argument is what its result is after that many more calls (`retryify(fn)(timeout)`). */
      stages?: number;
      /** What calling it returns, when its body says (made): followed by the path step CALL_RESULT. */
      result?: ExportEntry;
      /** The methods of an object `new` makes of it, a constructor's (made): followed by the path step NEW_INSTANCE. */
      instance?: Named<ExportEntry>;
      /**
       * A class's static methods (made): reached as members, but not exported functions whose
       * parameters wait for callers (`members`): whoever holds the class may call them unseen.
       */
      statics?: Named<ExportEntry>;
    }
  /** A constant path-like value: a string, a prefix, one of several, a URL. */
  | { kind: 'value'; value: Value }
  /**
   * Another module's value. `members`: what this file writes below it (cacache's `exports.rm =
   * rm.entry; exports.rm.all = rm.all`): at run time they land on that value, so a call of one
   * reaches what was written, not that module's member of the same path.
   */
  | { kind: 'forward'; specifier: string; path: string[]; members?: Named<ExportEntry> }
  /**
   * `spreads`: where a member not in `members` may come from, in source order: a capability
   * module copied in (`{ ...fs, x }`, a value) or another module's exports (`...require('./copy')`, a forward).
   */
  | { kind: 'object'; members: Named<ExportEntry>; spreads?: ExportEntry[] };

export interface ExportTable {
  file: string;
  format: 'cjs' | 'esm';
  /** By export name ('' for what `module.exports =` assigns); compact once made (named.ts). */
  entries: Named<ExportEntry>;
  star: string[];
  /** What an export not in `entries` is: a capability module copied in by `Object.assign(exports, fs)`. */
  rest?: ExportEntry;
  /**
   * Names written more than once, with the earlier values the entry does not hold (`exports.load =
   * fs.readFileSync; if (gz) exports.load = gunzipRead`): a call of one may run an earlier value;
   * matching replays an earlier function too, and reports the call where one is not a function
   * (lib/graph/match-calls.ts).
   */
  rewritten?: [string, ExportEntry[]][];
}

/** Values that stand on their own (no AST behind them), safe to keep after the file is done. */
function selfContained(v: Value): boolean {
  return alternatives(v).every((a) => a.k === 'str' || a.k === 'prefix' || a.k === 'url' || a.k === 'num' || a.k === 'bool');
}

/**
 * The built-in module of a value that is it or nothing (`var fs = null; try { fs = require('fs') }
 * catch {}; module.exports = fs`, protobufjs's util/fs): a member of nothing throws, so every
 * member an importer reaches is the module's.
 */
function builtinOrNothing(v: Value): (Value & { k: 'builtin' }) | undefined {
  if (v.k !== 'oneOf') return undefined;
  const builtins = v.vs.filter((a): a is Value & { k: 'builtin' } => a.k === 'builtin');
  return builtins.length === 1 && v.vs.every((a) => a.k === 'builtin' || a.k === 'nullish') ? builtins[0] : undefined;
}

/**
 * A module's own require exported as a value (@pkgr/core's `const cjsRequire = typeof require ===
 * 'function' ? require : createRequire(…); exports.cjsRequire = cjsRequire`): an importer's call
 * of it is a require resolving from that file, followed or reported at the importer's call.
 */
/**
 * A built-in module or another module, whichever loads (`try { fs = require('graceful-fs') }
 * catch { fs = require('fs') }; module.exports = fs`, less's fs.js without its optional
 * graceful-fs): kept whole, so an importer's call of a member is that member of each
 * (match-calls.ts, membersOfEither). Nothing else may be among them: an unknown alternative
 * could be anything, and the calls would name only part of it.
 */
function builtinOrModule(v: Value): (Value & { k: 'oneOf' }) | undefined {
  if (v.k !== 'oneOf' || !v.vs.some((a) => a.k === 'builtin')) return undefined;
  if (!v.vs.every((a) => a.k === 'builtin' || a.k === 'module' || a.k === 'nullish')) return undefined;
  const loaded = v.vs.filter((a) => a.k !== 'nullish');
  return loaded.length > 1 ? { k: 'oneOf', vs: loaded } : undefined;
}

function requireOf(v: Value): (Value & { k: 'require' }) | undefined {
  const loaders = alternatives(v).filter((a): a is Value & { k: 'require' } => a.k === 'require');
  return loaders.length === 1 && loaders[0]!.path.length === 0 && alternatives(v).every((a) => a.k === 'require' || a.k === 'nullish') ? loaders[0] : undefined;
}

function entryOf(v: Value, depth: number, model: FileModel, env: EvalEnv, foldReturns: boolean): ExportEntry | undefined {
  const wrappers = foldReturns ? env : undefined;
  if (v.k === 'fn') {
    const forwarding = forwardingIn(v.model, v.node);
    const entry: ExportEntry = wrappers ? { kind: 'fn', fn: fnKey(v.model, v.node), returns: foldOf(v, model, wrappers) } : { kind: 'fn', fn: fnKey(v.model, v.node) };
    if (depth < MAX_MADE_DEPTH) addMade(entry, v, depth, env);
    const inert = v.model.kind === 'cjs' && depth === 0 ? inertParams(v.model, v.node) : undefined;
    if (inert) entry.inert = inert;
    const writes = paramWrites(v.model, v.node);
    if (writes) entry.writes = writes;
    if (forwarding === undefined) return entry;
    return forwarding.stages === 0 ? { ...entry, forwards: forwarding.index } : { ...entry, forwards: forwarding.index, stages: forwarding.stages };
  }
  // Kept for the whole analysis: a prefix's unknown part names no parameter binding (detachParams).
  if (selfContained(v)) return { kind: 'value', value: detachParams(v, model) };
  // A built-in module or a copy of one (`module.exports = patch(clone(fs))`): the importer's calls on it are its calls.
  if (v.k === 'builtin') return { kind: 'value', value: v };
  // A wrapper made in steps, exported after its first: an importer's calls move it on to the API or the other module's function.
  if (v.k === 'curried' && (v.value.k === 'builtin' || v.value.k === 'module')) return { kind: 'value', value: v };
  const maybe = builtinOrNothing(v) ?? requireOf(v) ?? builtinOrModule(v);
  if (maybe) return { kind: 'value', value: maybe };
  if (v.k === 'module') return { kind: 'forward', specifier: v.specifier, path: v.path };
  // Its fold gave up at the depth bound (a wrapper of a wrapper … past it): kept as that unknown,
  // so an importer's call of it is a call of a cut value, reported there (./fold-cut.ts).
  if (v.k === 'unknown' && v.reason === 'depth-limit') return { kind: 'value', value: { k: 'unknown', reason: 'depth-limit', site: v.site } };
  if (v.k === 'obj' && depth < 2) {
    const members = new Map<string, ExportEntry>();
    for (const [key, value] of v.props) {
      const e = entryOf(value, depth + 1, model, env, foldReturns);
      if (e) members.set(key, e);
    }
    const spreads: ExportEntry[] = [];
    if (v.copyOf) spreads.push({ kind: 'value', value: v.copyOf });
    for (const s of v.spreads ?? []) {
      const e = entryOf(s, depth + 1, model, env, foldReturns);
      if (e) spreads.push(e);
    }
    return spreads.length > 0 ? { kind: 'object', members, spreads } : { kind: 'object', members };
  }
  return undefined;
}

/** The members `fn` writes onto each of its parameters (`o.file = …`), for ExportEntry `writes`; undefined when none. */
function paramWrites(model: FileModel, fn: Node): { index: number; names: string[] }[] | undefined {
  const byParam = paramMemberWritesOf(model);
  if (byParam.size === 0) return undefined;
  let out: { index: number; names: string[] }[] | undefined;
  (model.params.get(fn) ?? []).forEach((b, index) => {
    const writes = b && byParam.get(b);
    if (writes) (out ??= []).push({ index, names: [...new Set(writes.map((w) => w.left.property.name))] });
  });
  return out;
}

/**
 * Path steps matching follows past a function (lookupExport): what a call of it returns, and the
 * object `new` makes of it. `const zip = new AdmZip(); zip.writeZip(p)` is the call
 * `['new()', 'writeZip']` into adm-zip (./made-objects.ts). Neither is a name code can write
 * with a dot, and a function entry is never an object whose member could be named so.
 */
export const CALL_RESULT = '()';
export const NEW_INSTANCE = 'new()';

/** How deep in an export a function's result and instance methods are made: an exported factory's result's methods, no further. */
const MAX_MADE_DEPTH = 2;

/**
 * What a call of an exported function returns and the methods of what `new` makes of it, on its
 * entry: the statements say it, not a fold with arguments (the methods run whatever the
 * arguments). Only what matching needs to reach the methods: a class or constructor function (its
 * methods and static methods), an object literal of functions, a constructor's instance.
 */
function addMade(entry: ExportEntry & { kind: 'fn' }, v: Value & { k: 'fn' }, depth: number, env: EvalEnv): void {
  const methods = instanceMethods(v.model, v.node);
  const instance = new Map<string, ExportEntry>(methods ? namedPairs(methodEntries(v.model, methods)) : []);
  for (const [name, getter] of instanceGetters(v.model, v.node)) {
    const value = resultEntry({ k: 'fn', node: getter, model: v.model }, depth + 1, env);
    if (value && !instance.has(name)) instance.set(name, value);
  }
  if (instance.size > 0) entry.instance = compactNamed(instance);
  const statics = staticMethods(v.model, v.node);
  if (statics.size > 0) entry.statics = methodEntries(v.model, statics);
  const result = resultEntry(v, depth, env);
  if (result) entry.result = result;
}

function methodEntries(model: FileModel, methods: ReadonlyMap<string, Node>): Named<ExportEntry> {
  const out = new Map<string, ExportEntry>();
  for (const [name, fn] of methods) out.set(name, { kind: 'fn', fn: fnKey(model, fn) });
  return compactNamed(out);
}

/** The entry of what the function returns: the first of its returns (at the top of its body or in an `if` there) that makes one. */
function resultEntry(v: Value & { k: 'fn' }, depth: number, env: EvalEnv): ExportEntry | undefined {
  for (const r of returnedNodes(v.node, true)) {
    if (returnsOwnExports(r, v, depth)) return { kind: 'forward', specifier: v.model.file, path: [] };
    if (!madeKinds.has(r.type)) continue;
    const made = r.type === 'NewExpression' || r.type === 'CallExpression' ? madeByCall(r, v.model, env) : entryOf(evaluate(r, { model: v.model, depth: 0 }, env), depth + 1, v.model, env, false);
    if (made && !(made.kind === 'fn' && made.fn === fnKey(v.model, v.node))) return made;
  }
  return undefined;
}

/**
 * What a call or `new` makes, as an entry: `new C(…)` of a constructor of the file, an object of
 * C's methods; a call or `new` of another module's function (`return require('./lib/store')(session)`,
 * `exports.Jimp = (0, core_1.createJimp)({ … })`), a forward to that call's result, so a call of
 * its methods is matched in the module that made it.
 */
function madeByCall(n: AnyNode, model: FileModel, env: EvalEnv): ExportEntry | undefined {
  if ((n.type !== 'CallExpression' && n.type !== 'NewExpression') || n.callee.type === 'Super') return undefined;
  const c = evaluate(n.callee, { model, depth: 0 }, env);
  if (c.k === 'module') return { kind: 'forward', specifier: c.specifier, path: [...c.path, n.type === 'NewExpression' ? NEW_INSTANCE : CALL_RESULT] };
  if (c.k !== 'fn' || n.type !== 'NewExpression') return undefined;
  const methods = instanceMethods(c.model, c.node);
  return methods && methods.size > 0 ? { kind: 'object', members: methodEntries(c.model, methods) } : undefined;
}

/** Kinds of returned expression whose value can make an entry (others are left unevaluated: this runs for every exported function). */
const madeKinds = new Set(['Identifier', 'ObjectExpression', 'NewExpression', 'CallExpression', 'ClassExpression', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * A function that returns its own module's exports to be chained (temp's `track()`: `return
 * module.exports; // chainable`, also `return exports`, or `return this` in a function exported
 * by name, called as the exports' member): what a call of it gives is the module itself, so a call
 * on the result (`require('temp').track().openSync(…)`) is that module's function, not a call on
 * an unknown value the fs-like rule would take for fs's own.
 */
function returnsOwnExports(r: AnyNode, v: Value & { k: 'fn' }, depth: number): boolean {
  const model = v.model;
  if (model.kind !== 'cjs') return false;
  if (r.type === 'ThisExpression') return (v.node as AnyNode).type !== 'ArrowFunctionExpression' && (depth === 0 || methodOfWholeExports(model, v.node));
  // `exports` is the exports object only while `module.exports` is not replaced.
  const replaced = model.exports.has('');
  if (r.type === 'MemberExpression' || !replaced) if (isExportsObject(r, model)) return true;
  if (r.type !== 'Identifier') return false;
  const b = model.bindingOf.get(r);
  // `const self = module.exports` (or `= exports`), never written again: the same object.
  const aliased = !replaced && b !== undefined && b.kind === 'const' && b.pattern.length === 0 && b.init !== undefined && isExportsObject(b.init as AnyNode, model);
  return aliased || holdsExports(model, b);
}

/** A method of the object literal that is the module's whole exports (`module.exports = { track() { return this } }`). */
function methodOfWholeExports(model: FileModel, fn: Node): boolean {
  const whole = model.exports.get('');
  const object = whole && 'node' in whole ? (whole.node as AnyNode) : undefined;
  return object?.type === 'ObjectExpression' && object.properties.some((p) => p.type === 'Property' && p.value === fn);
}

/** The expressions a function returns at the top of its body, or in an `if` or block there (not in loops, nested functions or try); with `ownToo`, also `this` and member reads (which may be the module's exports). */
function returnedNodes(fn: Node, ownToo = false): AnyNode[] {
  const f = fn as AnyNode;
  const wanted = (n: AnyNode): boolean => madeKinds.has(n.type) || (ownToo && (n.type === 'ThisExpression' || n.type === 'MemberExpression'));
  if (f.type !== 'FunctionDeclaration' && f.type !== 'FunctionExpression' && f.type !== 'ArrowFunctionExpression') return [];
  if (f.body.type !== 'BlockStatement') return wanted(f.body) ? [f.body] : [];
  const out: AnyNode[] = [];
  const visit = (st: AnyNode, level: number): void => {
    if (st.type === 'ReturnStatement' && st.argument && wanted(st.argument)) out.push(st.argument);
    else if (st.type === 'IfStatement' && level < 3) {
      visit(st.consequent, level + 1);
      if (st.alternate) visit(st.alternate, level + 1);
    } else if (st.type === 'BlockStatement' && level < 3) for (const s of st.body) visit(s, level + 1);
  };
  for (const st of f.body.body) visit(st, 0);
  return out;
}

/**
 * An export that is what another module's function returns or constructs (madeByCall), also
 * through the name an ES module exports it by (`export const sh = $({ env })`: the target is the
 * name, its value the call).
 */
function exportMadeByCall(target: ExportTarget, model: FileModel, env: EvalEnv): ExportEntry | undefined {
  const node = 'node' in target ? (target.node as AnyNode) : undefined;
  const b = node?.type === 'Identifier' ? model.bindingOf.get(node) : undefined;
  const fixed = b && (b.kind === 'const' || b.kind === 'let' || b.kind === 'var') && b.pattern.length === 0 && b.writes.length === 0 && !b.complexWrite && !b.loopVariable ? (b.init as AnyNode | undefined) : undefined;
  const made = node ? madeByCall(fixed ?? node, model, env) : undefined;
  return made?.kind === 'forward' ? made : undefined;
}

/**
 * What calling an exported function returns, for importers. The fold holds the file and the
 * function's ordinal rather than the syntax tree, and asks the graph for the file's model
 * (EvalHooks.modelOf) when it is called: the graph keeps recently examined models and parses
 * an older file again, so an analysis does not keep every file's tree to the end.
 */
function foldOf(fn: Value & { k: 'fn' }, model: FileModel, env: EvalEnv): (args: Value[]) => Value {
  const site = { file: '', line: 0, column: 0 };
  // Only this file's own functions: the graph keeps or parses again the model of the file whose table this is.
  const at = env.hooks.modelOf && fn.model === model ? functionOrdinal(model, fn.node) : undefined;
  if (at === undefined) return (args) => returnValueWith(fn, args, env, site);
  return detachedFold(fn.model.file, at, fn.node.start, env);
}

/**
 * Apart from foldOf, so the closure's context holds no model; nor a site, which each call makes
 * (folds are seldom called: scripts/generate-tree.mjs's tree calls none). Exported for an
 * examination record, which keeps a fold as its place (foldPlace) and makes it again from that.
 */
export function detachedFold(file: string, at: number, start: number, env: EvalEnv): (args: Value[]) => Value {
  return (args) => {
    const site = { file: '', line: 0, column: 0 };
    const model = env.hooks.modelOf!(file);
    const node = model && functionOrdinals(model).at[at];
    // A file changed on disk since it was examined may put another function there: not folded.
    return node && node.start === start ? returnValueWith({ node, model }, args, env, site) : unknown('call-result', site);
  };
}

/**
 * Where the fold of an exported function's entry looks (detachedFold's ordinal and start), when
 * it is one of `model`'s own functions: its key is among those the model gave (keyed by
 * ordinal, carryFnKeys). Undefined for a fold over another model's function.
 */
export function foldPlace(model: FileModel, ordinalOf: ReadonlyMap<FnKey, number>, fn: FnKey): { at: number; start: number } | undefined {
  const at = ordinalOf.get(fn);
  const node = at === undefined ? undefined : functionOrdinals(model).at[at];
  return node ? { at: at!, start: node.start } : undefined;
}

/** Whether the table folds what some function returns (foldOf), for which the graph keeps the file's model a while. */
export function holdsFolds(table: ExportTable): boolean {
  const folds = (e: ExportEntry): boolean =>
    e.kind === 'fn' ? !!e.returns || (e.members !== undefined && namedValues(e.members).some(folds)) : e.kind === 'object' ? namedValues(e.members).some(folds) || (e.spreads ?? []).some(folds) : e.kind === 'forward' && e.members !== undefined && namedValues(e.members).some(folds);
  return namedValues(table.entries).some(folds);
}

function targetValue(target: ExportTarget, model: FileModel, env: EvalEnv): Value | ExportEntry | undefined {
  if ('from' in target) return { kind: 'forward', specifier: target.from, path: target.name === '*' ? [] : [target.name] };
  return evaluate(target.node, { model, depth: 0 }, env);
}

/**
 * The module's exports as matching and importers need them. With `foldReturns`, function
 * entries can also fold what they return for given arguments.
 */
export function exportTable(model: FileModel, env: EvalEnv, foldReturns: boolean): ExportTable {
  const entries = new Map<string, ExportEntry>();
  const aliases: [string, string][] = [];
  for (const [name, target] of model.exports) {
    const own = model.kind === 'cjs' && 'node' in target ? ownExportRead(target.node as AnyNode, model) : undefined;
    if (own !== undefined) {
      aliases.push([ownString(name), own]);
      continue;
    }
    const v = targetValue(target, model, env);
    const e = v && 'kind' in v ? v : v ? (entryOf(v as Value, 0, model, env, foldReturns) ?? exportMadeByCall(target, model, env)) : undefined;
    if (e) entries.set(ownString(name), e);
  }
  // In the order written, as the module runs them: each alias takes what its name held then.
  for (const [name, of] of aliases) {
    const e = entries.get(of);
    if (e) entries.set(name, e);
  }
  const rewritten = model.kind === 'cjs' && model.rewrittenExports ? rewrittenExports(entries, model, env, foldReturns) : [];
  const copied = model.kind === 'cjs' ? copiedIntoExports(model, env) : undefined;
  addStaticMembers(entries, model, env, foldReturns);
  if (model.kind === 'cjs') addAliasMembers(entries, model, env, foldReturns);
  if (model.kind === 'cjs') addNestedMembers(entries, model, env, foldReturns);
  for (const e of entries.values()) compactMembers(e, 0);
  return { file: model.file, format: model.kind, entries: compactNamed(entries), star: model.starExports, ...(copied ? { rest: { kind: 'value', value: copied } } : {}), ...(rewritten.length > 0 ? { rewritten } : {}) };
}

/**
 * The exports written more than once: where every value written is a built-in's function (or
 * module), the entry becomes one of them all, so an importer's call is each API's call; else the
 * earlier values that are not the last (ExportTable.rewritten). A value that makes no entry
 * (`exports.x = void 0` before the real one, as tsc writes) is no earlier value.
 */
function rewrittenExports(entries: Map<string, ExportEntry>, model: FileModel, env: EvalEnv, foldReturns: boolean): [string, ExportEntry[]][] {
  const out: [string, ExportEntry[]][] = [];
  for (const [name, earlier] of model.rewrittenExports!) {
    const last = entries.get(name);
    // FnKeys are objects: numbered here, so a key string tells functions apart.
    const ids = new Map<FnKey, number>();
    const idOf = (fn: FnKey) => ids.get(fn) ?? (ids.set(fn, ids.size), ids.size - 1);
    const lastKey = last && entryKey(last, 0, idOf);
    const before = earlier.map((n) => entryOf(evaluate(n, { model, depth: 0 }, env), 0, model, env, foldReturns)).filter((e): e is ExportEntry => e !== undefined && (lastKey === undefined || entryKey(e, 0, idOf) !== lastKey));
    if (before.length === 0) continue;
    const all = last ? [...before, last] : before;
    if (all.every((e) => e.kind === 'value' && e.value.k === 'builtin')) entries.set(name, { kind: 'value', value: oneOf(all.map((e) => (e as ExportEntry & { kind: 'value' }).value), siteOf({ model, depth: 0 }, env, earlier[0]!)) });
    // Kept as data whatever the record: a function as its key (matching replays it as it does the
    // last), anything else as what it is to matching, a value it does not follow.
    else {
      const site = siteOf({ model, depth: 0 }, env, earlier[0]!);
      out.push([name, before.map((e): ExportEntry => (e.kind === 'fn' ? { kind: 'fn', fn: e.fn } : { kind: 'value', value: unknown('export-rewritten', site) }))]);
    }
  }
  return out;
}

/** What tells two entries apart: the function, the built-in, the module forwarded to, an object's members; undefined for what cannot be told. */
function entryKey(e: ExportEntry, depth: number, idOf: (fn: FnKey) => number): string | undefined {
  if (e.kind === 'fn') return `fn:${idOf(e.fn)}`;
  if (e.kind === 'value') return e.value.k === 'builtin' || selfContained(e.value) ? `v:${valueKey(e.value)}` : undefined;
  if (e.kind === 'forward') return e.members ? undefined : `fwd:${e.specifier}\0${e.path.join('\0')}`;
  if (depth > 1 || e.spreads) return undefined;
  const parts: string[] = [];
  for (const [k, m] of namedPairs(e.members)) {
    const key = entryKey(m, depth + 1, idOf);
    if (key === undefined) return undefined;
    parts.push(`${k}=${key}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * `exports.x` or `module.exports.x` read back (a CommonJS module naming its export again:
 * `exports.load = exports.read`, a getter returning `exports.read`): the name read, else
 * undefined. Evaluated, the exports object is a global the analysis does not fold, so such an
 * export was no entry and calls through it matched nothing (`miss-exports-alias-of-own-export`).
 */
function ownExportRead(node: AnyNode, model: FileModel): string | undefined {
  // `this.read` at the top level too, where `this` is the exports object (the parse marks such reads).
  if (node.type !== 'MemberExpression' || !(isExportsObject(node.object as AnyNode, model) || model.thisExportReads?.has(node))) return undefined;
  const key = node.property as AnyNode;
  // `exports.read`, or `exports['read']` with the name written out.
  if (!node.computed) return key.type === 'Identifier' ? key.name : undefined;
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}

/** The members of an entry made for this table, and of its members, in their compact form (named.ts). */
function compactMembers(e: ExportEntry, depth: number): void {
  // Entries nest two levels deep (entryOf); the bound only guards against a shape not foreseen.
  if (e.kind === 'value' || e.members === undefined || depth > 4) return;
  for (const m of namedValues(e.members)) compactMembers(m, depth + 1);
  e.members = compactNamed(e.members);
}

/**
 * The capability module a CommonJS module copies into its exports: `Object.assign(exports, fs)`,
 * or any call handed both the exports object and the module, which fills one from the other
 * (mz's `thenifyAll.withCallback(fs, exports, api)`).
 */
function copiedIntoExports(model: FileModel, env: EvalEnv): Value | undefined {
  for (const { node } of model.calls) {
    const args = (node as CallExpression).arguments ?? [];
    if (args.length < 2) continue;
    const exportsAt = exportsObjectAt(args, model);
    if (exportsAt < 0) continue;
    // `Object.keys(fs).reduce((acc, k) => { acc[k] = fs[k]; return acc }, module.exports)`: the call's own value is the copy.
    const filled = keyCopyOf(node as CallExpression, model) ? [node as AnyNode] : args.filter((_, i) => i !== exportsAt);
    const copied = capabilityIn(filled.map((a) => evaluate(a, { model, depth: 0 }, env)));
    if (copied) return copied;
  }
  return copiedByKeys(model, env);
}

/**
 * `Object.keys(fs).forEach((key) => { exports[key] = fs[key] })`: every member of a capability
 * module copied onto the exports by a loop over its own keys (fs-extra 8's lib/fs over
 * graceful-fs). Only a loop over the keys of the very value read: writing a few names
 * (`api.forEach((m) => { exports[m] = fs.promises[m] })`) copies those alone.
 */
function copiedByKeys(model: FileModel, env: EvalEnv): Value | undefined {
  for (const { key, value, via } of model.computedExportWrites ?? []) {
    if (via && !namesExports(model, via as AnyNode)) continue;
    const v = value as AnyNode;
    if (v.type === 'Identifier') {
      // `Object.entries(fs).forEach(([k, v]) => { exports[k] = v })`: the entry's value is fs's member.
      const entries = entriesLoopSource(model, key as AnyNode, v);
      const copied = entries ? capabilityIn([evaluate(entries, { model, depth: 0 }, env)]) : undefined;
      if (copied) return copied;
      continue;
    }
    if (v.type !== 'MemberExpression' || !v.computed || !sameName(v.property as AnyNode, key as AnyNode)) continue;
    const source = keysLoopSource(model, key as AnyNode);
    if (!source || !sameName(source, v.object as AnyNode) || model.bindingOf.get(source) !== model.bindingOf.get(v.object)) continue;
    const copied = capabilityIn([evaluate(v.object, { model, depth: 0 }, env)]);
    if (copied) return copied;
  }
  return undefined;
}

/**
 * What a loop's key walks the keys of: `x` for the parameter of the callback of
 * `Object.keys(x).forEach(…)` (or `getOwnPropertyNames`, `Reflect.ownKeys`, with `.filter(…)`
 * between), for `const key of Object.keys(x)` and for `key in x`. A copy of fs written any of
 * these ways copies fs alike; on 38e1021 only the first was read (the others left every call
 * through the copy neither granted nor reported at its site).
 */
function keysLoopSource(model: FileModel, key: AnyNode): AnyNode | undefined {
  const b = key.type === 'Identifier' ? model.bindingOf.get(key) : undefined;
  if (!b) return undefined;
  if (b.kind === 'param') return b.paramIndex === 0 && b.fn ? forEachKeysSource(model, b.fn, keyListers) : undefined;
  if (b.writes.length > 0 || b.complexWrite) return undefined;
  const each = b.pattern.length === 1 && 'each' in b.pattern[0]!;
  if (each && b.init) return keysListSource(b.init as AnyNode, keyListers);
  for (const loop of model.forInKeys ?? []) if (model.bindingOf.get(loop.key) === b) return loop.source as AnyNode;
  return undefined;
}

/** For the callback `fn` of `<keys of x>.forEach(fn)` (or `.map(fn)`, which walks them alike): `x`. */
function forEachKeysSource(model: FileModel, fn: Node, listers: Listers): AnyNode | undefined {
  for (const { node } of model.calls) {
    const call = node as AnyNode;
    if (call.type !== 'CallExpression' || call.arguments[0] !== fn || call.callee.type !== 'MemberExpression' || call.callee.computed) continue;
    const walk = (call.callee.property as AnyNode & { name?: string }).name;
    if (walk !== 'forEach' && walk !== 'map') continue;
    const source = keysListSource(call.callee.object as AnyNode, listers);
    if (source) return source;
  }
  return undefined;
}


/**
 * `x` and the entry's value for `([k, v]) => { exports[k] = v }` over `Object.entries(x)`, by
 * forEach or map, or `for (const [k, v] of Object.entries(x))`: `key` and `value` must be the
 * two names of one entry.
 */
function entriesLoopSource(model: FileModel, key: AnyNode, value: AnyNode): AnyNode | undefined {
  const k = key.type === 'Identifier' ? model.bindingOf.get(key) : undefined;
  const v = model.bindingOf.get(value);
  if (!k || !v || k.kind !== v.kind || k.writes.length + v.writes.length > 0 || k.complexWrite || v.complexWrite) return undefined;
  const at = (b: typeof k, i: number, from: number) => b.pattern.length === from + 1 && (b.pattern[from] as { index?: number }).index === i;
  if (k.kind === 'param') {
    if (k.fn !== v.fn || k.paramIndex !== 0 || v.paramIndex !== 0 || !at(k, 0, 0) || !at(v, 1, 0) || !k.fn) return undefined;
    return forEachKeysSource(model, k.fn, entryListers);
  }
  if (!k.init || k.init !== v.init || !('each' in (k.pattern[0] ?? {})) || !at(k, 0, 1) || !at(v, 1, 1)) return undefined;
  return keysListSource(k.init as AnyNode, entryListers);
}

/** A name declared once as the exports object and never written again (`const e = module.exports`). */
function namesExports(model: FileModel, id: AnyNode): boolean {
  const b = model.bindingOf.get(id);
  if (!b || b.kind === 'param' || !b.init || b.pattern.length > 0 || b.writes.length > 0 || b.complexWrite || b.loopVariable) return false;
  return isExportsObject(b.init as AnyNode, model);
}

/** Two identifiers naming the same binding (or the same global name). */
function sameName(a: AnyNode, b: AnyNode): boolean {
  return a.type === 'Identifier' && b.type === 'Identifier' && a.name === b.name;
}

/** Where `exports` or `module.exports` is among a call's arguments, or -1 (a loop: this runs for every call of two arguments or more). */
function exportsObjectAt(args: readonly AnyNode[], model: FileModel): number {
  for (let i = 0; i < args.length; i++) if (isExportsObject(args[i]!, model)) return i;
  return -1;
}


/**
 * `mkdirP.sync = function sync(p) {…}` with `module.exports = mkdirP`: `sync` is reachable from
 * other modules as a member of the exported function, so calls to it are matched and its
 * parameters wait for those callers.
 */
function addStaticMembers(entries: Map<string, ExportEntry>, model: FileModel, env: EvalEnv, foldReturns: boolean): void {
  const fns = [...entries.values()].filter((e): e is ExportEntry & { kind: 'fn' } => e.kind === 'fn');
  if (fns.length === 0) return;
  for (const w of model.staticWrites as (Node & { left: Node & { object: Node; property: Node & { name: string } }; right: Node })[]) {
    // A name the file does not declare (`exports.x = …`, most of these writes) is never a function of it.
    if (!model.bindingOf.has(w.left.object)) continue;
    const owner = evaluate(w.left.object, { model, depth: 0 }, env);
    if (owner.k !== 'fn') continue;
    const key = fnKey(owner.model, owner.node);
    const targets = fns.filter((e) => e.fn === key);
    if (targets.length === 0) continue;
    const member = entryOf(evaluate(w.right, { model, depth: 0 }, env), 1, model, env, foldReturns);
    if (member) for (const e of targets) (e.members = namedMap(e.members)).set(ownString(w.left.property.name), member);
  }
}

/**
 * `var util = module.exports = require('./minimal'); util.fetch = require('./fetch')`
 * (protobufjs), or `const jsonFile = require('./jsonfile'); jsonFile.outputJson =
 * u(require('./output-json')); module.exports = jsonFile` (fs-extra's lib/json): a member written
 * on a name that holds module.exports is an export of that name, unless the file exports the name
 * another way. A member read back from the same name (`jsonFile.outputJSON = jsonFile.outputJson`)
 * is what an earlier write made it, as the module runs them in order.
 */
function addAliasMembers(entries: Map<string, ExportEntry>, model: FileModel, env: EvalEnv, foldReturns: boolean): void {
  const added = new Set<string>();
  for (const w of model.staticWrites as (Node & { left: Node & { object: Node; property: Node & { name: string } }; right: Node })[]) {
    const b = model.bindingOf.get(w.left.object);
    if (!holdsExports(model, b)) continue;
    const name = ownString(w.left.property.name);
    if (entries.has(name) && !added.has(name)) continue;
    const right = w.right as AnyNode;
    const readBack = right.type === 'MemberExpression' && !right.computed && right.property.type === 'Identifier' && model.bindingOf.get(right.object) === b && added.has(ownString(right.property.name)) ? entries.get(ownString(right.property.name)) : undefined;
    const member = readBack ?? entryOf(evaluate(w.right, { model, depth: 0 }, env), 1, model, env, foldReturns);
    if (member) {
      entries.set(name, member);
      added.add(name);
    }
  }
}

/**
 * `module.exports.tmp.withTmp = tmp.withTmp` (cacache): a member written below an export is a
 * member of it, so `cacache.tmp.withTmp(p)` matches that function. Without this the escape search
 * took the write for an export (it is one) that the table never held, and the call matched nothing
 * (fixtures/miss-exports-nested-member-write). The export is found by its name, else in the
 * object `module.exports = { … }` made; one that is another module's (a forward: cacache's
 * `exports.get = get; exports.get.byDigest = get.byDigest`) is left as it is, so that calling it
 * still reaches that module, and a constant value takes no members.
 */
function addNestedMembers(entries: Map<string, ExportEntry>, model: FileModel, env: EvalEnv, foldReturns: boolean): void {
  for (const w of model.exportMemberWrites ?? []) {
    const member = entryOf(evaluate(w.value, { model, depth: 0 }, env), 1, model, env, foldReturns);
    if (!member) continue;
    const name = ownString(w.name);
    const whole = entries.get(name) === undefined ? entries.get('') : undefined;
    const holder = whole?.kind === 'object' ? (whole.members = namedMap(whole.members)) : entries;
    const e = holder.get(name);
    if (e === undefined) holder.set(name, { kind: 'object', members: new Map([[ownString(w.member), member]]) });
    else if (e.kind === 'object' || e.kind === 'fn' || e.kind === 'forward') (e.members = namedMap(e.members)).set(ownString(w.member), member);
  }
}

/** Every function another module can reach through this module's exports. */
export function exportedFunctions(table: ExportTable): Set<FnKey> {
  const out = new Set<FnKey>();
  const add = (e: ExportEntry) => {
    if (e.kind === 'fn') {
      out.add(e.fn);
      if (e.members) namedValues(e.members).forEach(add);
    } else if (e.kind === 'object') namedValues(e.members).forEach(add);
    else if (e.kind === 'forward' && e.members) namedValues(e.members).forEach(add);
  };
  namedValues(table.entries).forEach(add);
  // A function an export held before it was written again is as exported: a call may run it.
  for (const [, earlier] of table.rewritten ?? []) earlier.forEach(add);
  return out;
}

/**
 * The functions another module reaches only through what an exported function makes: the methods
 * of its result or of its instances (CALL_RESULT, NEW_INSTANCE). Their parameters do not wait
 * for callers as an exported function's do (whoever holds the object may call them unseen, so
 * their sinks are reported where they are), but a matched call replays them with its arguments.
 */
export function madeFunctions(table: ExportTable): Set<FnKey> {
  const out = new Set<FnKey>();
  const add = (e: ExportEntry | undefined, made: boolean, depth: number): void => {
    if (!e || depth > 6) return;
    if (e.kind === 'fn') {
      if (made) out.add(e.fn);
      if (e.members) for (const m of namedValues(e.members)) add(m, made, depth + 1);
      add(e.result, true, depth + 1);
      for (const m of [...namedValues(e.instance ?? []), ...namedValues(e.statics ?? [])]) add(m, true, depth + 1);
    } else if (e.kind === 'object' || (e.kind === 'forward' && e.members)) for (const m of namedValues(e.members!)) add(m, made, depth + 1);
  };
  for (const e of namedValues(table.entries)) add(e, false, 0);
  for (const fn of exportedFunctions(table)) out.delete(fn);
  return out;
}

/** Binds a call's arguments to a function's declared parameters (defaults when missing). */
export function bindArguments(model: FileModel, fn: Node, args: Value[], env: EvalEnv): Map<Binding, Value> {
  const bindings = new Map<Binding, Value>();
  (model.params.get(fn) ?? []).forEach((b, i) => {
    if (!b) return;
    const arg = args[i];
    if (arg && arg.k !== 'nullish') bindings.set(b, arg);
    else if (b.defaultValue) bindings.set(b, evaluate(b.defaultValue, { model, params: bindings, depth: 0 }, env));
    else bindings.set(b, { k: 'nullish' });
  });
  bindPatternParams(model, fn, args, bindings, env);
  return bindings;
}

/**
 * What a module that copies a capability module into its exports (`rest`) exports at `name`
 * (undefined: the module as a whole) beside its own entries. With none, any of it is that
 * module's. With some (mz/fs's own `exists`, which calls fs.stat and is not fs.exists), the
 * whole is not that module, and only a member the module really has is its: fs-extra spreads
 * mz-like modules beside others, and `copySync` is not fs's but the next spread's.
 */
function restAt(table: ExportTable, name: string | undefined): ExportEntry | undefined {
  const { rest } = table;
  if (!rest || namedCount(table.entries) === 0) return rest;
  if (name === undefined || rest.kind !== 'value' || rest.value.k !== 'builtin') return undefined;
  return hasRealMember(rest.value.module, rest.value.path, name) ? rest : undefined;
}

const madeStep = (step: string): boolean => step === CALL_RESULT || step === NEW_INSTANCE;

/** A static method `name` of a class entry that no member of the same name hides. */
function staticNamed(entry: ExportEntry & { kind: 'fn' }, name: string): ExportEntry | undefined {
  if (!entry.statics || (entry.members !== undefined && namedValue(entry.members, name) !== undefined)) return undefined;
  return namedValue(entry.statics, name);
}

/**
 * What a call (CALL_RESULT) or `new` (NEW_INSTANCE) of a function entry makes. `new` of a
 * function that returns an object or function gives that; else an object of its class's methods.
 */
function madeBy(entry: ExportEntry & { kind: 'fn' }, step: string): ExportEntry | undefined {
  if (step === CALL_RESULT) return entry.result;
  if (entry.result && entry.result.kind !== 'value') return entry.result;
  return entry.instance ? { kind: 'object', members: entry.instance } : undefined;
}

/** Whether a function or another module's value has `name` among the members this file wrote on it. */
function ownMember(entry: ExportEntry, name: string): boolean {
  return (entry.kind === 'fn' || entry.kind === 'forward') && entry.members !== undefined && namedValue(entry.members, name) !== undefined;
}

/**
 * A CommonJS module's `default` is module.exports itself (an ES module's default import of it),
 * except where the module writes `exports.default` and not module.exports whole (Babel's and
 * TypeScript's interop: `exports.default = FileStore`): then `require(m).default` is that export
 * (metro-cache's stores, `miss-cjs-exports-default-class`). A second `default` (`import m from`,
 * then `m.default`) is the export too, reached by dropping the first.
 */
function namesExportsDefault(table: ExportTable, path: string[]): boolean {
  return path[1] !== 'default' && namedValue(table.entries, '') === undefined && namedValue(table.entries, 'default') !== undefined;
}

/** Finds the entry an export path leads to, or a re-export to follow. */
export function lookupExport(
  table: ExportTable,
  path: string[],
): { entry: ExportEntry; rest: string[] } | { star: string[]; path: string[] } | { spreads: ExportEntry[]; path: string[] } | undefined {
  let p = path;
  let entry: ExportEntry | undefined;
  if (table.format === 'cjs') {
    if (p[0] === 'default' && !namesExportsDefault(table, p)) p = p.slice(1);
    const named = p.length > 0 ? namedValue(table.entries, p[0]!) : undefined;
    if (named) {
      entry = named;
      p = p.slice(1);
    } else entry = namedValue(table.entries, '') ?? restAt(table, p[0]);
    // `__exportStar(require('./x'), exports)`: a name this file does not assign may come from there.
    if (!entry && p.length > 0 && table.star.length > 0) return { star: table.star, path: p };
  } else {
    if (p.length === 0) return undefined;
    entry = namedValue(table.entries, p[0]!);
    if (!entry) return table.star.length > 0 ? { star: table.star, path: p } : undefined;
    p = p.slice(1);
  }
  while (entry && p.length > 0 && (entry.kind === 'object' || ownMember(entry, p[0]!) || (entry.kind === 'fn' && (madeStep(p[0]!) || staticNamed(entry, p[0]!))))) {
    if (entry.kind === 'fn' && (madeStep(p[0]!) || staticNamed(entry, p[0]!))) {
      entry = madeStep(p[0]!) ? madeBy(entry, p[0]!) : staticNamed(entry, p[0]!);
      p = p.slice(1);
      continue;
    }
    const member: ExportEntry | undefined = entry.kind === 'value' ? undefined : namedValue(entry.members!, p[0]!);
    // Not set by the object itself: one of what was spread into it, if any, has it.
    if (!member && entry.kind === 'object' && entry.spreads) return { spreads: entry.spreads, path: p };
    entry = member;
    p = p.slice(1);
  }
  return entry ? { entry, rest: p } : undefined;
}
