// Stage 5: the module graph, driven from the entries. Each file is read and parsed once,
// its findings collected, and every module request it makes resolved and queued. A file that
// cannot be read or parsed becomes a diagnostic and the rest is still analysed.

import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { EvalEnv } from '../evaluate/index.js';
import { CallerIndex, detectFile, type ExportTable, type Findings, type ModuleRequest, type PendingCall, type Summary } from '../detect/index.js';
import type { Node } from 'acorn';
import type { Host } from '../host.js';
import { Limits, notTextDiagnostic, readSource } from '../limits.js';
import { parseFile, type FileModel } from '../parse/index.js';
import { toSite } from '../site.js';
import type { AnalyzeProgress, Evidence, Need, PackageName, Unresolved, UnresolvedMode } from '../types.js';
import { addSummary, importedValue, matchCalls, MAX_REPLAYS, type CallHop, type MatchState } from './match-calls.js';
import { modelCallFindings, modelLoadFindings, type ModelSet } from '../models/index.js';
import { readJson } from '../host.js';
import { cachedResolve, packageScopeOf } from './resolve.js';

export { resolveModule } from './resolve.js';

export interface LoadedFile {
  /** Absolute real path. */
  file: string;
  format: 'cjs' | 'esm' | 'json' | 'addon' | 'unparsed';
  package: PackageName;
  /** Folder of the nearest package.json, and whether it says "type": "module". */
  scope?: { dir: string; typeModule: boolean };
  isEntry: boolean;
  /** Why the file is loaded: the entry, or each site that loads it. */
  loadedBy: Evidence[];
}

export interface Graph {
  files: LoadedFile[];
  /** package.json files read while resolving bare specifiers, with the sites that caused them. */
  packageJsonReads: Map<string, Evidence[]>;
  needs: Need[];
  unresolved: Unresolved[];
  diagnostics: Diagnostic[];
}

export interface GraphOptions {
  root: string;
  entries: string[];
  env: EvalEnv;
  unresolved: { read: UnresolvedMode; write: UnresolvedMode };
  tooBroad(folder: string): boolean;
  /** Package models: what modelled packages' loads and calls need. */
  models?: ModelSet;
  /** Called as each file is taken up, for a progress display. */
  onProgress?(progress: AnalyzeProgress): void;
  /** File-size cap and time budget (lib/limits.ts). Default: the default cap, no budget. */
  limits?: Limits;
}

/**
 * A model stands in for the package it describes: that package's own accesses the analysis
 * could not resolve are dropped (no fallback grant), and one MODEL_APPLIED note says how many.
 */
function coverWithModels(graph: Graph, modelled: ReadonlyMap<PackageName, string>, root: string): void {
  if (modelled.size === 0) return;
  const counts = new Map<PackageName, number>();
  graph.unresolved = graph.unresolved.filter((u) => {
    if (!modelled.has(u.package)) return true;
    counts.set(u.package, (counts.get(u.package) ?? 0) + 1);
    return false;
  });
  graph.diagnostics = graph.diagnostics.filter(
    (d) => !((d.code === 'FS_PATH_UNKNOWN' || d.code === 'IMPORT_DYNAMIC') && d.site && modelled.has(packageOf(path.join(root, d.site.file)))),
  );
  for (const [pkg, model] of modelled) graph.diagnostics.push(diagnostic('MODEL_APPLIED', 'info', { package: pkg, model, covers: counts.get(pkg) ?? 0 }));
}

/** How deep "dependencies first" recurses before it leaves the rest to the queue. */
const MAX_DEPENDENCY_DEPTH = 200;

/** The modules a file names literally, found without evaluating anything. */
function literalDependencies(model: FileModel): { specifier: string; kind: 'require' | 'import' }[] {
  const out: { specifier: string; kind: 'require' | 'import' }[] = model.imports.map((i) => ({ specifier: i.source, kind: 'import' }));
  for (const { node } of model.calls) {
    const call = node as Node & { callee?: Node & { type: string; name?: string }; arguments?: (Node & { type: string; value?: unknown })[] };
    const arg = call.arguments?.[0];
    if (call.callee?.type === 'Identifier' && call.callee.name === 'require' && !model.bindingOf.has(call.callee) && arg?.type === 'Literal' && typeof arg.value === 'string') {
      out.push({ specifier: arg.value, kind: 'require' });
    }
  }
  return out;
}

/** The package a file belongs to: the last node_modules/<name> in its path, else "." (the app). */
export function packageOf(file: string): PackageName {
  const parts = file.split(path.sep);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return '.';
  const first = parts[i + 1]!;
  return first.startsWith('@') && parts[i + 2] ? `${first}/${parts[i + 2]}` : first;
}

export function buildGraph(host: Host, options: GraphOptions): Graph {
  const graph: Graph = { files: [], packageJsonReads: new Map(), needs: [], unresolved: [], diagnostics: [] };
  const limits = options.limits ?? new Limits({});
  const byFile = new Map<string, LoadedFile>();
  const resolve = cachedResolve(host);
  const scopeCache = new Map<string, { dir: string; typeModule: boolean } | undefined>();
  const callers = new CallerIndex();
  const queue: LoadedFile[] = [];
  const tables = new Map<string, ExportTable>();
  const summaries = new Map<Node, Summary[]>();
  const summaryFiles = new Map<Summary, string>();
  const pending: PendingCall[] = [];
  const collect = (f: Findings) => {
    graph.needs.push(...f.needs);
    graph.unresolved.push(...f.unresolved);
    graph.diagnostics.push(...f.diagnostics);
  };

  const enqueue = (file: string, evidence: Evidence | undefined, isEntry: boolean): void => {
    const existing = byFile.get(file);
    if (existing) {
      if (evidence) existing.loadedBy.push(evidence);
      existing.isEntry ||= isEntry;
      return;
    }
    const ext = path.extname(file);
    const scope = packageScopeOf(host, file, scopeCache);
    const loaded: LoadedFile = {
      file,
      format: ext === '.json' ? 'json' : ext === '.node' ? 'addon' : ext === '.mjs' ? 'esm' : ext === '.cjs' ? 'cjs' : scope?.typeModule ? 'esm' : 'cjs',
      package: packageOf(file),
      ...(scope ? { scope } : {}),
      isEntry,
      loadedBy: evidence ? [evidence] : [],
    };
    byFile.set(file, loaded);
    graph.files.push(loaded);
    queue.push(loaded);
  };

  function recordPackageJson(file: string, evidence: Evidence): void {
    const list = graph.packageJsonReads.get(file) ?? [];
    list.push(evidence);
    graph.packageJsonReads.set(file, list);
  }

  for (const entry of options.entries) enqueue(entry, { reason: 'entry', package: packageOf(entry) }, true);

  const follow = (request: ModuleRequest): void => {
    const kind = request.kind === 'require' || request.kind === 'fork' ? 'require' : 'import';
    const resolution = resolve(request.specifier, request.from, kind);
    if (resolution.kind === 'builtin') return;
    if (resolution.kind === 'missing') {
      graph.diagnostics.push(diagnostic('IMPORT_UNRESOLVED', 'warning', { specifier: request.specifier }, request.site));
      return;
    }
    const evidence: Evidence = { reason: 'module-load', site: request.site, api: request.api, package: request.package };
    if (resolution.packageJson) recordPackageJson(resolution.packageJson, { ...evidence, reason: 'package-json' });
    for (const probed of resolution.probed ?? []) recordPackageJson(probed, { ...evidence, reason: 'package-json', detail: 'looked for while resolving; it does not exist' });
    if (resolution.packageJson) applyLoadModel(request, resolution.packageJson);
    if (path.extname(resolution.file) === '.node') {
      graph.needs.push({ capability: 'addons', site: request.site, api: request.api, package: request.package });
    }
    enqueue(resolution.file, evidence, request.kind === 'worker' || request.kind === 'fork');
  };

  const done = new Set<string>();
  const traces = { count: 0 };
  const env: EvalEnv = {
    traces,
    ...options.env,
    // Weak: a strong map kept every analysed file's bindings, and through them its syntax tree,
    // alive until the end of the analysis; a binding that can no longer be read needs no entry.
    bindingCache: new WeakMap(),
    importValue: (specifier, from, path_, args) => importedValue(resolve, tables, specifier, from, path_, args),
    // require.resolve of a package (or a subpath in it) reads its package.json, which Node 22+
    // checks (measured on 22.23.3 and 26.10.0): record it like a resolution for loading.
    resolve: (specifier, from, site) => {
      traces.count++;
      const r = resolve(specifier, from, 'require');
      if (r.kind !== 'file') return undefined;
      if (r.packageJson) recordPackageJson(r.packageJson, { reason: 'package-json', site, api: 'require.resolve', package: packageOf(from) });
      return r.file;
    },
  };
  const detectOptions = { env, packageOf, unresolved: options.unresolved, tooBroad: options.tooBroad };
  const modelsLoaded = new Set<string>();

  /** Packages a model was used for, with the model's file. */
  const modelled = new Map<PackageName, string>();

  /** The model of the package whose package.json this is, if one covers its version. */
  function modelOf(packageJson: string) {
    const pkg = readJson(host, packageJson) as { name?: string; version?: string } | undefined;
    const model = pkg?.name ? options.models?.forPackage(pkg.name, pkg.version) : undefined;
    if (model) modelled.set(packageOf(packageJson), model.source ?? model.package);
    return model;
  }

  function applyLoadModel(request: ModuleRequest, packageJson: string): void {
    if (modelsLoaded.has(packageJson)) return;
    modelsLoaded.add(packageJson);
    const model = modelOf(packageJson);
    const site = { site: request.site, package: request.package, via: [], packageDir: path.dirname(packageJson) };
    const found = model && modelLoadFindings(model, site, detectOptions, host);
    if (found) take(found);
  }

  function modelFindings(call: PendingCall, hop: CallHop): Findings | undefined {
    if (!hop.packageJson || /^[./#]/.test(hop.specifier)) return undefined;
    const model = modelOf(hop.packageJson);
    if (!model) return undefined;
    const key = (hop.path[0] === 'default' ? hop.path.slice(1) : hop.path).join('.');
    return modelCallFindings(model, { key, args: call.args, site: call.site, package: call.package, via: call.via.slice(0, -1), packageDir: path.dirname(hop.packageJson) }, detectOptions, host);
  }

  /** Findings from a model or a replay: collected, and any code they name is followed. */
  function take(f: Findings): void {
    collect(f);
    for (const request of f.modules) follow(request);
  }

  /**
   * Reads, parses and examines one file. Its literal dependencies (static imports and
   * `require('literal')`) are examined first, so what they export is known when this file is
   * evaluated; a cycle is cut where it closes.
   */
  const analyseFile = (loaded: LoadedFile, depth: number): void => {
    if (done.has(loaded.file)) return;
    done.add(loaded.file);
    options.onProgress?.({ files: done.size, found: graph.files.length, file: toSite(options.root, loaded.file, undefined).file, package: loaded.package });
    if (loaded.format === 'json' || loaded.format === 'addon') return;
    if (limits.outOfTime()) {
      limits.skipped++;
      loaded.format = 'unparsed';
      return;
    }
    const siteOf = (loc?: { line: number; column: number }) => toSite(options.root, loaded.file, loc);
    const source = readSource(host, loaded.file, limits, siteOf());
    if ('diagnostic' in source) {
      loaded.format = 'unparsed';
      graph.diagnostics.push(source.diagnostic);
      return;
    }
    // Only .js (and extensionless) files are subject to syntax detection; .cjs/.mjs are fixed.
    const ext = path.extname(loaded.file);
    const parsed = parseFile(loaded.file, source.text, loaded.format === 'esm' ? 'esm' : 'cjs', ext !== '.cjs' && ext !== '.mjs', siteOf);
    if (!parsed.ok) {
      loaded.format = 'unparsed';
      graph.diagnostics.push(notTextDiagnostic(parsed.diagnostic, source.bytes));
      return;
    }
    loaded.format = parsed.model.kind;
    if (depth < MAX_DEPENDENCY_DEPTH) {
      for (const dep of literalDependencies(parsed.model)) {
        const r = resolve(dep.specifier, loaded.file, dep.kind);
        if (r.kind !== 'file' || done.has(r.file)) continue;
        enqueue(r.file, undefined, false);
        analyseFile(byFile.get(r.file)!, depth + 1);
      }
    }
    const findings = detectFile(parsed.model, detectOptions, callers);
    collect(findings);
    tables.set(loaded.file, findings.exports);
    for (const s of findings.summaries) {
      addSummary(summaries, s);
      summaryFiles.set(s, loaded.file);
    }
    pending.push(...findings.pendingCalls);
    for (const request of findings.modules) follow(request);
  };

  // Files first, then the calls between them; a model or replay can name more code to read.
  const reached = new Set<Node>();
  const matchState: MatchState = { seen: new Set(), replays: 0 };
  while (queue.length > 0 || pending.length > 0) {
    while (queue.length > 0) analyseFile(queue.shift()!, 0);
    if (limits.outOfTime() && pending.length > 0) {
      limits.callsCut = true;
      break;
    }
    matchCalls({ resolve, tables, summaries, pending: pending.splice(0), modelFindings, state: matchState, outOfTime: () => limits.outOfTime() }, take, reached);
  }
  const overBudget = limits.budgetDiagnostic(done.size - limits.skipped);
  if (overBudget) graph.diagnostics.push(overBudget);
  if (matchState.stopped === 'replays') graph.diagnostics.push(diagnostic('FLOW_LIMIT', 'warning', { replays: MAX_REPLAYS }));
  coverWithModels(graph, modelled, options.root);
  // The app's own exported functions that no module we can see calls: their parameter-dependent
  // accesses are reported as unresolved. A dependency's uncalled function needs nothing.
  for (const [fn, list] of summaries) {
    if (reached.has(fn)) continue;
    for (const s of list) if (packageOf(summaryFiles.get(s) ?? '') === '.') collect(s.replay([], [], 0, true));
  }
  return graph;
}
