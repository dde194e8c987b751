// A run after an edit whose edited files examine as they did (issue #19 item 2, docs/cache.md):
// when the only answers that changed since the run that stored the report are the contents of
// some source files, and each of those files, examined now with its record's answers, gives its
// record again, then every file's turn in this run would go as it went then, and the report is
// the stored one. Checked before the worklist starts, so such a run costs the check of the
// report entry and the examination of the edited files: an edit in proportion to the change.
//
// Why the record's answers stand for this run's: every other answer the stored run relied on is
// the same now (lib/cache checked them), and the record is one that run made or took (the two
// entries name the same run); so, up to the edited file's turn, this run would do what that one
// did, and ask what its examination asks with the answers it got then. Only a record that holds
// nothing of the file's tree qualifies: one with summaries, folded returns, functions or
// parameters has its tree made again later (a replay, a fold), which the record does not stand for.

import { deserialize, serialize } from 'node:v8';
import { callsHoldFunctions } from './record-functions.js';
import { detectFile, holdsFolds, type DetectOptions, type ModuleRequest } from '../detect/index.js';
import { newEvalState } from '../evaluate/index.js';
import type { FileModel } from '../parse/index.js';
import { hasModuleSyntax, literalDependencies, type LiteralDependency } from './files.js';
import { recordOf, strictly, type StoredExamination } from './examination.js';

/** Whether a record holds nothing its file's tree is needed for after the file's turn. */
export const holdsNoTree = (stored: StoredExamination): boolean => !stored.keys && !stored.summaries && !stored.params && !stored.functions;

/**
 * Whether `model` (the file's new content) examines to `stored`, asked its record's questions
 * in order with the same arguments and answered as recorded, as byte for byte the same record
 * (with how it parsed and its literal dependencies). `loadsNothing` as the worklist's.
 */
export function examinesAs(stored: StoredExamination, model: FileModel, detect: DetectOptions, loadsNothing: (request: ModuleRequest) => boolean): boolean {
  if (!holdsNoTree(stored)) return false;
  const strict = strictly(stored.questions, detect, newEvalState());
  let found;
  let literal: LiteralDependency[] = [];
  try {
    found = detectFile(model, strict.detect);
    // With the run's own hooks, as Worklist.analyse finds them: not among the record's questions.
    literal = literalDependencies(model, detect.env);
  } catch {
    // asked what the record does not hold (strictly's hooks throw), or too deep: not the same
    return false;
  }
  if (strict.failed() || found.summaries.length > 0 || holdsFolds(found.exports) || callsHoldFunctions(found.pendingCalls)) return false;
  const record = recordOf(found, strict.asked(), loadsNothing);
  if (!record) return false;
  // As Worklist.store keeps it.
  const format = model.kind === 'esm' ? 'esm' : 'cjs';
  const moduleSyntax = model.kind === 'esm' ? hasModuleSyntax(model.ast) : undefined;
  const now: StoredExamination = { ...record, format, ...(moduleSyntax !== undefined ? { moduleSyntax } : {}), literal };
  try {
    // `stored` was read back (deserialize): so is `now` before the two are compared, as V8 writes
    // an array read back otherwise than the array it was made from.
    return serialize(deserialize(serialize(now))).equals(serialize(stored));
  } catch {
    return false;
  }
}
