// An examination as data: what the detectors found in one file, in a form that can be copied to
// another thread or stored, for the files whose findings hold nothing of their syntax tree
// (issue #19; docs/design/per-file-summary.md, phase 1). A record is taken in where the findings
// would have been, at the file's turn (Worklist.takeExamination), so the report is the same.
// Findings that hold a closure over the tree (a summary's replay, a folded return, a model's
// `madeFrom`), a function value or a parameter of the file have no record: such a file is
// examined where its tree is.

import type { ExportEntry, ExportTable, FileDetection, ModuleRequest, PendingCall } from '../detect/index.js';
import type { Unknown, Value } from '../evaluate/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { Assumption, Evidence, Need, Unresolved } from '../types.js';

/** A module request as data: whether it is in a `try` that handles a failure, decided when recorded. */
export type RecordedRequest = Omit<ModuleRequest, 'caught'> & { caught?: boolean };

/** The hooks and options through which an examination asks outside its file (lib/graph/index.ts wraps them). */
export type QuestionKind = 'importValue' | 'jsonData' | 'resolve' | 'tooBroad' | 'methodNames' | 'callMatters' | 'awaitsExports';

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
}

/** Where a run hands the records of its examinations (a per-file cache; a test). */
export type RecordSink = (file: string, record: ExaminationRecord) => void;

/**
 * The record of an examination, or undefined when its findings hold something of the tree.
 * Without `asked` (nothing was recorded) the record holds no questions or effects.
 */
export function recordOf(f: FileDetection, asked: Asked = { questions: [], effects: [] }): ExaminationRecord | undefined {
  if (f.summaries.length > 0 || f.methodCalls.length > 0 || (f.deferred?.length ?? 0) > 0) return undefined;
  if (!f.pendingCalls.every((call) => call.args.every(isData)) || !tableIsData(f.exports)) return undefined;
  // `caught` is asked only of a request that resolves to nothing; a record answers it now.
  const modules = f.modules.map(({ caught, ...request }): RecordedRequest => (caught ? { ...request, caught: caught() } : request));
  return { needs: f.needs, unresolved: f.unresolved, diagnostics: f.diagnostics, modules, pendingCalls: f.pendingCalls, exports: f.exports, ...asked };
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
      open.questions.push({ ask, args, answer: kept });
      if (!args.every(plain) || !plain(kept)) open.data = false;
      return answer;
    };
  }

  /** An effect of the examination being recorded; nested ones too, since they happen in its order. */
  did(effect: Effect): void {
    this.open?.effects.push(effect);
  }

  /** An answer that cannot be recorded (a package model read the file's tree): no record. */
  refuse(): void {
    if (this.open) this.open.data = false;
  }
}

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
  return { needs: r.needs, unresolved: r.unresolved, diagnostics: r.diagnostics, modules, pendingCalls: r.pendingCalls, summaries: [], methodCalls: [], exports: r.exports };
}

/** An export table with no folded returns and only data values. */
function tableIsData(table: ExportTable): boolean {
  return [...table.entries.values()].every(entryIsData) && (table.rest === undefined || entryIsData(table.rest));
}

function entryIsData(e: ExportEntry): boolean {
  switch (e.kind) {
    case 'fn':
      return !e.returns && [...(e.members?.values() ?? [])].every(entryIsData);
    case 'value':
      return isData(e.value);
    case 'forward':
      return true;
    case 'object':
      return [...e.members.values()].every(entryIsData) && (e.spreads ?? []).every(entryIsData);
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
