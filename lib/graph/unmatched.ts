// What is left once calls are matched: the parameter-dependent accesses of dependencies'
// functions that no matched call reached. A dependency's function runs only when some code calls
// it. Matching sees every call written on an imported value; an export that escapes where
// matching cannot follow (handed on, a member named at run time, stored: lib/detect/export-escape.ts)
// may be called by anything, so it is reported at that place, once, for all of its functions'
// accesses (EXPORTS_ESCAPED, with the --unresolved fallback). The rest runs only when an exported
// function a call reached runs (the conditional findings of lib/detect/liveness.ts), or never.

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { exportedFunctions, lookupExport, namedValues, type ConditionalFindings, type ExportEntry, type ExportEscape, type ExportTable, type Findings, type FnKey, type PendingCall, type Summary } from '../detect/index.js';
import type { Need, Site, Unresolved, UnresolvedMode } from '../types.js';
import type { Resolve } from './resolve.js';
import { callCut } from './call-cut.js';

const MAX_HOPS = 8;

type Scope = 'read' | 'write' | 'module';

export interface UnmatchedInput {
  resolve: Resolve;
  tables: ReadonlyMap<string, ExportTable>;
  summaries: ReadonlyMap<FnKey, Summary[]>;
  conditional: readonly ConditionalFindings[];
  escapes: readonly ExportEscape[];
  reached: ReadonlySet<FnKey>;
  /** Under what condition each reached function was reached (MatchState.reachedWhen): null or absent, whatever the options. */
  reachedWhen?: ReadonlyMap<FnKey, string | null>;
  /** Set when matching stopped before its end (the replay cap, the time budget): what a call reached is not all known. */
  cut: boolean;
  /**
   * Files a function was reached in by a call too deep to replay (MatchState.cutFiles): the calls
   * it makes are not known, so the conditional findings of every file it loads, directly or not, are reported.
   */
  cutFiles?: ReadonlySet<string>;
  /** The files a file loads (absolute paths). */
  loads(file: string): readonly string[];
  unresolved: { read: UnresolvedMode; write: UnresolvedMode };
  /** Whether a package model describes the package a file (project-relative) is in: an escape there is the model's to stand in for. */
  modelledAt?(file: string): boolean;
  /**
   * What the calls an escaped function makes into other modules reached, matched with the escape's
   * site first on their trail (lib/graph/index.ts unboundCalls): the unresolved accesses of the
   * report whose trail starts at `site`.
   */
  reachedFrom?(site: Site): readonly Unresolved[];
}

/** What unmatchedFindings gives: reports, and the held needs (ConditionalFindings.needs) of functions a call reached. */
export type UnmatchedFindings = Pick<Findings, 'unresolved' | 'diagnostics'> & { needs?: Need[] };

/** The reports of escapes and of the conditional findings whose functions a call reached. */
export function unmatchedFindings(input: UnmatchedInput, emit: (f: UnmatchedFindings) => void): void {
  const byFn = new Map<FnKey, ConditionalFindings[]>();
  for (const c of input.conditional) for (const k of c.when) byFn.set(k, [...(byFn.get(k) ?? []), c]);
  const seen = new Set<string>();
  // What an escaped function calls in other modules is not matched either: like a call too deep to replay.
  const cut = new Set(input.cutFiles);
  const escaped = new Set<FnKey>();
  // Functions an escape in a modelled package hands on: the model covers their reports, not the
  // capabilities they need, which a model of the package handing them on need not say.
  const modelEscaped = new Set<FnKey>();
  // Each function's summaries replayed with its parameters unknown, once: an escape's scopes and
  // the escaped function's own sites both come from them, and one function may escape at several places.
  const replays = new Map<FnKey, Findings[]>();
  const replaysOf = (fn: FnKey): Findings[] => {
    let list = replays.get(fn);
    if (!list) replays.set(fn, (list = (input.summaries.get(fn) ?? []).map((s) => s.replay([], [], 0, true))));
    return list;
  };
  for (const e of input.escapes) {
    const key = [e.site.file, e.site.line, e.site.column, e.specifier, e.path.join('.')].join('\0');
    if (seen.has(key)) continue;
    seen.add(key);
    // An escape in a modelled package (yargs handing escalade on) is the model's: its report is
    // covered (lib/models/cover.ts), and so are the escaped functions' own sites.
    const reported = escapeReport(input, e, byFn, cut, input.modelledAt?.(e.site.file) ? modelEscaped : escaped, replaysOf);
    if (reported) emit(reported);
  }
  // An escaped function may run with any argument, called from anywhere: its accesses are also
  // reported at their own sites, on the stack of the access that fails (a Map of modules called
  // later, log4js's appenders: the escape's site is not on that stack).
  for (const fn of escaped) for (const replayed of replaysOf(fn)) emit(sinksOnly(replayed));
  const belowCut = loadedFrom(cut, input.loads);
  const surely = (k: FnKey) => escaped.has(k) || (input.reached.has(k) && (input.reachedWhen?.get(k) ?? null) === null);
  for (const c of input.conditional) {
    if (input.cut || belowCut.has(c.file) || c.when.some(surely)) emit(c);
    else {
      const when = c.when.map((k) => (input.reached.has(k) ? input.reachedWhen?.get(k) : undefined)).find((w) => typeof w === 'string');
      if (when !== undefined) emit(reachedUnder(c, when));
      else if (c.needs && c.when.some((k) => modelEscaped.has(k))) emit({ unresolved: [], diagnostics: [], needs: c.needs });
    }
  }
}

/**
 * Findings of functions only calls under a condition no visible value turns on reach (fs-extra
 * 8's copySync calls utimesMillisSync only `if (opts.preserveTimestamps)`): the accesses as they
 * are, and an always-denied error a warning, since the app fails there only when it sets the
 * option (lib/detect/always-denied.ts says the same of such a call in its own function). Held
 * needs are granted: the condition is one the analysis cannot decide.
 */
function reachedUnder(c: ConditionalFindings, when: string): ConditionalFindings {
  const diagnostics = c.diagnostics.map((d) => (d.code === 'API_ALWAYS_DENIED' && d.severity === 'error' ? diagnostic('API_ALWAYS_DENIED', 'warning', { ...d.args, unless: 'caller', condition: when }, d.site) : d));
  return { ...c, diagnostics };
}

/** A replay's reports at its own sites: its calls into other modules are not matched (they are cut, above). */
function sinksOnly(f: Findings): Pick<Findings, 'unresolved' | 'diagnostics'> {
  return { unresolved: f.unresolved, diagnostics: f.diagnostics };
}

/** The files `from` and every file they load, directly or not. */
function loadedFrom(from: ReadonlySet<string>, loads: (file: string) => readonly string[]): Set<string> {
  const out = new Set(from);
  const queue = [...from];
  while (queue.length > 0) for (const next of loads(queue.pop()!)) if (!out.has(next)) (out.add(next), queue.push(next));
  return out;
}

/** One escape's report, when what escapes holds functions whose parameters reach a sink. */
function escapeReport(input: UnmatchedInput, e: ExportEscape, byFn: ReadonlyMap<FnKey, ConditionalFindings[]>, cut: Set<string>, escaped: Set<FnKey>, replaysOf: (fn: FnKey) => Findings[]): Pick<Findings, 'unresolved' | 'diagnostics'> | undefined {
  const scopes = new Set<Scope>();
  let functions = 0;
  const search = escapeSearch(input, e);
  for (const fn of search.out) {
    escaped.add(fn);
    const before = scopes.size;
    const summaries = input.summaries.get(fn) ?? [];
    const replayed = replaysOf(fn);
    summaries.forEach((s, i) => {
      scopesOf(replayed[i]!, scopes);
      // It calls into other modules with what it was handed, which matching never sees.
      if (replayed[i]!.pendingCalls.length > 0 || replayed[i]!.summaries.length > 0) cut.add(s.file);
    });
    for (const c of byFn.get(fn) ?? []) for (const u of c.unresolved) scopes.add(scopeOf(u));
    if (summaries.length > 0 || byFn.has(fn) || scopes.size > before) functions++;
  }
  for (const u of input.reachedFrom?.(e.site) ?? []) scopes.add(scopeOf(u));
  const past = search.cut ? searchCut(input, e) : undefined;
  if (functions === 0 || scopes.size === 0) return past;
  const list = (['read', 'write', 'module'] as const).filter((s) => scopes.has(s));
  const fallbackOf = (s: Scope) => input.unresolved[s === 'module' ? 'read' : s];
  const unresolved: Unresolved[] = list.map((s) => ({
    capability: s === 'module' ? 'module' : s === 'read' ? 'fs.read' : 'fs.write',
    site: e.site,
    api: e.kind,
    package: e.package,
    reason: 'exports-escaped',
    name: [e.specifier, ...e.path].join('.'),
    fallback: fallbackOf(s),
  }));
  const worst: UnresolvedMode = list.some((s) => fallbackOf(s) === 'error') ? 'error' : list.some((s) => fallbackOf(s) === 'project') ? 'project' : 'warn';
  const d: Diagnostic = diagnostic('EXPORTS_ESCAPED', worst === 'error' ? 'error' : 'warning', { specifier: e.specifier, path: e.path.join('.'), how: e.how, functions, scopes: list, fallback: worst }, e.site);
  return { unresolved: [...unresolved, ...(past?.unresolved ?? [])], diagnostics: [d, ...(past?.diagnostics ?? [])] };
}

/**
 * An escape whose functions lie past MAX_HOPS re-exports: what they do is not seen, so the escape
 * is reported as a call matching gives up on (call-cut.ts), at its site. Before, the search found
 * no function there and the escape was silent (`miss-exports-escape-past-hop-bound`).
 */
function searchCut(input: UnmatchedInput, e: ExportEscape): Pick<Findings, 'unresolved' | 'diagnostics'> {
  const call: PendingCall = { specifier: e.specifier, from: e.from, kind: e.kind, path: e.path, args: [], site: e.site, package: e.package, via: [], depth: 0 };
  return callCut(call, 'reexports', MAX_HOPS, input.unresolved.read);
}

function scopeOf(u: Unresolved): Scope {
  return u.capability === 'module' ? 'module' : u.capability === 'fs.read' ? 'read' : 'write';
}

/**
 * What a replay with the parameters unknown reports at its own sinks. The calls it makes into
 * other modules are not matched (as for the app's own uncalled exports, lib/graph/index.ts).
 */
function scopesOf(f: Findings, into: Set<Scope>): void {
  for (const u of f.unresolved) into.add(scopeOf(u));
}

/**
 * The search for the functions under an escaped export: each (file, export path) is looked at
 * once (files that re-export one another with `export *` made a walk of every path, 8^8 on eight
 * such files, whose list overflowed the stack), and `cut` says it stopped at MAX_HOPS re-exports
 * with the rest unseen, which must be reported, never taken for "no function".
 */
interface Search {
  input: Tables;
  seen: Set<string>;
  out: Set<FnKey>;
  cut: boolean;
}

/** What finding an escape's functions needs: how specifiers resolve, and the export tables. */
type Tables = Pick<UnmatchedInput, 'resolve' | 'tables'>;

/** The search of one escape: the file's own table for an `own` escape (silent-11), else the module named. */
function escapeSearch(input: Tables, e: ExportEscape): Search {
  const search: Search = { input, seen: new Set(), out: new Set(), cut: false };
  const own = e.own && !(e.to && handedToInert(input, e.from, e.to)) ? input.tables.get(e.from) : undefined;
  if (own) functionsIn(search, own, e.path, 0);
  else if (!e.own) functionsUnder(search, e.specifier, e.from, e.kind, e.path, 0);
  return search;
}

/**
 * Whether a module object handed to another module's function lands in a parameter that function
 * only writes members onto (thenify-all's `withCallback(fs, exports, names)`): nothing escapes.
 * A name re-exported is followed a few hops; anything not found lets the escape stand.
 */
function handedToInert(input: Tables, from: string, to: NonNullable<ExportEscape['to']>, hops = 0): boolean {
  const resolved = input.resolve(to.specifier, from, to.kind);
  const table = resolved.kind === 'file' ? input.tables.get(resolved.file) : undefined;
  const found = table && lookupExport(table, to.path);
  if (!table || !found || !('entry' in found) || found.rest.length > 0 || hops > MAX_HOPS) return false;
  const { entry } = found;
  if (entry.kind === 'forward') return handedToInert(input, table.file, { ...to, specifier: entry.specifier, path: entry.path, kind: table.format === 'esm' ? 'import' : 'require' }, hops + 1);
  return entry.kind === 'fn' && !!entry.inert?.includes(to.index);
}

/**
 * The functions an escape hands on. What they call in other modules is matched by the graph once
 * matching is at its fixpoint (lib/graph/index.ts unboundCalls), with their parameters unknown.
 */
export function escapedFunctions(input: Tables, e: ExportEscape): FnKey[] {
  return [...escapeSearch(input, e).out];
}

/** Every function of the module (and the modules it re-exports) under export `path`, into `search.out`. */
function functionsUnder(search: Search, specifier: string, from: string, kind: 'require' | 'import', path: string[], hops: number): void {
  const resolved = search.input.resolve(specifier, from, kind);
  const table = resolved.kind === 'file' ? search.input.tables.get(resolved.file) : undefined;
  if (table) functionsIn(search, table, path, hops);
}

/** Every function of a module's table (and the modules it re-exports) under export `path`, into `search.out`. */
function functionsIn(search: Search, table: ExportTable, path: string[], hops: number): void {
  const key = `${table.file}\0${path.join('\0')}`;
  if (search.seen.has(key)) return;
  // Past the bound, the rest is unseen (not marked seen: a shorter way there may still come).
  if (hops > MAX_HOPS) {
    search.cut = true;
    return;
  }
  search.seen.add(key);
  const next = table.format === 'esm' ? 'import' : 'require';
  if (path.length === 0) {
    for (const fn of exportedFunctions(table)) search.out.add(fn);
    for (const e of namedValues(table.entries)) forwardedUnder(search, table, e, [], hops);
    for (const s of table.star) functionsUnder(search, s, table.file, next, [], hops + 1);
    return;
  }
  const found = lookupExport(table, path);
  if (!found) return;
  if ('star' in found) for (const s of found.star) functionsUnder(search, s, table.file, next, found.path, hops + 1);
  else if ('spreads' in found) for (const e of found.spreads) forwardedUnder(search, table, e, found.path, hops);
  else entryFunctions(search, table, found.entry, found.rest, hops);
}

/** The functions of an entry, all of them whatever member of it is named (what escapes may reach any). */
function entryFunctions(search: Search, table: ExportTable, entry: ExportEntry, rest: string[], hops: number): void {
  if (entry.kind === 'forward' && entry.members) for (const m of namedValues(entry.members)) entryFunctions(search, table, m, [], hops);
  if (entry.kind === 'forward') return forwardedUnder(search, table, entry, rest, hops);
  const one: ExportTable = { file: table.file, format: table.format, entries: new Map([['', entry]]), star: [] };
  for (const fn of exportedFunctions(one)) search.out.add(fn);
  if (entry.kind === 'object') for (const m of namedValues(entry.members)) forwardedUnder(search, table, m, [], hops);
  if (entry.kind === 'object') for (const s of entry.spreads ?? []) forwardedUnder(search, table, s, rest, hops);
}

function forwardedUnder(search: Search, table: ExportTable, e: ExportEntry, rest: string[], hops: number): void {
  if (e.kind !== 'forward') return;
  functionsUnder(search, e.specifier, table.file, table.format === 'esm' ? 'import' : 'require', [...e.path, ...rest], hops + 1);
}
