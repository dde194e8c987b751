// Stage 4: turn one file's call sites into needs. Each callee is evaluated to a canonical API
// name and handed to the detector that subscribed to it; a path argument that depends on a
// parameter of the enclosing function is re-evaluated at each call of that function with the
// caller's arguments (a few levels deep), so helpers like readData(name) resolve.

import { isStackOverflow, tooDeep } from '../limits.js';
import type { Node, TaggedTemplateExpression, TemplateLiteral } from 'acorn';
import { alternatives, ANY_MEMBER, EVALUATION_FUEL, capabilityIn, classAround, detachParams, evaluate, isSymbolKey, loadsCapabilityModule, memberCopyReads, oneOf, paramOf, siteOf, truthOf, type Frame, type Unknown, type Value } from '../evaluate/index.js';
import type { EvalEnv } from '../evaluate/index.js';
import type { Binding, CallSite, FileModel } from '../parse/index.js';
import { mentionsPlatform } from '../parse/index.js';
import { rootedIn } from '../parse/rooted.js';
import type { PackageName, Site } from '../types.js';
import { ownString } from '../site.js';
import { addonDetector } from './addon.js';
import { capabilityEscapeDetector } from './capability-escape.js';
import { evaluateThroughCallers, frameFor, thisExportMemberReads, thisIsOwnExportsIn, type CallerContext } from './callers.js';
import { childProcessDetector } from './child-process.js';
import type { DetectOptions, Detector, Findings, FnKey, Handler, SinkCall, Summary } from './context.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { createSink } from './sink.js';
import { envGuards, guardedByMissing, inCaughtTry, inSurvivedTry } from './guards.js';
import { calledOnlyWhen, offByDefault, type TurnsOn } from './option-branches.js';
import { deadOnPlatform } from './platform-guards.js';
import { madeByModule } from './made-objects.js';
import { bindArguments, CALL_RESULT, exportedFunctions, exportTable, fnKey, madeFunctions, NEW_INSTANCE, type ExportTable } from './flow.js';
import { exportEscapes } from './export-escape.js';
import { ownExportsWaiting } from './own-exports.js';
import { boundOptions, boundTag } from './tag-bound.js';
import { conditionOf } from './liveness.js';
import { fsDetector } from './fs.js';
import { fsLikeApi } from './fs-like.js';
import { generatedCodeDetector } from './generated-code.js';
import { loaderEscapes, throughLoaderParameter } from './loader-escape.js';
import { functionEscapes } from './function-escape.js';
import { foldCutCallee, reportFoldCut } from './fold-cut.js';
import { refoldedCallee } from './refold.js';
import { inspectorDetector } from './inspector.js';
import { moduleDetector } from './module.js';
import { netDetector } from './net.js';
import { wasiDetector } from './wasi.js';
import { workerDetector } from './worker.js';

export type { ConditionalFindings, DetectOptions, Findings, FnKey, MethodCall, ModuleRequest, PendingCall, Summary } from './context.js';
export type { ExportEscape } from './export-escape.js';
export type { ExportEntry, ExportTable } from './flow.js';
export { adoptFnKeys, CALL_RESULT, carryFnKeys, detachedFold, exportedFunctions, foldPlace, holdsFolds, lookupExport, NEW_INSTANCE, functionAt, functionOrdinalOf, paramAt, paramPlace } from './flow.js';
export type { ParamPlace } from './flow.js';
export { namedPairs, namedValue, namedValues, type Named } from './named.js';
export { createSink } from './sink.js';

/**
 * True when a call cannot run on the platform `env` assumes (`process.platform === 'win32' ?
 * require('./win') : require('./posix')` on Linux: the first). The graph does not take up a
 * module only such a request names (./platform-guards.ts).
 */
export function deadCallOnPlatform(model: FileModel, node: Node, env: EvalEnv): boolean {
  return !!env.facts.platform && mentionsPlatform(model) && deadOnPlatform(model, node, env);
}

export const detectors: readonly Detector[] = [
  fsDetector,
  childProcessDetector,
  workerDetector,
  addonDetector,
  wasiDetector,
  netDetector,
  inspectorDetector,
  moduleDetector,
  generatedCodeDetector,
  capabilityEscapeDetector,
];

const handlers: ReadonlyMap<string, Handler> = new Map(detectors.flatMap((d) => Object.entries(d.apis)));

export interface FileDetection extends Findings {
  exports: ExportTable;
  /** Calls into a module whose exports were not known yet (DetectOptions.awaitsExports), for detectAgain. */
  deferred?: CallSite[];
}

export function emptyFindings(): Findings {
  return { needs: [], unresolved: [], modules: [], diagnostics: [], pendingCalls: [], summaries: [], methodCalls: [] };
}

/** Canonical API name of a callee value, or undefined when no detector could care. */
function apiName(callee: Value): string | undefined {
  switch (callee.k) {
    case 'builtin':
      return [callee.module, ...callee.path].join('.');
    case 'global':
      return callee.path.join('.');
    case 'require':
      return ['require', ...callee.path].join('.');
    case 'module': {
      if (/^[./]/.test(callee.specifier)) return undefined;
      const parts = callee.specifier.split('/');
      const name = callee.specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
      const path = callee.path[0] === 'default' ? callee.path.slice(1) : callee.path;
      return ['pkg:' + name, ...path].join('.');
    }
    default:
      return undefined;
  }
}

/**
 * `fs[k]` handed on with a key the analysis cannot fold (`out[k] = promisify(fs[k])`): the
 * module escapes there member by member, so the escape is reported at that site, once.
 */
function reportMemberCopies(model: FileModel, pkg: PackageName, options: DetectOptions, out: Findings): void {
  const { env } = options;
  for (const { node, into } of memberCopyReads(model)) {
    // Stored into a variable member by member (`out[k] = promisify(fs[k])`): that variable is a
    // copy of the module (copiedInto), followed like one.
    if (into) continue;
    const n = node as Node & { object: Node; property: Node };
    const frame: Frame = { model, depth: 0 };
    if (isSymbolKey(n.property, model)) continue;
    const capability = capabilityIn([evaluate(n.object, frame, env)]);
    if (!capability) continue;
    const key = alternatives(evaluate(n.property, frame, env));
    if (key.every((k) => k.k === 'str' || k.k === 'num')) continue;
    const api = [capability.module, ...capability.path, ANY_MEMBER].join('.');
    const handler = handlers.get(api);
    const site = siteOf(frame, env, node);
    const call: SinkCall = { api, args: [], isNew: false, site, package: pkg, file: model.file, arg: () => ({ k: 'nullish' }) };
    handler?.(call, createSink(out, [], () => false, options));
  }
}

/** Whether the file imports or requires `os` by name. */
function loadsOs(model: FileModel): boolean {
  const os = (s: string) => s === 'os' || s === 'node:os';
  if (model.imports.some((i) => os(i.source))) return true;
  return model.calls.some(({ node }) => {
    const n = node as Node & { callee?: Node & { name?: string }; arguments?: (Node & { value?: unknown })[] };
    const a = n.arguments?.[0];
    return n.callee?.name === 'require' && a?.type === 'Literal' && typeof a.value === 'string' && os(a.value);
  });
}

/** `f.call(…)`: a function's `call` member, written out. */
function callsThrough(callee: Node): boolean {
  const m = callee as Node & { type: string; computed?: boolean; property?: Node & { name?: string } };
  return m.type === 'MemberExpression' && !m.computed && m.property?.name === 'call';
}

/** `this.provider.call(…)`: a function kept in an instance field, called with a receiver. */
function fieldCalledThrough(callee: Node): boolean {
  const object = (callee as Node & { object?: Node & { type: string; object?: Node } }).object;
  return callsThrough(callee) && object?.type === 'MemberExpression' && object.object?.type === 'ThisExpression';
}

/** A built-in function's `call` member (`fs.readFileSync.call`). */
function isCallOf(v: Value): v is Value & { k: 'builtin' } {
  return v.k === 'builtin' && v.path[v.path.length - 1] === 'call';
}

/** `require.apply` or a built-in function's `apply` member (`fs.statSync.apply`, shelljs's wrappers). */
function isApplyOf(v: Value): boolean {
  return (v.k === 'require' && v.path.join('.') === 'apply') || (v.k === 'builtin' && v.path.length > 1 && v.path[v.path.length - 1] === 'apply');
}

/** A built-in function's `apply` member (not require's: see calleeOf). */
function isBuiltinApply(v: Value): boolean {
  return v.k === 'builtin' && isApplyOf(v);
}

/**
 * The arguments an applied list stands for: a literal array's items; any other list (a
 * wrapper's `arguments`, a variable) as one spread of it, which the handlers cannot fold and so
 * report at the call, rather than a call with no arguments that asks for nothing.
 */
function appliedArguments(list: Node | undefined, literalOnly: boolean): Node[] {
  const l = list as (Node & { type: string; elements?: Node[] }) | undefined;
  if (!l) return [];
  if (l.type === 'ArrayExpression') return l.elements!;
  return literalOnly ? [] : [{ type: 'SpreadElement', argument: l, start: l.start, end: l.end, loc: l.loc } as Node];
}

/** The APIs a callee that is one of several values can be, each with its handler (built-ins and globals only). */
function oneOfHandlers(values: readonly Value[]): { api: string; handler: Handler | undefined }[] {
  const out: { api: string; handler: Handler | undefined }[] = [];
  for (const v of values) {
    const api = v.k === 'builtin' || v.k === 'global' ? apiName(v) : undefined;
    if (api && !out.some((d) => d.api === api)) out.push({ api, handler: handlers.get(api) });
  }
  return out;
}

/** What examining the calls of one file works with: made once per file by detectFile. */
interface FileScan {
  model: FileModel;
  options: DetectOptions;
  env: EvalEnv;
  pkg: PackageName;
  ctx: CallerContext;
  methodNames: ReadonlySet<string> | undefined;
  frame: Frame;
  /** What a variable of this file is given: for the generated-code detector's look at where code text comes from. */
  valuesOf(id: Node): readonly Node[];
  /** How this file loads what it calls into: as matching resolves the call. */
  loadKind: 'import' | 'require';
  /** Where detectFile keeps the calls to examine again (awaitsExports); absent in replays and in detectAgain. */
  deferred?: CallSite[];
}

type CallNode = Node & { type: string; callee?: Node; arguments?: Node[]; source?: Node };

/** One examination of a call that a detector, matching or a package model may care about. */
interface CallRun {
  site: CallSite;
  /** The parameters bound (a replay's caller's arguments; none at the top). */
  base: ReadonlyMap<Binding, Value>;
  node: CallNode;
  callee: Value | undefined;
  args: Node[];
  callSite: Site;
  via: Site[];
  depth: number;
  out: Findings;
  /** Evaluates argument `i`, following the enclosing function's callers when it is a parameter. */
  arg(i: number): Value;
  /** True when `value` waits for a caller in another module (the call was summarised). */
  waitsForCaller(value: Value): boolean;
}

/** What examining one file's calls works with, and its export table. */
function fileScan(model: FileModel, options: DetectOptions): { scan: FileScan; exports: ExportTable } {
  const { env } = options;
  const pkg = options.packageOf(model.file);
  // What small functions return folds into the importer for the app's own files, and for a
  // dependency's that compute per-user folders (they load os for homedir()): env-paths' shape.
  const exports = exportTable(model, env, pkg === '.' || loadsOs(model));
  const ctx: CallerContext = { model, env, exported: exportedFunctions(exports), made: madeFunctions(exports), topLevel: unbound, topFrame: { model, params: unbound, depth: 0 }, remembered: new Map(), fromCallers: new Set() };
  const methodNames = options.methodNames?.(pkg);
  const frame: Frame = { model, depth: 0 };
  const scan: FileScan = { model, options, env, pkg, ctx, methodNames, frame, valuesOf: (id) => valuesOf(model, id), loadKind: model.kind === 'esm' ? 'import' : 'require' };
  return { scan, exports };
}

/** No parameter is bound at the top level; runCall never changes the map, so one serves all. */
const unbound: ReadonlyMap<Binding, Value> = new Map();

export function detectFile(model: FileModel, options: DetectOptions): FileDetection {
  const { scan, exports } = fileScan(model, options);
  const { env, pkg, ctx, frame } = scan;
  const findings = emptyFindings();
  if (options.awaitsExports) scan.deferred = [];

  for (const imp of model.imports) {
    findings.modules.push({ specifier: imp.source, kind: 'import', from: model.file, site: siteOf(frame, env, imp.node), package: pkg, api: 'import' });
  }
  for (const site of model.calls) runCall(scan, site, unbound, [], 0, findings);
  if (model.loaderEscapes) loaderEscapes(model, ctx, createSink(findings, [], () => false, options), pkg);
  functionEscapes(model, ctx, createSink(findings, [], () => false, options), pkg);
  reportMemberCopies(model, pkg, options, findings);
  // Most files name another module; one that mentions neither can let none escape, unless one of
  // its own exported functions waits for callers and its value is used in the file.
  const own = ownExportsWaiting(model, exports, findings);
  const waits = own.length > 0 || findings.summaries.some((s) => s.file === model.file) || (findings.conditional?.length ?? 0) > 0;
  if (own.length > 0 || model.text.includes('require') || model.text.includes('import')) {
    const matters = options.exportsMatter;
    const escapes = exportEscapes(model, env, pkg, matters ? (specifier, kind) => matters(specifier, model.file, kind) : undefined, own, waits, own.length > 0 || waits ? { reads: own.length > 0 ? thisExportMemberReads(model) : [], isExportsIn: (fn) => thisIsOwnExportsIn(model, fn) } : undefined);
    if (escapes.length > 0) findings.escapes = escapes;
  }
  // Replays run later, when other modules' export tables have grown: nothing is reused there.
  ctx.remembered = undefined;
  ctx.fromCallers = undefined;
  // Replays of this file's summaries run the same scan later: they keep nothing for detectAgain.
  const deferred = scan.deferred;
  scan.deferred = undefined;
  return { ...findings, exports, ...(deferred?.length ? { deferred } : {}) };
}

/**
 * Examines again the calls detectFile deferred, once the modules they call into have been
 * examined: in a require cycle (protobufjs's root.js loads util.js, which loads root.js) the
 * file examined first saw `util.fs.readFileSync(p)` before util.js exported anything.
 */
export function detectAgain(model: FileModel, options: DetectOptions, sites: readonly CallSite[]): Findings {
  const { scan } = fileScan(model, options);
  const findings = emptyFindings();
  for (const site of sites) runCall(scan, site, unbound, [], 0, findings);
  scan.ctx.remembered = undefined;
  scan.ctx.fromCallers = undefined;
  return findings;
}

/** The expressions a variable read at `id` is given (its initialiser and plain writes); none for a parameter. */
function valuesOf(model: FileModel, id: Node): readonly Node[] {
  const b = model.bindingOf.get(id);
  return !b || b.kind === 'param' ? [] : b.init ? [b.init, ...b.writes] : b.writes;
}

/**
 * Examines one call with `base` parameter values bound: hands it to the detector that
 * subscribed to its API, and records it as a pending call when it calls into another module.
 * A path that depends on an unbound parameter of an exported function is not reported yet:
 * the call is summarised and replayed when a caller in another module binds it.
 */
function runCall(scan: FileScan, site: CallSite, base: ReadonlyMap<Binding, Value>, via: Site[], depth: number, out: Findings): void {
  const { model, env, options } = scan;
  const node = site.node as CallNode;
  const { callee, args, made } = calleeOf(scan, site, base);
  const dispatch = dispatchOf(callee, node);
  const handler = firstHandler(dispatch);
  // A method a package model describes (`res.sendFile`), on a receiver the analysis cannot tell.
  const method = scan.methodNames && !handler && callee?.k !== 'module' ? methodName(node.callee) : undefined;
  const modelMethod = method !== undefined && scan.methodNames!.has(method);
  const intoModules = (made ? [made] : modulesCalled(callee)).filter((t) => options.callMatters?.(t.specifier, t.from, t.loaded ?? scan.loadKind, t.path, scan.pkg) ?? true);
  const intoModule = intoModules[0];
  // Most calls are neither a sink, a call into another module that matching could use nor a
  // modelled method: everything below is for those cases, so the site and the closures are
  // not built for the rest.
  if (!handler && !intoModule && !modelMethod) {
    if (callee?.k === 'unknown' && callee.reason === 'parameter' && (callsName(node.callee) || tagIsName(node))) awaitCalledParameter(scan, site, base, callee, out);
    else if (foldCutCallee(callee, calleeNode(node))) reportFoldCut(model, calleeNode(node)!, siteOf(scan.frame, env, node), via, scan.pkg, options.unresolved.read, out);
    return;
  }
  // Into a module still being examined (a require cycle; such a call always matters): examined again once it is done (detectAgain).
  const deferred = intoModule && !handler && scan.deferred && intoModules.some((t) => options.awaitsExports!(t.specifier, t.from, t.loaded ?? scan.loadKind, t.path)) ? scan.deferred : undefined;
  // `if (process.platform === 'win32') require('./win')` on Linux: the call cannot run.
  if (deadCallOnPlatform(model, node, env)) return;
  const callSite = siteOf(scan.frame, env, node);
  const waitsForCaller = waitingForCaller(scan, site, base, callSite, out);
  const arg = argumentOf(scan, site, args, base, callSite, waitsForCaller);
  const run: CallRun = { site, base, node, callee, args, callSite, via, depth, out, arg, waitsForCaller };
  const summaries = out.summaries.length;
  for (const { api, handler: eachHandler } of dispatch) if (eachHandler) runHandler(scan, run, api, eachHandler);
  if (modelMethod) recordMethodCall(scan, run, method!);
  for (const target of intoModules) recordPendingCall(scan, run, target);
  // Summarised (its arguments wait for callers in other modules): its replays come when every table is known.
  if (out.summaries.length === summaries) deferred?.push(site);
}

/**
 * A parameter of an exported function called as a function (`function run(fn, p) { fn(p) }`,
 * `mk(fn)` returning `(p) => fn(p)`): what it calls is what a caller in another module hands in,
 * `run(fs.writeFileSync, file)` among them. The call is summarised for those callers, and the
 * replay with their arguments finds the API (a handler) or nothing, as a call in the file does.
 */
/** `fn(…)` or `fn.call(…)`: a name called (a method of a parameter is a member of what it holds, not it). */
function callsName(callee: Node | undefined): boolean {
  const m = callee as (Node & { type: string; computed?: boolean; object?: Node; property?: Node & { name?: string } }) | undefined;
  if (m?.type === 'Identifier') return true;
  return m?.type === 'MemberExpression' && !m.computed && m.object?.type === 'Identifier' && m.property?.name === 'call';
}

/**
 * `` $$`node child.js` `` with `$$` a parameter only callers in other modules bind (execa's bound
 * tag handed to an exported function: `run($({ env }))` in the app): summarised like a called
 * parameter, and the replay's tag is the caller's value, another module's function's result
 * (recordPendingCall), which the package model judges as `$.()` (miss-execa-bound-tag-parameter-of-exported-function).
 */
/**
 * What a call calls, as written: its callee, or a tagged template's tag (a tag whose fold the
 * depth or the fuel cut is reported as a call's callee is: hostile-execa-bound-tag-past-chain-steps,
 * an execa tag bound 10,010 times, whose Node child was silent before).
 */
function calleeNode(node: CallNode): Node | undefined {
  return node.callee ?? (node.type === 'TaggedTemplateExpression' ? (node as Node as TaggedTemplateExpression).tag : undefined);
}

function tagIsName(node: CallNode): boolean {
  return node.type === 'TaggedTemplateExpression' && (node as Node as TaggedTemplateExpression).tag.type === 'Identifier';
}

function awaitCalledParameter(scan: FileScan, site: CallSite, base: ReadonlyMap<Binding, Value>, callee: Value, out: Findings): void {
  if (deadCallOnPlatform(scan.model, site.node, scan.env)) return;
  waitingForCaller(scan, site, base, siteOf(scan.frame, scan.env, site.node), out)(callee);
}

/**
 * A tagged template as the call execa's and zx's `$` make of it: `` $`node ${script} --flag` ``
 * is `execa('node', [script, '--flag'])`. The text is split into words at white space, and each
 * interpolated value is one word (glued to the text beside it, it is part of that word); the
 * first word is the program, the rest its argument list. A tag made by calling another module's
 * function with options (`` $({ cwd })`…` ``, also twice or kept in a const: tag-bound.ts) is that
 * function called with the options third.
 * No other tag is a sink or modelled, so their calls dispatch to nothing.
 */
function taggedCall(node: TaggedTemplateExpression, frame: Frame, env: EvalEnv): { callee: Value; args: Node[] } {
  const tag = node.tag;
  const [file, ...rest] = templateWords(node.quasi);
  const list = { type: 'ArrayExpression', elements: rest, start: node.quasi.start, end: node.quasi.end } as Node;
  const args = file ? [file, list] : [];
  // Bound to options, at the tag or before it (tag-bound.ts): the options come third.
  const bound = boundTag(tag, frame, env);
  if (!bound) return { callee: evaluate(tag, frame, env), args };
  return { callee: bound.callee, args: bound.options.length > 0 ? [...args, boundOptions(bound.options)] : args };
}

/** The words of a template literal, as nodes: literal text, an interpolation, or both joined with `+`. */
function templateWords(quasi: TemplateLiteral): Node[] {
  const words: Node[] = [];
  let open: Node | undefined;
  const text = (value: string, at: Node): Node => ({ type: 'Literal', value, raw: JSON.stringify(value), start: at.start, end: at.end }) as Node;
  const glue = (part: Node) => (open = open ? ({ type: 'BinaryExpression', operator: '+', left: open, right: part, start: open.start, end: part.end } as Node) : part);
  const close = () => {
    if (open) words.push(open);
    open = undefined;
  };
  quasi.quasis.forEach((q, i) => {
    const pieces = (q.value.cooked ?? q.value.raw).split(/(\s+)/);
    pieces.forEach((piece) => {
      if (/^\s+$/.test(piece)) close();
      else if (piece !== '') glue(text(piece, q));
    });
    const expression = quasi.expressions[i];
    if (expression) glue(expression as Node);
  });
  close();
  return words;
}

const noModules: (Value & { k: 'module' })[] = [];

/**
 * `super(…)` in a constructor calls the parent class's constructor: the value of the class's
 * `extends` expression (a class of this file, or an import, matched like `new Parent(…)`).
 */
function superConstructor(model: FileModel, node: Node, frame: Frame, env: EvalEnv): Value {
  const parent = classAround(model, node)?.superClass;
  return parent ? evaluate(parent, frame, env) : { k: 'unknown', reason: 'unsupported-expression', site: siteOf(frame, env, node) };
}

/**
 * The functions of other modules a call may call: the callee, or each of its alternatives (a
 * function taken from a table of imports by a key known only at run time, get-uri's
 * `protocols[protocol](url, opts)`).
 */
function modulesCalled(callee: Value | undefined): (Value & { k: 'module' })[] {
  if (callee?.k === 'module') return [callee];
  if (callee?.k !== 'oneOf') return noModules;
  return callee.vs.filter((v): v is Value & { k: 'module' } => v.k === 'module');
}

/** The first handler of a dispatch list (a loop: find's closure would be made for every call). */
function firstHandler(dispatch: readonly { handler: Handler | undefined }[]): Handler | undefined {
  for (const d of dispatch) if (d.handler) return d.handler;
  return undefined;
}

/**
 * The value a call calls and the argument nodes it passes it, after `f.call`, `f.apply`,
 * `Reflect.apply` and the callers of a parameter called as a function.
 */
function calleeOf(scan: FileScan, site: CallSite, base: ReadonlyMap<Binding, Value>): { callee: Value | undefined; args: Node[]; made?: Value & { k: 'module' } } {
  const { model, env, ctx } = scan;
  const node = site.node as CallNode;
  const callFrame = frameFor(ctx, base);
  let callee: Value | undefined;
  let args: Node[];
  if (node.type === 'TaggedTemplateExpression') return taggedCall(node as Node as TaggedTemplateExpression, callFrame, env);
  if (node.type === 'ImportExpression') args = [node.source!];
  else {
    callee = node.callee!.type === 'Super' ? superConstructor(model, node, callFrame, env) : refoldedCallee(evaluate(node.callee!, callFrame, env), node.callee!, callFrame, env);
    // A function handed in as an argument (`readPackage(fs.readFileSync, file)` calling its
    // parameter): what the enclosing function's callers in this file pass.
    if (callee.k === 'unknown' && callee.reason === 'parameter' && node.callee!.type === 'Identifier') callee = evaluateThroughCallers(node.callee!, site.fn, ctx, base);
    if (callee.k === 'unknown' && callee.reason === 'parameter' && node.callee!.type === 'Identifier') callee = closureDefault(callee, site.fn, scan, base) ?? callee;
    args = node.arguments ?? [];
    // `function use(f) { f.readFileSync(p) }` called as use(fs): the method of a parameter is
    // followed to this file's callers, in files that load a capability module.
    if (callee.k === 'unknown' && callee.reason === 'parameter' && node.callee!.type === 'MemberExpression' && (loadsCapabilityModule(model) || fieldCalledThrough(node.callee!))) {
      callee = evaluateThroughCallers(node.callee!, site.fn, ctx, base);
    }
  }
  // f.call(thisArg, ...args) calls f with the arguments after the receiver.
  if (callee && (callee.k === 'builtin' || callee.k === 'global' || callee.k === 'require') && callee.path[callee.path.length - 1] === 'call') {
    callee = { ...callee, path: callee.path.slice(0, -1) };
    args = args.slice(1);
  } else if (callee?.k === 'oneOf' && callsThrough(node.callee!) && callee.vs.some(isCallOf)) {
    // `this._syncProvider.call(ctx, p)` where the provider is one of several fs functions.
    callee = { k: 'oneOf', vs: callee.vs.map((v) => (isCallOf(v) ? { ...v, path: v.path.slice(0, -1) } : v)) };
    args = args.slice(1);
  }
  // Reflect.apply(f, thisArg, [...args]) and f.apply(thisArg, [...args]) call f with the array's items.
  if (callee && ((callee.k === 'global' && callee.path.join('.') === 'Reflect.apply') || isApplyOf(callee))) {
    const reflect = callee.k === 'global';
    // esbuild's __require falls back to `require.apply(this, arguments)`, whose calls the alias
    // already resolves (miss-require-bundler-guarded-alias): only a literal list is followed there.
    const literalOnly = callee.k === 'require';
    if (reflect) callee = args[0] ? evaluate(args[0], callFrame, env) : undefined;
    else if (callee.k === 'builtin' || callee.k === 'require') callee = { ...callee, path: callee.path.slice(0, -1) };
    args = appliedArguments(args[reflect ? 2 : 1], literalOnly);
  } else if (callee?.k === 'oneOf' && callee.vs.every(isBuiltinApply)) {
    // `fs.readFile.apply(this, list)` on one of two modules (less's fs.js: graceful-fs's copy of
    // fs, else fs): each alternative's function, called with the list's items.
    callee = { k: 'oneOf', vs: callee.vs.map((v) => ({ ...v, path: (v as Value & { k: 'builtin' }).path.slice(0, -1) })) };
    args = appliedArguments(args[1], false);
  }
  // `typeof require !== 'undefined' ? require : …` (esbuild's __require, UMD guards): where the
  // callee may be require, the call is a require.
  if (callee?.k === 'oneOf') callee = callee.vs.find((v) => v.k === 'require') ?? callee;
  // A parameter called as a function, in a file that hands require to its own functions.
  if (callee?.k === 'unknown' && callee.reason === 'parameter' && model.loaderEscapes) callee = throughLoaderParameter(callee, node.callee!, site.fn, ctx, base);
  // `zip.writeZip(p)` with `const zip = new AdmZip()`: also a call into the module that made the
  // object. Beside the callee, not for it: a package model's method (`res.sendFile`) is told by
  // a callee that folds to nothing.
  const made = callee?.k === 'unknown' && callee.reason !== 'parameter' && node.callee ? madeByModule(node.callee, model, env) : undefined;
  return made ? { callee, args, made } : { callee, args };
}

/**
 * A closure calling a parameter of the function that made it, whose default is a capability
 * (`function createSpawn(shell, spawn = baseSpawn) { return (cmd) => spawn(shell, [cmd]) }`,
 * concurrently): the calls that made the closure are not this call's callers, so nothing bound
 * the parameter here, yet a maker that omits it hands the closure the default. The call is that
 * default too (a built-in or a package's export), beside whatever a maker may pass.
 */
function closureDefault(callee: Unknown, fn: Node | undefined, scan: FileScan, base: ReadonlyMap<Binding, Value>): Value | undefined {
  const b = paramOf(callee, scan.model);
  if (!b?.defaultValue || !b.fn || b.fn === fn) return undefined;
  const dflt = evaluate(b.defaultValue, frameFor(scan.ctx, base), scan.env);
  return dflt.k === 'builtin' || dflt.k === 'module' ? oneOf([dflt, callee], callee.site) : undefined;
}

/** The APIs a call with this callee is (an import() when there is none), each with the handler subscribed to it, if any. */
function dispatchOf(callee: Value | undefined, node: CallNode): { api: string; handler: Handler | undefined }[] {
  // `m._compile(code, file)` on a module the analysis cannot tell (a require.extensions
  // handler's parameter): the name is Module's alone, and it runs code.
  const compiles = callee?.k === 'unknown' && (node.callee as (Node & { property?: { name?: string } }) | undefined)?.property?.name === '_compile';
  // A member of a built-in chosen at run time (`process.getBuiltinModule(name).readFileSync(…)`).
  const someBuiltin = callee?.k === 'builtin' && callee.module === '?';
  // `opts.statSync(p)` on an options object or file system handed in: the fs call it names (fs-like.ts).
  const fsLike = compiles ? undefined : fsLikeApi(node.callee, callee);
  const api = compiles ? 'module.prototype._compile' : someBuiltin ? 'process.getBuiltinModule' : fsLike ?? (callee ? apiName(callee) : 'import()');
  // `fs[append ? 'appendFileSync' : 'writeFileSync'](…)`: each API it can be is dispatched.
  return callee?.k === 'oneOf' && !fsLike ? oneOfHandlers(callee.vs) : api ? [{ api, handler: handlers.get(api) }] : [];
}

/** Evaluates argument `i` of a call through the enclosing function's callers (see CallRun.arg). */
function argumentOf(scan: FileScan, site: CallSite, args: Node[], base: ReadonlyMap<Binding, Value>, callSite: Site, waitsForCaller: (value: Value) => boolean): (i: number) => Value {
  return (i: number): Value => {
    if (!args[i]) return { k: 'nullish' };
    const value = evaluateThroughCallers(args[i]!, site.fn, scan.ctx, base);
    if (base.size === 0) return value;
    // In a replay, an alternative still waiting for another exported function's callers
    // (`exports.g = (d) => f(d + '/x')` with `f` exported too) is for f's own summary to
    // report when f is called; what this replay bound is known now.
    const alts = alternatives(value);
    const known = alts.filter((a) => !waitsForCaller(a));
    return known.length > 0 && known.length < alts.length ? oneOf(known, callSite) : value;
  };
}

/**
 * Tells whether a value of the call waits for a caller in another module: a parameter of an
 * exported function that `base` does not bind. The first time one does for a function, the call
 * is summarised for that function's callers (a summary in `out`).
 */
function waitingForCaller(scan: FileScan, site: CallSite, base: ReadonlyMap<Binding, Value>, callSite: Site, out: Findings): (value: Value) => boolean {
  const { model, ctx } = scan;
  const deferred = new Set<Node>();
  const defer = (fn: Node) => {
    if (deferred.has(fn)) return;
    deferred.add(fn);
    out.summaries.push(summaryOf(scan, site, base, fn, callSite));
  };
  /** True when `u` waits for a caller in another module (and the call was summarised). */
  const deferrable = (u: Unknown): boolean => {
    const b = u.reason === 'parameter' ? paramOf(u, model) : undefined;
    if (u.reason !== 'parameter' || !b?.fn || base.has(b)) return false;
    const key = fnKey(model, b.fn);
    // A method of what an exported function makes: replayed for a matched call, and reported now all the same.
    if (ctx.made?.has(key)) defer(b.fn);
    if (!ctx.exported.has(key)) return false;
    defer(b.fn);
    return true;
  };
  // A value any part of which waits for a caller in another module waits whole: the replay
  // with the caller's arguments yields all of its alternatives, defaults included.
  // Every alternative is asked, not only up to the first that waits: each summarises its own
  // function (`create(dir)` also called by `createFromFile(file)` of the same module waits for
  // the callers of both).
  return (value: Value) => alternatives(value).filter((a) => (a.k === 'unknown' && deferrable(a)) || (a.k === 'prefix' && deferrable(a.cause))).length > 0;
}

/** The summary of a call that waits for the callers of `fn` in other modules: it examines the call again with their arguments bound. */
function summaryOf(scan: FileScan, site: CallSite, base: ReadonlyMap<Binding, Value>, fn: Node, callSite: Site): Summary {
  const { model, env } = scan;
  return {
    fn: fnKey(model, fn),
    file: model.file,
    replay: (values, replayVia, replayDepth, unbound) => {
      const replayed = emptyFindings();
      try {
        const params = unbound ? unboundParameters(model, fn, callSite) : bindArguments(model, fn, values, env);
        const bindings = new Map([...base, ...params]);
        if (env.state) env.state.fuel.left = EVALUATION_FUEL;
        runCall(scan, site, bindings, replayVia, replayDepth, replayed);
      } catch (e) {
        // Replays run after the file's own examination, outside its guard in the graph: a
        // walk that runs out of stack here is reported at the file the same way.
        if (!isStackOverflow(e)) throw e;
        return { ...emptyFindings(), diagnostics: [tooDeep(callSite, 'analysis')] };
      }
      return replayed;
    },
  };
}

/** SinkCall.envVar: the bound value of `name`, or undefined (assumed unset), recorded either way. */
function envVarAt(env: EvalEnv, name: string, site: Site): string | undefined {
  const value = Object.hasOwn(env.facts.env, name) ? env.facts.env[name] : undefined;
  env.hooks.assume(value === undefined ? { kind: 'env', name, value: '', unset: true, site } : { kind: 'env', name, value, site });
  return value;
}

/**
 * The cause a built-in callee carries (`new Module(id)`'s, a vm.Script's from code that did not
 * fold): of the alternative dispatched as `api` when the callee is one of several
 * (require-relative's `root = modules[name]; if (!root) root = new Module(name)`).
 */
function calleeCauseOf(callee: Value | undefined, api: string): { calleeCause?: Unknown } {
  for (const a of callee ? alternatives(callee) : []) if (a.k === 'builtin' && a.cause && (a === callee || apiName(a) === api)) return { calleeCause: a.cause };
  return {};
}

/** Hands the call to the handler of API `api` (a createRequire'd require resolves from its base). */
function runHandler(scan: FileScan, run: CallRun, api: string, handler: Handler): void {
  const { model, options } = scan;
  const { node, callee, callSite } = run;
  const call: SinkCall = {
    api,
    args: run.args,
    isNew: node.type === 'NewExpression',
    site: callSite,
    package: scan.pkg,
    file: model.file,
    arg: run.arg,
    guardedByMissing: () => guardedByMissing(model, node),
    envGuards: () => envGuards(model, node),
    caught: () => inCaughtTry(model, node),
    survivesThrow: () => inSurvivedTry(model, node),
    offByDefault: () => offByDefault(model, node, turnsOnOrWaits(scan, run)),
    calledOnlyWhen: () => calledOnlyWhen(model, node, turnsOn(scan, undefined, run.base)),
    ...calleeCauseOf(callee, api),
    generated: model.generated?.has(node) ?? false,
    valuesOf: scan.valuesOf,
    ...(options.entries?.[0] ? { main: options.entries[0] } : {}),
    runCwd: options.env.facts.runCwd,
    tmpdir: () => {
      options.env.hooks.assume({ kind: 'tmpdir', value: options.env.facts.tmpdir, site: callSite });
      return options.env.facts.tmpdir;
    },
    envVar: (name) => envVarAt(options.env, name, callSite),
    platform: () => {
      const platform = options.env.facts.platform?.platform;
      if (platform) options.env.hooks.assume({ kind: 'platform', name: 'process.platform', value: platform, site: callSite });
      return platform;
    },
  };
  const sink = createSink(run.out, run.via, run.waitsForCaller, options, (a) => scan.ctx.fromCallers?.has(a) ?? false, onlyWhen(scan, run), deniedOnlyWhen(scan, run), callOnlyWhen(scan, run));
  const loads = api === 'require' || api === 'require.resolve';
  if (api === 'require.resolve' && callee?.k === 'require' && !callee.base) {
    // createRequire(unknown).resolve(x): resolved from a place the analysis cannot tell, and it loads nothing.
  } else if (api === 'require' && callee?.k === 'require' && !callee.base) {
    // createRequire(base)(x) with a base that does not fold: reported where it loads.
    sink.loadsUnknown(call, callee.cause ?? { k: 'unknown', reason: 'loader-escaped', site: callSite }, { code: 'MODULE_LOADER_ESCAPED', how: 'unknown-base' });
  } else if (loads && callee?.k === 'require' && callee.base !== model.file) {
    // createRequire(base)(x) resolves from base.
    const base_ = callee.base;
    handler({ ...call, file: base_ }, { ...sink, moduleValue: (c, v, k) => sink.moduleValue(c, v, k, base_) });
  } else handler(call, sink);
}

/** Whether a branch test, evaluated with `base` and through the callers of `fn` (the function it is in), can take the value that runs the branch. */
function turnsOn(scan: FileScan, fn: Node | undefined, base: ReadonlyMap<Binding, Value>): TurnsOn {
  return (test, negated) => alternatives(evaluateThroughCallers(test, fn, scan.ctx, base)).some((a) => truthOf(a) === !negated);
}

/**
 * turnsOn for the branch around a call itself: a test that waits for the callers of an exported
 * function in other modules (`if (opts.preserveTimestamps)` in `copySync(src, dest, opts)`)
 * summarises the call for them, so a caller's value decides it in the replay
 * (`miss-denied-in-export-under-caller-option-on`): seen from the file alone, the option reads as
 * off, and an app passing `{ preserveTimestamps: true }` was told the call runs only if it does.
 */
function turnsOnOrWaits(scan: FileScan, run: CallRun): TurnsOn {
  return (test, negated) => {
    const value = evaluateThroughCallers(test, run.site.fn, scan.ctx, run.base);
    if (alternatives(value).some((a) => truthOf(a) === !negated)) return true;
    run.waitsForCaller(value);
    return false;
  };
}

/** A call met in a dependency's own examination of its file, not in a replay (which a matched call made). */
function dependencyOwnExamination(scan: FileScan, run: CallRun): boolean {
  return scan.pkg !== '.' && run.depth === 0 && run.via.length === 0;
}

/**
 * In a dependency's own examination (not a replay, which a matched call made), a parameter of a
 * function that runs only when one of the module's exported functions runs: its unresolved
 * accesses wait for matching to tell whether a call reached one (lib/graph/unmatched.ts). The
 * app's own functions are reported as they are: whoever runs the app may call its exports.
 */
function onlyWhen(scan: FileScan, run: CallRun): ((cause: Unknown) => FnKey[] | undefined) | undefined {
  if (!dependencyOwnExamination(scan, run)) return undefined;
  return (cause) => {
    const b = cause.reason === 'parameter' ? paramOf(cause, scan.model) : undefined;
    const condition = b?.fn ? conditionOf(scan.model, b.fn, scan.ctx.exported) : 'live';
    return condition === 'live' ? undefined : [...condition];
  };
}

/**
 * An API_ALWAYS_DENIED error in a dependency's function that runs only when one of its module's
 * exported functions runs (fs-extra 8's `utimesMillisSync`, exported and called by no one; log4js
 * loads it): the app fails there only if a call reaches it, so it waits for matching, as
 * onlyWhen's accesses do. An error at the top level, or in a function the file calls, is said now.
 */
function deniedOnlyWhen(scan: FileScan, run: CallRun): ((d: Diagnostic) => { file: string; when: FnKey[] } | undefined) | undefined {
  if (!dependencyOwnExamination(scan, run) || !run.site.fn) return undefined;
  const fn = run.site.fn;
  return (d) => {
    if (d.code !== 'API_ALWAYS_DENIED' || d.severity !== 'error') return undefined;
    const condition = conditionOf(scan.model, fn, scan.ctx.exported);
    return condition === 'live' ? undefined : { file: scan.model.file, when: [...condition] };
  };
}

/**
 * A call in a dependency's function that runs only when one of its module's exported functions
 * runs (unicorn-magic's `execFile`, exported and called by no one; find-up loads the module): its
 * child-process or net need waits for matching (./sink.ts heldCapabilities), as deniedOnlyWhen's
 * errors do. A call at the top level, or in a function the file may call, needs it now.
 */
function callOnlyWhen(scan: FileScan, run: CallRun): (() => { file: string; when: FnKey[] } | undefined) | undefined {
  if (!dependencyOwnExamination(scan, run) || !run.site.fn) return undefined;
  const fn = run.site.fn;
  return () => {
    const condition = conditionOf(scan.model, fn, scan.ctx.exported);
    return condition === 'live' ? undefined : { file: scan.model.file, when: [...condition] };
  };
}

/** Records a call of a method a package model describes, unless an argument waits for a caller in another module. */
function recordMethodCall(scan: FileScan, run: CallRun, method: string): void {
  const values = run.args.map((_, i) => run.arg(i));
  const { object: receiver, property } = run.node.callee as Node & { object: Node; property: Node };
  // At the method's name: in a chain (`program.name(…).command(…)`) the call starts where the chain does.
  const methodSite = siteOf(scan.frame, scan.env, property);
  if (!values.some(run.waitsForCaller)) run.out.methodCalls.push({ name: method, args: values, site: methodSite, package: scan.pkg, via: [...run.via, methodSite], madeFrom: (p) => rootedIn(scan.model, receiver, p) });
}

/** Records a call into another module with its arguments' values, for matching, unless one waits for a caller in another module. */
function recordPendingCall(scan: FileScan, run: CallRun, intoModule: Value & { k: 'module' }): void {
  let values = run.args.map((_, i) => moduleCallResult(scan, run, i) ?? run.arg(i));
  // An options object handed to another module's class that holds what waits for an exported
  // function's callers (nedb's `new Persistence({ db: this })`, the instance's fields made from its
  // constructor's parameters) is also summarised for those callers, whose replays make the call
  // again with the values bound. The call is still made now with what it holds, so the sinks it
  // reaches report what no replay binds (node-gyp's `createConfigGypi({ gyp, nodeDir })` reached
  // only through a require the analysis cannot follow:
  // miss-flow-options-object-waiting-caller-never-replayed). Only for `new`: summarising every
  // call that hands on an options object multiplied the replays (this repository's own sources).
  if (run.node.type === 'NewExpression') for (const v of values) summariseHeld(v, run.waitsForCaller, 0);
  if (values.some(run.waitsForCaller)) {
    // What callers in this file pass an exported function is known now, whether or not another
    // module ever calls it (as a sink judges it, ./sink.ts): the call is made with those; the rest
    // waits for the summary's replays. Without it, the module called was reached only when another
    // module called the exported function (eslintrc's loadJSConfigFile into import-fresh).
    const now = values.map((v) => (run.waitsForCaller(v) ? alternatives(v).filter((a) => (scan.ctx.fromCallers?.has(a) ?? false) && !run.waitsForCaller(a)) : [v]));
    if (now.some((alts) => alts.length === 0)) return;
    values = now.map((alts) => (alts.length === 1 ? alts[0]! : oneOf(alts, run.callSite)));
  }
  const onlyWhen = offByDefault(scan.model, run.node, turnsOn(scan, run.site.fn, run.base), true);
  run.out.pendingCalls.push({
    ...(onlyWhen !== undefined ? { onlyWhen } : {}),
    specifier: ownString(intoModule.specifier),
    from: intoModule.from,
    // Resolved as the module was loaded: `import('x')` in a CommonJS file takes x's import conditions.
    kind: intoModule.loaded ?? scan.loadKind,
    path: intoModule.path.map(ownString),
    // Kept until calls are matched: without this file's parameter bindings (detachParams).
    args: values.map((v) => detachParams(v, scan.model)),
    site: run.callSite,
    package: scan.pkg,
    via: [...run.via, run.callSite],
    depth: run.depth,
    ...(onMadeObject(intoModule) && values.some((v) => waitsForMadeCaller(scan, run.base, v)) ? { onlyExported: true as const } : {}),
  });
}

/**
 * An argument that is the result of calling another module's function (`run($({ env }))`, execa's
 * `$` bound to options): that function's result, the path step CALL_RESULT, rather than an
 * unknown result, so a replay that calls it as a function or a tag calls into that module, and
 * its model judges the call (what `$.()` starts) instead of a call of nothing known.
 */
function moduleCallResult(scan: FileScan, run: CallRun, i: number): Value | undefined {
  const n = run.args[i] as (Node & { type: string; callee?: Node }) | undefined;
  if (n?.type !== 'CallExpression' || !n.callee || n.callee.type === 'Super') return undefined;
  const callee = evaluate(n.callee, frameFor(scan.ctx, run.base), scan.env);
  if (callee.k !== 'module' || callee.path.includes(CALL_RESULT) || callee.path.includes(NEW_INSTANCE)) return undefined;
  const value = run.arg(i);
  return value.k === 'unknown' && value.reason === 'call-result' ? { ...callee, path: [...callee.path, CALL_RESULT] } : undefined;
}

/** How deep in objects and arrays handed on (`{ db: { filename } }`) a waiting value is looked for. */
const MAX_HELD_DEPTH = 3;

/** Asks `waits` (which summarises the call for the functions whose callers a value waits for) of every member and item `value` holds. */
function summariseHeld(value: Value, waits: (value: Value) => boolean, depth: number): void {
  if (depth >= MAX_HELD_DEPTH) return;
  for (const a of alternatives(value)) {
    const held = a.k === 'obj' ? [...a.props.values(), ...(a.spreads ?? [])] : a.k === 'arr' ? a.items : [];
    for (const v of held) {
      if (!waits(v)) summariseHeld(v, waits, depth + 1);
    }
  }
}

/** A call on an object another module made (./made-objects.ts). */
function onMadeObject(intoModule: Value & { k: 'module' }): boolean {
  return intoModule.path.some((step) => step === CALL_RESULT || step === NEW_INSTANCE);
}

/**
 * Whether `value` holds a parameter of a method of what an exported function makes
 * (CallerContext.made) that `base` leaves unbound: reported at that method's own sinks, and
 * replayed when a matched call binds it.
 */
function waitsForMadeCaller(scan: FileScan, base: ReadonlyMap<Binding, Value>, value: Value): boolean {
  const made = scan.ctx.made;
  if (!made || made.size === 0) return false;
  return alternatives(value).some((a) => {
    const u = a.k === 'unknown' ? a : a.k === 'prefix' ? a.cause : undefined;
    const b = u?.reason === 'parameter' ? paramOf(u, scan.model) : undefined;
    return !!b?.fn && !base.has(b) && made.has(fnKey(scan.model, b.fn));
  });
}

/** The name of `x.name` (not `x[name]`), for method calls. */
function methodName(callee: Node | undefined): string | undefined {
  const member = callee as (Node & { type: string; computed?: boolean; property?: Node & { type: string; name?: string } }) | undefined;
  return member?.type === 'MemberExpression' && !member.computed && member.property?.type === 'Identifier' ? member.property.name : undefined;
}

/** Each parameter of `fn` as an unknown that is already "bound", so it is reported, not deferred. */
function unboundParameters(model: FileModel, fn: Node, site: Site): Map<Binding, Value> {
  const params = new Map<Binding, Value>();
  for (const b of model.params.get(fn) ?? []) if (b) params.set(b, { k: 'unknown', reason: 'parameter', site, name: b.name });
  // A destructured parameter's names: unknown too (reported, no longer waiting for a caller).
  for (const b of model.patternParams.get(fn) ?? []) params.set(b, { k: 'unknown', reason: 'parameter', site, name: b.name });
  return params;
}
