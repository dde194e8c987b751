// A function value among a record's pending calls (issue #19 item 2): a file that hands one of
// its own functions to another module (a callback: `isexe(p, opts, (er, is) => …)`) is kept as
// data, each such function as its place (its ordinal in the file's functions, which the same
// text parsed again repeats). Taken in, the place is a function value again whose node and model
// come from the file's tree parsed again (Worklist.treeAgain) the first time something reads
// them: a call that only passes it on, or keys it (valueKey), needs no tree.

import type { Node } from 'acorn';
import { functionAt, functionOrdinalOf, type PendingCall } from '../detect/index.js';
import type { Value } from '../evaluate/index.js';
import type { FileModel } from '../parse/index.js';

/** A function of the record's file as the record keeps it. */
interface FunctionPlace {
  k: 'fnAt';
  at: number;
  start: number;
  file: string;
}

/** Whether a call's arguments hold a function value (then its file's record needs its functions' places). */
export function callsHoldFunctions(calls: readonly PendingCall[]): boolean {
  return calls.some((call) => call.args.some((a) => holdsFunction(a)));
}

function holdsFunction(v: Value, depth = 0): boolean {
  if (depth > 32) return false;
  const inner = (x: Value) => holdsFunction(x, depth + 1);
  switch (v.k) {
    case 'fn':
      return true;
    case 'oneOf':
      return v.vs.some(inner);
    case 'arr':
      return v.items.some(inner);
    case 'obj':
      return [...v.props.values()].some(inner) || (v.rest !== undefined && inner(v.rest)) || (v.spreads ?? []).some(inner);
    case 'curried':
      return inner(v.value);
    default:
      return false;
  }
}

/** The calls with each function of `model` among their arguments as its place; undefined when one is another file's (not data then). */
export function placeFunctions(calls: readonly PendingCall[], model: FileModel): PendingCall[] | undefined {
  let foreign = false;
  const place = (v: Value): Value => {
    if (v.k !== 'fn') return v;
    const at = v.model === model ? functionOrdinalOf(model, v.node) : undefined;
    if (at === undefined) {
      foreign = true;
      return v;
    }
    return { k: 'fnAt', at, start: (v.node as Node & { start: number }).start, file: model.file } as FunctionPlace as unknown as Value;
  };
  const placed = calls.map((call) => ({ ...call, args: call.args.map((a) => mapFunctions(a, place)) }));
  return foreign ? undefined : placed;
}

/** The calls with each place a function value again, its node and model read from `tree` when first asked. */
export function functionsAgain(calls: readonly PendingCall[], tree: () => FileModel | undefined): PendingCall[] {
  const again = (v: Value): Value => {
    const p = v as unknown as FunctionPlace;
    if ((p.k as string) !== 'fnAt') return v;
    let made: { node: Node; model: FileModel } | undefined;
    const get = () => (made ??= madeAt(p, tree()));
    return { k: 'fn', get node() { return get().node; }, get model() { return get().model; }, placed: { file: p.file, start: p.start } };
  };
  return calls.map((call) => ({ ...call, args: call.args.map((a) => mapFunctions(a, again)) }));
}

function madeAt(p: FunctionPlace, model: FileModel | undefined): { node: Node; model: FileModel } {
  // No tree: made deeper on the stack than at the file's turn (inside a replay or a fold), its
  // parse or examination ran out of stack. Said as that, so the replay reading the function
  // reports FILE_TOO_DEEP at its call as when its own walk runs out.
  if (!model) throw new RangeError(`Maximum call stack size exceeded (making the tree of ${p.file} again)`);
  const node = functionAt(model, p.at);
  // The same text parses to the same functions.
  if (!node) throw new Error(`internal: a recorded function of ${p.file} is not in its tree parsed again`);
  return { node, model };
}

/** `v` with `f` applied to each function value (or place) in it, the parts without one shared. */
function mapFunctions(v: Value, f: (x: Value) => Value, depth = 0): Value {
  if (depth > 32) return v;
  const inner = (x: Value) => mapFunctions(x, f, depth + 1);
  switch (v.k) {
    case 'oneOf': {
      const vs = v.vs.map(inner);
      return vs.some((x, i) => x !== v.vs[i]) ? { k: 'oneOf', vs } : v;
    }
    case 'arr': {
      const items = v.items.map(inner);
      return items.some((x, i) => x !== v.items[i]) ? { k: 'arr', items } : v;
    }
    case 'obj': {
      const props = new Map([...v.props].map(([key, x]) => [key, inner(x)]));
      const rest = v.rest && inner(v.rest);
      const spreads = v.spreads?.map(inner);
      const same = [...props].every(([key, x]) => x === v.props.get(key)) && rest === v.rest && (spreads ?? []).every((x, i) => x === v.spreads![i]);
      return same ? v : { ...v, props, ...(rest ? { rest } : {}), ...(spreads ? { spreads } : {}) };
    }
    case 'curried': {
      const value = inner(v.value);
      return value === v.value ? v : { ...v, value };
    }
    default:
      return f(v);
  }
}
