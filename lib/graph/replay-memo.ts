// Replays of a file's summaries and folds of its functions' returns kept as data with its record
// (issue #19 item 2, docs/cache.md): a replay or a fold is a function of the file's tree, its
// arguments and the answers to the questions it asks outside the file, so one made with data
// arguments, that gave only data, is kept as those arguments, what it gave, what it asked and
// what it did. In a later run the same call, whose questions get the same answers, takes what it
// gave without the file's tree: a file taken from its record is then parsed again only for a
// replay or a fold no memo answers. Memos are made only for a file taken from its record (whose
// tree had to be made again for them), never for one examined at its turn: a cold run takes no
// record, so it makes no memo and pays nothing for them (summaries-12 made them for every file,
// 2-3% of a cold run's CPU).

import { isDeepStrictEqual } from 'node:util';
import type { Findings, PendingCall, Summary } from '../detect/index.js';
import type { EvalState, ParamToken, Unknown, Value } from '../evaluate/index.js';
import type { FileModel } from '../parse/index.js';
import { callsHoldFunctions, functionsAgain, placeFunctions } from './record-functions.js';
import { answeredAlike, findingsOf, recordOf, type Askers, type Asked, type Effect, type ExaminationRecord, type ExaminationRecorder, type FoldMemo, type FoldPlace, type LoadQuestion, type Memo, type ReplayMemo } from './examination.js';

export type { FoldMemo, Memo, ReplayMemo } from './examination.js';

/**
 * The memos of one file's record: those it came with (read when first asked for), and where a
 * memo used (by its place in that list) or made goes for the next run. `add` keeps a copy made
 * at once (the findings go on to the later stages, which may change them).
 */
export interface MemoSink {
  memos(): readonly Memo[];
  /** The tokens of the file's own parameters its record keeps (`params`): a memo keeps one as its place in this list. */
  own: readonly ParamToken[];
  /** The file's tree made again (the one its replays run on): a function of it among a replay's calls is kept as its place (./record-functions.ts). */
  tree(): FileModel | undefined;
  keep(at: number): void;
  add(memo: Memo): void;
}

/** What taking or making a memo works with: the run's recorder, the askers of recorded questions, its evaluation state, and how an effect is done again. */
export interface MemoRun {
  recorder: ExaminationRecorder;
  askers: Askers;
  state: EvalState | undefined;
  loadsNothing(request: LoadQuestion): boolean;
  redo(effect: Effect): void;
}

/**
 * The file's summaries, each of whose replays is taken from a memo of `out` when one holds
 * (the same call, up to which parameters of the caller's its arguments hold; its questions,
 * asked again, get the same answers), else made; a replay that found only data (or those
 * parameters among its calls' arguments) goes to `out` as a memo. `file`: as memoizedFold's.
 */
export function memoizedSummaries(summaries: readonly Summary[], file: string, out: MemoSink, run: MemoRun): Summary[] {
  const added: unknown[] = [];
  return summaries.map((s, i) => ({
    fn: s.fn,
    file: s.file,
    replay: (args, via, depth, unbound) => {
      const params: Unknown['param'][] = [];
      const key = slotted(args, file, params);
      if (!key) return s.replay(args, via, depth, unbound);
      const call: ReplayMemo['call'] = [key, via, depth, unbound === true];
      const memos = out.memos();
      const at = memos.findIndex((m) => 'summary' in m && m.summary === i && isDeepStrictEqual(m.call, call) && answeredAlike(m.found.questions, run.askers));
      if (at >= 0) {
        out.keep(at);
        return taken(memos[at] as ReplayMemo, params, out, run);
      }
      const before = stateOf(run.state);
      const { value, asked } = run.recorder.during(() => s.replay(args, via, depth, unbound));
      const found = asked && memoOf(value, asked, run.loadsNothing, params, out);
      if (found && once(added, [i, call])) out.add({ summary: i, call, found, state: stateAfter(before, run.state) });
      return value;
    },
  }));
}

/** What a memo's replay found, its effects done again, the evaluation state set as it left it, and the arguments' parameters of now in their places. */
function taken(memo: ReplayMemo, params: readonly Unknown['param'][], { own, tree }: MemoSink, run: MemoRun): Findings {
  for (const effect of memo.found.effects) run.redo(effect);
  const [fuel, traces, cycles, depth] = memo.state;
  if (run.state) {
    run.state.fuel.left = fuel;
    run.state.traces.count += traces;
    run.state.foldCuts.cycles += cycles;
    run.state.foldCuts.depth += depth;
  }
  // A copy each time: the later stages may change what they are given.
  // Its functions' places are made functions again after its parameters are in their places.
  const { functions, ...record } = structuredClone(memo.found);
  const { exports: _none, ...found } = findingsOf(record);
  const back = (a: Value) => withParams(a, (p) => fromSlot(p as Slot, params, own))!;
  const pendingCalls = found.pendingCalls.map((c) => ({ ...c, args: c.args.map(back) }));
  return { ...found, pendingCalls: functions ? functionsAgain(pendingCalls, tree) : pendingCalls };
}

/**
 * A fold of the file's function at `place`, taken from a memo of `out` when one holds (the same
 * arguments, up to which parameters of the importer's they hold; the fuel left is more than it
 * used, so the fold made now would not run out either; its questions get the same answers), else
 * made; one that returned data (or those parameters) without running out of fuel goes to `out`.
 * An importer folds with its own functions' parameters among the arguments (`send(req, dir)`):
 * another file's parameter is never bound, summarised or followed here, only carried (ParamToken),
 * so the memo keeps each as its place among the arguments' parameters, and a fold taken from it
 * returns the arguments' parameters of now in their places. `file` is the folded file, relative
 * to the root (a parameter of its own is not carried: it is its tree's).
 */
export function memoizedFold(place: FoldPlace, file: string, fold: (args: Value[]) => Value, out: MemoSink, run: MemoRun): (args: Value[]) => Value {
  const added: unknown[] = [];
  return (args) => {
    const params: Unknown['param'][] = [];
    const key = slotted(args, file, params);
    if (!key) return fold(args);
    const { state } = run;
    const memos = out.memos();
    const at = memos.findIndex((m) => 'fold' in m && m.fold.at === place.at && m.fold.start === place.start && isDeepStrictEqual(m.args, key) && (!state || state.fuel.left > m.state[0]) && answeredAlike(m.asked.questions, run.askers));
    if (at >= 0) {
      out.keep(at);
      return takenFold(memos[at] as FoldMemo, params, out.own, run);
    }
    const before = stateOf(state);
    const { value, asked } = run.recorder.during(() => fold(args));
    const after = stateAfter(before, state);
    const kept = asked && (!state || state.fuel.left > 0) ? withParams(value, (p) => slotOf(params, p, out.own)) : undefined;
    if (kept && asked && once(added, key)) out.add({ fold: place, args: key, value: kept, asked, state: [before[0] - after[0], after[1], after[2], after[3]] });
    return value;
  };
}

/**
 * A parameter as a memo keeps it: its place among the parameters of the arguments (`slot`), or
 * one of the file's own parameters as its place among the tokens its record keeps (`own`: the
 * tree made again adopts those tokens, ./record-params.ts, so a replay's findings hold them).
 */
type Slot = { readonly paramToken: true; readonly slot: number } | { readonly paramToken: true; readonly own: number };

function slotOf(params: readonly Unknown['param'][], p: NonNullable<Unknown['param']>, own: readonly ParamToken[] = []): Slot | undefined {
  const at = params.indexOf(p);
  if (at >= 0) return { paramToken: true, slot: at };
  const mine = own.indexOf(p as ParamToken);
  return mine < 0 ? undefined : { paramToken: true, own: mine };
}

/** The parameter of now a slot stands for. */
const fromSlot = (s: Slot, params: readonly Unknown['param'][], own: readonly ParamToken[]): Unknown['param'] => ('slot' in s ? params[s.slot] : own[s.own]);

/**
 * The arguments with each parameter of another file (a binding, or a token only its own file's
 * tree maps back) as its slot, `params` filled in order; undefined when one holds a function, a
 * parameter of `file` (its tree acts on it) or one with a default value.
 */
function slotted(args: Value[], file: string, params: Unknown['param'][]): Value[] | undefined {
  const slot = (p: NonNullable<Unknown['param']>, u: Unknown): Slot | undefined => {
    // A default value is read from the parameter's tree (detect's closureDefault): not carried alone.
    if (u.site.file === file || ('defaultValue' in p && p.defaultValue)) return undefined;
    if (!params.includes(p)) params.push(p);
    return slotOf(params, p);
  };
  const out: Value[] = [];
  for (const a of args) {
    const v = withParams(a, slot);
    if (!v) return undefined;
    out.push(v);
  }
  return out;
}

/**
 * `v` with each parameter given by `f` (undefined: `v` cannot be kept), or undefined when it
 * holds a function. A part shared by several paths is mapped once (`seen`), so the walk is linear
 * in the value's size.
 */
function withParams(v: Value, f: (p: NonNullable<Unknown['param']>, u: Unknown) => Unknown['param'] | undefined, seen = new Map<Value, Value | undefined>()): Value | undefined {
  if (seen.has(v)) return seen.get(v);
  const m = (x: Value) => withParams(x, f, seen);
  const u = (x: Unknown): Unknown | undefined => {
    if (!x.param) return x;
    const p = f(x.param, x);
    return p && { ...x, param: p };
  };
  const all = (xs: readonly Value[]): Value[] | undefined => {
    const out: Value[] = [];
    for (const x of xs) {
      const y = m(x);
      if (!y) return undefined;
      out.push(y);
    }
    return out;
  };
  let r: Value | undefined;
  switch (v.k) {
    case 'fn':
      r = undefined;
      break;
    case 'curried': {
      const value = m(v.value);
      r = value && { ...v, value };
      break;
    }
    case 'unknown':
      r = u(v);
      break;
    case 'prefix':
    case 'builtin':
    case 'require': {
      const cause = v.cause && u(v.cause);
      r = v.cause && !cause ? undefined : ({ ...v, ...(cause ? { cause } : {}) } as Value);
      break;
    }
    case 'oneOf': {
      const vs = all(v.vs);
      r = vs && { k: 'oneOf', vs };
      break;
    }
    case 'arr': {
      const items = all(v.items);
      r = items && { k: 'arr', items };
      break;
    }
    case 'obj':
      r = objWithParams(v, m, all);
      break;
    default:
      r = v;
  }
  seen.set(v, r);
  return r;
}

function objWithParams(v: Value & { k: 'obj' }, m: (x: Value) => Value | undefined, all: (xs: readonly Value[]) => Value[] | undefined): Value | undefined {
  const props = new Map<string, Value>();
  for (const [k, x] of v.props) {
    const y = m(x);
    if (!y) return undefined;
    props.set(k, y);
  }
  const rest = v.rest && m(v.rest);
  const copyOf = v.copyOf && m(v.copyOf);
  const spreads = v.spreads && all(v.spreads);
  if ((v.rest && !rest) || (v.copyOf && !copyOf) || (v.spreads && !spreads)) return undefined;
  return { k: 'obj', props, ...(rest ? { rest } : {}), ...(copyOf ? { copyOf: copyOf as Value & { k: 'builtin' } } : {}), ...(spreads ? { spreads } : {}) };
}

/** What a memo's fold returned, its effects done again and the evaluation state moved as the fold moved it. */
function takenFold(memo: FoldMemo, params: readonly Unknown['param'][], own: readonly ParamToken[], run: MemoRun): Value {
  for (const effect of memo.asked.effects) run.redo(effect);
  const [used, traces, cycles, depth] = memo.state;
  if (run.state) {
    run.state.fuel.left -= used;
    run.state.traces.count += traces;
    run.state.foldCuts.cycles += cycles;
    run.state.foldCuts.depth += depth;
  }
  // A fresh copy each time (the later stages may change what they are given), the arguments' parameters in their places.
  return withParams(structuredClone(memo.value), (p) => fromSlot(p as Slot, params, own))!;
}

const NO_EXPORTS = { file: '', format: 'cjs', entries: new Map(), star: [] } as const;

/**
 * A replay's findings as a record, or undefined when they are not all data: a summary made in
 * the replay (another function's, with its tree), a call a model describes, findings waiting for
 * an exported function (their keys are the file's record's), a parameter among a call's
 * arguments other than those of the replay's arguments (kept as their slots), or a walk that ran
 * out of stack (which depends on where the replay is made, not only on what it is given).
 */
function memoOf(f: Findings, asked: Asked, loadsNothing: (request: LoadQuestion) => boolean, params: readonly Unknown['param'][], { own, tree }: MemoSink): ExaminationRecord | undefined {
  if (f.summaries.length > 0 || f.methodCalls.length > 0 || (f.conditional?.length ?? 0) > 0) return undefined;
  if (f.diagnostics.some((d) => d.code === 'FILE_TOO_DEEP')) return undefined;
  // A function of the file handed on (a callback to another module) is kept as its place; another file's is not data.
  const model = callsHoldFunctions(f.pendingCalls) ? tree() : undefined;
  const placed = model ? placeFunctions(f.pendingCalls, model) : f.pendingCalls;
  if (!placed) return undefined;
  const pendingCalls: PendingCall[] = [];
  for (const c of placed) {
    const args: Value[] = [];
    for (const a of c.args) {
      const kept = withParams(a, (p) => slotOf(params, p, own));
      if (!kept) return undefined;
      args.push(kept);
    }
    pendingCalls.push({ ...c, args });
  }
  const record = recordOf({ ...f, pendingCalls, exports: NO_EXPORTS as never }, asked, loadsNothing);
  return record && placed !== f.pendingCalls ? { ...record, functions: true } : record;
}

/** Whether `key` is new to `added` (then added): a call made twice in a run keeps one memo. */
function once(added: unknown[], key: unknown): boolean {
  if (added.some((k) => isDeepStrictEqual(k, key))) return false;
  added.push(key);
  return true;
}

function stateOf(state: EvalState | undefined): [number, number, number, number] {
  return state ? [state.fuel.left, state.traces.count, state.foldCuts.cycles, state.foldCuts.depth] : [0, 0, 0, 0];
}

function stateAfter(before: [number, number, number, number], state: EvalState | undefined): [number, number, number, number] {
  const after = stateOf(state);
  return [after[0], after[1] - before[1], after[2] - before[2], after[3] - before[3]];
}
