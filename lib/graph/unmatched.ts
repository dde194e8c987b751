// What is left once calls are matched: the parameter-dependent accesses of dependencies'
// functions that no matched call reached. A dependency's function runs only when some code calls
// it. Matching sees every call written on an imported value; an export that escapes where
// matching cannot follow (handed on, a member named at run time, stored: lib/detect/export-escape.ts)
// may be called by anything, so it is reported at that place, once, for all of its functions'
// accesses (EXPORTS_ESCAPED, with the --unresolved fallback). The rest runs only when an exported
// function a call reached runs (the conditional findings of lib/detect/liveness.ts), or never.

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { exportedFunctions, lookupExport, namedValues, type ConditionalFindings, type ExportEntry, type ExportEscape, type ExportTable, type Findings, type FnKey, type Summary } from '../detect/index.js';
import type { Site, Unresolved, UnresolvedMode } from '../types.js';
import type { Resolve } from './resolve.js';

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

/** The reports of escapes and of the conditional findings whose functions a call reached. */
export function unmatchedFindings(input: UnmatchedInput, emit: (f: Pick<Findings, 'unresolved' | 'diagnostics'>) => void): void {
  const byFn = new Map<FnKey, ConditionalFindings[]>();
  for (const c of input.conditional) for (const k of c.when) byFn.set(k, [...(byFn.get(k) ?? []), c]);
  const seen = new Set<string>();
  // What an escaped function calls in other modules is not matched either: like a call too deep to replay.
  const cut = new Set(input.cutFiles);
  const escaped = new Set<FnKey>();
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
    const reported = escapeReport(input, e, byFn, cut, input.modelledAt?.(e.site.file) ? new Set() : escaped, replaysOf);
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
    }
  }
}

/**
 * Findings of functions only calls under a condition no visible value turns on reach (fs-extra
 * 8's copySync calls utimesMillisSync only `if (opts.preserveTimestamps)`): the accesses as they
 * are, and an always-denied error a warning, since the app fails there only when it sets the
 * option (lib/detect/always-denied.ts says the same of such a call in its own function).
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
  for (const fn of new Set(escapedFunctions(input, e))) {
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
  if (functions === 0 || scopes.size === 0) return undefined;
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
  return { unresolved, diagnostics: [d] };
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

/** What finding an escape's functions needs: how specifiers resolve, and the export tables. */
type Tables = Pick<UnmatchedInput, 'resolve' | 'tables'>;

/**
 * The functions an escape hands on: every function of the module under the escaped export path
 * (the file's own, for an `own` escape). What they call in other modules is matched by the graph
 * once matching is at its fixpoint (lib/graph/index.ts unboundCalls), with their parameters unknown.
 */
export function escapedFunctions(input: Tables, e: ExportEscape): FnKey[] {
  const own = e.own ? input.tables.get(e.from) : undefined;
  return own ? functionsIn(input, own, e.path, 0, new Set()) : e.own ? [] : functionsUnder(input, e.specifier, e.from, e.kind, e.path, 0, new Set());
}

/** Every function of the module (and the modules it re-exports) under export `path`. */
function functionsUnder(input: Tables, specifier: string, from: string, kind: 'require' | 'import', path: string[], hops: number, files: Set<string>): FnKey[] {
  if (hops > MAX_HOPS) return [];
  const resolved = input.resolve(specifier, from, kind);
  const table = resolved.kind === 'file' ? input.tables.get(resolved.file) : undefined;
  return table ? functionsIn(input, table, path, hops, files) : [];
}

/** Every function of a module's table (and the modules it re-exports) under export `path`. */
function functionsIn(input: Tables, table: ExportTable, path: string[], hops: number, files: Set<string>): FnKey[] {
  files.add(table.file);
  const next = table.format === 'esm' ? 'import' : 'require';
  if (path.length === 0) {
    const out = [...exportedFunctions(table)];
    for (const e of namedValues(table.entries)) out.push(...forwardedUnder(input, table, e, [], hops, files));
    for (const s of table.star) out.push(...functionsUnder(input, s, table.file, next, [], hops + 1, files));
    return out;
  }
  const found = lookupExport(table, path);
  if (!found) return [];
  if ('star' in found) return found.star.flatMap((s) => functionsUnder(input, s, table.file, next, found.path, hops + 1, files));
  if ('spreads' in found) return found.spreads.flatMap((e) => forwardedUnder(input, table, e, found.path, hops, files));
  return entryFunctions(input, table, found.entry, found.rest, hops, files);
}

/** The functions of an entry, all of them whatever member of it is named (what escapes may reach any). */
function entryFunctions(input: Tables, table: ExportTable, entry: ExportEntry, rest: string[], hops: number, files: Set<string>): FnKey[] {
  if (entry.kind === 'forward') return forwardedUnder(input, table, entry, rest, hops, files);
  const one: ExportTable = { file: table.file, format: table.format, entries: new Map([['', entry]]), star: [] };
  const out = [...exportedFunctions(one)];
  if (entry.kind === 'object') for (const m of namedValues(entry.members)) out.push(...forwardedUnder(input, table, m, [], hops, files));
  if (entry.kind === 'object') for (const s of entry.spreads ?? []) out.push(...forwardedUnder(input, table, s, rest, hops, files));
  return out;
}

function forwardedUnder(input: Tables, table: ExportTable, e: ExportEntry, rest: string[], hops: number, files: Set<string>): FnKey[] {
  if (e.kind !== 'forward') return [];
  return functionsUnder(input, e.specifier, table.file, table.format === 'esm' ? 'import' : 'require', [...e.path, ...rest], hops + 1, files);
}
