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
import type { Need, Unresolved } from '../types.js';

/** A module request as data: whether it is in a `try` that handles a failure, decided when recorded. */
export type RecordedRequest = Omit<ModuleRequest, 'caught'> & { caught?: boolean };

/** One file's examination as plain data (structured-clonable). */
export interface ExaminationRecord {
  needs: Need[];
  unresolved: Unresolved[];
  diagnostics: Diagnostic[];
  modules: RecordedRequest[];
  pendingCalls: PendingCall[];
  exports: ExportTable;
}

/** The record of an examination, or undefined when its findings hold something of the tree. */
export function recordOf(f: FileDetection): ExaminationRecord | undefined {
  if (f.summaries.length > 0 || f.methodCalls.length > 0 || (f.deferred?.length ?? 0) > 0) return undefined;
  if (!f.pendingCalls.every((call) => call.args.every(isData)) || !tableIsData(f.exports)) return undefined;
  // `caught` is asked only of a request that resolves to nothing; a record answers it now.
  const modules = f.modules.map(({ caught, ...request }): RecordedRequest => (caught ? { ...request, caught: caught() } : request));
  return { needs: f.needs, unresolved: f.unresolved, diagnostics: f.diagnostics, modules, pendingCalls: f.pendingCalls, exports: f.exports };
}

/** The findings a record stands for, as the detectors would have given them. */
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
