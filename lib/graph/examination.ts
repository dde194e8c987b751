// An examination as data: what the detectors found in one file, in a form that can be copied to
// another thread or stored, for the files whose findings hold nothing of their syntax tree
// (issue #19; docs/design/per-file-summary.md, phases 1 and 5). A record is taken in where the
// findings would have been, at the file's turn (Worklist.takeExamination), so the report is the
// same. A summary (a call waiting for a caller's arguments) is kept as its function's key only:
// the first replay a call asks of it parses the file again and repeats its examination with the
// record's answers (answering), which gives the same summaries. Findings that hold another
// closure over the tree (a folded return, a model's `madeFrom`), a function value, a deferred
// call or a method call a model describes have no record: such a file is examined where its tree is.

import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ConditionalFindings, DetectOptions, ExportEntry, ExportEscape, ExportTable, FileDetection, FnKey, ModuleRequest, ParamPlace, PendingCall, Summary } from '../detect/index.js';
import { namedValues, type Named } from '../detect/index.js';
import type { EvalHooks, EvalState, ParamToken, Unknown, Value } from '../evaluate/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { FileModel } from '../parse/index.js';
import type { Assumption, Evidence, Need, Site, Unresolved } from '../types.js';
import { callsHoldFunctions, functionsAgain } from './record-functions.js';

/**
 * A module request as data: whether it is in a `try` that handles a failure, decided when
 * recorded for a request that loads nothing then; for one that loads something, the record
 * holds the question `loads` instead (recordOf).
 */
export type RecordedRequest = Omit<ModuleRequest, 'caught'> & { caught?: boolean };

/**
 * The hooks and options through which an examination asks outside its file (lib/graph/index.ts
 * wraps them); `loads` is asked of a recorded request whose `caught` was left undecided.
 */
export type QuestionKind = 'importValue' | 'jsonData' | 'resolve' | 'tooBroad' | 'methodNames' | 'callMatters' | 'awaitsExports' | 'valueModelsOf' | 'valueHookNames' | 'exportsMatter' | 'loads' | 'forwardingOf' | 'importedMembers' | 'paramWritesOf';

/** A question an examination asked outside its file, with its arguments and the answer it got. */
export interface Question {
  ask: QuestionKind;
  args: unknown[];
  answer: unknown;
}

/** What an examination did to the run besides its findings, in the order it did it. */
export type Effect = { assumption: Assumption } | { packageJson: string; evidence: Evidence };

/** What the recorder saw of one examination: the same answers mean the same findings. */
export interface Asked {
  questions: Question[];
  effects: Effect[];
}

/** One file's examination as plain data (structured-clonable). */
export interface ExaminationRecord extends Asked {
  needs: Need[];
  unresolved: Unresolved[];
  diagnostics: Diagnostic[];
  modules: RecordedRequest[];
  pendingCalls: PendingCall[];
  exports: ExportTable;
  /** Where other modules' exports escape (plain data, lib/detect/export-escape.ts). */
  escapes?: ExportEscape[];
  /** What waits for a call to reach one of the file's exported functions (lib/detect/liveness.ts): their keys are the table's. */
  conditional?: ConditionalFindings[];
  /** The file's summaries, by the key of the function whose callers they wait for; replayed from the file's tree parsed again (see `keys`). */
  summaries?: RecordedSummary[];
  /**
   * The keys the examination gave the file's functions, by ordinal (carryFnKeys): the same
   * objects as in `exports`, `summaries` and `conditional` (one copy of a record keeps them one),
   * adopted by the tree parsed again for a replay, so its summaries and matching agree.
   */
  keys?: ReadonlyMap<number, FnKey>;
  /**
   * In a file with summaries, the tokens its examination stood its parameters with (detachParams),
   * each with its parameter's place: the same objects as in `pendingCalls` and `exports`, adopted
   * by the tree parsed again for a replay, so a token maps back to its parameter there as it did
   * in the tree examined at the file's turn.
   */
  params?: RecordedParam[];
  /** Its pending calls pass functions of the file, kept as their places (./record-functions.ts): made functions again when taken in. */
  functions?: true;
}

/** A parameter token as a record keeps it: with where its parameter is (detect's ParamPlace). */
export interface RecordedParam extends ParamPlace {
  token: ParamToken;
}

/** A summary as a record keeps it: whose parameters its replay binds, and in which file. */
export interface RecordedSummary {
  fn: FnKey;
  file: string;
}

/** One replay of a summary of a file taken from its record, as data (./replay-memo.ts). */
export interface ReplayMemo {
  /** The summary's place in its record's list (the same record: a store drops a record's memos with it). */
  summary: number;
  /** The replay's arguments (each parameter of another file's as its slot), its trail, its depth, and whether unbound. */
  call: [Value[], Site[], number, boolean];
  /** What it found, as a record with no exports, with the questions it asked and what it did in order. */
  found: ExaminationRecord;
  /** The evaluation state it left: the fuel left (a replay starts with all of it), and the traces, fold cycles and depth cuts it added (EvalState). */
  state: [number, number, number, number];
}

/** One fold of what one of the file's functions returns, as data (an importer's question folds it again). */
export interface FoldMemo {
  /** Where the fold looks (the record's place for it). */
  fold: FoldPlace;
  /** The arguments, each parameter of another file's as its slot. */
  args: Value[];
  /** What it returned; a parameter of the arguments as its slot (./replay-memo.ts). */
  value: Value;
  /** The questions it asked at its own level, and what it did in order. */
  asked: Asked;
  /** The fuel it used (it runs on what its importer's examination left), and the traces, fold cycles and depth cuts it added. */
  state: [number, number, number, number];
}

/** What a record keeps of the computations made on its file's tree after its turn. */
export type Memo = ReplayMemo | FoldMemo;

/** A record as kept between runs: with what the file's parse told, so it can be taken up without its tree. */

/**
 * A module a file names literally (./files.ts literalDependencies): `base`, for a require made by
 * createRequire for another place, the file it resolves from, relative to this file's folder
 * (`sub dir/index.js`).
 */
export interface LiteralDependency {
  specifier: string;
  kind: 'require' | 'import';
  base?: string;
}

export interface StoredExamination extends ExaminationRecord {
  format: 'cjs' | 'esm';
  /** For ESM: whether it has import or export declarations (LoadedFile.moduleSyntax). */
  moduleSyntax?: boolean;
  /** Its literal dependencies, in order (files.ts literalDependencies): examined before it. */
  literal: LiteralDependency[];
}

/**
 * Records kept between runs made with the same options and the same tool (a per-file cache; a
 * test), by file and content: `content` is contentKey's. A run's facts (env, cwd, platform,
 * target) are not in a record's questions: a store serves one set of options only.
 */
export interface RecordStore {
  get(file: string, content: string): StoredExamination | undefined;
  put(file: string, content: string, stored: StoredExamination): void;
  /** The record `get` gave was taken in, not examined again (a cache counts these). */
  taken?(file: string, content: string): void;
  /** The SHA-256 (base64) of bytes the store's side hashed already, if it did (a cache that records each file read): contentKey need not hash them again. */
  digest?(bytes: Uint8Array): string | undefined;
  /**
   * The replays and folds kept with a record `get` gave (./replay-memo.ts), read only when one is
   * first asked for; a memo used (by its place in that list) or made in this run is kept with the
   * record for the next run, the others are dropped, and all of them when the record is put again.
   */
  memos?(file: string, content: string): readonly Memo[];
  keepMemo?(file: string, content: string, at: number): void;
  addMemo?(file: string, content: string, memo: Memo): void;
  /**
   * The files whose content alone changed since the run that made these records and stored its
   * report (all else it asked answers the same): each with its old and new SHA-256 (base64). If
   * each examines now, with its record's answers, to its record (Worklist.examinesAsStored), that
   * report is this run's, and `unchanged` ends the run (it throws).
   */
  changed?: readonly { file: string; before: string; after: string; args: string }[];
  unchanged?(): never;
}

/** What a file's examination depends on in the file itself: its bytes (their SHA-256, base64) and how it is parsed. */
export function contentKey(bytes: Uint8Array, format: 'cjs' | 'esm', detectable: boolean, digest?: string): string {
  return `${digest ?? createHash('sha256').update(bytes).digest('base64')} ${format}${detectable ? ' detectable' : ''}`;
}

/** The functions a recorded question is asked again through, as the examination asked it (resolve: without its effect). */
export interface Askers {
  detect: DetectOptions;
  resolveFile(specifier: string, from: string): string | undefined;
  /** Whether a module request resolves to nothing (a missing module), as the worklist's `follow` resolves it. */
  loadsNothing(request: LoadQuestion): boolean;
  /** ModelIndex's: which value models apply in a package, and the names their hooks are asked about. */
  valueModelsOf(pkg: string): string;
  valueHookNames(): string[][];
}

/** Whether every question a record holds gets the same answer now: then its examination would find the same. */
export function answeredAlike(questions: readonly Question[], askers: Askers): boolean {
  return questions.every((q) => {
    const answer = askAgain(q, askers);
    return isDeepStrictEqual(answer instanceof Set ? [...answer].sort() : answer, q.answer);
  });
}

function askAgain({ ask, args }: Question, { detect, resolveFile, loadsNothing, valueModelsOf, valueHookNames }: Askers): unknown {
  const { hooks } = detect.env;
  // The arguments are the ones the same function was called with when recorded.
  const as = <F extends (...a: never[]) => unknown>() => args as unknown as Parameters<F>;
  switch (ask) {
    case 'importValue':
      return hooks.importValue?.(...as<NonNullable<typeof hooks.importValue>>());
    case 'jsonData':
      return hooks.jsonData?.(...as<NonNullable<typeof hooks.jsonData>>());
    case 'resolve':
      return resolveFile(args[0] as string, args[1] as string);
    case 'tooBroad':
      return detect.tooBroad(...as<DetectOptions['tooBroad']>());
    case 'methodNames':
      return detect.methodNames?.(args[0] as string);
    case 'callMatters':
      return detect.callMatters?.(...as<NonNullable<DetectOptions['callMatters']>>());
    case 'exportsMatter':
      return detect.exportsMatter?.(...as<NonNullable<DetectOptions['exportsMatter']>>());
    case 'awaitsExports':
      return detect.awaitsExports?.(...as<NonNullable<DetectOptions['awaitsExports']>>());
    case 'valueModelsOf':
      return valueModelsOf(args[0] as string);
    case 'valueHookNames':
      return valueHookNames();
    case 'loads':
      return !loadsNothing(args[0] as LoadQuestion);
    case 'forwardingOf':
      return hooks.forwardingOf?.(...as<NonNullable<typeof hooks.forwardingOf>>());
    case 'importedMembers':
      return hooks.importedMembers?.(...as<NonNullable<typeof hooks.importedMembers>>());
    case 'paramWritesOf':
      return hooks.paramWritesOf?.(...as<NonNullable<typeof hooks.paramWritesOf>>());
  }
}

/** What `loads` asks of a request: the part of it resolution reads. */
export type LoadQuestion = Pick<ModuleRequest, 'specifier' | 'from' | 'kind'>;

/** Where a fold of one of the file's own functions looks: its ordinal and where it starts (detachedFold). */
export interface FoldPlace {
  at: number;
  start: number;
}

/**
 * What a record of a file with summaries or folded returns needs of its tree: its functions'
 * keys by ordinal, where a fold of one of them looks, and the parameter tokens its examination
 * made with their places (undefined when one has no place: then a token is not data there).
 */
export interface OwnFunctions {
  keys: ReadonlyMap<number, FnKey>;
  place(fn: FnKey): FoldPlace | undefined;
  params(): RecordedParam[] | undefined;
  /** The calls with each of the file's functions among their arguments as its place (./record-functions.ts); undefined when one is another file's. */
  functions(calls: readonly PendingCall[]): PendingCall[] | undefined;
}

/**
 * The record of an examination, or undefined when its findings hold something of the tree.
 * Without `asked` (nothing was recorded) the record holds no questions or effects.
 * `loadsNothing` tells which requests resolve to nothing now (without it: every one may).
 * Summaries and folded returns are recorded only with `own` (the file's functions, OwnFunctions),
 * which their replay needs to parse the file again.
 */
export function recordOf(f: FileDetection, asked: Asked = { questions: [], effects: [] }, loadsNothing: (request: ModuleRequest) => boolean = () => true, own?: OwnFunctions): ExaminationRecord | undefined {
  if (f.methodCalls.length > 0 || (f.deferred?.length ?? 0) > 0 || (f.summaries.length > 0 && !own)) return undefined;
  // A parameter token is mapped back only by its file's tree, which a file with `own` may have
  // again (a replay, a fold, a function called): there a token is data when the record says
  // where its parameter is (params).
  const params = own?.params();
  const tokens = !own || params !== undefined;
  const pendingCalls = own && callsHoldFunctions(f.pendingCalls) ? own.functions(f.pendingCalls) : f.pendingCalls;
  if (!pendingCalls?.every((call) => call.args.every((a) => isData(a, tokens))) || !tableIsData(f.exports, tokens, own)) return undefined;
  const loads: Question[] = [];
  const modules = f.modules.map((request) => recordedRequest(request, loadsNothing, loads));
  const summaries = f.summaries.map(({ fn, file }) => ({ fn, file }));
  const exports = own ? foldsAsPlaces(f.exports, own) : f.exports;
  return {
    needs: f.needs,
    unresolved: f.unresolved,
    diagnostics: f.diagnostics,
    modules,
    pendingCalls,
    ...(pendingCalls !== f.pendingCalls ? { functions: true as const } : {}),
    exports,
    ...(f.escapes ? { escapes: f.escapes } : {}),
    ...(f.conditional?.length ? { conditional: f.conditional } : {}),
    ...(summaries.length > 0 || exports !== f.exports || pendingCalls !== f.pendingCalls ? { keys: own!.keys } : {}),
    ...(summaries.length > 0 ? { summaries } : {}),
    ...(params?.length ? { params } : {}),
    questions: [...asked.questions, ...loads],
    effects: asked.effects,
  };
}

/** An export entry as a record keeps it: a folded return as the place it folds at. */
type StoredEntry = ExportEntry & { fold?: FoldPlace };

/** The table with each fold (a closure over the tree) as its place, or the table itself when it folds nothing. */
function foldsAsPlaces(table: ExportTable, own: OwnFunctions): ExportTable {
  if (!tableFolds(table)) return table;
  return mapFunctions(table, ({ returns, ...e }) => (returns ? ({ ...e, fold: own.place(e.fn)! } as StoredEntry) : e));
}

/** The table with each recorded place a fold again, as `foldAt` makes it. */
function placesAsFolds(table: ExportTable, foldAt: (place: FoldPlace) => (args: Value[]) => Value): ExportTable {
  if (!tableFolds(table, true)) return table;
  return mapFunctions(table, (e: StoredEntry) => {
    if (!e.fold) return e;
    const { fold, ...rest } = e;
    return { ...rest, returns: foldAt(fold) } as ExportEntry;
  });
}

/** Whether a table folds a return (or, `placed`, holds a fold's place). */
function tableFolds(table: ExportTable, placed = false): boolean {
  const folds = (e: ExportEntry): boolean =>
    e.kind === 'fn' ? (placed ? (e as StoredEntry).fold !== undefined : e.returns !== undefined) || (e.members !== undefined && namedValues(e.members).some(folds)) : e.kind === 'object' ? namedValues(e.members).some(folds) || (e.spreads ?? []).some(folds) : e.kind === 'forward' && e.members !== undefined && namedValues(e.members).some(folds);
  return namedValues(table.entries).some(folds) || (table.rest !== undefined && folds(table.rest));
}

/** A copy of the table with `f` applied to each function entry (its members done first); the rest shared. */
function mapFunctions(table: ExportTable, f: (e: ExportEntry & { kind: 'fn' }) => ExportEntry): ExportTable {
  const one = (e: ExportEntry): ExportEntry => {
    if (e.kind === 'fn') return f(e.members ? { ...e, members: mapNamed(e.members, one) } : e);
    if (e.kind === 'object') return { ...e, members: mapNamed(e.members, one), ...(e.spreads ? { spreads: e.spreads.map(one) } : {}) };
    // Members written below another module's value (flow.ts addNestedMembers) may be functions of this file.
    if (e.kind === 'forward' && e.members) return { ...e, members: mapNamed(e.members, one) };
    return e;
  };
  return { ...table, entries: mapNamed(table.entries, one), ...(table.rest ? { rest: one(table.rest) } : {}) };
}

/** `n` with `f` applied to each value, in the same form (a Map, or names and values alternating). */
function mapNamed<T>(n: Named<T>, f: (v: T) => T): Named<T> {
  if (!Array.isArray(n)) return new Map([...(n as ReadonlyMap<string, T>)].map(([k, v]) => [k, f(v)]));
  return (n as readonly (string | T)[]).map((x, i) => (i % 2 === 0 ? x : f(x as T)));
}

/**
 * `caught` is asked only of a request that resolves to nothing (a missing module: whether its
 * failure is handled). Deciding it means finding the file's `try` blocks, a walk of the whole
 * tree; so it is decided now only for a request that loads nothing now, and a request that
 * loads something becomes the question `loads`: should it load nothing in a later run, the
 * record is not taken and the file is examined with its tree.
 */
function recordedRequest({ caught, ...request }: ModuleRequest, loadsNothing: (request: ModuleRequest) => boolean, loads: Question[]): RecordedRequest {
  if (!caught) return request;
  if (loadsNothing(request)) return { ...request, caught: caught() };
  loads.push({ ask: 'loads', args: [{ specifier: request.specifier, from: request.from, kind: request.kind }], answer: true });
  return request;
}

/** One recording under way: what it saw, whether all of it was data, and the hook-call level it records at. */
interface Frame extends Asked {
  data: boolean;
  level: number;
}

/**
 * Records, while one file is examined, the questions it asks outside the file and what it does
 * to the run (see Question, Effect); and, the same way, while a replay or a fold of a file taken
 * from its record is made (`during`, ./replay-memo.ts). One per run; idle (every hook passes
 * straight through) when nothing is recorded. Recordings nest: each keeps the questions asked at
 * the hook-call level it began at (a call made while answering another, a fold of another file's
 * return, is part of that answer), and every effect done while it is open.
 */
export class ExaminationRecorder {
  private readonly frames: Frame[] = [];
  /** Hook calls under way. */
  private level = 0;

  /** Whether something is being recorded. */
  get recording(): boolean {
    return this.frames.length > 0;
  }

  /** An examination's recording begins (ended by `end`). */
  begin(): void {
    this.frames.push({ questions: [], effects: [], data: true, level: this.level });
  }

  /** What the examination asked and did; undefined when an argument or answer was not data (no record then). */
  end(): Asked | undefined {
    const open = this.frames.pop();
    return open?.data ? { questions: open.questions, effects: open.effects } : undefined;
  }

  /** `f`'s value, and what it asked and did (undefined when something was not data), recorded apart from any recording under way. */
  during<T>(f: () => T): { value: T; asked: Asked | undefined } {
    this.begin();
    let value: T;
    try {
      value = f();
    } catch (e) {
      this.frames.pop();
      throw e;
    }
    return { value, asked: this.end() };
  }

  /** `hook`, whose calls become questions of the recordings under way. */
  asks<A extends unknown[], R>(ask: QuestionKind, hook: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      if (this.frames.length === 0) return hook(...args);
      const level = this.level;
      this.level++;
      let answer: R;
      try {
        answer = hook(...args);
      } finally {
        this.level--;
      }
      // Mostly one recording (an examination's), so no list is made of those at this level.
      if (!this.frames.some((f) => f.level === level)) return answer;
      // A set that grows later (a package's modelled method names) is kept as it was.
      const kept = answer instanceof Set ? [...answer].sort() : answer;
      const asked = args.every(plain) ? args : dataArgs(ask, args, kept);
      const data = asked !== undefined && plain(kept);
      const question: Question = { ask, args: asked ?? args, answer: kept };
      for (const open of this.frames) {
        if (open.level !== level) continue;
        open.questions.push(question);
        if (!data) open.data = false;
      }
      return answer;
    };
  }

  /** An effect done while recording; nested ones too, since they happen in its order. */
  did(effect: Effect): void {
    for (const open of this.frames) open.effects.push(effect);
  }

  /** An answer that cannot be recorded (a package model's hook answered from the file's tree): no record. */
  refuse(): void {
    for (const open of this.frames) open.data = false;
  }
}

/**
 * The arguments to keep for a question whose arguments are not all data, or undefined (no
 * record then). What another module exports, asked with a call's arguments (`importValue`, a
 * callback or a parameter among them), depends on them only through a folded return or a
 * forwarding factory (which answers the argument it forwards), and either answers something
 * for any arguments: so an undefined answer is kept with each argument that is not data
 * replaced by a stand-in that is (asked again so, it is undefined again exactly when neither is
 * there now). The stand-ins keep the count: a factory forwarding an argument the call does not
 * pass answers undefined both times.
 */
function dataArgs(ask: QuestionKind, args: unknown[], answer: unknown): unknown[] | undefined {
  if (ask !== 'importValue' || answer !== undefined || args.length !== 4 || !args.slice(0, 3).every(plain) || !Array.isArray(args[3])) return undefined;
  return [...args.slice(0, 3), (args[3] as unknown[]).map((a) => (plain(a) ? a : STAND_IN))];
}

/** An argument that is not data, as a recorded question keeps it (dataArgs). */
const STAND_IN: Value = { k: 'unknown', reason: 'call-result', site: { file: '', line: 0, column: 0 } };

/** Plain data: primitives, arrays, plain objects and Maps of them, values that are data (isData). */
function plain(x: unknown, depth = 0): boolean {
  if (x === null || typeof x !== 'object') return typeof x !== 'function' && typeof x !== 'symbol';
  if (depth > 32) return false;
  if ('k' in x && typeof x.k === 'string') return isData(x as Value);
  if (Array.isArray(x)) return x.every((e) => plain(e, depth + 1));
  if (x instanceof Map) return [...x.values()].every((e) => plain(e, depth + 1));
  return Object.getPrototypeOf(x) === Object.prototype && Object.values(x).every((e) => plain(e, depth + 1));
}

/**
 * The findings a record stands for, as the detectors would have given them (its effects are the
 * caller's to replay). `again` gives the file's summaries made again from its tree, in the
 * record's order; it is asked the first time one of them is replayed, and once. `foldAt` makes
 * a folded return again from the place the record keeps (without it, a record that has one
 * keeps the place, and its table folds nothing).
 */
export function findingsOf(r: ExaminationRecord, again: () => readonly Summary[] = () => [], foldAt?: (place: FoldPlace) => (args: Value[]) => Value, tree?: () => FileModel | undefined): FileDetection {
  const modules = r.modules.map(({ caught, ...request }): ModuleRequest => (caught === undefined ? request : { ...request, caught: () => caught }));
  let made: readonly Summary[] | undefined;
  const summaries = (r.summaries ?? []).map(({ fn, file }, i): Summary => ({
    fn,
    file,
    replay: (...args) => {
      made ??= again();
      const s = made[i];
      // The same answers give the same examination: a summary missing there is a defect, said rather than left silent.
      if (!s || s.fn !== fn) throw new Error(`internal: the summaries of ${file} made again differ from its record`);
      return s.replay(...args);
    },
  }));
  const exports = foldAt ? placesAsFolds(r.exports, foldAt) : r.exports;
  const pendingCalls = r.functions ? functionsAgain(r.pendingCalls, tree ?? (() => undefined)) : r.pendingCalls;
  return { needs: r.needs, unresolved: r.unresolved, diagnostics: r.diagnostics, modules, pendingCalls, summaries, methodCalls: [], exports, ...(r.escapes ? { escapes: r.escapes } : {}), ...(r.conditional ? { conditional: r.conditional } : {}) };
}

/**
 * Detection options that answer each question of a file's examination as its record holds it,
 * in the order asked (by kind), and do nothing to the run (its effects were done when the record
 * was taken): the examination repeated later, for the tree its summaries replay on, finds what
 * it found at the file's turn. Once `done` is called (the examination over) every hook is the
 * live one again: the summaries made keep these options, and their replays ask and act like any
 * replay. A question the record does not hold (never, unless examining stopped being a function
 * of the answers) is asked of `detect` itself.
 */
export function answering(questions: readonly Question[], detect: DetectOptions): { detect: DetectOptions; done(): void } {
  const queues = new Map<QuestionKind, Question[]>();
  for (const q of questions) queues.set(q.ask, [...(queues.get(q.ask) ?? []), q]);
  let live = false;
  const from = <A extends unknown[], R>(ask: QuestionKind, hook: (...args: A) => R) => (...args: A): R => {
    const q = live ? undefined : queues.get(ask)?.[0];
    if (!q || (args.every((a) => plain(a)) && !isDeepStrictEqual(args, q.args))) return hook(...args);
    queues.get(ask)!.shift();
    // methodNames answers a set, recorded sorted; it is only asked whether it has a name.
    return (ask === 'methodNames' && Array.isArray(q.answer) ? new Set(q.answer) : q.answer) as R;
  };
  // A record is made only when the models' value hooks answered nothing (graph/index.ts modelHooks).
  const nothing = <A extends unknown[], R>(hook: (...args: A) => R) => (...args: A): R | undefined => (live ? hook(...args) : undefined);
  const { env } = detect;
  const { hooks, state } = env;
  const { parserOptions: cli, fieldValue: fields } = hooks;
  const answered: typeof hooks = {
    ...hooks,
    assume: (a) => {
      if (live) hooks.assume(a);
    },
    // The live hook counts each resolution as a trace (EvalState.traces): so does its answer.
    resolve: (...args) => {
      if (!live && state) state.traces.count++;
      return from('resolve', hooks.resolve)(...args);
    },
    ...(hooks.importValue ? { importValue: from('importValue', hooks.importValue) } : {}),
    ...(hooks.jsonData ? { jsonData: from('jsonData', hooks.jsonData) } : {}),
    ...(cli ? { parserOptions: { names: cli.names, value: nothing(cli.value.bind(cli)), ...(cli.called ? { called: nothing(cli.called.bind(cli)) } : {}) } } : {}),
    ...(fields ? { fieldValue: { last: fields.last, value: nothing(fields.value.bind(fields)) } } : {}),
  };
  const options: DetectOptions = {
    ...detect,
    env: { ...env, hooks: answered },
    tooBroad: from('tooBroad', detect.tooBroad),
    ...(detect.methodNames ? { methodNames: from('methodNames', detect.methodNames) } : {}),
    ...(detect.callMatters ? { callMatters: from('callMatters', detect.callMatters) } : {}),
    ...(detect.exportsMatter ? { exportsMatter: from('exportsMatter', detect.exportsMatter) } : {}),
    ...(detect.awaitsExports ? { awaitsExports: from('awaitsExports', detect.awaitsExports) } : {}),
  };
  return { detect: options, done: () => void (live = true) };
}

/** Thrown by a hook of `strictly` asked what the record does not hold: the examination is another. */
class Unanswered extends Error {}

/**
 * Detection options for examining a file's new content as if at its turn in the run that made
 * its record (RecordStore.changed): every question answered as the record holds it, in order,
 * each asked with the same arguments, and recorded as the live recorder would (`asked`); what
 * the record cannot answer (a question it does not hold or holds otherwise, a fold of another
 * file's tree) throws and sets `failed`, and so does a package model's value hook that answers
 * in a package where value models apply (the live recorder refuses a record then). Nothing is
 * done to the run: assumptions are kept as the examination's effects; `state` is its own.
 */
export function strictly(questions: readonly Question[], detect: DetectOptions, state: EvalState): { detect: DetectOptions; failed(): boolean; asked(): Asked } {
  const queues = new Map<QuestionKind, Question[]>();
  for (const q of questions) if (q.ask !== 'loads') queues.set(q.ask, [...(queues.get(q.ask) ?? []), q]);
  let failed = false;
  const asked: Question[] = [];
  const effects: Effect[] = [];
  const miss = (): never => {
    failed = true;
    throw new Unanswered('not in the record');
  };
  const answer = (ask: QuestionKind, args: unknown[]): unknown => {
    const q = failed ? undefined : queues.get(ask)?.shift();
    if (!q) return miss();
    const kept = args.every((a) => plain(a)) ? args : dataArgs(ask, args, q.answer);
    if (kept === undefined || !isDeepStrictEqual(kept, q.args)) return miss();
    // As the live recorder keeps it: the arguments of now (which the findings may share), the answer recorded.
    asked.push({ ask, args: kept, answer: q.answer });
    return ask === 'methodNames' && Array.isArray(q.answer) ? new Set(q.answer) : q.answer;
  };
  const from = <A extends unknown[], R>(ask: QuestionKind) => (...args: A): R => answer(ask, args) as R;
  // As graph/index.ts modelHooks: a value hook answers in a package only when value models apply
  // there (valueModelsOf), and then no record is made. Their names (the evaluator's quick test
  // before it calls one) are those of the run at the file's turn: the record's first answer.
  const nothing = (model: FileModel): undefined => {
    if (answer('valueModelsOf', [detect.packageOf(model.file)]) !== '') miss();
    return undefined;
  };
  const [cliNames, fieldNames] = (questions.find((q) => q.ask === 'valueHookNames')?.answer as string[][] | undefined) ?? [[], []];
  const { parserOptions: cli, fieldValue: fields } = detect.env.hooks;
  const hooks: EvalHooks = {
    assume: (assumption) => void effects.push({ assumption }),
    resolve: from('resolve'),
    importValue: from('importValue'),
    forwardingOf: from('forwardingOf'),
    importedMembers: from('importedMembers'),
    paramWritesOf: from('paramWritesOf'),
    jsonData: from('jsonData'),
    modelOf: miss,
    ...(cli ? { parserOptions: { names: new Set(cliNames), value: nothing, ...(cli.called ? { called: nothing } : {}) } } : {}),
    ...(fields ? { fieldValue: { last: new Set(fieldNames), value: nothing } } : {}),
  };
  const options: DetectOptions = {
    ...detect,
    env: { ...detect.env, hooks, state },
    tooBroad: from('tooBroad'),
    // As graph/index.ts asks it: the models' value hook names first, then the package's method names.
    ...(detect.methodNames ? { methodNames: (pkg: string) => (answer('valueHookNames', []), answer('methodNames', [pkg]) as ReadonlySet<string> | undefined) } : {}),
    ...(detect.callMatters ? { callMatters: from('callMatters') } : {}),
    ...(detect.exportsMatter ? { exportsMatter: from('exportsMatter') } : {}),
    ...(detect.awaitsExports ? { awaitsExports: from('awaitsExports') } : {}),
  };
  return { detect: options, failed: () => failed, asked: () => ({ questions: asked, effects }) };
}

/** An export table with only data values (`tokens`: see isData) and no folded returns but of the file's own functions (with `own`). */
function tableIsData(table: ExportTable, tokens: boolean, own?: OwnFunctions): boolean {
  const data = (e: ExportEntry) => entryIsData(e, tokens, own);
  return namedValues(table.entries).every(data) && (table.rest === undefined || data(table.rest));
}

function entryIsData(e: ExportEntry, tokens: boolean, own: OwnFunctions | undefined): boolean {
  const data = (x: ExportEntry) => entryIsData(x, tokens, own);
  switch (e.kind) {
    case 'fn':
      return (
        (!e.returns || own?.place(e.fn) !== undefined) &&
        (e.members === undefined || namedValues(e.members).every(data)) &&
        (e.result === undefined || data(e.result)) &&
        [...namedValues(e.instance ?? []), ...namedValues(e.statics ?? [])].every(data)
      );
    case 'value':
      return isData(e.value, tokens);
    case 'forward':
      return e.members === undefined || namedValues(e.members).every(data);
    case 'object':
      return namedValues(e.members).every(data) && (e.spreads ?? []).every(data);
  }
}

/**
 * Whether a value holds nothing of its file's tree: no function (kind `fn` keeps its node and
 * model) and no parameter binding. A parameter detached as a token (ParamToken, a pending call's
 * argument or an exported value) is data with `tokens`: only its own file's tree maps it back
 * to its parameter; a file without summaries is never examined or replayed in again after its
 * turn, and the tree a file with summaries is parsed again into adopts the record's tokens
 * (`params`, ./record-params.ts), so a token copied with its record stands for it exactly.
 */
export function isData(v: Value, tokens = false): boolean {
  const data = (x: Value) => isData(x, tokens);
  switch (v.k) {
    case 'fn':
      return false;
    case 'unknown':
      return unknownIsData(v, tokens);
    case 'prefix':
      return unknownIsData(v.cause, tokens);
    case 'oneOf':
      return v.vs.every(data);
    case 'arr':
      return v.items.every(data);
    case 'obj':
      return [...v.props.values()].every(data) && (v.rest === undefined || data(v.rest)) && (v.copyOf === undefined || data(v.copyOf)) && (v.spreads ?? []).every(data);
    case 'builtin':
    case 'require':
      return v.cause === undefined || unknownIsData(v.cause, tokens);
    case 'curried':
      return data(v.value);
    default:
      return true;
  }
}

function unknownIsData(u: Unknown, tokens: boolean): boolean {
  return u.param === undefined || (tokens && 'paramToken' in u.param);
}
