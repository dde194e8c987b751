// What the evaluator works in: the run's environment (EvalEnv: what it may assume about the
// run-time world, and the hooks into the graph and the package models), one evaluation's frame,
// and the evaluator's own entry points (Evaluator) as the modules it calls that evaluate in
// turn (returns.ts, json-data.ts) receive them. Apart from index.ts so that those modules need
// not import the evaluator they are called from.

import type { Node } from 'acorn';
import type { Binding, FileModel, MemoKey } from '../parse/index.js';
import type { Assumption, Site } from '../types.js';
import type { Value } from './value.js';

/**
 * What the evaluator works with, built once per analysis and never assigned afterwards: the
 * facts of the run it assumes (each use is recorded through `hooks.assume`), the callbacks out
 * of the evaluator, and, apart from both, the state the run updates as it evaluates.
 */
export interface EvalEnv {
  readonly facts: RunFacts;
  readonly hooks: EvalHooks;
  /** Absent (unit tables): nothing is remembered, evaluation has no step limit, nothing is reused. */
  readonly state?: EvalState;
}

/** The run-time world the app is assumed to run in (analyze() options): fixed for the analysis. */
export interface RunFacts {
  /** The project root: sites are relative to it. */
  readonly root: string;
  /** The folder the app runs in (`process.cwd()`, relative paths): analyze's `runCwd`, not `--cwd`. */
  readonly runCwd: string;
  /** Values bound to `process.env.NAME`. */
  readonly env: Readonly<Record<string, string>>;
  readonly tmpdir: string;
  readonly homedir: string;
  /**
   * The machine the app runs on: `process.platform`, `process.arch` (and `os.platform()`,
   * `os.arch()`) fold to these, and the libc family to what `process.report.getReport().header
   * .glibcVersionRuntime` says (a version for glibc, nothing for musl). Each use is an assumption
   * (`kind: 'platform'`). Absent: they are unknown.
   */
  readonly platform?: { readonly platform: string; readonly arch: string; readonly libc?: 'glibc' | 'musl' };
  /**
   * The command line the app is started with, when it is known (a package.json script,
   * `exec -- ENTRY ARGS`, `generate-flags ENTRY -- ARGS`): `process.argv` folds to
   * `[node, entry, ...args]` and the argument parsers read `args` (an assumption, `kind: 'argv'`).
   * Absent: process.argv is unknown.
   */
  readonly argv?: { readonly entry: string; readonly args: readonly string[] };
}

/** Callbacks out of the evaluator: to the report (assumptions), into the graph, and the package models' hooks. */
export interface EvalHooks {
  readonly assume: (assumption: Assumption) => void;
  /** CommonJS resolution of `specifier` from `fromFile` for require.resolve at `site`; undefined when not found. */
  readonly resolve: (specifier: string, fromFile: string, site: Site) => string | undefined;
  /**
   * The value another module exports at `path`, or what calling it with `args` returns, when
   * that module has been analysed and the value is known; undefined keeps the reference.
   */
  readonly importValue?: (specifier: string, from: string, path: string[], args?: Value[]) => Value | undefined;
  /**
   * When another module's export at `path` is a forwarding factory (lib/evaluate/forwarding.ts),
   * which of its arguments it forwards and after how many steps; undefined otherwise or not known
   * yet. lib/detect/followed-escape.ts asks it: a call of such a factory keeps that argument to itself.
   */
  readonly forwardingOf?: (specifier: string, from: string, path: string[]) => { index: number; stages: number } | undefined;
  /**
   * The built-in values (an fs function under a name of its own: `exports.r = fs.readFileSync`)
   * another module's whole exports hold, by name, when that module has been analysed; undefined
   * otherwise. lib/detect/function-escape.ts asks it for a module handed on or kept whole. A
   * module with more names than are read ends the list with an entry of no name, whose value is
   * the number read (match-calls.ts MAX_MEMBERS).
   */
  readonly importedMembers?: (specifier: string, from: string) => { name: string; value: Value }[] | undefined;
  /**
   * The members another module's function at `path` writes onto its parameter `index` (`exports.set
   * = function (o) { o.file = … }`), from its export table; undefined when none or not known.
   * index.ts asks it for an object literal handed to that function (silent-17).
   */
  readonly paramWritesOf?: (specifier: string, from: string, path: string[], index: number) => string[] | undefined;
  /**
   * The content of JSON file `file` (absolute) the code reads at `site`, as a value, recording a
   * `json-data` assumption; undefined when it is outside the project, too large, missing or not
   * JSON (see json-data.ts). Absent: such data is not folded.
   */
  readonly jsonData?: (file: string, site: Site) => Value | undefined;
  /**
   * The parsed model of examined file `file`, for folding what its exported functions return
   * (lib/detect/flow.ts): the model the file was examined with while the graph keeps it, else
   * the file parsed again. Absent: a fold keeps the model it was made with.
   */
  readonly modelOf?: (file: string) => FileModel | undefined;
  /**
   * The options object a command-line parser a package model describes returns: `name` read
   * from `object`, called (`program.opts()`, `read: 'call'`) or as a property (`yargs(…).argv`,
   * `const { argv } = yargs(…)`: `'property'`); undefined when no model says so. `names` holds
   * every such method or property name, a quick test before anything else is looked at.
   */
  readonly parserOptions?: {
    readonly names: ReadonlySet<string>;
    value(model: FileModel, object: Node, name: string, read: 'call' | 'property', site: Site): Value | undefined;
    /** What calling the export of module `specifier` with `args` returns, when a model says it parses them (minimist); else undefined. */
    called?(model: FileModel, specifier: string, args: Value[]): Value | undefined;
  };
  /**
   * Values a package model says its package hands to the code using it, read from an object the
   * analysis cannot tell (multer's `req.file.path`): `last` holds the last property names of the
   * chains any model lists, a quick test before the chain is built.
   */
  readonly fieldValue?: { readonly last: ReadonlySet<string>; value(model: FileModel, chain: string, site: Site): Value | undefined };
}

/** What one analysis run updates as it evaluates: made per run by the graph, kept apart from the facts and hooks. */
export interface EvalState {
  /**
   * Names the per-analysis memo (on each file's model) of binding values folded with no
   * parameters bound: the same variable is read at many call sites. See BindingValues for when
   * a remembered value may be reused.
   */
  readonly bindingCache: MemoKey<Map<Binding, BindingValues>>;
  /**
   * Names the per-analysis memo (on each file's model) of the values of fields a constructor
   * writes in several branches (lib/evaluate/index.ts fieldBranches), by the parameter bindings
   * they were folded under (an instance) and the field's first write: each field's branches are
   * evaluated once per instance, not at every read (read at every use, they multiplied).
   */
  readonly fieldBranches: MemoKey<WeakMap<object, Map<Node, readonly Value[] | null>>>;
  /**
   * Counts the cuts whose result depends on where a fold happens rather than on the code alone:
   * `cycles`, a binding read inside its own folding; `depth`, a fold deeper than MAX_DEPTH.
   */
  readonly foldCuts: { cycles: number; depth: number };
  /**
   * Evaluation steps left for the current examination (a file, or one replay of a summary). Past
   * it every value is unknown (`depth-limit`), so no shape of code, however it makes folding
   * multiply, keeps the analysis from ending; what is cut is reported, never granted.
   */
  readonly fuel: { left: number };
  /**
   * Counts what evaluation leaves behind besides its value: a binding value remembered in
   * `bindingCache`, a package.json read recorded by require.resolve (assumptions keep the first
   * of each kind, so repeating one changes nothing and needs no count). An evaluation during
   * which the count did not move may be reused instead of repeated (lib/detect/callers.ts).
   */
  readonly traces: { count: number };
}

/** One evaluation context: the file, the values bound to parameters, and the depth so far. */
export interface Frame {
  model: FileModel;
  /** Never changed once in a frame, so frames may share one map. */
  params?: ReadonlyMap<Binding, Value>;
  depth: number;
  /** Bindings being folded further up this evaluation: reading one of them again is a cycle. */
  folding?: Folding;
  /** Functions whose return value is being folded further up (lib/evaluate/returns.ts). */
  calls?: CallChain;
}

/** The functions being folded at calls, innermost first (shares its tail, like Folding). */
export interface CallChain {
  fn: Node;
  outer: CallChain | undefined;
}

/**
 * The bindings being folded, innermost first: a list that shares its tail with the enclosing
 * fold, so entering a fold allocates one cell rather than copying a set. It is as long as the
 * folds are nested, which MAX_DEPTH bounds.
 */
export interface Folding {
  binding: Binding;
  outer: Folding | undefined;
}
/**
 * What is remembered of one binding's value (EvalState.bindingCache). A fold that met no cut
 * (foldCuts) depends only on the code, and holds wherever there is as much room below as it had:
 * `complete`, up to the depth it was folded at. A fold cut by MAX_DEPTH holds at the same depth
 * only: `byDepth`. Reusing one cut at depth 40 at depth 0 made `fs` unknown for the rest of the
 * file, after a chain of 19 `.then()` calls, and its accesses went unseen. A fold that met a cycle
 * of an enclosing fold is not remembered. Remembering inside other folds keeps
 * `const b = [a, a, …]; const c = [b, b, …]` to one fold per binding and depth instead of one per
 * path to it, which was exponential (five such lines exhausted the heap).
 */
export interface BindingValues {
  complete?: { value: Value; depth: number };
  byDepth?: Map<number, Value>;
}

/**
 * The evaluator's recursive entry points (index.ts's `evaluate` and `bindPatternParams`), handed
 * to the modules it calls that evaluate in turn: folding what a call returns evaluates the
 * function's body, which may fold another call.
 */
export interface Evaluator {
  readonly evaluate: Evaluate;
  readonly bindPatternParams: (model: FileModel, fn: Node, args: readonly (Value | undefined)[], params: Map<Binding, Value>, env: EvalEnv, depth?: number) => void;
}

export type Evaluate = (node: Node | null | undefined, frame: Frame, env: EvalEnv) => Value;
