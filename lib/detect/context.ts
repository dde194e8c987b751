// What a detector sees and may do: the call being examined (canonical API name, argument
// nodes, site, package) and a few verbs to record needs, unresolved accesses, module edges
// and diagnostics. Detectors never walk the AST or touch the file system themselves.

import type { Node } from 'acorn';
import type { Diagnostic } from '../diagnostics/index.js';
import type { Unknown, Value } from '../evaluate/index.js';
import type { Capability, Need, PackageName, Site, Unresolved, UnresolvedMode } from '../types.js';

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
  /** Why the callee is not known exactly: a built-in chosen at run time, a vm.Script of code that did not fold. */
  calleeCause?: Unknown;
  /** The expressions a variable read at `id` is given (its initialiser and plain writes); none for a parameter. */
  valuesOf?(id: Node): readonly Node[];
  /** True when the call is in the block of a `try` that has a `catch`. */
  caught?(): boolean;
}

export interface DetectSink {
  need(need: Omit<Need, 'site' | 'package' | 'api'>, call: SinkCall): void;
  /** Records fs needs for every alternative of `value`; unknown parts become Unresolved. */
  fsPath(call: SinkCall, value: Value, scope: 'read' | 'write', options?: { onlyIfMissing?: boolean }): void;
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
