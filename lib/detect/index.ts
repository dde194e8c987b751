// Stage 4: turn one file's call sites into needs. Each callee is evaluated to a canonical API
// name and handed to the detector that subscribed to it; a path argument that depends on a
// parameter of the enclosing function is re-evaluated at each call of that function with the
// caller's arguments (a few levels deep), so helpers like readData(name) resolve.

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node } from 'acorn';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { alternatives, detachParams, evaluate, oneOf, paramOf, siteOf, type Frame, type Unknown, type Value } from '../evaluate/index.js';
import type { EvalEnv } from '../evaluate/index.js';
import type { Binding, CallSite, FileModel } from '../parse/index.js';
import { rootedIn } from '../models/rooted.js';
import type { Need, PackageName, Site, Unresolved, UnresolvedMode } from '../types.js';
import { ownString } from '../site.js';
import { addonDetector } from './addon.js';
import { evaluateThroughCallers, type CallerContext } from './callers.js';
import { childProcessDetector } from './child-process.js';
import type { Detector, Handler, ModuleRequest, SinkCall } from './context.js';
import { createSink } from './sink.js';
import type { BroadPrefix } from './prefix.js';
import { envGuards, guardedByMissing } from './guards.js';
import { bindArguments, exportedFunctions, exportTable, fnKey, type ExportTable, type PendingCall, type Summary } from './flow.js';
import { fsDetector } from './fs.js';
import { inspectorDetector } from './inspector.js';
import { moduleDetector } from './module.js';
import { netDetector } from './net.js';
import { wasiDetector } from './wasi.js';
import { workerDetector } from './worker.js';

export type { ModuleRequest } from './context.js';
export type { ExportTable, FnKey, PendingCall, Summary } from './flow.js';
export { lookupExport } from './flow.js';
export { createSink } from './sink.js';

export const detectors: readonly Detector[] = [
  fsDetector,
  childProcessDetector,
  workerDetector,
  addonDetector,
  wasiDetector,
  netDetector,
  inspectorDetector,
  moduleDetector,
];

const handlers: ReadonlyMap<string, Handler> = new Map(detectors.flatMap((d) => Object.entries(d.apis)));

export interface DetectOptions {
  env: EvalEnv;
  packageOf(file: string): PackageName;
  unresolved: { read: UnresolvedMode; write: UnresolvedMode };
  /** What a prefix grant on this folder would open that it must not (lib/detect/prefix.ts), or undefined. */
  tooBroad(folder: string, partial?: string): BroadPrefix | undefined;
  /**
   * Method names a package model describes for calls made in this package (`sendFile` where
   * the package loads express): such calls are recorded as `methodCalls`, whatever the receiver.
   */
  methodNames?(pkg: PackageName): ReadonlySet<string> | undefined;
  /** The app's entry files (absolute): what `process.argv[1]` names at run time, `{main}` in a model. */
  entries?: readonly string[];
  /**
   * Whether a call into another module (`specifier` from `from`, export `path`) made in package
   * `pkg` can come to anything when calls are matched (lib/graph/match-calls.ts callCanMatch).
   * When it cannot, its arguments are not evaluated and no pending call is kept: on eslint's
   * tree that was most calls into other modules, and their arguments a twentieth of the
   * analysis. Absent: every such call is kept.
   */
  callMatters?(specifier: string, from: string, kind: 'require' | 'import', path: string[], pkg: PackageName): boolean;
}

/** `x.name(…)` on a receiver the analysis cannot tell, with its arguments' values. */
export interface MethodCall {
  name: string;
  args: Value[];
  site: Site;
  package: PackageName;
  via: Site[];
  /** Whether the receiver is made from this package (`yargs(…).config()`), judged by how its variable was imported. */
  madeFrom(pkg: string): boolean;
}

export interface Findings {
  needs: Need[];
  unresolved: Unresolved[];
  modules: ModuleRequest[];
  diagnostics: Diagnostic[];
  /** Calls into other modules, with their arguments' values, for the graph to match. */
  pendingCalls: PendingCall[];
  /** Sinks and calls waiting for a caller in another module to bind a parameter. */
  summaries: Summary[];
  /** Calls of methods a package model describes (see DetectOptions.methodNames). */
  methodCalls: MethodCall[];
}

export interface FileDetection extends Findings {
  exports: ExportTable;
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

export function detectFile(model: FileModel, options: DetectOptions): FileDetection {
  const { env } = options;
  const pkg = options.packageOf(model.file);
  const exports = exportTable(model, env, pkg === '.');
  // No parameter is bound at the top level; runCall never changes the map, so one serves all.
  const unbound: ReadonlyMap<Binding, Value> = new Map();
  const ctx: CallerContext = { model, env, exported: exportedFunctions(exports), topLevel: unbound, remembered: new Map() };
  const methodNames = options.methodNames?.(pkg);
  const findings = emptyFindings();
  const frame: Frame = { model, depth: 0 };
  /** How this file loads what it calls into: as matching resolves the call. */
  const loadKind = model.kind === 'esm' ? 'import' : 'require';

  for (const imp of model.imports) {
    findings.modules.push({ specifier: imp.source, kind: 'import', from: model.file, site: siteOf(frame, env, imp.node), package: pkg, api: 'import' });
  }
  for (const site of model.calls) runCall(site, unbound, [], 0, findings);
  // Replays run later, when other modules' export tables have grown: nothing is reused there.
  ctx.remembered = undefined;
  return { ...findings, exports };

  /**
   * Examines one call with `base` parameter values bound: hands it to the detector that
   * subscribed to its API, and records it as a pending call when it calls into another module.
   * A path that depends on an unbound parameter of an exported function is not reported yet:
   * the call is summarised and replayed when a caller in another module binds it.
   */
  function runCall(site: CallSite, base: ReadonlyMap<Binding, Value>, via: Site[], depth: number, out: Findings): void {
    const node = site.node as Node & { type: string; callee?: Node; arguments?: Node[]; source?: Node };
    const callFrame: Frame = { model, params: base, depth: 0 };
    let callee: Value | undefined;
    let args: Node[];
    if (node.type === 'ImportExpression') args = [node.source!];
    else {
      callee = evaluate(node.callee!, callFrame, env);
      // A function handed in as an argument (`readPackage(fs.readFileSync, file)` calling its
      // parameter): what the enclosing function's callers in this file pass.
      if (callee.k === 'unknown' && callee.reason === 'parameter' && node.callee!.type === 'Identifier') callee = evaluateThroughCallers(node.callee!, site.fn, ctx, base);
      args = node.arguments ?? [];
    }
    // f.call(thisArg, ...args) calls f with the arguments after the receiver.
    if (callee && (callee.k === 'builtin' || callee.k === 'global') && callee.path[callee.path.length - 1] === 'call') {
      callee = { ...callee, path: callee.path.slice(0, -1) };
      args = args.slice(1);
    }
    const sinks = calleeSinks(callee, node.callee);
    const handler = sinks.length > 0;
    // A method a package model describes (`res.sendFile`), on a receiver the analysis cannot tell.
    const method = methodNames && !handler && callee?.k !== 'module' ? methodName(node.callee) : undefined;
    const modelMethod = method !== undefined && methodNames!.has(method);
    const target = callee?.k === 'module' ? callee : undefined;
    const intoModule = target && (options.callMatters?.(target.specifier, target.from, loadKind, target.path, pkg) ?? true) ? target : undefined;
    // Most calls are neither a sink, a call into another module that matching could use nor a
    // modelled method: everything below is for those cases, so the site and the closures are
    // not built for the rest.
    if (!handler && !intoModule && !modelMethod) return;
    const callSite = siteOf(frame, env, node);
    const arg = (i: number): Value => {
      if (!args[i]) return { k: 'nullish' };
      const value = evaluateThroughCallers(args[i]!, site.fn, ctx, base);
      if (base.size === 0) return value;
      // In a replay, an alternative still waiting for another exported function's callers
      // (`exports.g = (d) => f(d + '/x')` with `f` exported too) is for f's own summary to
      // report when f is called; what this replay bound is known now.
      const alts = alternatives(value);
      const known = alts.filter((a) => !waitsForCaller(a));
      return known.length > 0 && known.length < alts.length ? oneOf(known, callSite) : value;
    };
    const deferred = new Set<Node>();
    const defer = (fn: Node) => {
      if (deferred.has(fn)) return;
      deferred.add(fn);
      out.summaries.push({
        fn: fnKey(model, fn),
        file: model.file,
        replay: (values, replayVia, replayDepth, unbound) => {
          const replayed = emptyFindings();
          const params = unbound ? unboundParameters(fn, callSite) : bindArguments(model, fn, values, env);
          const bindings = new Map([...base, ...params]);
          runCall(site, bindings, replayVia, replayDepth, replayed);
          return replayed;
        },
      });
    };
    // A value any part of which waits for a caller in another module waits whole: the replay
    // with the caller's arguments yields all of its alternatives, defaults included.
    const waitsForCaller = (value: Value) =>
      alternatives(value).some((a) => (a.k === 'unknown' && deferrable(a)) || (a.k === 'prefix' && deferrable(a.cause)));
    /** True when `u` waits for a caller in another module (and the call was summarised). */
    const deferrable = (u: Unknown): boolean => {
      const b = u.reason === 'parameter' ? paramOf(u, model) : undefined;
      if (u.reason !== 'parameter' || !b?.fn || base.has(b) || !ctx.exported.has(fnKey(model, b.fn))) return false;
      defer(b.fn);
      return true;
    };
    for (const [api, handler] of sinks) {
      const call: SinkCall = { api, args, isNew: node.type === 'NewExpression', site: callSite, package: pkg, file: model.file, arg, guardedByMissing: () => guardedByMissing(model, node), envGuards: () => envGuards(model, node) };
      const sink = createSink(out, via, waitsForCaller, options);
      if ((api === 'require' || api === 'require.resolve') && callee?.k === 'require' && callee.base !== model.file) {
        // createRequire(base)(x) resolves from base.
        const base_ = callee.base;
        handler({ ...call, file: base_ }, { ...sink, moduleValue: (c, v, k) => sink.moduleValue(c, v, k, base_) });
      } else handler(call, sink);
    }
    if (modelMethod) {
      const values = args.map((_, i) => arg(i));
      const { object: receiver, property } = node.callee as Node & { object: Node; property: Node };
      // At the method's name: in a chain (`program.name(…).command(…)`) the call starts where the chain does.
      const methodSite = siteOf(frame, env, property);
      if (!values.some(waitsForCaller)) out.methodCalls.push({ name: method!, args: values, site: methodSite, package: pkg, via: [...via, methodSite], madeFrom: (p) => rootedIn(model, receiver, p) });
    }
    if (intoModule) {
      const values = args.map((_, i) => arg(i));
      if (!values.some(waitsForCaller)) {
        out.pendingCalls.push({
          specifier: ownString(intoModule.specifier),
          from: intoModule.from,
          kind: loadKind,
          path: intoModule.path.map(ownString),
          // Kept until calls are matched: without this file's parameter bindings (detachParams).
          args: values.map((v) => detachParams(v, model)),
          site: callSite,
          package: pkg,
          via: [...via, callSite],
          depth,
        });
      }
    }
  }

  /**
   * The detector handlers a callee reaches: one for an API, one for each alternative of a callee
   * chosen at run time (`const stat = follow ? fs.statSync : fs.lstatSync`), since the call is
   * any of them.
   */
  function calleeSinks(callee: Value | undefined, calleeNode: Node | undefined): [string, Handler][] {
    // `xfs.stat(p)` with `xfs = opts.fs || fs`: a module object the caller may replace is a
    // wrapper, left as it was (matching it made mkdirp@0.5's unbound paths fall back to the root).
    if (callee?.k === 'oneOf' && calleeNode?.type === 'MemberExpression' && alternatives(callee).some((a) => a.k === 'unknown' && a.reason === 'parameter')) return [];
    const apis = callee === undefined ? ['import()'] : callee.k === 'oneOf' ? alternatives(callee).map(apiName) : [apiName(callee)];
    const out: [string, Handler][] = [];
    for (const api of new Set(apis)) {
      const h = api ? handlers.get(api) : undefined;
      if (api && h) out.push([api, h]);
    }
    return out;
  }

  /** The name of `x.name` (not `x[name]`), for method calls. */
  function methodName(callee: Node | undefined): string | undefined {
    const member = callee as (Node & { type: string; computed?: boolean; property?: Node & { type: string; name?: string } }) | undefined;
    return member?.type === 'MemberExpression' && !member.computed && member.property?.type === 'Identifier' ? member.property.name : undefined;
  }

  /** Each parameter of `fn` as an unknown that is already "bound", so it is reported, not deferred. */
  function unboundParameters(fn: Node, site: Site): Map<Binding, Value> {
    const params = new Map<Binding, Value>();
    for (const b of model.params.get(fn) ?? []) if (b) params.set(b, { k: 'unknown', reason: 'parameter', site, name: b.name });
    // A destructured parameter's names: unknown too (reported, no longer waiting for a caller).
    for (const b of model.patternParams.get(fn) ?? []) params.set(b, { k: 'unknown', reason: 'parameter', site, name: b.name });
    return params;
  }
}
