// An examination as data: what the detectors found in one file, in a form that can be copied to
// another thread or stored, for the files whose findings hold nothing of their syntax tree
// (issue #19; docs/design/per-file-summary.md, phase 1). A record is taken in where the findings
// would have been, at the file's turn (Worklist.takeExamination), so the report is the same.
// Findings that hold a closure over the tree (a summary's replay, a folded return, a model's
// `madeFrom`), a function value or a parameter of the file have no record: such a file is
// examined where its tree is.

import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { DetectOptions, ExportEntry, ExportEscape, ExportTable, FileDetection, ModuleRequest, PendingCall } from '../detect/index.js';
import { namedValues } from '../detect/index.js';
import type { Unknown, Value } from '../evaluate/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { Assumption, Evidence, Need, Unresolved } from '../types.js';

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
export type QuestionKind = 'importValue' | 'jsonData' | 'resolve' | 'tooBroad' | 'methodNames' | 'callMatters' | 'awaitsExports' | 'valueModelsOf' | 'valueHookNames' | 'exportsMatter' | 'loads';

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
}

/** A record as kept between runs: with what the file's parse told, so it can be taken up without its tree. */
export interface StoredExamination extends ExaminationRecord {
  format: 'cjs' | 'esm';
  /** For ESM: whether it has import or export declarations (LoadedFile.moduleSyntax). */
  moduleSyntax?: boolean;
  /** Its literal dependencies, in order (files.ts literalDependencies): examined before it. */
  literal: { specifier: string; kind: 'require' | 'import' }[];
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
  }
}

/** What `loads` asks of a request: the part of it resolution reads. */
export type LoadQuestion = Pick<ModuleRequest, 'specifier' | 'from' | 'kind'>;

/**
 * The record of an examination, or undefined when its findings hold something of the tree.
 * Without `asked` (nothing was recorded) the record holds no questions or effects.
 * `loadsNothing` tells which requests resolve to nothing now (without it: every one may).
 */
export function recordOf(f: FileDetection, asked: Asked = { questions: [], effects: [] }, loadsNothing: (request: ModuleRequest) => boolean = () => true): ExaminationRecord | undefined {
  // Conditional findings hold function keys, known to this run only.
  if (f.summaries.length > 0 || f.methodCalls.length > 0 || (f.deferred?.length ?? 0) > 0 || (f.conditional?.length ?? 0) > 0) return undefined;
  if (!f.pendingCalls.every((call) => call.args.every(isData)) || !tableIsData(f.exports)) return undefined;
  const loads: Question[] = [];
  const modules = f.modules.map((request) => recordedRequest(request, loadsNothing, loads));
  return { needs: f.needs, unresolved: f.unresolved, diagnostics: f.diagnostics, modules, pendingCalls: f.pendingCalls, exports: f.exports, ...(f.escapes ? { escapes: f.escapes } : {}), questions: [...asked.questions, ...loads], effects: asked.effects };
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

/**
 * Records, while one file is examined, the questions it asks outside the file and what it does
 * to the run (see Question, Effect). One per run; idle (every hook passes straight through)
 * between examinations and when nothing takes records.
 */
export class ExaminationRecorder {
  private open: (Asked & { data: boolean }) | undefined;
  /** Hook calls under way: a call made while answering another (a fold of another file's return) is part of that answer. */
  private depth = 0;

  /** Whether an examination is being recorded. */
  get recording(): boolean {
    return this.open !== undefined;
  }

  begin(): void {
    this.open = { questions: [], effects: [], data: true };
    this.depth = 0;
  }

  /** What the examination asked and did; undefined when an argument or answer was not data (no record then). */
  end(): Asked | undefined {
    const open = this.open;
    this.open = undefined;
    return open?.data ? { questions: open.questions, effects: open.effects } : undefined;
  }

  /** `hook`, whose calls become questions of the examination being recorded. */
  asks<A extends unknown[], R>(ask: QuestionKind, hook: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      const open = this.open;
      if (!open || this.depth > 0) return hook(...args);
      this.depth++;
      let answer: R;
      try {
        answer = hook(...args);
      } finally {
        this.depth--;
      }
      // A set that grows later (a package's modelled method names) is kept as it was.
      const kept = answer instanceof Set ? [...answer].sort() : answer;
      const asked = args.every(plain) ? args : dataArgs(ask, args, kept);
      open.questions.push({ ask, args: asked ?? args, answer: kept });
      if (!asked || !plain(kept)) open.data = false;
      return answer;
    };
  }

  /** An effect of the examination being recorded; nested ones too, since they happen in its order. */
  did(effect: Effect): void {
    this.open?.effects.push(effect);
  }

  /** An answer that cannot be recorded (a package model's hook answered from the file's tree): no record. */
  refuse(): void {
    if (this.open) this.open.data = false;
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

/** The findings a record stands for, as the detectors would have given them (its effects are the caller's to replay). */
export function findingsOf(r: ExaminationRecord): FileDetection {
  const modules = r.modules.map(({ caught, ...request }): ModuleRequest => (caught === undefined ? request : { ...request, caught: () => caught }));
  return { needs: r.needs, unresolved: r.unresolved, diagnostics: r.diagnostics, modules, pendingCalls: r.pendingCalls, summaries: [], methodCalls: [], exports: r.exports, ...(r.escapes ? { escapes: r.escapes } : {}) };
}

/** An export table with no folded returns and only data values. */
function tableIsData(table: ExportTable): boolean {
  return namedValues(table.entries).every(entryIsData) && (table.rest === undefined || entryIsData(table.rest));
}

function entryIsData(e: ExportEntry): boolean {
  switch (e.kind) {
    case 'fn':
      return (
        !e.returns &&
        (e.members === undefined || namedValues(e.members).every(entryIsData)) &&
        (e.result === undefined || entryIsData(e.result)) &&
        [...namedValues(e.instance ?? []), ...namedValues(e.statics ?? [])].every(entryIsData)
      );
    case 'value':
      return isData(e.value);
    case 'forward':
      return true;
    case 'object':
      return namedValues(e.members).every(entryIsData) && (e.spreads ?? []).every(entryIsData);
  }
}

/**
 * Whether a value holds nothing of its file's tree: no function (kind `fn` keeps its node and
 * model) and no parameter (a binding, or a token only that file's model maps back).
 */
export function isData(v: Value): boolean {
  switch (v.k) {
    case 'fn':
      return false;
    case 'unknown':
      return unknownIsData(v);
    case 'prefix':
      return unknownIsData(v.cause);
    case 'oneOf':
      return v.vs.every(isData);
    case 'arr':
      return v.items.every(isData);
    case 'obj':
      return [...v.props.values()].every(isData) && (v.rest === undefined || isData(v.rest)) && (v.copyOf === undefined || isData(v.copyOf)) && (v.spreads ?? []).every(isData);
    case 'builtin':
    case 'require':
      return v.cause === undefined || unknownIsData(v.cause);
    default:
      return true;
  }
}

function unknownIsData(u: Unknown): boolean {
  return u.param === undefined;
}
