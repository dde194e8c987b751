// What the scope walk (lib/parse/scope.ts) records for one file: its bindings, the references
// and writes bound to them, its call sites, static imports, exports and the module's shape.
// Types only, so the walk's modules and their readers share them without importing the walk.

import type { Node } from 'acorn';
import type { GeneratedCode } from './code-string.js';

export type BindingKind = 'var' | 'let' | 'const' | 'function' | 'class' | 'param' | 'import' | 'catch';

/** One step into a destructuring pattern: a property name, an array index, or the rest. */
export type PatternStep = { key: string } | { index: number } | { rest: true } | { computed: true } | { each: true };

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The declaration's initialiser (the whole right side, for destructuring). */
  init?: Node;
  /** Path from `init` to this name inside a destructuring pattern. */
  pattern: readonly PatternStep[];
  /** A default value inside the pattern (`{ a = 'x' }`), or a parameter default. */
  defaultValue?: Node;
  /** For functions and parameters: the function node. */
  fn?: Node;
  paramIndex?: number;
  /** For imports: the module specifier and the imported name (`default`, `*` or a name). */
  importSource?: string;
  importName?: string;
  /** Values assigned after the declaration with plain `=` (read-only: one shared empty list until the first). */
  writes: readonly Node[];
  /** Assigned through `+=`, `++`, destructuring assignment or similar: its value is not tracked. */
  complexWrite: boolean;
  /** For `for (const x of …)` and similar: the value is not the initialiser. */
  loopVariable: boolean;
}

/** Which binding an identifier names (lib/parse/binding-table.ts keeps it on the identifier). */
export interface BindingLookup extends Iterable<[Node, Binding]> {
  get(id: Node): Binding | undefined;
  has(id: Node): boolean;
  /** Each binding once per identifier bound to it: declarations in the order declared, then references in the walk's order. */
  values(): IterableIterator<Binding>;
  /** The bound references alone (no declaring identifier), each once, in the walk's order. */
  boundReferences(): IterableIterator<[Node, Binding]>;
  /** The bound references of each binding, each once, in the walk's order (as `boundReferences` lists them). */
  referencesByBinding(): Map<Binding, Node[]>;
  /** Each binding once, in the order `values()` first yields it. */
  bindings(): readonly Binding[];
  /** The identifiers bound to a binding `wanted` holds, in the order iteration lists them, each once. */
  identifiersOf(wanted: { has(b: Binding): boolean }): Node[];
}

export interface CallSite {
  node: Node; // CallExpression | NewExpression | ImportExpression | TaggedTemplateExpression
  /** The innermost function containing the call, if any. */
  fn?: Node;
}

export type ExportTarget = { node: Node } | { from: string; name: string };

export interface StaticImport {
  source: string;
  node: Node;
  kind: 'import' | 'export-from';
}

export interface ScopeModel {
  /** Reference and declaration identifiers → their binding. Unbound identifiers are absent. */
  bindingOf: BindingLookup;
  calls: CallSite[];
  imports: StaticImport[];
  /** Parameters of each function, by position (undefined for a destructured parameter). */
  params: Map<Node, (Binding | undefined)[]>;
  /** The names destructured parameters declare (`{ cwd } = {}`, `[a, b]`), for functions that have any. */
  patternParams: Map<Node, Binding[]>;
  /**
   * What the module exports, by name: `''` is `module.exports` itself (CommonJS), `default` the
   * ESM default export. A value is the expression (or declaration) that produces it, or a
   * re-export from another module. `export * from` sources are listed in `starExports`.
   */
  exports: Map<string, ExportTarget>;
  starExports: string[];
  /** Class declarations and expressions, and `C.prototype.m = …` / `C.prototype = …` assignments (lib/evaluate/instance.ts). */
  classes: Node[];
  prototypeWrites: Node[];
  /** Calls that run a code string the walk folded and parsed, with the generated tree (lib/parse/code-string.ts). */
  generated?: Map<Node, GeneratedCode>;
  /**
   * Places where an unbound `require`, or a variable that holds it (`const load = typeof require
   * === 'function' ? require : createRequire(…)`), is used as a value other than a call or a
   * member read: passed as an argument (`call` is that call), stored in an object, array or
   * property, or returned. The detect stage follows what it can and reports the rest
   * (lib/detect/loader-escape.ts).
   */
  loaderEscapes?: LoaderEscape[];
  /** During the walk only: names declared with `require` as their value, whose escapes are recorded too. */
  requireAliases?: Set<string>;
  /** `name.prop = value` assignments (`mkdirP.sync = function …`): members of an exported function. */
  staticWrites: Node[];
  /**
   * `exports[key] = value` with a key known only at run time (fs-extra 8 copies graceful-fs so):
   * lib/detect/flow.ts copiedIntoExports. With `via`, written into that name instead (`e[key] =
   * fs[key]`), an export only where the name holds the exports object.
   */
  computedExportWrites?: { key: Node; value: Node; via?: Node }[];
  /**
   * CommonJS exports written again (`exports.load = fs.readFileSync; if (gz) exports.load = …`):
   * the values written before the last, in source order. `exports` keeps the last; a call of the
   * export may still reach an earlier one (lib/detect/flow.ts exportTable).
   */
  rewrittenExports?: Map<string, Node[]>;
  /**
   * Export values that read a member of the top-level `this`, which in CommonJS is the exports
   * object (`this.load = this.read`): the export names that member again (lib/detect/flow.ts).
   */
  thisExportReads?: Set<Node>;
  /**
   * `exports.x` and `module.exports.x` read anywhere in a CommonJS file (also where written): a
   * use of the file's own export, which lib/detect/export-escape.ts climbs from as from the
   * exported function's name (`setImmediate(exports.save, file)` is an escape of save).
   */
  ownExportReads?: Node[];
  /** `for (key in source)`: the loop's name and what it walks the keys of (a copy of a module by its keys, copiedIntoExports). */
  forInKeys?: { key: Node; source: Node }[];
  /**
   * `exports.a.b = value` or `module.exports.a.b = value` (cacache's `module.exports.tmp.withTmp =
   * tmp.withTmp`): a member written below the export `a` (lib/detect/flow.ts addNestedMembers).
   */
  exportMemberWrites?: { name: string; member: string; value: Node }[];
  /**
   * Places where a name or member that may be a capability module's function (`cp.spawn`,
   * `fs.readFileSync`, a destructured `spawn`) is kept as a value in an object literal that is not
   * the module's exports, or handed to a call. The detect stage keeps those that are one
   * (lib/detect/function-escape.ts).
   */
  functionEscapes?: FunctionEscape[];
  /**
   * Other names and plain member reads kept in an object literal that is not the module's
   * exports, an array, a member or a class field, or an operand of a value handed to a call
   * (`{ f: lib.r }`, `o.f = r`), whose root is a variable or an import of the file: another
   * module's export may be a capability function under a name of its own (lib/detect/handed-on-import.ts).
   */
  keptValues?: FunctionEscape[];
}

/** A value that may be a capability function, kept in an object literal or handed to a call (lib/detect/function-escape.ts). */
export interface FunctionEscape {
  node: Node;
  /** The object literal it is kept in, or the call (or `new`) it is handed to. */
  holder: Node;
}

export interface LoaderEscape {
  node: Node;
  how: 'argument' | 'stored' | 'returned';
  call?: Node;
}
