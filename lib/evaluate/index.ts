// Stage 3: a small abstract interpreter for the expressions that reach a sink. It folds
// literals, templates, `+`, path/url helpers, __dirname and import.meta, process.cwd(),
// os.tmpdir()/homedir(), process.env (bound by --env), const and single-assignment bindings,
// destructuring, aliases, conditionals and small wrapper functions. What it cannot fold is
// `unknown` with a reason and a site, never `undefined`.

import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Node } from 'acorn';
import { memo, positionOf, type Binding, type FileModel, type MemoKey, type PatternStep } from '../parse/index.js';
import { relativeFile, siteIn } from '../site.js';
import type { Assumption, Site } from '../types.js';
import { applyPath, applyUrl, newUrl } from './path-ops.js';
import { assumedDefaults, parseArgsResult } from './cli-options.js';
import { constructorNode, constructorOfClass, thisFieldSource } from './instance.js';
import { alternatives, concat, oneOf, str, unknown, type Value } from './value.js';

export { alternatives, concat, detachParams, firstUnknown, oneOf, paramOf, str, unknown, valueKey } from './value.js';
export type { ParamToken, Unknown, Value } from './value.js';
export { isConstructor, constructorOfClass, methodOfThis } from './instance.js';

/** What the evaluator may assume about the run-time world; each use is recorded. */
export interface EvalEnv {
  root: string;
  cwd: string;
  env: Record<string, string>;
  tmpdir: string;
  homedir: string;
  /** CommonJS resolution of `specifier` from `fromFile` for require.resolve at `site`; undefined when not found. */
  resolve(specifier: string, fromFile: string, site: Site): string | undefined;
  assume(assumption: Assumption): void;
  /**
   * The value another module exports at `path`, or what calling it with `args` returns, when
   * that module has been analysed and the value is known; undefined keeps the reference.
   */
  importValue?(specifier: string, from: string, path: string[], args?: Value[]): Value | undefined;
  /**
   * Names the per-analysis memo (on each file's model) of binding values folded with no
   * parameters bound and no fold in progress: the same variable is read at many call sites.
   * Absent: nothing is remembered.
   */
  bindingCache?: MemoKey<Map<Binding, Value>>;
  /**
   * Counts what evaluation leaves behind besides its value: a binding value remembered in
   * `bindingCache`, a package.json read recorded by require.resolve (assumptions keep the first
   * of each kind, so repeating one changes nothing and needs no count). An evaluation during
   * which the count did not move may be reused instead of repeated (lib/detect/callers.ts).
   * Absent: nothing is reused.
   */
  traces?: { count: number };
  /**
   * The options object a command-line parser a package model describes returns: `name` read
   * from `object`, called (`program.opts()`, `read: 'call'`) or as a property (`yargs(…).argv`,
   * `const { argv } = yargs(…)`: `'property'`); undefined when no model says so. `names` holds
   * every such method or property name, a quick test before anything else is looked at.
   */
  parserOptions?: { names: ReadonlySet<string>; value(model: FileModel, object: Node, name: string, read: 'call' | 'property', site: Site): Value | undefined };
  /**
   * Values a package model says its package hands to the code using it, read from an object the
   * analysis cannot tell (multer's `req.file.path`): `last` holds the last property names of the
   * chains any model lists, a quick test before the chain is built.
   */
  fieldValue?: { last: ReadonlySet<string>; value(model: FileModel, chain: string, site: Site): Value | undefined };
}

/** One evaluation context: the file, the values bound to parameters, and the depth so far. */
export interface Frame {
  model: FileModel;
  /** Never changed once in a frame, so frames may share one map. */
  params?: ReadonlyMap<Binding, Value>;
  depth: number;
  /** Bindings being folded further up this evaluation: reading one of them again is a cycle. */
  folding?: Folding;
}

/**
 * The bindings being folded, innermost first: a list that shares its tail with the enclosing
 * fold, so entering a fold allocates one cell rather than copying a set. It is as long as the
 * folds are nested, which MAX_DEPTH bounds.
 */
export interface Folding {
  binding: Binding;
  outer: Folding | undefined;
}

function isFolding(folding: Folding | undefined, b: Binding): boolean {
  for (let f = folding; f; f = f.outer) if (f.binding === b) return true;
  return false;
}

type AnyNode = Node & Record<string, any>;

const MAX_DEPTH = 40;

/** Canonical form of a built-in specifier: `node:fs/promises` → module `fs`, path `promises`. */
export function builtinValue(specifier: string): Value | undefined {
  if (!isBuiltin(specifier)) return undefined;
  const [module, ...rest] = specifier.replace(/^node:/, '').split('/');
  return { k: 'builtin', module: module!, path: rest };
}

/**
 * The site of `node`, in the frame's file. It depends on nothing else, so the evaluator asks
 * for it only where a value or an assumption records it (an unknown, mostly), not for every
 * node it evaluates: most evaluated nodes are identifiers and members that fold to known values.
 */
export function siteOf(frame: Frame, env: EvalEnv, node: Node): Site {
  // Relate the file to the root once per file.
  const model = frame.model;
  model.relative ??= relativeFile(env.root, model.file);
  return siteIn(model.relative, positionOf(model, (node as AnyNode).start));
}

export function evaluate(node: Node | null | undefined, frame: Frame, env: EvalEnv): Value {
  if (!node) return { k: 'nullish' };
  const n = node as AnyNode;
  if (frame.depth > MAX_DEPTH) return unknown('depth-limit', siteOf(frame, env, n));
  // Identifiers (half of the evaluated nodes) and literals evaluate nothing below them in a
  // deeper frame: no frame is made for them (a binding's fold makes its own, one level deeper).
  if (n.type === 'Identifier') return identifier(n, frame, env);
  if (n.type === 'Literal') {
    if (typeof n.value === 'string') return str(n.value);
    if (typeof n.value === 'number') return { k: 'num', v: n.value };
    if (typeof n.value === 'boolean') return { k: 'bool', v: n.value };
    if (n.value === null) return { k: 'nullish' };
    return unknown('not-a-string', siteOf(frame, env, n));
  }
  // Written out rather than spread: this runs for most evaluated nodes, and copying the frame
  // with `...` was the costliest line of the evaluator.
  const deeper: Frame = { model: frame.model, params: frame.params, depth: frame.depth + 1, folding: frame.folding };
  // Sub-expressions are evaluated with `evaluate(x, deeper, env)` rather than through a local
  // helper closure: one closure per evaluated node was measurable, and under tsx (which names
  // every named closure at creation, esbuild's keepNames) it was a large part of the run.
  // The cases come by how often they are met on eslint's tree (members are a quarter of all
  // evaluated nodes): the switch compares the type with each case in turn.

  switch (n.type) {
    case 'MemberExpression': {
      // `this.root` in a class's method: what its constructor stored there, if that is one thing.
      if (!n.computed && n.object.type === 'ThisExpression') {
        const source = thisFieldSource(frame.model, n.object, n.property.name);
        if (source) return evaluate(source, deeper, env);
      }
      // `yargs(…).option(…).argv`: a property a package model says is the command-line options.
      if (!n.computed && env.parserOptions?.names.has(n.property.name)) {
        const modelled = env.parserOptions.value(frame.model, n.object, n.property.name, 'property', siteOf(frame, env, n));
        if (modelled) return modelled;
      }
      const object = evaluate(n.object, deeper, env);
      if (object.k === 'unknown' && !n.computed && env.fieldValue?.last.has(n.property.name)) {
        const chain = propertyChain(n);
        const handed = chain === undefined ? undefined : env.fieldValue.value(frame.model, chain, siteOf(frame, env, n));
        if (handed) return handed;
      }
      if (n.computed) {
        const key = evaluate(n.property, deeper, env);
        if (key.k === 'str' || key.k === 'num') return member(object, String(key.v), deeper, env, n);
        return unknown('computed-member', siteOf(frame, env, n));
      }
      return member(object, n.property.name, deeper, env, n);
    }
    case 'CallExpression':
      return call(n, deeper, env, siteOf(frame, env, n));
    case 'ObjectExpression': {
      const props = new Map<string, Value>();
      for (const p of n.properties as AnyNode[]) {
        if (p.type !== 'Property' || p.computed) continue;
        const key = p.key.type === 'Identifier' ? p.key.name : String(p.key.value);
        props.set(key, p.kind === 'init' && !p.method ? evaluate(p.value, deeper, env) : unknown('unsupported-expression', siteOf(frame, env, n)));
      }
      return { k: 'obj', props };
    }
    case 'ArrayExpression':
      return {
        k: 'arr',
        items: n.elements.map((e: AnyNode | null) => (e && e.type !== 'SpreadElement' ? evaluate(e, deeper, env) : unknown('unsupported-expression', siteOf(frame, env, n)))),
      };
    case 'BinaryExpression':
      if (n.operator === '+') return concat(evaluate(n.left, deeper, env), evaluate(n.right, deeper, env), siteOf(frame, env, n));
      return unknown('unsupported-expression', siteOf(frame, env, n));
    case 'NewExpression': {
      const site = siteOf(frame, env, n);
      const callee = evaluate(n.callee, deeper, env);
      if (callee.k === 'global' && callee.path.join('.') === 'URL') return newUrl(argumentValues(n, deeper, env), site);
      if (callee.k === 'builtin' && callee.module === 'url' && callee.path.join('.') === 'URL') return newUrl(argumentValues(n, deeper, env), site);
      return unknown('call-result', site);
    }
    case 'FunctionDeclaration': // `export function f` and `export default function` name the declaration
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return { k: 'fn', node: n, model: frame.model };
    case 'ConditionalExpression':
      return oneOf([evaluate(n.consequent, deeper, env), evaluate(n.alternate, deeper, env)], siteOf(frame, env, n));
    case 'LogicalExpression':
      return logical(n, deeper, env, siteOf(frame, env, n));
    case 'TemplateLiteral': {
      const site = siteOf(frame, env, n);
      let acc: Value = str(n.quasis[0].value.cooked ?? '');
      n.expressions.forEach((e: Node, i: number) => {
        acc = concat(acc, evaluate(e, deeper, env), site);
        acc = concat(acc, str(n.quasis[i + 1].value.cooked ?? ''), site);
      });
      return acc;
    }
    case 'SequenceExpression':
      return evaluate(n.expressions[n.expressions.length - 1], deeper, env);
    // `module.exports = mkdirP.mkdirp = mkdirP`: a plain assignment's value is its right side.
    case 'AssignmentExpression':
      return n.operator === '=' ? evaluate(n.right, deeper, env) : unknown('unsupported-expression', siteOf(frame, env, n));
    case 'AwaitExpression':
    case 'ChainExpression':
    case 'ParenthesizedExpression':
      return evaluate(n.argument ?? n.expression, deeper, env);
    case 'ClassDeclaration':
    case 'ClassExpression': {
      // A class stands for its constructor, so `new C(dir)` from another module binds its parameters.
      const ctor = constructorNode(n);
      return ctor === n ? unknown('unsupported-expression', siteOf(frame, env, n)) : { k: 'fn', node: ctor, model: frame.model };
    }
    case 'MetaProperty':
      return { k: 'global', path: ['import.meta'] };
    default:
      return unknown('unsupported-expression', siteOf(frame, env, n));
  }
}

/**
 * `req.file.path` → `file.path`: the properties read from a variable, an index left out
 * (`req.files[0].path` → `files.path`); undefined when the chain has another computed member or
 * does not start at a variable.
 */
function propertyChain(n: AnyNode): string | undefined {
  const names: string[] = [];
  let m = n;
  for (; m.type === 'MemberExpression'; m = m.object) {
    if (!m.computed) names.push(m.property.name);
    else if (!(m.property.type === 'Literal' && typeof m.property.value === 'number')) return undefined;
  }
  return m.type === 'Identifier' ? names.reverse().join('.') : undefined;
}

/** The values of a call's arguments, in order. */
function argumentValues(n: AnyNode, frame: Frame, env: EvalEnv): Value[] {
  return (n.arguments as Node[]).map((a) => evaluate(a, frame, env));
}

function logical(n: AnyNode, frame: Frame, env: EvalEnv, site: Site): Value {
  const left = evaluate(n.left, frame, env);
  if (n.operator === '&&') return left.k === 'nullish' ? left : evaluate(n.right, frame, env);
  // `a || b` / `a ?? b`: a known non-empty string wins; an unknown could be either side.
  const out: Value[] = [];
  for (const alt of alternatives(left)) {
    if (alt.k === 'nullish' || (n.operator === '||' && alt.k === 'str' && alt.v === '')) out.push(evaluate(n.right, frame, env));
    else if (alt.k === 'unknown') out.push(alt, evaluate(n.right, frame, env));
    else out.push(alt);
  }
  return oneOf(out, site);
}

/** Globals and members a detector or the evaluator knows; everything else read from a global is unknown. */
const globalReferences = new Set([
  'process.cwd',
  'process.chdir',
  'process.dlopen',
  'process.loadEnvFile',
  'process.getBuiltinModule',
  'process.report',
  'process.report.writeReport',
  'module.createRequire',
  'import.meta.resolve',
]);

const globalNames = new Set(['process', 'require', 'module', 'exports', 'globalThis', 'fetch', 'WebSocket', 'URL', 'Buffer', 'EventSource']);

function identifier(n: AnyNode, frame: Frame, env: EvalEnv): Value {
  const binding = frame.model.bindingOf.get(n);
  if (!binding) {
    const file = frame.model.file;
    if (frame.model.kind === 'cjs' && n.name === '__dirname') return str(path.dirname(file));
    if (frame.model.kind === 'cjs' && n.name === '__filename') return str(file);
    if (n.name === 'require' && frame.model.kind === 'cjs') return { k: 'require', base: file, path: [] };
    if (n.name === 'undefined') return { k: 'nullish' };
    if (globalNames.has(n.name)) return { k: 'global', path: [n.name] };
    return unknown('global', siteOf(frame, env, n), n.name);
  }
  return bindingValue(binding, frame, env, n);
}

const newBindingValues = () => new Map<Binding, Value>();

/** The value of binding `b` read at node `at` (whose site an unknown records). */
export function bindingValue(b: Binding, frame: Frame, env: EvalEnv, at: Node): Value {
  switch (b.kind) {
    case 'param': {
      const bound: Value = frame.params?.get(b) ?? { k: 'unknown', reason: 'parameter', site: siteOf(frame, env, at), name: b.name, param: b };
      return b.writes.length > 0 ? withAssignments(b, bound, frame, env, at) : bound;
    }
    case 'import': {
      const builtin = builtinValue(b.importSource!);
      if (builtin && builtin.k === 'builtin') {
        return b.importName === 'default' || b.importName === '*' ? builtin : { ...builtin, path: [...builtin.path, b.importName!] };
      }
      // `import x from` reads the default export; `import * as ns` is the namespace itself.
      const path_ = b.importName === '*' ? [] : [b.importName!];
      return imported({ k: 'module', specifier: b.importSource!, from: frame.model.file, path: path_ }, env);
    }
    case 'function':
      return { k: 'fn', node: b.fn!, model: frame.model };
    case 'class': {
      const ctor = constructorOfClass(b);
      return ctor && ctor.type !== 'ClassDeclaration' && ctor.type !== 'ClassExpression' ? { k: 'fn', node: ctor, model: frame.model } : unknown('unsupported-expression', siteOf(frame, env, at), b.name);
    }
    case 'catch':
      return unknown('unsupported-expression', siteOf(frame, env, at), b.name);
    default: {
      if (b.complexWrite) return unknown('reassigned', siteOf(frame, env, at), b.name);
      if (b.loopVariable) return unknown('loop-variable', siteOf(frame, env, at), b.name);
      const count = (b.init ? 1 : 0) + b.writes.length;
      if (count === 0) return { k: 'nullish' };
      if (count > 4) return unknown('reassigned', siteOf(frame, env, at), b.name);
      // `p = p.map(f)` makes p's value depend on itself. Folding it again at every read of p
      // re-folds every write, which is exponential in the writes (three such lines ran for
      // minutes; found by test/fuzz.test.ts), so a binding met again inside its own folding is
      // unknown there.
      if (isFolding(frame.folding, b)) return unknown('reassigned', siteOf(frame, env, at), b.name);
      // Without bound parameters or an enclosing fold, the value depends on nothing but the code.
      const cache = env.bindingCache && !frame.params?.size && !frame.folding ? memo(frame.model, env.bindingCache, newBindingValues) : undefined;
      const cached = cache?.get(b);
      if (cached) return cached;
      const sources = b.init ? [b.init, ...b.writes] : b.writes;
      // One level below the frame the identifier was read in (evaluate makes no frame for it).
      const inner: Frame = { model: frame.model, params: frame.params, depth: frame.depth + 1, folding: { binding: b, outer: frame.folding } };
      const values = sources.map((s, i) => {
        if (i > 0 || !b.init) return evaluate(s, inner, env);
        // `const { argv } = yargs(…)`: the property a parser model names, taken from the initialiser.
        const first = b.pattern[0];
        const parsed = first && 'key' in first && env.parserOptions?.names.has(first.key) ? env.parserOptions.value(frame.model, s, first.key, 'property', siteOf(frame, env, at)) : undefined;
        if (parsed) return applyPattern(parsed, b.pattern.slice(1), b.defaultValue, inner, env, at);
        return applyPattern(evaluate(s, inner, env), b.pattern, b.defaultValue, inner, env, at);
      });
      const value = values.length === 1 && values[0]!.k !== 'oneOf' ? values[0]! : oneOf(values, siteOf(frame, env, at));
      if (cache) {
        cache.set(b, value);
        if (env.traces) env.traces.count++;
      }
      return value;
    }
  }
}

/**
 * Binds the names a destructured parameter declares (`{ cwd = process.cwd() } = {}`,
 * `[dir, name]`) from the argument at its position, into `params`; the parameter's own default
 * stands in for a missing argument. Without this such names stayed parameters with no caller.
 */
export function bindPatternParams(model: FileModel, fn: Node, args: readonly (Value | undefined)[], params: Map<Binding, Value>, env: EvalEnv, depth = 0): void {
  const names = model.patternParams.get(fn);
  if (!names) return;
  const declared = (fn as AnyNode).params as AnyNode[];
  for (const b of names) {
    const param = declared[b.paramIndex!]!;
    const frame: Frame = { model, params, depth: depth + 1 };
    let arg = args[b.paramIndex!];
    if ((!arg || arg.k === 'nullish') && param.type === 'AssignmentPattern') arg = evaluate(param.right, frame, env);
    params.set(b, applyPattern(arg ?? { k: 'nullish' }, b.pattern, b.defaultValue, frame, env, param));
  }
}

/**
 * A parameter the caller left out (unknown or undefined) that the body assigns with plain `=`
 * (tsc's lowered default, `if (x === void 0) { x = fs.existsSync; }`) is also each assigned value
 * that is fully known. A value a caller passed is what the parameter is, and an assignment built
 * from unknowns (`p = path.resolve(p)`) is not followed: it would hide that the parameter waits
 * for a caller in another module.
 */
function withAssignments(b: Binding, bound: Value, frame: Frame, env: EvalEnv, at: Node): Value {
  if ((bound.k !== 'unknown' && bound.k !== 'nullish') || b.complexWrite || b.writes.length > 4 || isFolding(frame.folding, b)) return bound;
  const inner: Frame = { model: frame.model, params: frame.params, depth: frame.depth + 1, folding: { binding: b, outer: frame.folding } };
  const assigned = b.writes.map((w) => evaluate(w, inner, env)).filter((v) => alternatives(v).every((a) => a.k !== 'unknown' && a.k !== 'prefix'));
  return assigned.length === 0 ? bound : oneOf([bound, ...assigned], siteOf(frame, env, at));
}

/** A destructured binding's part of `value`; `at` is the node reading the binding, for sites. */
function applyPattern(value: Value, pattern: readonly PatternStep[], dflt: Node | undefined, frame: Frame, env: EvalEnv, at: Node): Value {
  let v = value;
  for (const step of pattern) {
    if ('key' in step) v = member(v, step.key, frame, env, at);
    else if ('index' in step) v = v.k === 'arr' ? (v.items[step.index] ?? { k: 'nullish' }) : unknown('unsupported-expression', siteOf(frame, env, at));
    else if ('each' in step) v = v.k === 'arr' ? oneOf(v.items, siteOf(frame, env, at)) : unknown('loop-variable', siteOf(frame, env, at));
    else return unknown('unsupported-expression', siteOf(frame, env, at));
  }
  if (dflt && (v.k === 'nullish' || v.k === 'unknown')) return v.k === 'nullish' ? evaluate(dflt, frame, env) : oneOf([v, evaluate(dflt, frame, env)], siteOf(frame, env, at));
  return v;
}

/** Member `name` of `object`, read at node `at` (whose site an unknown or an assumption records). */
function member(object: Value, name: string, frame: Frame, env: EvalEnv, at: Node): Value {
  switch (object.k) {
    case 'builtin':
      // `import fs from 'fs'` and `fs.default` are the same object.
      if (name === 'default' && object.path.length === 0) return object;
      if (object.module === 'path' && (name === 'posix' || name === 'win32') && object.path.length === 0) return object;
      if (object.module === 'path' && name === 'sep' && object.path.length === 0) return str('/');
      return { ...object, path: [...object.path, name] };
    case 'global': {
      const p = [...object.path, name];
      const key = p.join('.');
      if (key === 'process.env') return object.path.length === 1 ? { k: 'global', path: p } : unknown('global', siteOf(frame, env, at));
      if (object.path.join('.') === 'process.env') {
        // Own properties only: process.env.__proto__ or .constructor in the analysed code must
        // not fold to Object.prototype's members (found by test/fuzz.test.ts).
        const value = Object.hasOwn(env.env, name) ? env.env[name] : undefined;
        if (value === undefined) return unknown('env-unbound', siteOf(frame, env, at), name);
        env.assume({ kind: 'env', name, value, site: siteOf(frame, env, at) });
        return str(value);
      }
      if (key === 'import.meta.url') return { k: 'str', v: pathToFileURL(frame.model.file).href };
      if (key === 'import.meta.filename') return str(frame.model.file);
      if (key === 'import.meta.dirname') return str(path.dirname(frame.model.file));
      if (object.path[0] === 'globalThis') return { k: 'global', path: p.slice(1) };
      if (key === 'require.resolve') return { k: 'require', base: frame.model.file, path: ['resolve'] };
      // Only API namespaces stay references; any other global value (process.argv[2]) is unknown.
      return globalReferences.has(key) ? { k: 'global', path: p } : unknown('global', siteOf(frame, env, at), key);
    }
    case 'require':
      return { ...object, path: [...object.path, name] };
    case 'module':
      return imported({ ...object, path: [...object.path, name] }, env);
    case 'url':
      if (name === 'href') return str(object.href);
      if (name === 'pathname') return str(new URL(object.href).pathname);
      return unknown('unsupported-expression', siteOf(frame, env, at));
    case 'obj': {
      const value = object.props.get(name);
      if (!value) return object.rest ?? { k: 'nullish' };
      // An app's own command-line option read from its options object: its default is assumed.
      const assumed = assumedDefaults.get(value);
      if (assumed) env.assume(assumed);
      return value;
    }
    case 'oneOf':
      return oneOf(object.vs.map((v) => member(v, name, frame, env, at)), siteOf(frame, env, at));
    case 'unknown':
      return object;
    default:
      return unknown('unsupported-expression', siteOf(frame, env, at));
  }
}

/** The value of a call; sinks are found by detectors, this only folds what a call returns. */
function call(n: AnyNode, frame: Frame, env: EvalEnv, site: Site): Value {
  // `program.opts()`: a method a package model says returns the app's command-line options.
  if (n.callee.type === 'MemberExpression' && !n.callee.computed && env.parserOptions?.names.has(n.callee.property.name)) {
    const modelled = env.parserOptions.value(frame.model, n.callee.object, n.callee.property.name, 'call', site);
    if (modelled) return modelled;
  }
  const callee = evaluate(n.callee, frame, env);
  // A callee that is one of several functions (TypeScript's `(this && this.__importDefault) ||
  // function (mod) {…}` helper) returns what any of them returns.
  if (callee.k === 'oneOf') return oneOf(alternatives(callee).map((alt) => callOf(n, alt, frame, env, site)), site);
  return callOf(n, callee, frame, env, site);
}

/** What calling `callee` (one known function or API) at `n` returns. */
function callOf(n: AnyNode, callee: Value, frame: Frame, env: EvalEnv, site: Site): Value {
  if (callee.k === 'builtin') {
    const name = callee.path.join('.');
    if (callee.module === 'path' && callee.path.length === 1 && n.arguments.length > 0) {
      return applyPath(name, argumentValues(n, frame, env), site, () => cwdOf(env, site)) ?? unknown('call-result', site);
    }
    if (callee.module === 'url' && callee.path.length === 1 && n.arguments.length > 0) {
      return applyUrl(name, argumentValues(n, frame, env), site, () => cwdOf(env, site)) ?? unknown('call-result', site);
    }
    // util.promisify(f) and f.bind(x) call the same API as f: keep the reference.
    if (callee.module === 'util' && name === 'promisify' && n.arguments.length > 0) return evaluate(n.arguments[0], frame, env);
    if (callee.module === 'util' && name === 'parseArgs') {
      return parseArgsResult(n.arguments.length > 0 ? evaluate(n.arguments[0], frame, env) : undefined, site, optionSites(n.arguments[0], frame, env));
    }
    if (callee.path[callee.path.length - 1] === 'bind') return { ...callee, path: callee.path.slice(0, -1) };
    // mkdtemp creates `<prefix>XXXXXX`: what it returns starts with the prefix it was given.
    if (callee.module === 'fs' && /^(promises\.)?mkdtemp(Sync)?$/.test(name) && n.arguments.length > 0) {
      const prefix = evaluate(n.arguments[0], frame, env);
      return prefix.k === 'str' ? { k: 'prefix', v: prefix.v, cause: unknown('call-result', site) } : unknown('call-result', site);
    }
    if (callee.module === 'os' && name === 'tmpdir') {
      env.assume({ kind: 'tmpdir', value: env.tmpdir, site });
      return str(env.tmpdir);
    }
    if (callee.module === 'os' && name === 'homedir') {
      env.assume({ kind: 'homedir', value: env.homedir, site });
      return str(env.homedir);
    }
    if (callee.module === 'module' && name === 'createRequire' && n.arguments.length > 0) {
      const base = evaluate(n.arguments[0], frame, env);
      const file = base.k === 'url' ? new URL(base.href).pathname : base.k === 'str' ? (base.v.startsWith('file:') ? new URL(base.v).pathname : base.v) : undefined;
      return file ? { k: 'require', base: file, path: [] } : unknown('call-result', site);
    }
    return unknown('call-result', site);
  }
  if (callee.k === 'global') {
    const name = callee.path.join('.');
    if (name === 'process.cwd') return str(cwdOf(env, site));
    if (name === 'process.getBuiltinModule' && n.arguments.length > 0) {
      const spec = evaluate(n.arguments[0], frame, env);
      return (spec.k === 'str' && builtinValue(spec.v)) || unknown('call-result', site);
    }
    return unknown('call-result', site);
  }
  if (callee.k === 'require' && n.arguments.length > 0) {
    const spec = evaluate(n.arguments[0], frame, env);
    if (spec.k !== 'str') return unknown('call-result', site);
    if (callee.path.length === 0) return builtinValue(spec.v) ?? imported({ k: 'module', specifier: spec.v, from: callee.base, path: [] }, env);
    if (callee.path.join('.') === 'resolve') {
      const resolved = env.resolve(spec.v, callee.base, site);
      return resolved ? str(resolved) : unknown('call-result', site);
    }
  }
  if (callee.k === 'fn') return returnValueOf(callee, n.arguments as Node[], frame, env, site);
  if (callee.k === 'module') return env.importValue?.(callee.specifier, callee.from, callee.path, argumentValues(n, frame, env)) ?? unknown('call-result', site);
  return unknown('call-result', site);
}

/** Where each option of a literal `parseArgs({ options: { … } })` is written, for the report. */
function optionSites(config: AnyNode | undefined, frame: Frame, env: EvalEnv): Map<string, Site> {
  const sites = new Map<string, Site>();
  const options = config?.type === 'ObjectExpression' ? (config.properties as AnyNode[]).find((p) => p.type === 'Property' && !p.computed && (p.key.name ?? p.key.value) === 'options') : undefined;
  if (options?.value.type !== 'ObjectExpression') return sites;
  for (const p of options.value.properties as AnyNode[]) {
    if (p.type === 'Property' && !p.computed) sites.set(String(p.key.name ?? p.key.value), siteOf(frame, env, p));
  }
  return sites;
}

/** A reference into another module, replaced by the value it exports when that is known. */
function imported(ref: Value & { k: 'module' }, env: EvalEnv): Value {
  return env.importValue?.(ref.specifier, ref.from, ref.path) ?? ref;
}

function cwdOf(env: EvalEnv, site: Site): string {
  env.assume({ kind: 'cwd', value: env.cwd, site });
  return env.cwd;
}

/** The expression a small wrapper returns: an arrow's expression body or a lone `return`. */
function returnedExpression(f: AnyNode): Node | undefined {
  if (f.body.type !== 'BlockStatement') return f.body;
  const returns = (f.body.body as AnyNode[]).filter((s) => s.type === 'ReturnStatement');
  return returns.length === 1 && f.body.body.length <= 3 ? returns[0]!.argument : undefined;
}

/** What calling a small wrapper with these argument values returns (unknown when it is not one). */
export function returnValueWith(fn: { node: Node; model: FileModel }, args: Value[], env: EvalEnv, site: Site, depth = 0, outer?: ReadonlyMap<Binding, Value>): Value {
  const body = returnedExpression(fn.node as AnyNode);
  if (!body) return unknown('call-result', site);
  const params = new Map(outer);
  (fn.model.params.get(fn.node) ?? []).forEach((b, i) => {
    if (!b) return;
    const arg = args[i];
    if (arg && arg.k !== 'nullish') params.set(b, arg);
    else if (b.defaultValue) params.set(b, evaluate(b.defaultValue, { model: fn.model, params, depth: depth + 1 }, env));
  });
  bindPatternParams(fn.model, fn.node, args, params, env, depth);
  return evaluate(body, { model: fn.model, params, depth: depth + 1 }, env);
}

function returnValueOf(fn: { node: Node; model: FileModel }, argNodes: Node[], frame: Frame, env: EvalEnv, site: Site): Value {
  const args = argNodes.map((a) => evaluate(a, frame, env));
  return returnValueWith(fn, args, env, site, frame.depth, frame.params);
}
