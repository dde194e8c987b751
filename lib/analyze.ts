// analyze(): runs the stages in order (project -> graph, which parses, evaluates and detects
// each file -> policy -> emit) and assembles the Report. It owns no logic beyond wiring.

import * as os from 'node:os';
import { broadFolders } from './detect/prefix.js';
import * as path from 'node:path';
import type { RunFacts } from './evaluate/index.js';
import { PolicyError } from './errors.js';
import { flagsFor } from './emit/index.js';
import { buildGraph, oneReportPerSite } from './graph/index.js';
import type { ExaminationPool, ExaminationPoolOptions } from './graph/examination-pool.js';
import { resolvePreloads, type Preload } from './graph/preload.js';
import { typeScriptResolution } from './graph/preload.js';
import { cachingHost, listFolder, nodeHost, type Host } from './host.js';
import { advisoryDiagnostics, bundledList, targetAdvisories, type AdvisoryList } from './advisories/index.js';
import { dayOf } from './node-versions/index.js';
import { isBuiltinOn } from './node-versions/api-facts.js';
import { factsAcross, spansOf } from './node-versions/range.js';
import { loadModels } from './models/index.js';
import { foldPolicy } from './policy/index.js';
import { withFallbackByEntry } from './policy/created.js';
import { typeScriptFindings } from './policy/typescript-target.js';
import { alwaysDeniedForTarget } from './policy/always-denied.js';
import { withoutAbsentApis } from './policy/absent-apis.js';
import { checkUserGrant, screenGraphPaths, userGrantPath } from './policy/path-check.js';
import { homeGrantFindings } from './policy/home-grants.js';
import { limitsFor } from './limits.js';
import { readObserved, type ObservedGrant } from './project/observed.js';
import { policyRisks } from './policy-risks.js';
import { loadProject } from './project/index.js';
import { rangeNarrowed, targetOutsideEngines } from './project/target.js';
import { preloadsOfStartCommand, scriptOfStartCommand } from './project/node-command.js';
import { resolveEntryFile } from './project/entries.js';
import type { Assumption, Unresolved, UnresolvedMode } from './types.js';
import { diagnostic, type Diagnostic } from './diagnostics/index.js';
import type { AnalyzeProgress, Report } from './report.js';
import { toolVersion } from './version.js';
import { relativeFile } from './site.js';
import { cachedAnalysis, type CacheOptions, type FileRecords } from './cache/index.js';
import type { Memo, RecordStore, StoredExamination } from './graph/examination.js';

export interface AnalyzeOptions {
  /** Folder to start from; the project root is the nearest folder above it with a package.json. Required: the library never reads process.cwd() itself. */
  cwd: string;
  /** Entry files (absolute or relative to `cwd`). Default: package.json bin, main, exports["."], else the script of scripts.start, else index.js. */
  entries?: string[];
  /** Target Node version: a major (`22`), a full version (`22.13.0`) or a range. Default: package.json engines.node, else `runningVersion`. */
  target?: string;
  /** The Node version used when nothing names a target. Default: the version running the analysis. */
  runningVersion?: string;
  /** Values for `process.env.NAME` reads. Default: none; unbound reads are unresolved. */
  env?: Record<string, string>;
  /** Extra read grants for paths the code cannot show (absolute or relative to the project root): `dir/` (or `dir/*`) is the folder and everything below, anything else that path exactly, whatever is on disk. Default: none. */
  read?: string[];
  /** Extra write grants, as `read`. Default: none. */
  write?: string[];
  /** Fallback for unresolved accesses; a single mode sets both scopes. Default: `{ read: 'project', write: 'warn' }`. */
  unresolved?: UnresolvedMode | { read?: UnresolvedMode; write?: UnresolvedMode };
  /** The folder the app will run in, for `process.cwd()` and relative paths. Default: the project root. */
  runCwd?: string;
  /** Modules node loads before the entries (`-r dotenv/config`, `--import ./otel.mjs`), resolved from `runCwd` and analysed like entries. Default: none. */
  preload?: Preload[];
  /** Value of `os.tmpdir()` at run time. Default: this machine's. */
  tmpdir?: string;
  /** Value of `os.homedir()` at run time. Default: this machine's. */
  homedir?: string;
  /** Extra folders of package models (JSON, see docs/models.md), before the project's permission-models/ and the shipped ones. Default: none. */
  models?: string[];
  /** File access; tests pass an in-memory or counting host. Default: the real file system. */
  host?: Host;
  /** Largest module file analysed, in bytes; a larger one is granted as loaded code but not analysed (FILE_TOO_LARGE). Default: 4 MiB. */
  maxFileSize?: number;
  /**
   * Worker threads that examine files ahead of the analysis (docs/workers.md); the report is the
   * same whatever the number. 0 examines every file on the calling thread. Default: 0. An object
   * sets the pool's other options too (`steal`, `timeoutMs`: for tests); a pool the caller started
   * (`ExaminationPool.start`) is used and left open, so one pool can serve many analyses.
   */
  workers?: number | ExaminationPoolOptions | ExaminationPool;
  /** Milliseconds the analysis may take; files not analysed by then are granted but not analysed (TIME_BUDGET_EXCEEDED). Default: no limit. */
  timeBudgetMs?: number;
  /** The day end-of-life is judged on: a Date or `YYYY-MM-DD`. Default: today (UTC). */
  today?: Date | string;
  /** The Permission Model advisories to check the target against. Default: the list bundled with this version (`refreshAdvisories()` reads the live one). */
  advisories?: AdvisoryList;
  /**
   * Include what `generate-flags verify --write` observed (package.json
   * `permissionPolicy.observed`) as grants with reason `observed`. Default: true.
   */
  observed?: boolean;
  /** `process.platform` (and `os.platform()`) of the machine the app runs on: branches for other platforms are left out. Default: this machine's. */
  platform?: string;
  /** `process.arch` (and `os.arch()`) of that machine. Default: this machine's. */
  arch?: string;
  /** The libc family of that machine (Linux), as `process.report.getReport().header.glibcVersionRuntime` tells it. Default: not assumed (such tests stay unknown). */
  libc?: 'glibc' | 'musl';
  /** The arguments the app is started with, after the entry (`process.argv.slice(2)`): bound to process.argv and the argument parsers. Default: not known. */
  argv?: string[];
  /** Called as each file is taken up (files so far, files found, the file and its package), for a progress display. Default: none. */
  onProgress?: (progress: AnalyzeProgress) => void;
  /**
   * A persistent cache of reports (lib/cache/): a report is reused when the options and every
   * file-system answer the analysis relied on are the same, and the report's `cache` field says
   * how many files came from it. Default: none (nothing is written to disk).
   */
  cache?: CacheOptions;
}

const modes: readonly UnresolvedMode[] = ['warn', 'project', 'error'];

function unresolvedModes(option: AnalyzeOptions['unresolved']): { read: UnresolvedMode; write: UnresolvedMode } {
  const defaults = { read: 'project' as UnresolvedMode, write: 'warn' as UnresolvedMode };
  const chosen = typeof option === 'string' ? { read: option, write: option } : { ...defaults, ...option };
  for (const m of [chosen.read, chosen.write]) {
    if (!modes.includes(m)) throw new PolicyError('OPTION_INVALID', `unknown --unresolved mode '${m}'`, `use one of ${modes.join(', ')}`);
  }
  return chosen;
}

/**
 * The fallback modes for a project whose root is the disk root or the home folder (or above it):
 * there the project fallback would grant every entry of the disk or of the user's home but a few
 * secret names (~/.config, ~/Documents, the shell history), so it grants nothing instead (`warn`),
 * and the scopes refused are kept to be said (UNRESOLVED_FALLBACK_REFUSED).
 */
function fallbackAt(root: string, homedir: string, host: Host, modes: { read: UnresolvedMode; write: UnresolvedMode }) {
  const real = host.realpath(root);
  const opens = root === '/' || real === '/' ? 'disk-root' : [homedir, host.realpath(homedir)].some((h) => h === root || h === real || h.startsWith(`${real}/`)) ? 'home' : undefined;
  const scopes = (['read', 'write'] as const).filter((s) => modes[s] === 'project');
  if (!opens || scopes.length === 0) return { modes, refused: undefined };
  return { modes: { read: modes.read === 'project' ? 'warn' : modes.read, write: modes.write === 'project' ? 'warn' : modes.write } as typeof modes, refused: { opens, scopes } as const };
}

/** The diagnostic for a refused fallback, when some unresolved access needed it. */
function refusedFallback(refused: ReturnType<typeof fallbackAt>['refused'], unresolved: readonly Unresolved[], root: string): Diagnostic[] {
  if (!refused) return [];
  const needed = refused.scopes.filter((s) => unresolved.some((u) => (u.capability === 'fs.write' ? 'write' : 'read') === s));
  return needed.length === 0 ? [] : [diagnostic('UNRESOLVED_FALLBACK_REFUSED', 'warning', { root, opens: refused.opens, scopes: needed })];
}

/**
 * What the start script preloads when it starts the entry being analysed (`node --import tsx
 * src/index.ts`, `node -r dotenv/config server.js`): the app runs with those modules.
 */
function startPreloads(host: Host, root: string, entries: string[], start: string | undefined): Preload[] {
  const script = start === undefined ? undefined : scriptOfStartCommand(start);
  if (script === undefined) return [];
  const file = resolveEntryFile(host, path.resolve(root, script)) ?? path.resolve(root, script);
  return entries.includes(file) ? preloadsOfStartCommand(start) : [];
}

export async function analyze(options: AnalyzeOptions): Promise<Report> {
  for (const p of options.read ?? []) checkUserGrant('--read', p);
  for (const p of options.write ?? []) checkUserGrant('--write', p);
  // Folder listings stand in for stat calls only where they agree with the host: the node host's.
  const given = options.host ?? nodeHost;
  const host = cachingHost(given, given === nodeHost ? listFolder : undefined);
  if (!options.cache) return analyzeWith(options, host);
  // One day, home and temp folder for the key and the report: a run across midnight must not store tomorrow's report under today's key.
  const pinned = { ...options, today: dayOf(options.today), homedir: options.homedir ?? os.homedir(), tmpdir: options.tmpdir ?? os.tmpdir() };
  return cachedAnalysis(pinned, options.cache, host, (recorded, records) => analyzeWith(pinned, recorded, records && recordStore(records)));
}

/**
 * What the observations of `verify --write` open that no analysis would grant without a word:
 * write on everything, the disk root, home or the project root (POLICY_WRITE_TOO_BROAD, an
 * error), read on everything, the disk root or home (POLICY_READ_TOO_BROAD). They are granted as
 * they are (the run needed them), but an observed `/*` opened the whole disk silently.
 */
function observedRisks(observed: readonly ObservedGrant[], root: string, homedir: string): Diagnostic[] {
  const paths = (capability: 'fs.read' | 'fs.write') => observed.filter((o) => o.capability === capability && o.absolute !== undefined).map((o) => o.absolute!);
  if (observed.length === 0) return [];
  return policyRisks({ source: 'package.json permissionPolicy.observed', read: paths('fs.read'), write: paths('fs.write'), allow: [], base: root }, root, homedir);
}

/** The cache's per-file records as the graph keeps them: the cache gives back what the graph put, under the same key (the tool's code and the options). */
function recordStore(records: FileRecords): RecordStore {
  return { get: (file, content) => records.get(file, content) as StoredExamination | undefined, put: (file, content, stored) => records.put(file, content, stored), taken: (file, content) => records.taken(file, content), digest: (bytes) => records.digest(bytes), memos: (file, content) => records.memos(file, content) as Memo[], keepMemo: (file, content, at) => records.keepMemo(file, content, at), addMemo: (file, content, memo) => records.addMemo(file, content, memo), ...(records.changed ? { changed: records.changed, unchanged: () => records.unchanged!() } : {}) };
}

/** The analysis itself, every file-system question asked of `host`; with `records`, unchanged files' examinations are taken from them. */
async function analyzeWith(options: AnalyzeOptions, host: Host, records?: RecordStore): Promise<Report> {
  const limits = limitsFor(options);
  const cwd = path.resolve(options.cwd);
  // A missing folder would otherwise be walked up from, into whatever project lies above it.
  if (host.kind(cwd) !== 'dir') throw new PolicyError('OPTION_INVALID', `--cwd ${options.cwd} is not an existing folder`, 'pass the folder of the project (or a folder inside it)');
  const project = loadProject(host, {
    cwd,
    ...(options.entries ? { entries: options.entries } : {}),
    ...(options.target !== undefined ? { target: options.target } : {}),
    runningVersion: options.runningVersion ?? process.versions.node,
  });
  const spans = spansOf(project.target);
  const facts = factsAcross(spans);
  const advisories = targetAdvisories(spans, project.target.range, options.advisories ?? bundledList, dayOf(options.today));
  const root = project.root;
  const homedir = options.homedir ?? os.homedir();
  const { modes: unresolved, refused } = fallbackAt(root, homedir, host, unresolvedModes(options.unresolved));
  const assumptions = new Map<string, Assumption>();
  const runFacts: RunFacts = {
    root,
    runCwd: options.runCwd ? path.resolve(cwd, options.runCwd) : root,
    env: options.env ?? {},
    tmpdir: options.tmpdir ?? os.tmpdir(),
    homedir,
    platform: { platform: options.platform ?? process.platform, arch: options.arch ?? process.arch, ...(options.libc ? { libc: options.libc } : {}) },
    ...(options.argv ? { argv: { entry: project.entries[0] ?? '', args: options.argv } } : {}),
  };
  const assume = (a: Assumption): void => {
    const key = `${a.kind}:${a.name ?? ''}`;
    if (!assumptions.has(key)) assumptions.set(key, a);
  };
  // A prefix may not widen a grant to the whole disk, the project root or above, or the home folder.
  const tooBroad = broadFolders(root, homedir, (p) => host.realpath(p));
  const preloadList = options.preload ?? startPreloads(host, root, project.entries, project.packageJson.scripts?.start);
  const preloads = resolvePreloads(host, preloadList, runFacts.runCwd);
  const typeScript = typeScriptResolution(host, root, preloadList);
  const models = loadModels(host, root, (options.models ?? []).map((d) => path.resolve(cwd, d)));
  // The same access reached along several routes is one report with all its routes (graph/routes.ts).
  // An access of an API no release of the target has is left out (policy/absent-apis.ts).
  const graph = withoutAbsentApis(oneReportPerSite(buildGraph(host, { root, entries: [...preloads.files, ...project.entries], mains: project.entries, facts: runFacts, assume, unresolved, tooBroad, models, limits, preloadPackages: preloads.packages, builtinOnTarget: (specifier) => spans.every((s) => isBuiltinOn(s.major, specifier)), ...(typeScript ? { typeScript } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.workers ? { workers: options.workers } : {}), ...(records ? { records } : {}) })), spans);
  for (const [file, evidence] of preloads.packageJsonReads) graph.packageJsonReads.set(file, [...(graph.packageJsonReads.get(file) ?? []), evidence]);
  const refusal = refusedFallback(refused, graph.unresolved, root);
  const absolute = (p: string) => userGrantPath(root, p).path;
  const screened = screenGraphPaths(graph, root);
  const observed = options.observed === false ? undefined : readObserved(project.packageJson, root);
  const { policy, diagnostics } = foldPolicy({
    graph: screened.graph,
    facts,
    spans,
    root,
    host,
    prefixMustNotCover: [homedir],
    read: (options.read ?? []).map(absolute),
    write: (options.write ?? []).map(absolute),
    ...(observed ? { observed } : {}),
  });
  diagnostics.push(...observedRisks(observed ?? [], root, homedir));
  // A grant in home names the analysing user's home (policy/home-grants.ts); a config found there is said already.
  const saidConfigs = new Set(graph.diagnostics.flatMap((d) => (d.code === 'CONFIG_OUTSIDE_PROJECT' ? [d.args.file] : [])));
  diagnostics.push(...homeGrantFindings(policy, root, [...new Set([homedir, host.realpath(homedir)])], saidConfigs));
  const outside = targetOutsideEngines(project.target, project.packageJson.engines?.node) ?? rangeNarrowed(project.target, options.runningVersion ?? process.versions.node);
  diagnostics.push(...typeScriptFindings(graph.files, project.target, root, typeScript?.loader));
  // A fallback granted entry by entry is said at each unresolved site too (policy/created.ts).
  const byEntry = new Set(diagnostics.filter((d) => d.code === 'FALLBACK_ROOT_ENTRIES').map((d) => (d.args as { scope: 'read' | 'write' }).scope));
  const atSites = withFallbackByEntry([...alwaysDeniedForTarget(graph.diagnostics, spans), ...screened.diagnostics], byEntry);
  const allDiagnostics = [...models.diagnostics, ...atSites, ...diagnostics, ...advisoryDiagnostics(advisories), ...(outside ? [outside] : []), ...refusal].sort(
    (a, b) => (a.site?.file ?? '').localeCompare(b.site?.file ?? '') || (a.site?.line ?? 0) - (b.site?.line ?? 0) || a.code.localeCompare(b.code),
  );
  return {
    schemaVersion: 1,
    tool: { name: 'node-permission-policy', version: toolVersion() },
    project: {
      root,
      entries: project.entries,
      // A file is never the root folder itself, so relativeFile's '.' for the root never shows here.
      files: graph.files.map((f) => relativeFile(root, f.file)),
    },
    target: project.target,
    policy,
    flags: flagsFor(policy, facts),
    unresolved: graph.unresolved,
    needs: graph.needs,
    diagnostics: allDiagnostics,
    assumptions: [...assumptions.values()],
    advisories,
  };
}
