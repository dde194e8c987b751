// Stage 4: turn one file's call sites into needs. Each callee is evaluated to a canonical API
// name and handed to the detector that subscribed to it; a path argument that depends on a
// parameter of the enclosing function is re-evaluated at each call of that function with the
// caller's arguments (a few levels deep), so helpers like readData(name) resolve.

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node } from 'acorn';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { alternatives, evaluate, oneOf, siteOf, type EvalEnv, type Frame, type Value } from '../evaluate/index.js';
import type { CallSite, FileModel } from '../parse/index.js';
import type { Need, PackageName, Site, Unresolved, UnresolvedMode } from '../types.js';
import { addonDetector } from './addon.js';
import { childProcessDetector } from './child-process.js';
import type { DetectSink, Detector, Handler, ModuleRequest, SinkCall } from './context.js';
import { fsDetector } from './fs.js';
import { inspectorDetector } from './inspector.js';
import { moduleDetector } from './module.js';
import { netDetector } from './net.js';
import { wasiDetector } from './wasi.js';
import { workerDetector } from './worker.js';

export type { ModuleRequest } from './context.js';

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
  /** Folders a prefix may not widen to (the filesystem root, the project root and above, the home folder). */
  tooBroad(folder: string): boolean;
}

export interface Findings {
  needs: Need[];
  unresolved: Unresolved[];
  modules: ModuleRequest[];
  diagnostics: Diagnostic[];
}

/** Per-analysis state: which calls reach each function, computed once per file. */
export class CallerIndex {
  private readonly byModel = new WeakMap<FileModel, Map<Node, CallSite[]>>();

  callersOf(model: FileModel, fn: Node): CallSite[] {
    let index = this.byModel.get(model);
    if (!index) {
      index = new Map();
      for (const call of model.calls) {
        const callee = (call.node as Node & { callee?: Node & { type: string } }).callee;
        if (!callee || callee.type !== 'Identifier') continue;
        const b = model.bindingOf.get(callee);
        const target = b?.kind === 'function' ? b.fn : b?.init && /Function/.test(b.init.type) && b.writes.length === 0 ? b.init : undefined;
        if (!target) continue;
        const list = index.get(target) ?? [];
        list.push(call);
        index.set(target, list);
      }
      this.byModel.set(model, index);
    }
    return index.get(fn) ?? [];
  }
}

const MAX_CALLER_DEPTH = 3;

function dependsOnParameter(v: Value): boolean {
  return alternatives(v).some((a) => (a.k === 'unknown' && a.reason === 'parameter') || (a.k === 'prefix' && a.cause.reason === 'parameter'));
}

function evaluateThroughCallers(node: Node, model: FileModel, fn: Node | undefined, env: EvalEnv, callers: CallerIndex, depth: number): Value {
  const direct = evaluate(node, { model, depth: 0 }, env);
  if (!fn || depth >= MAX_CALLER_DEPTH || !dependsOnParameter(direct)) return direct;
  const sites = callers.callersOf(model, fn);
  if (sites.length === 0) return direct;
  const declared = model.params.get(fn) ?? [];
  const values = sites.map((c) => {
    const args = (c.node as Node & { arguments: Node[] }).arguments;
    const params = new Map();
    declared.forEach((b, i) => {
      if (!b) return;
      if (args[i]) params.set(b, evaluateThroughCallers(args[i]!, model, c.fn, env, callers, depth + 1));
      else if (b.defaultValue) params.set(b, evaluate(b.defaultValue, { model, depth: 0 }, env));
      else params.set(b, { k: 'nullish' });
    });
    const frame: Frame = { model, params, depth: 0 };
    return evaluate(node, frame, env);
  });
  return oneOf(values, siteOf({ model, depth: 0 }, env, node));
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
      return ['pkg:' + name, ...callee.path].join('.');
    }
    default:
      return undefined;
  }
}

export function detectFile(model: FileModel, options: DetectOptions, callers: CallerIndex): Findings {
  const findings: Findings = { needs: [], unresolved: [], modules: [], diagnostics: [] };
  const { env } = options;
  const pkg = options.packageOf(model.file);
  const frame: Frame = { model, depth: 0 };

  const sink: DetectSink = {
    need: (need, call) => findings.needs.push({ ...need, site: call.site, api: call.api, package: call.package }),
    capability: (call, capability) => findings.needs.push({ capability, site: call.site, api: call.api, package: call.package }),
    fsPath: (call, value, scope) => fsPath(call, value, scope),
    module: (request, call) =>
      findings.modules.push({ ...request, from: request.from ?? call.file, site: call.site, package: call.package, api: call.api }),
    moduleValue: (call, value, kind, from) => moduleValue(call, value, kind, from),
    unresolved: (u) => findings.unresolved.push(u),
    diagnostic: (d) => findings.diagnostics.push(d),
  };

  const unresolvedFs = (call: SinkCall, scope: 'read' | 'write', cause: Value & { k: 'unknown' }, prefix?: string) => {
    const fallback = options.unresolved[scope];
    findings.unresolved.push({
      capability: scope === 'read' ? 'fs.read' : 'fs.write',
      site: call.site,
      api: call.api,
      package: call.package,
      reason: cause.reason,
      ...(sameSite(cause.site, call.site) ? {} : { origin: cause.site }),
      ...(cause.name ? { name: cause.name } : {}),
      ...(prefix ? { prefix } : {}),
      fallback,
    });
    findings.diagnostics.push(
      diagnostic(
        'FS_PATH_UNKNOWN',
        fallback === 'error' ? 'error' : 'warning',
        { api: call.api, scope, reason: cause.reason, ...(cause.name ? { name: cause.name } : {}), ...(prefix ? { prefix } : {}), fallback },
        call.site,
      ),
    );
  };

  function fsPath(call: SinkCall, value: Value, scope: 'read' | 'write'): void {
    const capability = scope === 'read' ? 'fs.read' : 'fs.write';
    for (const alt of alternatives(value)) {
      if (alt.k === 'str' || alt.k === 'url') {
        const p = alt.k === 'url' ? (alt.href.startsWith('file:') ? fileURLToPath(alt.href) : undefined) : alt.v;
        if (p === undefined) continue;
        const abs = path.isAbsolute(p) ? path.normalize(p) : path.resolve(cwd(call.site), p);
        sink.need({ capability, path: abs }, call);
      } else if (alt.k === 'prefix') {
        const abs = path.isAbsolute(alt.v) ? alt.v : path.resolve(cwd(call.site), alt.v) + (alt.v.endsWith('/') ? '/' : '');
        const folder = abs.endsWith('/') ? abs.replace(/\/+$/, '') || '/' : path.dirname(abs);
        if (options.tooBroad(folder)) unresolvedFs(call, scope, alt.cause, abs);
        else sink.need({ capability, path: folder, subtree: true }, call);
      } else if (alt.k === 'unknown') {
        unresolvedFs(call, scope, alt);
      }
      // Numbers are file descriptors (not gated); other values are not paths.
    }
  }

  function moduleValue(call: SinkCall, value: Value, kind: ModuleRequest['kind'], from?: string): void {
    for (const alt of alternatives(value)) {
      let specifier: string | undefined;
      if (alt.k === 'str') specifier = alt.v;
      else if (alt.k === 'url' && alt.href.startsWith('file:')) specifier = fileURLToPath(alt.href);
      if (specifier !== undefined) {
        // Worker and fork paths are relative to the cwd, not to the calling file.
        if ((kind === 'worker' || kind === 'fork') && !path.isAbsolute(specifier)) specifier = path.resolve(cwd(call.site), specifier);
        sink.module({ specifier, kind, ...(from ? { from } : {}) }, call);
        continue;
      }
      const cause = alt.k === 'unknown' ? alt : alt.k === 'prefix' ? alt.cause : { k: 'unknown' as const, reason: 'not-a-string' as const, site: call.site };
      const fallback = options.unresolved.read;
      findings.unresolved.push({
        capability: 'module',
        site: call.site,
        api: call.api,
        package: call.package,
        reason: cause.reason,
        ...(cause.name ? { name: cause.name } : {}),
        ...(alt.k === 'prefix' ? { prefix: alt.v } : {}),
        fallback,
      });
      findings.diagnostics.push(
        diagnostic('IMPORT_DYNAMIC', fallback === 'error' ? 'error' : 'warning', { api: call.api, reason: cause.reason, ...(cause.name ? { name: cause.name } : {}) }, call.site),
      );
    }
  }

  const cwd = (site: Site) => {
    env.assume({ kind: 'cwd', value: env.cwd, site });
    return env.cwd;
  };

  for (const imp of model.imports) {
    findings.modules.push({ specifier: imp.source, kind: 'import', from: model.file, site: siteOf(frame, env, imp.node), package: pkg, api: 'import' });
  }

  for (const site of model.calls) {
    const node = site.node as Node & { type: string; callee?: Node; arguments?: Node[]; source?: Node };
    let api: string | undefined;
    let args: Node[];
    let base: string | undefined;
    if (node.type === 'ImportExpression') {
      api = 'import()';
      args = [node.source!];
    } else {
      const callee = evaluate(node.callee!, frame, env);
      api = apiName(callee);
      args = node.arguments ?? [];
      if (callee.k === 'require') base = callee.base;
    }
    if (!api) continue;
    const handler = handlers.get(api);
    if (!handler) continue;
    const call: SinkCall = {
      api,
      args,
      isNew: node.type === 'NewExpression',
      site: siteOf(frame, env, node),
      package: pkg,
      file: model.file,
      arg: (i) => (args[i] ? evaluateThroughCallers(args[i]!, model, site.fn, env, callers, 0) : { k: 'nullish' }),
    };
    if (api === 'require' && base && base !== model.file) {
      // createRequire(base)(x) resolves from base.
      handler({ ...call, file: base }, { ...sink, moduleValue: (c, v, k) => moduleValue(c, v, k, base) });
      continue;
    }
    handler(call, sink);
  }
  return findings;
}

function sameSite(a: Site, b: Site): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}
