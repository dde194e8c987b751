// Stage 5: the module graph, driven from the entries. Each file is read and parsed once,
// its findings collected, and every module request it makes resolved and queued. A file that
// cannot be read or parsed becomes a diagnostic and the rest is still analysed.

import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { EVALUATION_FUEL, jsonValue, MAX_JSON_DATA_BYTES, type EvalEnv, type Value } from '../evaluate/index.js';
import { detectFile, type ExportTable, type Findings, type FnKey, type MethodCall, type ModuleRequest, type PendingCall, type Summary } from '../detect/index.js';
import type { Node } from 'acorn';
import type { Host } from '../host.js';
import { isStackOverflow, Limits, notTextDiagnostic, readSource, tooDeep } from '../limits.js';
import { memoKey, parseFile, type FileModel } from '../parse/index.js';
import { relativeFile, siteIn, toSite } from '../site.js';
import type { BroadPrefix, Evidence, Need, PackageName, Site, Unresolved, UnresolvedMode } from '../types.js';
import type { AnalyzeProgress } from '../report.js';
import { addSummary, callCanMatch, importedValue, matchCalls, MAX_REPLAYS, type CallHop, type MatchState } from './match-calls.js';
import { cliOptionsResult, type CliModel } from '../models/cli-options.js';
import { fieldValues, type FactoryCall, type FieldModel } from '../models/fields.js';
import { coverWithModels, modelCallFindings, modelLoadFindings, modelMethodFindings, type ModelSet, type PackageModel } from '../models/index.js';
import { readJson } from '../host.js';
import { cachedResolve, missingOptional, packageScopeOf } from './resolve.js';
import type { TypeScriptResolution } from './resolve-typescript.js';
import { scanLargeFile } from './large-file.js';

export { resolveModule } from './resolve.js';

export interface LoadedFile {
  /** Absolute real path. */
  file: string;
  format: 'cjs' | 'esm' | 'json' | 'addon' | 'unparsed';
  package: PackageName;
  /** Folder of the nearest package.json, and whether it says "type": "module". */
  scope?: { dir: string; typeModule: boolean };
  isEntry: boolean;
  /**
   * The file has top-level `import`/`export` declarations, so it runs as ESM even where Node
   * cannot read its package's "type" (syntax detection).
   */
  moduleSyntax?: boolean;
  /** For TypeScript that could not just be erased: the construct that needed a transform (e.g. "TypeScript enum"). */
  typeScriptSyntax?: { syntax: string; line: number; column: number };
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
  /** The entries the app is started with (`process.argv[1]`), without preloads; default: `entries`. */
  mains?: string[];
  env: EvalEnv;
  unresolved: { read: UnresolvedMode; write: UnresolvedMode };
  tooBroad(folder: string, partial?: string): BroadPrefix | undefined;
  /** Package models: what modelled packages' loads and calls need. */
  models?: ModelSet;
  /** Called as each file is taken up, for a progress display. */
  onProgress?(progress: AnalyzeProgress): void;
  /** File-size cap and time budget (lib/limits.ts). Default: the default cap, no budget. */
  limits?: Limits;
  /** package.json files of the packages the node command preloads by name (`--import tsx`): their load models apply. */
  preloadPackages?: { packageJson: string; flag: string; specifier: string }[];
  /** Set when a TypeScript loader runs the app: module resolution then follows the loader's rules. */
  typeScript?: TypeScriptResolution;
  /** Whether a built-in module exists on every release of the target (`node:sqlite` does not on 20). Default: every built-in does. */
  builtinOnTarget?(specifier: string): boolean;
}

/** How deep "dependencies first" recurses before it leaves the rest to the queue. */
const MAX_DEPENDENCY_DEPTH = 200;

/**
 * Extensions whose module kind Node fixes whatever the package type says. `.ts` follows the
 * package type and syntax detection like `.js` (measured on 22.23.3, 24.21.0, 26.10.0).
 */
const fixedFormat: Readonly<Record<string, 'esm' | 'cjs'>> = { '.mjs': 'esm', '.cjs': 'cjs', '.mts': 'esm', '.cts': 'cjs' };

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

const moduleDeclarations = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration']);

/**
 * True when the module has an import or export declaration: such a file does not compile as
 * CommonJS, so Node's syntax detection runs it as ESM. (`import.meta` and top-level await are
 * left out: a file with only those keeps its folder grant, which is never wrong.)
 */
function hasModuleSyntax(ast: Node): boolean {
  return (ast as Node & { body: Node[] }).body.some((n) => moduleDeclarations.has(n.type));
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
  const resolve = cachedResolve(host, options.typeScript);
  const scopeCache = new Map<string, { dir: string; typeModule: boolean } | undefined>();
  const queue: LoadedFile[] = [];
  const tables = new Map<string, ExportTable>();
  const summaries = new Map<FnKey, Summary[]>();
  const pending: PendingCall[] = [];
  /** Files that left a summary, examined or replayed (see callCanMatch). */
  const summarised = new Set<string>();
  const collect = (f: Findings) => {
    for (const s of f.summaries) summarised.add(s.file);
    graph.needs.push(...f.needs);
    graph.unresolved.push(...f.unresolved);
    graph.diagnostics.push(...f.diagnostics);
    for (const call of f.methodCalls) applyMethodModels(call);
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
      format: ext === '.json' ? 'json' : ext === '.node' ? 'addon' : fixedFormat[ext] ?? (scope?.typeModule ? 'esm' : 'cjs'),
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
    const kind = request.kind === 'require' || request.kind === 'fork' || request.kind === 'resolve' ? 'require' : 'import';
    const resolution = resolve(request.specifier, request.from, kind);
    if (resolution.kind === 'builtin' && (options.builtinOnTarget?.(request.specifier) ?? true)) return;
    if (resolution.kind !== 'file') {
      const invalid = resolution.kind === 'missing' ? resolution.invalid : undefined;
      if (invalid) {
        const { field, key, problem } = invalid;
        graph.diagnostics.push(diagnostic('PACKAGE_TARGET_INVALID', 'warning', { specifier: request.specifier, field, key, problem, packageJson: relativeFile(options.root, invalid.packageJson) }, request.site));
        return;
      }
      // Missing by design, said only with --debug: a require inside a try that handles the failure,
      // an optional dependency, or one for another platform.
      const missing = resolution.kind === 'missing';
      const optional = !missing ? undefined : request.caught?.() ? 'try' : optionalDependencyOf(host, request, scopeCache) || missingOptional(host, request.specifier, request.from) ? 'optional-dependency' : undefined;
      graph.diagnostics.push(diagnostic('IMPORT_UNRESOLVED', optional ? 'info' : 'warning', { specifier: request.specifier, ...(optional ? { optional } : {}) }, request.site));
      return;
    }
    const evidence: Evidence = { reason: 'module-load', site: request.site, api: request.api, package: request.package };
    if (resolution.packageJson) recordPackageJson(resolution.packageJson, { ...evidence, reason: 'package-json' });
    for (const probed of resolution.probed ?? []) {
      const detail = host.kind(probed) === 'file' ? 'the package.json of a folder the specifier names' : 'looked for while resolving; it does not exist';
      recordPackageJson(probed, { ...evidence, reason: 'package-json', detail });
    }
    // require.resolve reads the package.json files resolution reads (above), and loads nothing.
    if (request.kind === 'resolve') return;
    if (resolution.packageJson) applyLoadModel(request, resolution.packageJson);
    if (path.extname(resolution.file) === '.node') {
      graph.needs.push({ capability: 'addons', site: request.site, api: request.api, package: request.package });
    }
    enqueue(resolution.file, evidence, request.kind === 'worker' || request.kind === 'fork');
  };

  /** The app's JSON data files read so far (EvalEnv.jsonData), folded once per run; null: not foldable. */
  const jsonFiles = new Map<string, { value: Value; hash: string } | null>();
  const jsonData = (file: string, site: Site): { value: Value; hash: string } | undefined => {
    if (!file.startsWith(options.root + path.sep)) return undefined;
    let data = jsonFiles.get(file);
    if (data === undefined) {
      const buffer = host.readFile(file, { maxBytes: MAX_JSON_DATA_BYTES });
      try {
        // The caching host may not pass the size cap on: checked here too.
        const value = buffer instanceof Error || buffer.length > MAX_JSON_DATA_BYTES ? undefined : jsonValue(JSON.parse(buffer.toString('utf8')), site);
        data = value && value.k !== 'unknown' && !(buffer instanceof Error) ? { value, hash: createHash('sha256').update(buffer).digest('hex') } : null;
      } catch {
        data = null;
      }
      jsonFiles.set(file, data);
    }
    return data ?? undefined;
  };
  const done = new Set<string>();
  const traces = { count: 0 };
  const env: EvalEnv = {
    traces,
    ...options.env,
    // Kept on each file's model (lib/parse memo), so it goes with the file.
    bindingCache: memoKey('binding values'),
    foldCuts: { cycles: 0, depth: 0 },
    fuel: { left: EVALUATION_FUEL },
    importValue: (specifier, from, path_, args) => importedValue(resolve, tables, specifier, from, path_, args),
    jsonData: (file, site) => {
      const data = jsonData(file, site);
      if (data === undefined) return undefined;
      env.assume({ kind: 'json-data', name: relativeFile(options.root, file), value: data.hash, site });
      return data.value;
    },
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
  /** Per calling package: the models with `methods` of the packages it loads, and their method names. */
  const methodModels = new Map<PackageName, { model: PackageModel; packageDir: string }[]>();
  const methodNames = new Map<PackageName, Set<string>>();
  // A loaded file's package is known from when it was queued: no second split of its path.
  const packageOfFile = (file: string) => byFile.get(file)?.package ?? packageOf(file);
  /** Whether matching could do anything with a call (see callCanMatch); a package with a fields model keeps every call (recordFactoryCalls). */
  const callMatters = (specifier: string, from: string, kind: 'require' | 'import', path_: string[], pkg: PackageName): boolean =>
    fieldModels.has(pkg) || callCanMatch({ resolve, tables }, specifier, from, kind, path_, (hop) => modelAt(hop) !== undefined, (file) => summarised.has(file));
  const detectOptions = { env, packageOf: packageOfFile, unresolved: options.unresolved, tooBroad: options.tooBroad, methodNames: (pkg: PackageName) => methodNames.get(pkg), entries: options.mains ?? options.entries, callMatters };
  /** Per calling package: the models of command-line parsers it loads (commander), and the methods returning their options. */
  const cliModels = new Map<PackageName, CliModel[]>();
  const cliReturning = new Set<string>();
  env.parserOptions = cliOptionsResult((pkg) => cliModels.get(pkg), cliReturning, packageOfFile, detectOptions);
  /** Per calling package: the models of packages that hand it values on objects (multer's req.file.path). */
  const fieldModels = new Map<PackageName, FieldModel[]>();
  const fieldLast = new Set<string>();
  /** Per calling package: its calls of those packages' exports, from the files examined so far. */
  const factoryCalls = new Map<PackageName, FactoryCall[]>();
  env.fieldValue = fieldValues((pkg) => fieldModels.get(pkg), fieldLast, packageOfFile, detectOptions, (pkg) => factoryCalls.get(pkg));
  const modelsLoaded = new Set<string>();

  /** Packages a model was used for, with the model. */
  const modelled = new Map<PackageName, PackageModel>();

  /** The model of the package whose package.json this is, if one covers its version. */
  function modelOf(packageJson: string) {
    const pkg = readJson(host, packageJson) as { name?: string; version?: string } | undefined;
    const model = pkg?.name ? options.models?.forPackage(pkg.name, pkg.version) : undefined;
    if (model) modelled.set(packageOf(packageJson), model);
    return model;
  }

  /** `caller` loads the package of `packageJson`: the methods its model describes count in caller's code. */
  function useMethodModel(caller: PackageName, packageJson: string): void {
    const model = modelOf(packageJson);
    if (model?.cliOptions) useCliModel(caller, { model: model as CliModel['model'], packageDir: path.dirname(packageJson) });
    if (model?.fields) useFieldModel(caller, { model: model as FieldModel['model'], packageDir: path.dirname(packageJson) });
    if (!model?.methods) return;
    const list = methodModels.get(caller) ?? [];
    if (list.some((m) => m.model === model)) return;
    list.push({ model, packageDir: path.dirname(packageJson) });
    methodModels.set(caller, list);
    const names = methodNames.get(caller) ?? new Set<string>();
    for (const name of Object.keys(model.methods)) names.add(name);
    methodNames.set(caller, names);
  }

  function useCliModel(caller: PackageName, cli: CliModel): void {
    const list = cliModels.get(caller) ?? [];
    if (list.some((m) => m.model === cli.model)) return;
    list.push(cli);
    cliModels.set(caller, list);
    for (const name of [...cli.model.cliOptions.returnedBy, ...(cli.model.cliOptions.properties ?? [])]) cliReturning.add(name);
  }

  function useFieldModel(caller: PackageName, fields: FieldModel): void {
    const list = fieldModels.get(caller) ?? [];
    if (list.some((m) => m.model === fields.model)) return;
    list.push(fields);
    fieldModels.set(caller, list);
    for (const chain of Object.keys(fields.model.fields)) fieldLast.add(chain.slice(chain.lastIndexOf('.') + 1));
  }

  /** Calls into packages whose models hand values to handlers (`multer({ dest })`), for the package's later files. */
  function recordFactoryCalls(calls: readonly PendingCall[]): void {
    for (const call of calls) {
      if (/^[./#]/.test(call.specifier)) continue;
      const r = resolve(call.specifier, call.from, call.kind);
      const model = r.kind === 'file' && r.packageJson ? modelOf(r.packageJson) : undefined;
      if (!model?.fields) continue;
      const list = factoryCalls.get(call.package) ?? [];
      list.push({ model, key: (call.path[0] === 'default' ? call.path.slice(1) : call.path).join('.'), args: call.args, site: call.site });
      factoryCalls.set(call.package, list);
    }
  }

  function applyMethodModels(call: MethodCall): void {
    for (const { model, packageDir } of methodModels.get(call.package) ?? []) {
      const found = modelMethodFindings(model, { key: call.name, args: call.args, site: call.site, package: call.package, via: call.via.slice(0, -1), packageDir, madeFrom: call.madeFrom }, detectOptions, host);
      if (found) take(found);
    }
  }

  function applyLoadModel(request: ModuleRequest, packageJson: string): void {
    if (modelsLoaded.has(packageJson)) return;
    modelsLoaded.add(packageJson);
    const model = modelOf(packageJson);
    const site = { site: request.site, package: request.package, via: [], packageDir: path.dirname(packageJson) };
    const found = model && modelLoadFindings(model, site, detectOptions, host);
    if (found) take(found);
  }

  /** The model of the package a call's hop names by a bare specifier, if one covers it. */
  function modelAt(hop: CallHop): PackageModel | undefined {
    return hop.packageJson && !/^[./#]/.test(hop.specifier) ? modelOf(hop.packageJson) : undefined;
  }

  function modelFindings(call: PendingCall, hop: CallHop): Findings | undefined {
    const model = modelAt(hop);
    if (!model || !hop.packageJson) return undefined;
    const key = (hop.path[0] === 'default' ? hop.path.slice(1) : hop.path).join('.');
    return modelCallFindings(model, { key, args: call.args, site: call.site, package: call.package, via: call.via.slice(0, -1), packageDir: path.dirname(hop.packageJson) }, detectOptions, host);
  }

  /** Findings from a model or a replay: collected, and any code they name is followed. */
  function take(f: Findings): void {
    collect(f);
    for (const request of f.modules) follow(request);
  }

  /**
   * A file over the size cap, by a cheap pass over its text (./large-file.ts): the modules it
   * names are followed, a file-system module makes its reads and writes unresolved at the file,
   * and the capabilities of the other built-ins it names go into the diagnostic.
   */
  function scanTooLarge(loaded: LoadedFile, tooLarge: Diagnostic & { code: 'FILE_TOO_LARGE' }, site: Site): Diagnostic {
    const data = host.readFile(loaded.file);
    if (data instanceof Error) return tooLarge;
    const scan = scanLargeFile(data.toString('utf8'));
    const at = { ...site, line: 1, column: 1 };
    // A name the text holds may be a string in an example or a template: only those that resolve are loads.
    for (const { specifier, kind } of scan.loads) {
      if (resolve(specifier, loaded.file, kind).kind === 'file') follow({ specifier, kind, from: loaded.file, site: at, package: loaded.package, api: kind });
    }
    if (scan.capabilities.includes('fs')) {
      for (const scope of ['read', 'write'] as const) {
        const fallback = options.unresolved[scope];
        graph.unresolved.push({ capability: scope === 'read' ? 'fs.read' : 'fs.write', site: at, api: 'fs', package: loaded.package, reason: 'file-too-large', fallback });
        graph.diagnostics.push(diagnostic('FS_PATH_UNKNOWN', fallback === 'error' ? 'error' : 'warning', { api: 'fs', scope, reason: 'file-too-large', fallback }, at));
      }
    }
    return scan.capabilities.length > 0 ? { ...tooLarge, args: { ...tooLarge.args, capabilities: scan.capabilities } } : tooLarge;
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
    // The file relative to the root, once: its sites and (below) the evaluator's sites use it.
    const relative = relativeFile(options.root, loaded.file);
    const siteOf = (loc?: { line: number; column: number }) => siteIn(relative, loc);
    const source = readSource(host, loaded.file, limits, siteOf());
    if ('diagnostic' in source) {
      loaded.format = 'unparsed';
      graph.diagnostics.push(source.diagnostic.code === 'FILE_TOO_LARGE' ? scanTooLarge(loaded, source.diagnostic, siteOf()) : source.diagnostic);
      return;
    }
    // Only .js and .ts (and extensionless) files are subject to syntax detection; the others are fixed.
    const ext = path.extname(loaded.file);
    const parsed = parseFile(loaded.file, source.text, loaded.format === 'esm' ? 'esm' : 'cjs', !(ext in fixedFormat), siteOf);
    if (!parsed.ok) {
      loaded.format = 'unparsed';
      graph.diagnostics.push(notTextDiagnostic(parsed.diagnostic, source.bytes));
      return;
    }
    loaded.format = parsed.model.kind;
    if (options.env.root === options.root) parsed.model.relative = relative;
    if (parsed.model.kind === 'esm') loaded.moduleSyntax = hasModuleSyntax(parsed.model.ast);
    if (parsed.model.typeScript?.transformed) loaded.typeScriptSyntax = { syntax: parsed.model.typeScript.syntax, ...parsed.model.typeScript.at };
    const dependencies = literalDependencies(parsed.model).map((dep) => ({ ...dep, r: resolve(dep.specifier, loaded.file, dep.kind) }));
    // Before anything of this package is examined: which methods of the packages it loads are modelled.
    for (const { specifier, r } of dependencies) if (r.kind === 'file' && r.packageJson && !/^[./#]/.test(specifier)) useMethodModel(loaded.package, r.packageJson);
    if (depth < MAX_DEPENDENCY_DEPTH) {
      for (const { r } of dependencies) {
        if (r.kind !== 'file' || done.has(r.file)) continue;
        enqueue(r.file, undefined, false);
        analyseFile(byFile.get(r.file)!, depth + 1);
      }
    }
    let findings: ReturnType<typeof detectFile>;
    try {
      env.fuel!.left = EVALUATION_FUEL;
      findings = detectFile(parsed.model, detectOptions);
    } catch (e) {
      // Nesting that parsed but is deeper than a detector's walk can follow: the file is
      // granted as loaded code, and reported, and the other files are still analysed.
      if (!isStackOverflow(e)) throw e;
      graph.diagnostics.push(tooDeep(siteOf(), 'analysis'));
      return;
    }
    collect(findings);
    tables.set(loaded.file, findings.exports);
    for (const s of findings.summaries) addSummary(summaries, s);
    pending.push(...findings.pendingCalls);
    if (fieldModels.has(loaded.package)) recordFactoryCalls(findings.pendingCalls);
    for (const request of findings.modules) follow(request);
  };

  // Files first, then the calls between them; a model or replay can name more code to read.
  const reached = new Set<FnKey>();
  const matchState: MatchState = { seen: new Set(), replays: 0 };
  // A package the node command preloads is loaded like one the code requires: its load model applies,
  // at the start script that names it (package.json).
  const commandSite = siteIn(relativeFile(options.root, path.join(options.root, 'package.json')), undefined);
  for (const p of options.preloadPackages ?? []) {
    applyLoadModel({ specifier: p.specifier, kind: 'import', from: options.root, site: commandSite, package: '.', api: p.flag }, p.packageJson);
  }
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
  coverWithModels(graph, modelled, (site) => packageOf(path.join(options.root, site)), (n) => (n.capability === 'fs.read' || n.capability === 'fs.write') && !!n.path && host.kind(n.path) === 'dir' && options.tooBroad(n.path) !== undefined);
  // The app's own exported functions that no module we can see calls: their parameter-dependent
  // accesses are reported as unresolved. A dependency's uncalled function needs nothing.
  for (const [fn, list] of summaries) {
    if (reached.has(fn)) continue;
    // (A summary made during a replay, for a function the replayed one calls, is that function's file's.)
    for (const s of list) if (packageOf(s.file) === '.') collect(s.replay([], [], 0, true));
  }
  return graph;
}

/** The package name of a bare specifier (`@scope/name/sub` → `@scope/name`); none for a path. */
function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * True when the missing package is an optional dependency of the package that loads it (npm
 * skips one whose `os`/`cpu` do not match the machine, as with fsevents or @esbuild/darwin-arm64),
 * or an optional peer dependency: its absence is expected, not a miss.
 */
function optionalDependencyOf(host: Host, request: ModuleRequest, cache: Map<string, { dir: string; typeModule: boolean } | undefined>): boolean {
  const name = packageNameOf(request.specifier);
  const scope = name ? packageScopeOf(host, request.from, cache) : undefined;
  if (!name || !scope) return false;
  const pkg = readJson(host, path.join(scope.dir, 'package.json')) as { optionalDependencies?: Record<string, unknown>; peerDependenciesMeta?: Record<string, { optional?: unknown }> } | undefined;
  return Boolean(pkg?.optionalDependencies && Object.hasOwn(pkg.optionalDependencies, name)) || pkg?.peerDependenciesMeta?.[name]?.optional === true;
}
