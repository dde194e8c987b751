// What a detector sees and may do: the call being examined (canonical API name, argument
// nodes, site, package) and a few verbs to record needs, unresolved accesses, module edges
// and diagnostics. Detectors never walk the AST or touch the file system themselves. Also the
// types the engine (index.ts), the sink, the callers and the flow between modules share, so
// those modules import this one rather than each other.

import type { Node } from 'acorn';
import type { Diagnostic } from '../diagnostics/index.js';
import type { EvalEnv, Unknown, Value } from '../evaluate/index.js';
import type { ExportEscape } from './export-escape.js';
import type { BroadPrefix, Capability, Need, PackageName, Site, Unresolved, UnresolvedMode } from '../types.js';

/** A request to load code: followed by the graph stage and granted as code. */
export interface ModuleRequest {
  specifier: string;
  /**
   * How it is loaded: decides resolution conditions and whether the file becomes an entry.
   * `resolve` (require.resolve) is resolved like require but loads nothing.
   */
  kind: 'require' | 'import' | 'worker' | 'fork' | 'resolve';
  /** The file it is resolved from (the caller, or the base of a createRequire). */
  from: string;
  site: Site;
  package: PackageName;
  api: string;
  /** Whether the load is in a `try` whose `catch` handles a failure (the code expects the module may be missing); asked only when it cannot be resolved. */
  caught?: () => boolean;
  /** The package model that says the call loads it (`shipped:execa.json`), for the grant's evidence. */
  model?: string;
}

export interface SinkCall {
  /** Canonical API name: `fs.readFileSync`, `child_process.spawn`, `fetch`, `require`. */
  api: string;
  args: Node[];
  isNew: boolean;
  site: Site;
  package: PackageName;
  /** The calling file (absolute). */
  file: string;
  /** Evaluates argument `i`, following the enclosing function's callers when it is a parameter. */
  arg(i: number): Value;
  /** True when the call runs only if its first argument's path does not exist (`if (!existsSync(p))`). */
  guardedByMissing?(): boolean;
  /** The environment variables the call runs only when they are set (`if (process.env.X)`). */
  envGuards?(): ReadonlySet<string> | undefined;
  /** True when the code string the call runs was folded, parsed and analysed with the file (lib/parse/code-string.ts). */
  generated?: boolean;
  /** The app's main module (absolute), which `require.main.require` resolves from, when there is one. */
  main?: string;
  /** The folder the app runs in (analyze's `runCwd`): what a child's `cwd` option is compared with. */
  runCwd?: string;
  /** The temp folder the app runs with (`os.tmpdir()`), taken as an assumption at the call: a default some APIs write below. */
  tmpdir?(): string;
  /**
   * The value `--env` binds to environment variable `name`, taken as an assumption at the call
   * (an unbound one is assumed unset, and the report says so): for an API that reads the
   * environment itself rather than through `process.env` in the code.
   */
  envVar?(name: string): string | undefined;
  /** The platform the app runs on (`process.platform`), taken as an assumption at the call: what a number of open(2) flags means. */
  platform?(): string | undefined;
  /** Why the callee is not known exactly: a built-in chosen at run time, a vm.Script of code that did not fold. */
  calleeCause?: Unknown;
  /** The expressions a variable read at `id` is given (its initialiser and plain writes); none for a parameter. */
  valuesOf?(id: Node): readonly Node[];
  /** True when the call is in the block of a `try` that has a `catch`. */
  caught?(): boolean;
  /** True when the call is in the block of a `try` whose `catch` neither throws nor ends the process (guards.ts inSurvivedTry). */
  survivesThrow?(): boolean;
  /** The condition, off when the options it reads are left out, that the call runs under in its function (./option-branches.ts). */
  offByDefault?(): string | undefined;
  /** The condition its file calls the call's declared function under, when it calls it under conditions only (./option-branches.ts). */
  calledOnlyWhen?(): string | undefined;
}

export interface DetectSink {
  need(need: Omit<Need, 'site' | 'package' | 'api'>, call: SinkCall): void;
  /** Records fs needs for every alternative of `value`; unknown parts become Unresolved. */
  fsPath(call: SinkCall, value: Value, scope: 'read' | 'write', options?: { onlyIfMissing?: boolean; linksOnTheWay?: boolean }): void;
  capability(call: SinkCall, capability: Exclude<Capability, 'fs.read' | 'fs.write'>): void;
  module(request: Omit<ModuleRequest, 'site' | 'package' | 'api' | 'from'> & { from?: string }, call: SinkCall): void;
  /** Records every alternative of `value` as a module request; unknown parts become IMPORT_DYNAMIC. */
  moduleValue(call: SinkCall, value: Value, kind: ModuleRequest['kind'], from?: string): void;
  unresolved(u: Unresolved): void;
  /** What --unresolved says to do with an access of `scope` the analysis cannot resolve. */
  fallbackFor(scope: 'read' | 'write'): UnresolvedMode;
  diagnostic(d: Diagnostic): void;
  /** True when `value` waits for a caller in another module (the call was summarised; report nothing yet). */
  waits(value: Value): boolean;
  /** Records a call that may load or run any code: an unresolved module access and its diagnostic. */
  loadsUnknown(call: SinkCall, cause: Unknown, report: LoaderReport): void;
}

export type LoaderReport = { code: 'CODE_GENERATED'; from: 'input' | 'program' } | { code: 'MODULE_LOADER_ESCAPED'; how: 'argument' | 'stored' | 'returned' | 'unknown-base' };

export type Handler = (call: SinkCall, sink: DetectSink) => void;

export interface Detector {
  /** The capability name, spelled as in flags, JSON and docs. */
  name: string;
  /** Canonical API names → what a call needs. */
  apis: Record<string, Handler>;
}

export interface DetectOptions {
  env: EvalEnv;
  packageOf(file: string): PackageName;
  unresolved: { read: UnresolvedMode; write: UnresolvedMode };
  /** What a prefix grant on this folder would open that it must not (lib/detect/prefix.ts), or undefined. */
  /** `whole`: the folder granted whole (not a name prefix): the project root itself is not too broad then, a folder holding it is. */
  tooBroad(folder: string, partial?: string, whole?: boolean): BroadPrefix | undefined;
  /**
   * Method names a package model describes for calls made in this package (`sendFile` where
   * the package loads express): such calls are recorded as `methodCalls`, whatever the receiver.
   */
  methodNames?(pkg: PackageName): ReadonlySet<string> | undefined;
  /** The app's entry files (absolute): what `process.argv[1]` names at run time, `{main}` in a model. */
  entries?: readonly string[];
  /**
   * Whether a call into another module (`specifier` from `from`, export `path`) made in package
   * `pkg` can come to anything when calls are matched (lib/graph/match-calls.ts callCanMatch).
   * When it cannot, its arguments are not evaluated and no pending call is kept: on eslint's
   * tree that was most calls into other modules, and their arguments a twentieth of the
   * analysis. Absent: every such call is kept.
   */
  callMatters?(specifier: string, from: string, kind: 'require' | 'import', path: string[], pkg: PackageName): boolean;
  /**
   * Whether what module `specifier` (from `from`) exports can come to anything where it escapes
   * (./export-escape.ts): false for a built-in, and for a module examined already that, like every
   * module it re-exports, left no summary or conditional finding (they are made only while a
   * module is examined, so none comes later). Absent: every escape is kept.
   */
  exportsMatter?(specifier: string, from: string, kind: 'require' | 'import'): boolean;
  /**
   * Whether a module on the way of a call into another module has not been examined yet (in a
   * require cycle, the module that loads this one back): what it exports is not known, so the
   * call is kept for detectAgain. Absent: no call is kept.
   */
  awaitsExports?(specifier: string, from: string, kind: 'require' | 'import', path: string[]): boolean;
}

/** `x.name(…)` on a receiver the analysis cannot tell, with its arguments' values. */
export interface MethodCall {
  name: string;
  args: Value[];
  site: Site;
  package: PackageName;
  via: Site[];
  /** Whether the receiver is made from this package (`yargs(…).config()`), judged by how its variable was imported. */
  madeFrom(pkg: string): boolean;
}

export interface Findings {
  needs: Need[];
  unresolved: Unresolved[];
  modules: ModuleRequest[];
  diagnostics: Diagnostic[];
  /** Calls into other modules, with their arguments' values, for the graph to match. */
  pendingCalls: PendingCall[];
  /** Sinks and calls waiting for a caller in another module to bind a parameter. */
  summaries: Summary[];
  /** Calls of methods a package model describes (see DetectOptions.methodNames). */
  methodCalls: MethodCall[];
  /** Places where another module's exports escape where matching cannot follow them (./export-escape.ts): plain data. */
  escapes?: ExportEscape[];
  /**
   * Unresolved accesses (and their diagnostics) at a parameter of a dependency's function that
   * runs only when one of the module's exported functions `when` runs (./liveness.ts), and the
   * child-process and net needs of calls in such a function: kept until calls are matched, and
   * reported (granted) only if a call reached one of them or its export escaped.
   */
  conditional?: ConditionalFindings[];
}

/** See Findings.conditional. `when` empty: no code path calls the function. */
export interface ConditionalFindings {
  file: string;
  when: FnKey[];
  unresolved: Unresolved[];
  diagnostics: Diagnostic[];
  /**
   * Capability needs (./sink.ts heldCapabilities: child-process, net) of a call in a dependency's
   * function that runs only when one of `when` runs: granted once a call reaches one of them, or
   * one escapes (lib/graph/unmatched.ts), never dropped while anything might run it.
   */
  needs?: Need[];
}

export interface PendingCall {
  /** The module called into and where to resolve it from. */
  specifier: string;
  from: string;
  kind: 'require' | 'import';
  /** Export path: `['static']` for `express.static(…)`, `[]` for `require('x')(…)`, `['default']`. */
  path: string[];
  args: Value[];
  site: Site;
  package: PackageName;
  /** Call sites from the app down to this one, outermost first. */
  via: Site[];
  depth: number;
  /**
   * The condition the call runs under when no value the code shows turns it on (an option read as
   * off when left out, `if (opts.preserveTimestamps)`: option-branches.ts), quoted; set on the calls
   * a replay of such a call makes too. What only such calls reach runs only when the app sets it
   * (an always-denied error there is a warning: lib/graph/unmatched.ts).
   */
  onlyWhen?: string;
  /**
   * A call on an object another module made whose arguments hold a parameter of such an object's
   * method not bound yet: only a target that is an exported function is replayed. Any other is
   * such a method, whose sinks its own examination reports; replayed with the unbound parameter,
   * it would report each again at every call of it.
   */
  onlyExported?: true;
  /** Made in a replay of such a method: its replays add grants only (lib/graph/match-calls.ts grantsOnly). */
  grantsOnly?: true;
}

/**
 * A function as matching knows it: an identity for one function node, and nothing else. Export
 * tables and summaries are kept for the whole analysis; holding the node itself kept every
 * exported function's syntax tree alive until the end (measured on eslint's tree: 95,000 nodes,
 * 11 MB, by the last file), which garbage collection then copied and promoted. The key does not
 * hold the node: a file's tree goes once no summary or value needs it.
 */
export interface FnKey {
  readonly fnKey: true;
}

export interface Summary {
  /** The function whose parameters the replay binds. */
  fn: FnKey;
  /** The file that function is in. */
  file: string;
  /**
   * Runs the summarised sink or call again with `args` bound to the function's parameters.
   * With `unbound`, the parameters stay unknown and are reported as unresolved.
   */
  replay(args: Value[], via: Site[], depth: number, unbound?: boolean): Findings;
}
