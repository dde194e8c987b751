// Matches calls into other modules with what the called functions do. After every file is
// read, each pending call is resolved to the function it reaches (following re-exports such as
// `exports.static = require('serve-static')`), and that function's summaries are replayed with
// the call's arguments. Replays can make further calls; the queue runs to a fixpoint, bounded.

import { CALL_RESULT, exportedFunctions, lookupExport, namedPairs, namedValue, namedValues, NEW_INSTANCE, type ExportEntry, type ExportTable, type Findings, type FnKey, type PendingCall, type Summary } from '../detect/index.js';
import { builtinMember, callCurried, curried, exactKey, hasRealMember, MAX_DEPTH, type Value } from '../evaluate/index.js';
import type { CallBound } from '../diagnostics/index.js';
import type { Resolve } from './resolve.js';

const MAX_CALL_DEPTH = 8;

/** Replays one analysis may run. Real trees (eslint) reach a few thousand; the cap stops a runaway. */
export const MAX_REPLAYS = 50_000;

/** Per-analysis matching state: calls already matched (by target and argument values) and the replay count. */
export interface MatchState {
  seen: Set<string>;
  replays: number;
  /** Set when the replay cap was hit (or time ran out), so the report can say so once. */
  stopped?: 'replays' | 'time';
  /** The files of functions reached by calls too deep to replay: what they call in turn is not known (./unmatched.ts). */
  cutFiles?: Set<string>;
  /**
   * For each function reached: null when a call reached it whatever the options, else the
   * condition (PendingCall.onlyWhen) of the first call that reached it, all of them conditional
   * so far. A function reached otherwise is not in it (./unmatched.ts reads that as reached).
   */
  reachedWhen?: Map<FnKey, string | null>;
}

/** Notes a function a call reached, and under what condition. */
function noteReached(state: MatchState, reached: Set<FnKey>, fn: FnKey, call: PendingCall): void {
  reached.add(fn);
  const when = (state.reachedWhen ??= new Map());
  if (call.onlyWhen === undefined) when.set(fn, null);
  else if (!when.has(fn)) when.set(fn, call.onlyWhen);
}

/** The calls a replay makes run only when the call replayed runs: they carry its condition. */
function underCondition(f: Findings, call: PendingCall): Findings {
  if (call.onlyWhen !== undefined) for (const p of f.pendingCalls) p.onlyWhen ??= call.onlyWhen;
  return f;
}
const MAX_REEXPORT_HOPS = 8;
/**
 * How many re-exports a value is followed through (importedValue). Each step follows one export
 * (`export *` takes the first module that has the name), so a chain costs its length, unlike a
 * call's targets, which fan out over every re-exported module; a require exported through a
 * barrel of barrels 9 deep was neither a require nor reported at its importer's call.
 */
const MAX_VALUE_HOPS = 32;

/** One step of resolving a call: the specifier as written at that step and where it led. */
export interface CallHop {
  specifier: string;
  path: string[];
  file: string;
  /** The package.json read to resolve a bare specifier (its folder is the package's). */
  packageJson?: string;
  /** Whether the module there has been examined (its export table is final). */
  examined: boolean;
}

export interface MatchInput {
  resolve: Resolve;
  tables: ReadonlyMap<string, ExportTable>;
  summaries: Map<FnKey, Summary[]>;
  pending: PendingCall[];
  /** Findings a package model gives for a call at one hop (`express.static` → `serve-static`). */
  modelFindings?(call: PendingCall, hop: CallHop): Findings | undefined;
  state: MatchState;
  /** True when the analysis' time budget is spent. */
  outOfTime?(): boolean;
  /** What to report for a call not followed to its end: its re-export chain or its nesting of calls is longer than followed. */
  cut?(call: PendingCall, bound: CallBound, limit: number): Findings;
}

/** The call's key, or undefined when an argument's key was cut (then it may differ from a call with the same key). */
function callKey(call: PendingCall): string | undefined {
  const args = call.args.map(exactKey);
  // A call under a condition reaches the same code as one without, but not as surely: matched apart.
  return args.some((a) => a === undefined) ? undefined : [call.specifier, call.from, call.kind, call.path.join('.'), ...args, call.onlyWhen ?? ''].join('\0');
}

/** A function a call reaches, and the file it is in. */
interface Target {
  fn: FnKey;
  file: string;
}

/**
 * Whether a module on the way of a call is being examined (taken up, with no export table yet):
 * the call is made from a module that module loads, in a require cycle, and what it reaches is
 * known only once that module is done (detectAgain).
 */
export function callAwaitsExports(
  input: Pick<MatchInput, 'resolve' | 'tables'>,
  specifier: string,
  from: string,
  kind: 'require' | 'import',
  path: string[],
  takenUp: (file: string) => boolean,
): boolean {
  let waiting = false;
  targetsOf(input, specifier, from, kind, path, 0, (hop) => void (waiting ||= typeof hop !== 'string' && !hop.examined && takenUp(hop.file)));
  return waiting;
}

/**
 * Resolves a call target to the functions it can reach, telling `onHop` about each step, and
 * `onHop` with `cut` where the chain is longer than followed (what lies further is not seen).
 * Each (file, export path) is stepped on once: files that re-export one another with `export *`
 * made a walk of every path through them (eight such files: 8^8 steps, the same function
 * replayed until the replay cap, 99 s; `hostile-star-export-cycle`), where Node too
 * looks at each module once.
 */
function targetsOf(input: Pick<MatchInput, 'resolve' | 'tables'>, specifier: string, from: string, kind: 'require' | 'import', path: string[], hops: number, onHop: (hop: CallHop | Cut) => void, seen = new Set<string>()): Target[] {
  const resolved = input.resolve(specifier, from, kind);
  if (resolved.kind !== 'file') return [];
  const key = `${resolved.file}\0${path.join('\0')}`;
  if (seen.has(key)) return [];
  // Past the bound, not marked seen: a shorter way there may still come.
  if (hops > MAX_REEXPORT_HOPS) {
    onHop('cut');
    return [];
  }
  seen.add(key);
  const table = input.tables.get(resolved.file);
  onHop({ specifier, path, file: resolved.file, ...(resolved.packageJson ? { packageJson: resolved.packageJson } : {}), examined: table !== undefined });
  if (!table) return [];
  const earlier: Target[] = [];
  // An export written again: an earlier function is replayed too; anything else is said at the call.
  for (const e of table.rewritten ? rewrittenAt(table, path) : []) {
    if (e.kind === 'fn' && path.length <= (table.format === 'cjs' && path[0] === 'default' ? 2 : 1)) earlier.push({ fn: e.fn, file: table.file });
    else onHop('rewritten');
  }
  const found = targetsIn(input, table, path, hops, onHop, seen);
  return earlier.length > 0 ? [...earlier, ...found] : found;
}

/** The functions a call of `path` reaches from `table` (targetsOf's step past the module). */
function targetsIn(input: Pick<MatchInput, 'resolve' | 'tables'>, table: ExportTable, path: string[], hops: number, onHop: (hop: CallHop | Cut) => void, seen: Set<string>): Target[] {
  const found = lookupExport(table, path);
  if (!found) return [];
  const next = (s: string, p: string[], k: 'require' | 'import') => targetsOf(input, s, table.file, k, p, hops + 1, onHop, seen);
  if ('star' in found) return found.star.flatMap((s) => next(s, found.path, table.format === 'cjs' ? 'require' : 'import'));
  if ('spreads' in found) {
    const kind = table.format === 'esm' ? 'import' : 'require';
    return found.spreads.flatMap((e) => (e.kind === 'forward' ? next(e.specifier, [...e.path, ...found.path], kind) : []));
  }
  const { entry, rest } = found;
  if (entry.kind === 'fn') return rest.length === 0 ? [{ fn: entry.fn, file: table.file }] : [];
  if (entry.kind === 'forward') return next(entry.specifier, [...entry.path, ...rest], table.format === 'esm' ? 'import' : 'require');
  // An export whose fold gave up at the depth bound (lib/detect/fold-cut.ts): what it calls is not known.
  if (entry.kind === 'value' && entry.value.k === 'unknown' && entry.value.reason === 'depth-limit') onHop('fold-cut');
  return [];
}

/**
 * Where resolving a call stopped short: past the re-export bound (`cut`), at an export whose fold
 * was cut (`fold-cut`), or at an export written more than once whose earlier values are not followed (`rewritten`).
 */
type Cut = 'cut' | 'fold-cut' | 'rewritten';

/** The earlier values of the export a call names, when its module writes it more than once (ExportTable.rewritten). */
function rewrittenAt(table: ExportTable, path: string[]): readonly ExportEntry[] {
  const p = table.format === 'cjs' && path[0] === 'default' ? path.slice(1) : path;
  return (p.length > 0 && table.rewritten!.find(([name]) => name === p[0])?.[1]) || [];
}

/**
 * Whether a call into another module can come to anything when calls are matched. False only
 * when every module on its way has been examined (its export table is final), none is a package
 * a model covers (`modelled`), and each function it reaches lies in a module that left no
 * summary (`summarised`). Such a module never gets one later: summaries are made only while a
 * module is examined and in replays of its own summaries (a replay defers only its own file's
 * functions). So matching would find nothing to replay for the call, and its arguments, which
 * only a replay or a model reads, need not be evaluated.
 */
export function callCanMatch(
  input: Pick<MatchInput, 'resolve' | 'tables'>,
  specifier: string,
  from: string,
  kind: 'require' | 'import',
  path: string[],
  modelled: (hop: CallHop) => boolean,
  summarised: (file: string) => boolean,
): boolean {
  // A module not examined yet (or not code) is decided when calls are matched; a chain cut short is reported then.
  let open = false;
  const targets = targetsOf(input, specifier, from, kind, path, 0, (hop) => void (open ||= typeof hop === 'string' || !hop.examined || modelled(hop)));
  return open || targets.some((t) => summarised(t.file));
}

/**
 * Whether another module's exports can come to anything where they escape (DetectOptions.exportsMatter):
 * a module not examined yet may; a built-in or a module not found cannot; an examined module may
 * when it, or a module it re-exports (forwards, `export *`, spreads), left a summary or
 * conditional findings (`summarised`), which only its examination makes. `forwardsOf` may keep
 * each table's re-exports (a table does not change once made): asked for every module each
 * file loads, reading the tables again cost more than the rest of the search.
 */
export function exportsCanMatter(input: Pick<MatchInput, 'resolve' | 'tables'>, specifier: string, from: string, kind: 'require' | 'import', summarised: (file: string) => boolean, forwardsOf: (table: ExportTable) => readonly ModuleAt[] = tableForwards): boolean {
  const seen = new Set<string>();
  const queue: ModuleAt[] = [{ specifier, from, kind }];
  while (queue.length > 0) {
    const at = queue.pop()!;
    const resolved = input.resolve(at.specifier, at.from, at.kind);
    if (resolved.kind !== 'file' || seen.has(resolved.file)) continue;
    seen.add(resolved.file);
    const table = input.tables.get(resolved.file);
    if (!table || summarised(resolved.file) || seen.size > 64) return true;
    queue.push(...forwardsOf(table));
  }
  return false;
}

/** A module request: a specifier, the file it is written in, and how it loads. */
export interface ModuleAt {
  specifier: string;
  from: string;
  kind: 'require' | 'import';
}

/** The modules a table re-exports (`export *`, forwarded names, spreads), in the order exportsCanMatter queues them. */
export function tableForwards(table: ExportTable): ModuleAt[] {
  const out: ModuleAt[] = [];
  const next = table.format === 'esm' ? 'import' : 'require';
  for (const s of table.star) out.push({ specifier: s, from: table.file, kind: next });
  const forwards = (e: ExportEntry): void => {
    if (e.kind === 'forward') {
      out.push({ specifier: e.specifier, from: table.file, kind: next });
      if (e.members) namedValues(e.members).forEach(forwards);
    } else if (e.kind === 'object') {
      namedValues(e.members).forEach(forwards);
      e.spreads?.forEach(forwards);
    } else if (e.kind === 'fn' && e.members) namedValues(e.members).forEach(forwards);
  };
  namedValues(table.entries).forEach(forwards);
  if (table.rest) forwards(table.rest);
  return out;
}

/** Replays summaries (and package models) for every pending call, adding reached functions to `reached`. */
export function matchCalls(input: MatchInput, emit: (findings: Findings) => void, reached: Set<FnKey>): void {
  const { state } = input;
  const queue = [...input.pending];
  const exported = new Map<string, Set<FnKey>>();
  const exportedIn = (file: string, fn: FnKey): boolean => {
    let set = exported.get(file);
    if (!set) exported.set(file, (set = exportedFunctions(input.tables.get(file)!)));
    return set.has(fn);
  };
  const take = (f: Findings) => {
    emit(f);
    for (const s of f.summaries) addSummary(input.summaries, s);
    queue.push(...f.pendingCalls);
  };
  // Past the replay cap each call left is said at its site (CALL_NOT_FOLLOWED, bound `replays`):
  // on da283aa they were dropped, with one FLOW_LIMIT for the run and nothing where they are.
  // `current`, the call being replayed when the cap was hit, is said whatever its key.
  const notFollowed = (current: PendingCall | undefined) => {
    if (state.stopped !== 'replays' || !input.cut) return;
    if (current && !onMadeObject(current)) emit(input.cut(current, 'replays', MAX_REPLAYS));
    for (const c of queue) {
      const key = callKey(c);
      if (onMadeObject(c) || (key !== undefined && state.seen.has(key))) continue;
      if (key !== undefined) state.seen.add(key);
      emit(input.cut(c, 'replays', MAX_REPLAYS));
    }
  };
  if (state.stopped) return notFollowed(undefined);
  while (queue.length > 0 && !state.stopped) {
    const call = queue.shift()!;
    // The same call with the same argument values finds the same things: match it once.
    const key = callKey(call);
    if (key !== undefined && state.seen.has(key)) continue;
    if (call.depth > MAX_CALL_DEPTH) {
      // Calls nested deeper than followed: what this one does is not seen, and is said here.
      if (input.cut && !onMadeObject(call)) take(input.cut(call, 'call-depth', MAX_CALL_DEPTH));
      // Not replayed, but called: what runs only when the function runs, or what it may call, is reported (./unmatched.ts).
      for (const { fn, file } of targetsOf(input, call.specifier, call.from, call.kind, call.path, 0, () => {})) {
        noteReached(state, reached, fn, call);
        (state.cutFiles ??= new Set()).add(file);
      }
      continue;
    }
    if (key !== undefined) state.seen.add(key);
    let cut = false;
    let foldCut = false;
    let rewritten = false;
    const onHop = (hop: CallHop | Cut) => {
      const modelled = typeof hop === 'string' ? undefined : input.modelFindings?.(call, hop);
      if (modelled) take(modelled);
      cut ||= hop === 'cut';
      foldCut ||= hop === 'fold-cut';
      rewritten ||= hop === 'rewritten';
    };
    const targets = targetsOf(input, call.specifier, call.from, call.kind, call.path, 0, onHop);
    // What the call reaches past the bound is not seen: said at the call, never silent.
    if (cut && input.cut && !onMadeObject(call)) take(input.cut(call, 'reexports', MAX_REEXPORT_HOPS));
    else if (foldCut && input.cut && !onMadeObject(call)) take(input.cut(call, 'fold-depth', MAX_DEPTH));
    // An earlier value of an export written again may be what runs: said at the call, the last followed too.
    if (rewritten && input.cut && !onMadeObject(call)) take(input.cut(call, 'rewritten', 0));
    for (const { fn, file } of targets) {
      noteReached(state, reached, fn, call);
      // A method of an object another module made (or a static one): its sinks are reported where they are.
      const made = !exportedIn(file, fn);
      if (made && call.onlyExported) continue;
      // A copy: replays add summaries (for other functions' parameters) while we go.
      for (const summary of [...(input.summaries.get(fn) ?? [])]) {
        if (++state.replays > MAX_REPLAYS) state.stopped = 'replays';
        else if (input.outOfTime?.()) state.stopped = 'time';
        if (state.stopped) return notFollowed(call);
        const found = summary.replay(call.args, call.via, call.depth + 1);
        take(underCondition(made || call.grantsOnly ? grantsOnly(found) : found, call));
      }
    }
  }
}

/**
 * A call on an object another module made (`zip.writeZip(p)`, `dep.read(p).trim()`): not known to
 * reach a function of that module at all (a string's or a promise's method is no export), and
 * each method it may reach reports its own sinks where they are. Where matching stops short of
 * its end, nothing was missed that was followed before such calls were matched: not said.
 */
function onMadeObject(call: PendingCall): boolean {
  return call.path.some((step) => step === CALL_RESULT || step === NEW_INSTANCE);
}

/**
 * What a replay of a method of an object another module made adds: its grants, not its
 * unresolved accesses. The method's own examination, with its parameters unbound, reported
 * every access at its site already (and, through its calls into other modules, theirs), so the
 * same site again from each call of it would only repeat it. The calls it makes carry the rule on.
 */
function grantsOnly(f: Findings): Findings {
  const diagnostics = f.diagnostics.filter((d) => !unresolvedDiagnostic(d));
  return { ...f, unresolved: [], diagnostics, pendingCalls: f.pendingCalls.map((c) => ({ ...c, grantsOnly: true as const })) };
}

/** The diagnostic an unresolved access is reported with: it names its reason and fallback. */
function unresolvedDiagnostic(d: Findings['diagnostics'][number]): boolean {
  const args = d.args as Record<string, unknown> | undefined;
  return !!args && 'reason' in args && 'fallback' in args;
}

export function addSummary(map: Map<FnKey, Summary[]>, summary: Summary): void {
  const list = map.get(summary.fn) ?? [];
  list.push(summary);
  map.set(summary.fn, list);
}

/**
 * What another module exports at `path` (or returns when called with `args`), once that module
 * has been analysed; undefined when it is a function reference, not analysed yet, or unknown.
 */
export function importedValue(resolve: Resolve, tables: ReadonlyMap<string, ExportTable>, specifier: string, from: string, path: string[], args?: Value[], hops = 0): Value | undefined {
  if (hops > MAX_VALUE_HOPS) return undefined;
  const resolved = resolve(specifier, from, from.endsWith('.mjs') ? 'import' : 'require');
  if (resolved.kind !== 'file') return undefined;
  const table = tables.get(resolved.file);
  const found = table && lookupExport(table, path);
  if (!table || !found) return undefined;
  if ('star' in found) return starValue(resolve, tables, table.file, found.star, found.path, args, hops);
  if ('spreads' in found) return spreadValue(resolve, tables, table.file, found.spreads, found.path, args, hops);
  const { entry, rest } = found;
  if (entry.kind === 'forward') return importedValue(resolve, tables, entry.specifier, table.file, [...entry.path, ...rest], args, hops + 1);
  // A built-in module (or a copy of one) exported whole: `gfs.readFileSync` is its member.
  if (entry.kind === 'value' && entry.value.k === 'builtin' && !args) return rest.reduce<Value & { k: 'builtin' }>(builtinMember, entry.value);
  if (entry.kind === 'value' && entry.value.k === 'oneOf' && !args && rest.length > 0) return membersOfEither(resolve, tables, entry.value.vs, rest, hops);
  if (rest.length > 0) return undefined;
  if (entry.kind === 'value' && !args) return entry.value;
  // A wrapper made in steps exported after its first (`retry: { renameSync: retryify(fs.renameSync) }`): called, it moves one step on.
  if (entry.kind === 'value' && entry.value.k === 'curried') return callCurried(entry.value);
  if (entry.kind === 'fn' && args && entry.forwards !== undefined) {
    const forwarded = args[entry.forwards];
    return forwarded && curried(forwarded, entry.stages ?? 0);
  }
  // A function returning its own module's exports (temp's chainable `track()`): the module itself.
  if (entry.kind === 'fn' && args && returnsOwnModule(entry, table.file)) return { k: 'module', specifier: table.file, from: table.file, path: [] };
  if (entry.kind === 'fn' && args && entry.returns) return entry.returns(args);
  return undefined;
}

/** Whether what a call of the function gives is its own module's exports (lib/detect/flow.ts returnsOwnExports). */
function returnsOwnModule(entry: ExportEntry & { kind: 'fn' }, file: string): boolean {
  const r = entry.result;
  return r?.kind === 'forward' && r.specifier === file && r.path.length === 0;
}

/** How many of a module's export names importedMembers reads (docs/limits.md). */
const MAX_MEMBERS = 4096;

/**
 * The built-in values another module's whole exports hold by name (`exports.r = fs.readFileSync`,
 * `module.exports = { r: fs.readFileSync }`), each as importedValue reads it; undefined when the
 * module is not examined. At most MAX_MEMBERS names are read: past them the list ends with an
 * entry of no name whose value is the bound, and the hand-on is reported as cut there
 * (lib/detect/function-escape.ts), never silent.
 */
export function importedMembers(resolve: Resolve, tables: ReadonlyMap<string, ExportTable>, specifier: string, from: string): { name: string; value: Value }[] | undefined {
  const resolved = resolve(specifier, from, from.endsWith('.mjs') ? 'import' : 'require');
  const table = resolved.kind === 'file' ? tables.get(resolved.file) : undefined;
  if (!table) return undefined;
  const whole = table.format === 'cjs' ? namedValue(table.entries, '') : undefined;
  const names = [...namedPairs(table.entries)].map(([name]) => name).filter((name) => name !== '');
  if (whole?.kind === 'object') names.push(...[...namedPairs(whole.members)].map(([name]) => name));
  const out: { name: string; value: Value }[] = [];
  for (const name of names.slice(0, MAX_MEMBERS)) {
    const value = importedValue(resolve, tables, specifier, from, [name]);
    if (value?.k === 'builtin') out.push({ name, value });
  }
  if (names.length > MAX_MEMBERS) out.push({ name: '', value: { k: 'num', v: MAX_MEMBERS } });
  return out;
}

/**
 * Another module's export at `path` when it is a function, its forwards followed; undefined when
 * not, not examined yet, or reached only through `export *` or a spread (not looked into).
 */
function importedFunction(resolve: Resolve, tables: ReadonlyMap<string, ExportTable>, specifier: string, from: string, path: string[], hops = 0): Extract<ExportEntry, { kind: 'fn' }> | undefined {
  if (hops > MAX_VALUE_HOPS) return undefined;
  const resolved = resolve(specifier, from, from.endsWith('.mjs') ? 'import' : 'require');
  const table = resolved.kind === 'file' ? tables.get(resolved.file) : undefined;
  const found = table && lookupExport(table, path);
  if (!table || !found || 'star' in found || 'spreads' in found) return undefined;
  const { entry, rest } = found;
  if (entry.kind === 'forward') return importedFunction(resolve, tables, entry.specifier, table.file, [...entry.path, ...rest], hops + 1);
  return entry.kind === 'fn' && rest.length === 0 ? entry : undefined;
}

/** The members another module's function at `path` writes onto its parameter `index` (ExportEntry `writes`), through forwards. */
export function importedParamWrites(resolve: Resolve, tables: ReadonlyMap<string, ExportTable>, specifier: string, from: string, path: string[], index: number): string[] | undefined {
  return importedFunction(resolve, tables, specifier, from, path)?.writes?.find((w) => w.index === index)?.names;
}

/**
 * Which argument another module's export at `path` forwards, and after how many steps, when it is
 * a forwarding factory (its table's `forwards`); undefined when not, not examined yet, or reached
 * only through `export *` or a spread (not looked into: the escape stays reported).
 */
export function importedForwarding(resolve: Resolve, tables: ReadonlyMap<string, ExportTable>, specifier: string, from: string, path: string[]): { index: number; stages: number } | undefined {
  const entry = importedFunction(resolve, tables, specifier, from, path);
  return entry?.forwards !== undefined ? { index: entry.forwards, stages: entry.stages ?? 0 } : undefined;
}

/**
 * Member `rest` of an export that is one of several values (`try { fs = require('graceful-fs') }
 * catch { fs = require('fs') }; module.exports = fs`, less's fs.js): that member of each
 * alternative that is a built-in module or another module's export, so a call of it is each
 * API it can be. None such: not known.
 */
function membersOfEither(resolve: Resolve, tables: ReadonlyMap<string, ExportTable>, alternatives: readonly Value[], rest: string[], hops: number): Value | undefined {
  const members: Value[] = [];
  for (const alt of alternatives) {
    if (alt.k === 'builtin') members.push(rest.reduce<Value & { k: 'builtin' }>(builtinMember, alt));
    else if (alt.k === 'module') {
      const path = [...alt.path, ...rest];
      members.push(importedValue(resolve, tables, alt.specifier, alt.from, path, undefined, hops + 1) ?? { ...alt, path });
    }
  }
  if (members.length === 0) return undefined;
  return members.length === 1 ? members[0] : { k: 'oneOf', vs: members };
}

/**
 * A name a module re-exports with `export * from` (or `__exportStar`): the value in the first of
 * those modules that has it, as Node links it (@pkgr/core's index re-exports the require its constants module
 * made with createRequire; the importer's call of it is a require).
 */
function starValue(resolve: Resolve, tables: ReadonlyMap<string, ExportTable>, file: string, stars: string[], path: string[], args: Value[] | undefined, hops: number): Value | undefined {
  for (const specifier of stars) {
    const resolved = resolve(specifier, file, file.endsWith('.mjs') ? 'import' : 'require');
    if (resolved.kind !== 'file') continue;
    const table = tables.get(resolved.file);
    // Not analysed yet: whether it has the name (and so hides the next ones) cannot be told.
    if (!table) return undefined;
    if (lookupExport(table, path)) return importedValue(resolve, tables, specifier, file, path, args, hops + 1);
  }
  return undefined;
}

/**
 * Member `path` of an object exported with spreads (`{ ...require('./fs'), ...require('./copy') }`):
 * the last spread that has it, a capability module only for a member it really has.
 */
function spreadValue(resolve: Resolve, tables: ReadonlyMap<string, ExportTable>, file: string, spreads: ExportEntry[], path: string[], args: Value[] | undefined, hops: number): Value | undefined {
  // Spreads fan out (each that lacks the name sends the search to the next): as deep as a call's targets.
  if (hops > MAX_REEXPORT_HOPS) return undefined;
  for (let i = spreads.length - 1; i >= 0; i--) {
    const e = spreads[i]!;
    if (e.kind === 'forward') {
      const v = importedValue(resolve, tables, e.specifier, file, [...e.path, ...path], args, hops + 1);
      if (v) return v;
    } else if (e.kind === 'value' && e.value.k === 'builtin' && !args && path.length > 0 && hasRealMember(e.value.module, e.value.path, path[0]!)) {
      return path.reduce<Value & { k: 'builtin' }>(builtinMember, e.value);
    }
  }
  return undefined;
}
