// A file's parameter tokens in its record (issue #19 item 2): a file with summaries is parsed
// again when a call first replays one, and that new tree must map each token its record's
// pending calls and exports hold back to the same parameter, as the tree examined at the file's
// turn did (lib/evaluate/value.ts detachParams). A token is kept with its parameter's place
// (its function's ordinal and its index among the function's parameters), which the same text
// parsed again repeats.

import { paramAt, paramPlace } from '../detect/index.js';
import { adoptParamTokens, paramTokensOf, type ParamToken } from '../evaluate/index.js';
import type { Binding, FileModel } from '../parse/index.js';
import type { RecordedParam } from './examination.js';

/** Each parameter token the file's examination made, with its parameter's place; undefined if one has none. */
export function tokenPlaces(model: FileModel): RecordedParam[] | undefined {
  const placed: RecordedParam[] = [];
  for (const [token, b] of paramTokensOf(model) ?? []) {
    const place = paramPlace(model, b);
    if (!place) return undefined;
    placed.push({ token, ...place });
  }
  return placed;
}

/** The record's tokens given to a new parse of its file (adoptParamTokens), each for the parameter at its place. */
export function adoptParams(model: FileModel, params: readonly RecordedParam[] | undefined): void {
  if (!params) return;
  const adopted: [ParamToken, Binding][] = [];
  for (const { token, at, i } of params) {
    const b = paramAt(model, { at, i });
    // The same text parses to the same functions and parameters.
    if (!b) throw new Error(`internal: a recorded parameter of ${model.file} is not in its tree parsed again`);
    adopted.push([token, b]);
  }
  adoptParamTokens(model, adopted);
}
