// Stage 5: the module graph, driven from the entries. Each file is read and parsed once,
// its findings collected, and every module request it makes resolved and queued. A file that
// cannot be read or parsed becomes a diagnostic and the rest is still analysed.
//
// buildGraph composes the run: the resolver, the package models' index (lib/models/model-index.ts),
// the worklist (./worklist.ts), and the evaluator's environment, built once from the run's facts,
// the hooks into the graph and the models, and this run's evaluation state.

import * as path from 'node:path';
import { diagnostic } from '../diagnostics/index.js';
import { newEvalState, type EvalEnv, type EvalHooks } from '../evaluate/index.js';
import type { DetectOptions, ExportTable, FnKey, PendingCall } from '../detect/index.js';
import type { Host } from '../host.js';
import { Limits } from '../limits.js';
import { coverWithModels, coversFile, ModelIndex } from '../models/index.js';
import { relativeFile, siteIn } from '../site.js';
import type { Assumption, PackageName, Site, Unresolved } from '../types.js';
import { packageOf, type Graph, type GraphOptions } from './files.js';
import { graphHooks } from './eval-hooks.js';
import type { ExaminationRecorder } from './examination.js';
import { callAwaitsExports, callCanMatch, exportsCanMatter, MAX_REPLAYS, tableForwards, type ModuleAt } from './match-calls.js';
import { cachedResolve, type Resolve } from './resolve.js';
import { ExaminationPool } from './examination-pool.js';
import { escapedFunctions, unmatchedFindings } from './unmatched.js';
import { realpathLinks } from './realpath-links.js';
import { Worklist, type Matched } from './worklist.js';

export { resolveModule } from './resolve.js';
export { packageOf, type Graph, type GraphOptions, type LoadedFile } from './files.js';
export { oneReportPerSite } from './routes.js';

export function buildGraph(host: Host, options: GraphOptions): Graph {
  const limits = options.limits ?? new Limits({});
  const resolve = cachedResolve(host, options.typeScript);
  // A pool handed in is the caller's (it may serve several analyses); one started here ends with the run.
  const given = options.workers instanceof ExaminationPool ? options.workers : undefined;
  const wanted = options.workers instanceof ExaminationPool ? undefined : options.workers;
  const started = wanted ? ExaminationPool.start(typeof wanted === 'number' ? { size: wanted } : wanted) : undefined;
  const examiners = given ?? started;
  try {
    return run(host, options, limits, resolve, examiners);
  } finally {
    examiners?.end();
    started?.close();
  }
}

function run(host: Host, options: GraphOptions, limits: Limits, resolve: Resolve, examiners: ExaminationPool | undefined): Graph {
  // The models' hooks and findings ask for the detection options only when applied, after they are made below.
  const models = new ModelIndex(host, options.models, packageOf, () => detect);
  const work = new Worklist({ host, options, limits, resolve, models, ...(examiners ? { examiners } : {}) });
  const { root, facts, unresolved, entries } = options;
  examiners?.begin({ root, homedir: facts.homedir, facts, unresolved, entries: options.mains ?? entries, roots: entries, maxFileSize: limits.maxFileSize, hookNames: models.valueHookNames() });
  const state = newEvalState();
  // What an examination asks outside its file goes through the recorder, which keeps it while a
  // file's examination is recorded (./examination.ts) and passes it straight through otherwise.
  const { recorder } = work;
  const assume = (a: Assumption) => {
    recorder.did({ assumption: a });
    options.assume(a);
  };
  const graph = graphHooks(host, options.root, resolve, work, assume, state);
  const hooks: EvalHooks = { assume, ...graph, importValue: recorder.asks('importValue', graph.importValue), forwardingOf: recorder.asks('forwardingOf', graph.forwardingOf), importedMembers: recorder.asks('importedMembers', graph.importedMembers), paramWritesOf: recorder.asks('paramWritesOf', graph.paramWritesOf), jsonData: recorder.asks('jsonData', graph.jsonData), resolve: recorder.asks('resolve', graph.resolve), ...modelHooks(models, recorder) };
  const env: EvalEnv = { facts: options.facts, hooks, state };
  const methodNames = recorder.asks('methodNames', (pkg: PackageName) => models.methodNames(pkg));
  const hookNames = recorder.asks('valueHookNames', () => models.valueHookNames());
  // Each examined module's re-exports, read from its table once (a table does not change once made).
  const forwardLists = new WeakMap<ExportTable, readonly ModuleAt[]>();
  const forwardsOf = (table: ExportTable): readonly ModuleAt[] => {
    let list = forwardLists.get(table);
    if (!list) forwardLists.set(table, (list = tableForwards(table)));
    return list;
  };
  const detect: DetectOptions = {
    env,
    packageOf: (file) => work.packageOfFile(file),
    unresolved: options.unresolved,
    tooBroad: recorder.asks('tooBroad', options.tooBroad),
    methodNames: (pkg) => {
      // Asked once at the start of each examination: with it, the names the models' value hooks are asked about then.
      if (recorder.recording) hookNames();
      return methodNames(pkg);
    },
    entries: options.mains ?? options.entries,
    // Whether matching could do anything with a call (see callCanMatch); a package with a fields model keeps every call (recordFactoryCalls).
    callMatters: recorder.asks('callMatters', (specifier, from, kind, path_, pkg) =>
      models.hasFieldModels(pkg) || callCanMatch({ resolve, tables: work.tables }, specifier, from, kind, path_, (hop) => models.modelAt(hop) !== undefined, (file) => work.summarised.has(file))),
    exportsMatter: recorder.asks('exportsMatter', (specifier, from, kind) => exportsCanMatter({ resolve, tables: work.tables }, specifier, from, kind, (file) => work.summarised.has(file), forwardsOf)),
    awaitsExports: recorder.asks('awaitsExports', (specifier, from, kind, path_) => callAwaitsExports({ resolve, tables: work.tables }, specifier, from, kind, path_, (file) => work.done.has(file))),
  };
  // A run after an edit: when each edited file examines to its record, the stored report is this run's (./same-examination.ts).
  const changed = options.records?.changed;
  if (changed && changed.length > 0 && changed.every((c) => work.examinesAsStored(c, detect))) options.records!.unchanged?.();
  for (const entry of options.entries) work.enqueue(entry, { reason: 'entry', package: packageOf(entry) }, true);
  preloadModels(options, models, work);
  const matched = work.run(detect, unboundCalls(options, models, work, resolve));
  finish(host, options, limits, models, work, matched, resolve);
  return work.graph;
}

/**
 * The calls made by functions that run with arguments no call shows: a dependency's exports that
 * escape (./unmatched.ts) and the app's own exports no module calls. Each is replayed once with
 * its parameters unknown, and what it calls in other modules is matched like any call: a function
 * that only hands its path on (`save(dir)` calling another package's `writeJson(join(dir, f))`)
 * then has that package's sinks reported, where they waited for a call that never came.
 * An escape in a modelled package is the model's (./unmatched.ts), and so are its calls.
 */
function unboundCalls(options: GraphOptions, models: ModelIndex, work: Worklist, resolve: Resolve): (reached: ReadonlySet<FnKey>) => PendingCall[] {
  const done = new Set<FnKey>();
  let escapesSeen = 0;
  // An escape's place leads the calls' trail (`via`), so what they reach names where the function escaped.
  const callsOf = (fn: FnKey, via: Site[]): PendingCall[] => {
    if (done.has(fn)) return [];
    done.add(fn);
    return (work.summaries.get(fn) ?? []).flatMap((s) => s.replay([], via, 0, true).pendingCalls);
  };
  // (A function's summaries are all its own file's, as in finish.)
  const inApp = (fn: FnKey): boolean => packageOf(work.summaries.get(fn)?.[0]?.file ?? '') === '.';
  return (reached) => {
    const calls: PendingCall[] = [];
    for (const e of work.escapes.slice(escapesSeen)) {
      if (modelCovers(models, options.root, e.site.file)) continue;
      for (const fn of escapedFunctions({ resolve, tables: work.tables }, e)) calls.push(...callsOf(fn, [e.site]));
    }
    escapesSeen = work.escapes.length;
    for (const fn of work.summaries.keys()) if (!reached.has(fn) && inApp(fn)) calls.push(...callsOf(fn, []));
    return calls;
  };
}

/**
 * Whether a package model stands in for what a file (project-relative) could not resolve: its
 * package is modelled and the model covers that file (every file, or those its `coversFiles`
 * names: shelljs's names its exec files, so an escape in src/cp.js is not the model's).
 */
function modelCovers(models: ModelIndex, root: string, file: string): boolean {
  const pkg = packageOf(path.join(root, file));
  const model = models.modelled.get(pkg);
  return model !== undefined && coversFile(model, pkg, file);
}

/** The unresolved accesses by the first site of their trail (calls the unbound step matched start at an escape's site). */
function reachedFrom(unresolved: readonly Unresolved[]): (site: Site) => readonly Unresolved[] {
  let bySite: Map<string, Unresolved[]> | undefined;
  const key = (s: Site) => `${s.file}:${s.line}:${s.column}`;
  return (site) => {
    if (!bySite) {
      bySite = new Map();
      for (const u of unresolved) {
        if (!u.via?.[0]) continue;
        const list = bySite.get(key(u.via[0]));
        if (list) list.push(u);
        else bySite.set(key(u.via[0]), [u]);
      }
    }
    return bySite.get(key(site)) ?? [];
  };
}

/**
 * The models' value hooks, as the recorder sees them: they read the file's tree, so a call of one
 * in a package that such models apply to leaves the examination without a record; elsewhere they
 * answer nothing whatever they are asked, and which models apply there is the question recorded.
 */
function modelHooks(models: ModelIndex, recorder: ExaminationRecorder): Pick<EvalHooks, 'parserOptions' | 'fieldValue'> {
  const { parserOptions: cli, fieldValue: fields } = models.hooks;
  type Cli = NonNullable<EvalHooks['parserOptions']>;
  type Fields = NonNullable<EvalHooks['fieldValue']>;
  const modelsOf = recorder.asks('valueModelsOf', (pkg: PackageName) => models.valueModelsOf(pkg));
  const recorded = <R>(file: string, answer: R): R => {
    if (answer !== undefined || modelsOf(packageOf(file)) !== '') recorder.refuse();
    return answer;
  };
  const called = cli?.called;
  const parserOptions: Cli | undefined = cli && {
    names: cli.names,
    value: (...args: Parameters<Cli['value']>) => recorded(args[0].file, cli.value.apply(cli, args)),
    ...(called ? { called: (...args: Parameters<NonNullable<Cli['called']>>) => recorded(args[0].file, called.apply(cli, args)) } : {}),
  };
  const fieldValue: Fields | undefined = fields && { last: fields.last, value: (...args: Parameters<Fields['value']>) => recorded(args[0].file, fields.value.apply(fields, args)) };
  return { ...(parserOptions ? { parserOptions } : {}), ...(fieldValue ? { fieldValue } : {}) };
}

/** The files each file loads, by the evidence each loaded file keeps (its loaders' sites are project-relative). */
function loadsOf(root: string, graph: Graph): (file: string) => readonly string[] {
  const byRelative = new Map<string, string[]>();
  for (const f of graph.files) {
    for (const e of f.loadedBy) {
      if (!e.site) continue;
      const list = byRelative.get(e.site.file) ?? [];
      list.push(f.file);
      byRelative.set(e.site.file, list);
    }
  }
  return (file) => byRelative.get(relativeFile(root, file)) ?? [];
}

/**
 * A package the node command preloads is loaded like one the code requires: its load model
 * applies, at the start script that names it (package.json).
 */
function preloadModels(options: GraphOptions, models: ModelIndex, work: Worklist): void {
  const commandSite = siteIn(relativeFile(options.root, path.join(options.root, 'package.json')), undefined);
  for (const p of options.preloadPackages ?? []) {
    const found = models.loadFindings({ specifier: p.specifier, kind: 'import', from: options.root, site: commandSite, package: '.', api: p.flag }, p.packageJson);
    if (found) work.take(found);
  }
}

/** After the worklist: what the limits cut, what the models stand in for, and the app's exports no module calls. */
function finish(host: Host, options: GraphOptions, limits: Limits, models: ModelIndex, work: Worklist, matched: Matched, resolve: Resolve): void {
  const graph = work.graph;
  const overBudget = limits.budgetDiagnostic(work.done.size - limits.skipped);
  if (overBudget) graph.diagnostics.push(overBudget);
  if (matched.state.stopped === 'replays') graph.diagnostics.push(diagnostic('FLOW_LIMIT', 'warning', { replays: MAX_REPLAYS }));
  // The app's own exported functions that no module we can see calls: their parameter-dependent
  // accesses are reported as unresolved. A dependency's uncalled function needs nothing.
  const appCut = new Set<string>();
  for (const [fn, list] of work.summaries) {
    if (matched.reached.has(fn)) continue;
    // (A summary made during a replay, for a function the replayed one calls, is that function's file's.)
    for (const s of list) {
      if (packageOf(s.file) !== '.') continue;
      const replayed = s.replay([], [], 0, true);
      work.collect(replayed);
      // Its calls into other modules are not matched: what they may run is reported (./unmatched.ts).
      if (replayed.pendingCalls.length > 0 || replayed.summaries.length > 0) appCut.add(s.file);
    }
  }
  // A dependency's exports that escape, and what its functions do that only an exported function a call reached runs (./unmatched.ts).
  unmatchedFindings({ resolve, tables: work.tables, summaries: work.summaries, conditional: work.conditional, escapes: work.escapes, reached: matched.reached, ...(matched.state.reachedWhen ? { reachedWhen: matched.state.reachedWhen } : {}), cut: matched.state.stopped !== undefined, cutFiles: new Set([...(matched.state.cutFiles ?? []), ...appCut]), loads: loadsOf(options.root, graph), unresolved: options.unresolved, modelledAt: (file) => modelCovers(models, options.root, file), reachedFrom: reachedFrom(graph.unresolved) }, (f) => {
    work.graph.unresolved.push(...f.unresolved);
    work.graph.diagnostics.push(...f.diagnostics);
    if (f.needs) work.graph.needs.push(...f.needs);
  });
  realpathLinks(work.graph, host, options);
  coverWithModels(graph, models.modelled, (site) => packageOf(path.join(options.root, site)), (n) => (n.capability === 'fs.read' || n.capability === 'fs.write') && !!n.path && host.kind(n.path) === 'dir' && options.tooBroad(n.path) !== undefined);
}
