// A capability module's function kept as a value in an object literal (`{ spawn: cp.spawn }`,
// zx's defaults; `dual({ sync: fs.readFileSync })`, @quansync/fs's) or handed to a function of
// the app or a package (csv-writer's own `promisify(fs.writeFile)`): whoever holds it may call it
// anywhere, through a parameter, a merge or a wrapper's result the analysis cannot fold, and
// such a call names no capability. The parse stage lists the candidates (lib/parse/scope-walk.ts
// functionEscape; an object that is the module's exports is left out, its functions are
// followed through the export table); each that evaluates to an fs or child_process function
// is reported where it escapes (CAPABILITY_FUNCTION_ESCAPED), an fs one also as an unresolved
// access of each scope the function may need (reason `function-escaped`, so the --unresolved
// fallback applies). Handed to a built-in (util.promisify), it is followed as before. Another
// module's capability function, or the module's own exports object holding one, handed on as an
// argument is judged the same way (./handed-on-import.ts lists those arguments).

import type { AnyNode, CallExpression, NewExpression, Node } from 'acorn';
import { diagnostic } from '../diagnostics/index.js';
import { alternatives, evaluate, siteOf, type Value } from '../evaluate/index.js';
import type { FileModel } from '../parse/index.js';
import { someChild } from '../parse/nodes.js';
import type { PackageName, Site } from '../types.js';
import type { CallerContext } from './callers.js';
import type { DetectSink } from './context.js';
import { followedThroughWrapper } from './followed-escape.js';
import { fsScopesOf } from './fs.js';
import { handedOnImports } from './handed-on-import.js';

const childProcessFunctions = new Set(['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);

/** The API (`fs.readFileSync`, `child_process.spawn`) a value is when it is a capability function the report must name. */
function capabilityFunction(v: Value): { module: 'fs' | 'child_process'; api: string } | undefined {
  if (v.k !== 'builtin') return undefined;
  const api = [v.module, ...v.path].join('.');
  if (v.module === 'child_process' && v.path.length === 1 && childProcessFunctions.has(v.path[0]!)) return { module: 'child_process', api };
  if (v.module === 'fs' && fsScopesOf(api)?.length) return { module: 'fs', api };
  return undefined;
}

/** Reports each capability function this file keeps in an object literal or hands to a function that is not a built-in. */
export function functionEscapes(model: FileModel, ctx: CallerContext, sink: DetectSink, pkg: PackageName): void {
  const frame = { model, depth: 0 };
  for (const e of model.functionEscapes ?? []) {
    const found = capabilityFunction(evaluate(e.node, frame, ctx.env)) ?? parameterDefault(e.node, frame, ctx);
    if (found) reportEscape(found, e.node, e.holder, frame, ctx, sink, pkg);
  }
  for (const h of handedOnImports(model)) {
    const values = h.ownExports ? ownExportValues(model, h.ownExports, frame, ctx) : [evaluate(h.node, frame, ctx.env)];
    const whole = [...values.flatMap((v) => wholeModuleFunctions(v, ctx)), ...keyedMembers(h.node, frame, ctx)];
    const found = [...values.flatMap(capabilityFunctionsIn), ...whole].filter((f, i, all) => all.findIndex((g) => g.api === f.api) === i && !underItsOwnName(h.node, f));
    // The evaluator has no value for the exports object, so a call of its member through a
    // parameter (`run(exports)`, `m.w(p)`) is never followed: only a built-in is left out. Nor is
    // a member of another module's whole exports called through a parameter (`now(lib)`, `m.r(p)`).
    const followed = h.ownExports || whole.length > 0 ? (callee: Value) => handedToBuiltin(callee) : undefined;
    for (const f of found) reportEscape(f, h.node, h.holder, frame, ctx, sink, pkg, followed, h.arg);
  }
}

/**
 * What this module exports at `path` (`[]`: every export, the object handed on is the exports
 * object itself; `['w']`: `exports.w`). The evaluator has no value for the exports object while
 * the module runs, so its members are read from the export table.
 */
function ownExportValues(model: FileModel, path: readonly string[], frame: Frame, ctx: CallerContext): Value[] {
  const targets = path.length === 0 ? [...model.exports.values()] : [model.exports.get(path[0]!)].filter((t) => path.length === 1 && t !== undefined);
  return targets.flatMap((t) => (t && 'node' in t ? [evaluate(t.node, frame, ctx.env)] : []));
}

/**
 * A member read of a module that is fs itself under fs's own names (`gfs.realpath.native` of
 * graceful-fs, fs-extra's own `fs`): the parse stage judges those by name (lib/parse/scope-walk.ts
 * capabilityFunctionName), and leaves out what it does not name, as it does for `fs.realpath.native`.
 */
function underItsOwnName(node: Node, found: Found): boolean {
  const names: string[] = [];
  let cur = node as AnyNode;
  for (; cur.type === 'MemberExpression' && !cur.computed && cur.property.type === 'Identifier'; cur = cur.object as AnyNode) names.unshift(cur.property.name);
  return names.length > 0 && found.api === `${found.module}.${names.join('.')}`;
}

/**
 * The capability function a value is, or those an object value (another module's exports, this
 * module's own) holds as its members: whoever is handed the object may call them.
 */
function capabilityFunctionsIn(v: Value): Found[] {
  const own = capabilityFunction(v);
  if (own) return [own];
  if (v.k !== 'obj') return [];
  const out: Found[] = [];
  for (const member of v.props.values()) {
    const found = capabilityFunction(member);
    if (found && !out.some((f) => f.api === found.api)) out.push(found);
  }
  return out;
}

/**
 * The capability functions another module's whole exports hold under names of their own
 * (`exports.r = fs.readFileSync`), for the module handed on or kept whole (`run(lib)`,
 * `keep.push({ m: lib })`): whoever holds it may call `m.r(p)`, which names no fs function.
 * One under fs's own name (`exports.readFileSync = …`, fs-extra, graceful-fs) is left out: a
 * call of it on a value the analysis cannot tell is taken for fs's by its name (./fs-like.ts).
 */
function wholeModuleFunctions(v: Value, ctx: CallerContext): Found[] {
  if (v.k !== 'module' || v.path.length > 0) return [];
  const members = ctx.env.hooks.importedMembers?.(v.specifier, v.from) ?? [];
  return members.flatMap(({ name, value }) => {
    // Past the names read (match-calls.ts MAX_MEMBERS): any fs or child_process function may lie there.
    if (name === '' && value.k === 'num') return [{ module: 'fs', api: '', cut: { specifier: v.specifier, limit: value.v } }];
    const found = capabilityFunction(value);
    return found && found.api !== `${found.module}.${name}` ? [found] : [];
  });
}

/**
 * `lib[k]` with a key the analysis cannot name, `lib` another module's whole exports (`for (const
 * k in lib) keep.push(lib[k])`): the read may be any of its members, so each fs function it holds
 * under a name of its own is kept there (silent-17).
 */
function keyedMembers(node: Node, frame: Frame, ctx: CallerContext): Found[] {
  const n = node as AnyNode;
  if (n.type !== 'MemberExpression' || !n.computed) return [];
  const keys = alternatives(evaluate(n.property as Node, frame, ctx.env));
  if (keys.every((k) => k.k === 'str' || k.k === 'num')) return [];
  return wholeModuleFunctions(evaluate(n.object as Node, frame, ctx.env), ctx);
}

type Frame = { model: FileModel; depth: number };
/** A capability function found; `cut`: the module's names past the bound were not read, so none is named. */
type Found = NonNullable<ReturnType<typeof capabilityFunction>> & { cut?: { specifier: string; limit: number } };

/** Reports `found`, kept at `node` by `holder`, unless the call holding it is one the flow follows. */
function reportEscape(found: Found, node: Node, holder: Node, frame: Frame, ctx: CallerContext, sink: DetectSink, pkg: PackageName, followed?: (callee: Value) => boolean, arg: Node = node): void {
  const callee = calleeOf(holder, frame, ctx);
  const call = holder as CallExpression | NewExpression;
  // `arg`: the argument the callee gets, of which `node` is one alternative (./handed-on-import.ts).
  const follows = followed ?? ((c: Value) => handedToBuiltin(c) || calledInPlace(call, c, arg, ctx) || followedThroughWrapper(frame.model, ctx.env, call, arg, c));
  if (callee && follows(callee)) return;
  const site = siteOf(frame, ctx.env, node);
  if (found.cut) return reportMembersCut(found.cut, site, sink, pkg);
  const scopes = found.module === 'fs' ? fsScopesOf(found.api)! : [];
  // Under --unresolved error an escape is an error, as CAPABILITY_ESCAPED is (./capability-escape.ts).
  const modes = found.module === 'fs' ? scopes : (['read', 'write'] as const);
  const severity = modes.some((s) => sink.fallbackFor(s) === 'error') ? 'error' : 'warning';
  sink.diagnostic(diagnostic('CAPABILITY_FUNCTION_ESCAPED', severity, { module: found.module, api: found.api, how: holder.type === 'CallExpression' || holder.type === 'NewExpression' ? 'argument' : 'stored' }, site));
  for (const scope of scopes) {
    sink.unresolved({ capability: scope === 'read' ? 'fs.read' : 'fs.write', site, api: found.api, package: pkg, reason: 'function-escaped', fallback: sink.fallbackFor(scope) });
  }
}

/**
 * A module handed on or kept whole whose export names run past the bound read for its fs
 * functions (match-calls.ts MAX_MEMBERS): what lies past it is not known, so the hand-on is a call
 * not followed (`bound: "members"`) and an unresolved read and write at its site (silent-17).
 */
function reportMembersCut(cut: { specifier: string; limit: number }, site: Site, sink: DetectSink, pkg: PackageName): void {
  const fallback = sink.fallbackFor('write') === 'error' || sink.fallbackFor('read') === 'error' ? 'error' : sink.fallbackFor('read');
  sink.diagnostic(diagnostic('CALL_NOT_FOLLOWED', fallback === 'error' ? 'error' : 'warning', { specifier: cut.specifier, name: '', bound: 'members', limit: cut.limit, fallback }, site));
  for (const scope of ['read', 'write'] as const) {
    sink.unresolved({ capability: scope === 'read' ? 'fs.read' : 'fs.write', site, api: cut.specifier, package: pkg, reason: 'flow-bound', fallback: sink.fallbackFor(scope) });
  }
}

/**
 * A parameter whose default is a capability function (`function g(w = fs.writeFileSync) { return
 * { w } }`): outside a replay the parameter is unknown, and a call that passes nothing gets the
 * default, so the default is what may escape.
 */
function parameterDefault(node: Node, frame: { model: FileModel; depth: number }, ctx: CallerContext): ReturnType<typeof capabilityFunction> {
  const binding = node.type === 'Identifier' ? frame.model.bindingOf.get(node as never) : undefined;
  if (binding?.kind !== 'param' || !binding.defaultValue) return undefined;
  return capabilityFunction(evaluate(binding.defaultValue, frame, ctx.env));
}

/**
 * Handed to a built-in (`util.promisify(fs.readFile)`, `Reflect.apply`), whose result the
 * evaluator knows, or to a method of the capability function itself (`fs.readFile.bind(fs)` is
 * no argument). A function of the app or a package is not followed for this: its result kept in
 * a name (`const w = wrap(fs.writeFile)`) and called later reaches no sink (miss-capability-function-handed-to-wrapper).
 */
function handedToBuiltin(callee: Value): boolean {
  return callee.k === 'builtin' || callee.k === 'global';
}

/** What a call or `new` holding the function calls; undefined for an object literal. */
function calleeOf(holder: Node, frame: { model: FileModel; depth: number }, ctx: CallerContext): Value | undefined {
  if (holder.type !== 'CallExpression' && holder.type !== 'NewExpression') return undefined;
  return evaluate((holder as CallExpression | NewExpression).callee as Node, frame, ctx.env);
}

const isFunction = (n: AnyNode): boolean => n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionDeclaration';

/**
 * Handed to a function of this file that calls the parameter in its own body only
 * (`function r(read, f) { read(f) }`): the call's callee is evaluated through the function's
 * callers (./callers.ts), so the capability is followed. A parameter named in a function nested
 * in it (`wrap(fn) { return (a) => fn(a) }`) may be called whenever the returned function is,
 * which the flow does not follow once that result is kept in a name: reported.
 */
function calledInPlace(call: CallExpression | NewExpression, callee: Value, arg: Node, ctx: CallerContext): boolean {
  if (callee.k !== 'fn' || callee.model !== ctx.model) return false;
  const fn = callee.node as unknown as { params: AnyNode[]; body: AnyNode };
  const param = fn.params[call.arguments.indexOf(arg as never)];
  if (param?.type !== 'Identifier') return false;
  const name = param.name;
  const namedIn = (n: AnyNode): boolean => (n.type === 'Identifier' && n.name === name) || someChild(n, namedIn);
  const nestedUse = (n: AnyNode): boolean => (isFunction(n) ? namedIn(n) : storesName(n, name) || someChild(n, nestedUse));
  return !nestedUse(fn.body);
}

/**
 * Whether `n` keeps the name where a later call may run it: written to another name or a member
 * (`u = f`, `this.w = f`, `u ||= f`), or kept in an object or array literal (`{ w: f }`, `[f]`).
 * A setter (`function set(f) { u = f }`) hands the function to every later caller of `u`.
 */
function storesName(n: AnyNode, name: string): boolean {
  const is = (v: AnyNode | null | undefined): boolean => v?.type === 'Identifier' ? v.name === name : v?.type === 'LogicalExpression' ? is(v.left) || is(v.right) : v?.type === 'ConditionalExpression' ? is(v.consequent) || is(v.alternate) : false;
  // Written back to itself (`f = f || fallback`) it stays the parameter.
  if (n.type === 'AssignmentExpression') return is(n.right) && !(n.left.type === 'Identifier' && n.left.name === name);
  if (n.type === 'Property') return is(n.value as AnyNode);
  if (n.type === 'ArrayExpression') return n.elements.some((e) => is(e as AnyNode | null));
  return false;
}
