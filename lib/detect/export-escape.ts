// Where another module's exports escape this file: a value made from `require('x')` or an import
// used in a way matching cannot follow. Matching knows a call of another module's function only
// as a call written on the imported value (`dep.read(p)`, `const { read } = require('dep');
// read(p)`), which becomes a pending call. Handed to another function (`files.map(read)`),
// called through a member named at run time (`dep[name](p)`), stored, returned or iterated, the
// function may be called with anything, and matching never sees it: the graph reports such a
// place (EXPORTS_ESCAPED) when what escapes holds functions whose parameters reach a sink. Found
// from the syntax alone, by climbing from each use of an imported value; a use not recognised as
// one matching follows is an escape, so this errs towards reporting. The same search runs from
// the file's own exported functions whose parameters wait for callers in other modules: a use of
// such a function's value that the file's own calls do not bind (kept in a Map, bound, stored in
// an array) may call it with anything, and no other module's call ever comes (`own` escapes).

import type { AnyNode, Node } from 'acorn';
import { basename } from 'node:path';
import { alternatives, evaluate, siteOf, type EvalEnv } from '../evaluate/index.js';
import type { Binding, FileModel } from '../parse/index.js';
import { ancestorsOf, keyName } from '../parse/nodes.js';
import type { EscapeHow, PackageName, Site } from '../types.js';
import { inertParams } from './inert-params.js';
import { refoldedCallee } from './refold.js';
import { holdsExports } from './exports-alias.js';

/** A place where a module's exports (at `path`) escape, as data (kept in examination records). */
export interface ExportEscape {
  specifier: string;
  from: string;
  kind: 'require' | 'import';
  path: string[];
  site: Site;
  package: PackageName;
  how: EscapeHow;
  /** Set when what escapes is a function of this file (`from`) exported at `path`, not another module's exports. */
  own?: true;
  /** For the module object handed on: the other module's function it is handed to, and at which argument (an inert parameter lets nothing escape, lib/graph/unmatched.ts). */
  to?: { specifier: string; kind: 'require' | 'import'; path: string[]; index: number };
}

/**
 * A function of this file, exported at `path`, whose parameters wait for callers in other modules;
 * `binding` its name, `binds` whether a call of the file binds its parameters (lib/detect/callers.ts).
 */
export interface OwnExport {
  binding: Binding;
  fn: Node;
  path: string[];
  binds: (call: Node) => boolean;
  /**
   * Whether `fn`'s value returned by this function is what the export table made its result
   * (an exported factory's `return FileStore`, lib/detect/flow.ts `result`): matching follows it.
   */
  returnedBy?: (enclosing: Node) => boolean;
}

/** How an imported value got its name: the module and the export path it stands for. */
interface Root {
  specifier: string;
  kind: 'require' | 'import';
  path: string[];
  /** The variable holds an object literal whose member of this name is the module's value (get-uri's `protocols = { file }`). */
  member?: string;
  /** The module's own exported function this root holds (OwnExport): only the calls that bind its parameters (`binds`) follow it. */
  fn?: Node;
  binds?: (call: Node) => boolean;
  returnedBy?: (enclosing: Node) => boolean;
  /** Given past a merge (`const f = dep.x || dep.read`): see Climb.merged. */
  merged?: boolean;
}

/** Interop helpers of compilers that hand the module back (`__importDefault(require('x'))`): the value is still the module. */
const interopHelpers = new Set(['__importDefault', '__importStar', '_interopRequireDefault', '_interopRequireWildcard', '__toESM', '_interop_require_default', '_interop_require_wildcard']);

/** What one search of a file for escapes works with. */
interface Search {
  model: FileModel;
  env: EvalEnv;
  roots: Map<Binding, Root[]>;
  /** Local variables a module is assigned to (`core = require('./mode.js')`): searched as roots in the next pass. */
  derived: Map<Binding, Root[]>;
  matters: (specifier: string, kind: 'require' | 'import') => boolean;
  /** Whether the file writes a `require('lit')` or `import('lit')` of a module that matters. */
  anyCall: boolean;
  /** Each `require('lit')` and `import('lit')` of the file, in source order (literalLoads). */
  loads: readonly Load[];
  /** The expressions the module's exports are defined as (`exports.x = v`, a getter's `return m.x`): the export table follows them. */
  exported: ReadonlySet<Node>;
  /** Reads of the file's own exports (`exports.save`), each with the own exported function it reads (ownExportReads). */
  ownReads: ReadonlyMap<Node, readonly Root[]>;
}

/**
 * Where `this` is the file's exports object inside its functions (./callers.ts): the reads
 * `this.save` there, and whether the `this` of a function is it. Handed in by the caller, since
 * this module is below ./callers.ts.
 */
export interface ThisOfExports {
  reads: readonly Node[];
  isExportsIn: (fn: Node) => boolean;
}

const noThisOfExports: ThisOfExports = { reads: [], isExportsIn: () => false };

/** How many passes follow modules assigned to local variables (each pass one more step); what is left after them escapes. */
const MAX_PASSES = 3;

/**
 * Every escape of an imported value in this file; `matters` says which modules' escapes can come
 * to anything (DetectOptions.exportsMatter). `waits`: some exported function of the file has
 * findings that wait for callers in other modules (then the module object handed on escapes).
 */
export function exportEscapes(model: FileModel, env: EvalEnv, pkg: PackageName, asked: (specifier: string, kind: 'require' | 'import') => boolean = () => true, own: readonly OwnExport[] = [], waits = own.length > 0, thisOfExports: ThisOfExports = noThisOfExports): ExportEscape[] {
  const answers = new Map<string, boolean>();
  const matters = (specifier: string, kind: 'require' | 'import'): boolean => {
    const key = `${kind} ${specifier}`;
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = asked(specifier, kind)));
    return answer;
  };
  const roots = rootBindings(model, matters);
  const self = { specifier: `./${basename(model.file)}`, kind: model.kind === 'esm' ? ('import' as const) : ('require' as const) };
  for (const o of own) roots.set(o.binding, [...(roots.get(o.binding) ?? []), { ...self, path: o.path, fn: o.fn, binds: o.binds, ...(o.returnedBy ? { returnedBy: o.returnedBy } : {}) }]);
  const loads = literalLoads(model);
  const anyCall = loads.some(({ root }) => matters(root.specifier, root.kind));
  const exported = new Set<Node>();
  for (const target of model.exports.values()) if ('node' in target) exported.add(target.node);
  const handedOn = waits ? moduleObjectEscapes(model, env, pkg, self, thisOfExports.isExportsIn) : [];
  const ownReads = ownExportReads(model, own, self, thisOfExports.reads);
  for (let pass = 0; ; pass++) {
    const search: Search = { model, env, roots, derived: new Map(), matters, anyCall, loads, exported, ownReads };
    const out = pass === 0 ? [...handedOn, ...escapesIn(search, pkg)] : escapesIn(search, pkg);
    const fresh = [...search.derived];
    if (fresh.length === 0) return out;
    if (pass === MAX_PASSES) return [...out, ...fresh.flatMap(([b, rs]) => rs.map((r) => ({ specifier: r.specifier, from: model.file, kind: r.kind, path: r.path, site: siteOf({ model, depth: 0 }, env, b.init ?? b.writes[0]!), package: pkg, how: 'stored' as const, ...(r.fn ? { own: true as const } : {}) })))];
    for (const [b, rs] of fresh) roots.set(b, [...(roots.get(b) ?? []), ...rs]);
  }
}

function escapesIn(search: Search, pkg: PackageName): ExportEscape[] {
  const { model, env, roots } = search;
  const out: ExportEscape[] = [];
  if (roots.size === 0 && !search.anyCall) return out;
  // Only the uses are visited, each with its ancestors found by position (a walk of every node of
  // every file cost a tenth of the analysis of eslint's tree).
  for (const node of usesIn(model, roots, search.matters, search.loads, search.ownReads)) {
    const ancestors = ancestorsOf(model.ast as AnyNode, node);
    for (const root of search.ownReads.get(node) ?? rootsOfUse(model, node, roots)) {
      // A node the file's tree does not hold (a code string's, placed at its call): not followed.
      const escape = ancestors ? climb(search, node, ancestors, root) : { at: node, how: 'stored' as const, path: root.path };
      if (escape) out.push({ specifier: root.specifier, from: model.file, kind: root.kind, path: escape.path, site: siteOf({ model, depth: 0 }, env, escape.at), package: pkg, how: escape.how, ...(root.fn ? { own: true as const } : {}) });
    }
  }
  return out;
}

/** Each reference to a root binding, and each `require('lit')` and `import('lit')` of a module that matters, in source order. */
function usesIn(model: FileModel, roots: Map<Binding, Root[]>, matters: (specifier: string, kind: 'require' | 'import') => boolean, loads: readonly Load[], ownReads: ReadonlyMap<Node, readonly Root[]>): AnyNode[] {
  const uses: AnyNode[] = [];
  if (roots.size > 0) for (const id of model.bindingOf.identifiersOf(roots)) uses.push(id as AnyNode);
  for (const read of ownReads.keys()) uses.push(read as AnyNode);
  for (const { node, root } of loads) if (matters(root.specifier, root.kind)) uses.push(node);
  return uses.sort((x, y) => x.start - y.start);
}

/**
 * The reads of a CommonJS file's own exports (`exports.save`, `module.exports.save`, and `this.save`
 * in a function of the exports object, `thisReads`: ./callers.ts thisExportMemberReads) that name
 * one of its exported functions whose parameters wait for callers (`own`), each with that
 * function's root: a use of the function's value like its name's (`setImmediate(exports.save,
 * file)` escapes, `exports.save(file)` binds). The export's own write (`exports.save = …`) is no
 * use. On 38e1021 such reads were not looked at, so a function handed on through one had its
 * parameter sinks wait for a caller that never came, silently (`miss-exports-own-escape-through-exports-read`).
 */
function ownExportReads(model: FileModel, own: readonly OwnExport[], self: Pick<Root, 'specifier' | 'kind'>, thisReads: readonly Node[]): ReadonlyMap<Node, readonly Root[]> {
  const out = new Map<Node, Root[]>();
  if (own.length === 0 || model.kind === 'esm') return out;
  // By name: a filter of every export for each read was quadratic (16,000 exports: 2.6 s).
  const byName = new Map<string | undefined, OwnExport[]>();
  for (const o of own) {
    if (o.path.length !== 1) continue;
    const same = byName.get(o.path[0]);
    if (same) same.push(o);
    else byName.set(o.path[0], [o]);
  }
  for (const read of [...(model.ownExportReads ?? []), ...thisReads] as AnyNode[]) {
    if (read.type !== 'MemberExpression') continue;
    const holders = byName.get(memberName(read)) ?? [];
    if (holders.length === 0 || writtenOrCalled(model.ast as AnyNode, read)) continue;
    out.set(read, holders.map((o) => ({ ...self, path: o.path, fn: o.fn, binds: o.binds })));
  }
  return out;
}

/**
 * Whether `node` is the left side of an assignment (the export's own write), or the callee of
 * the call TypeScript writes for a call of an own export, `(0, exports.f)(…)`: a call, as
 * `exports.f(…)` (tsc's recursion in mkdirp's findMadeSync, `miss-fs-parent-walk`).
 */
function writtenOrCalled(ast: AnyNode, node: AnyNode): boolean {
  const above = ancestorsOf(ast, node);
  const parent = above?.at(-1);
  if (parent?.type === 'AssignmentExpression') return parent.left === node;
  if (parent?.type !== 'SequenceExpression' || parent.expressions.at(-1) !== node) return false;
  const call = above!.at(-2);
  return call?.type === 'CallExpression' && call.callee === parent;
}

/** A `require('lit')` or `import('lit')` written in the file, and the module it loads. */
interface Load {
  node: AnyNode;
  root: Root;
}

/** The file's `require('lit')` and `import('lit')` calls, in the order of its call sites: found once, read by every pass. */
function literalLoads(model: FileModel): Load[] {
  const out: Load[] = [];
  for (const { node } of model.calls) {
    const n = node as AnyNode;
    const root = n.type === 'ImportExpression' ? literalImport(n) : requireCall(model, n);
    if (root) out.push({ node: n, root });
  }
  return out;
}

/** The module a use stands for: a reference to a root binding, or `require('lit')` / `import('lit')` written in place. */
function rootsOfUse(model: FileModel, node: AnyNode, roots: Map<Binding, Root[]>): readonly Root[] {
  if (node.type === 'Identifier') {
    const b = model.bindingOf.get(node);
    return (b && roots.get(b)) ?? none;
  }
  if (node.type === 'ImportExpression') {
    const r = literalImport(node);
    return r ? [r] : none;
  }
  const r = requireCall(model, node);
  return r ? [r] : none;
}

const none: readonly Root[] = [];

/** `import('lit')`: the module it loads. */
function literalImport(n: AnyNode & { type: 'ImportExpression' }): Root | undefined {
  return n.source.type === 'Literal' && typeof n.source.value === 'string' ? { specifier: n.source.value, kind: 'import', path: [] } : undefined;
}

/** `require('lit')` with the unbound require. */
export function requireCall(model: FileModel, node: AnyNode): Root | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require' || model.bindingOf.has(node.callee)) return undefined;
  const a = node.arguments[0];
  return a?.type === 'Literal' && typeof a.value === 'string' ? { specifier: a.value, kind: 'require', path: [] } : undefined;
}

/**
 * The bindings that hold a module or one of its exports, by syntax: an import, or a const-like
 * variable (never written again) given `require('lit')`, a member chain of one, or another
 * such binding, destructured by keys.
 */
function rootBindings(model: FileModel, matters: (specifier: string, kind: 'require' | 'import') => boolean): Map<Binding, Root[]> {
  const roots = new Map<Binding, Root[]>();
  // Candidates only: imports, and variables never written again whose initialiser is a member
  // chain over a variable or over `require('lit')` (what chainOf reads), with a key path.
  const all: { b: Binding; chain: Chain; steps: string[] }[] = [];
  const bindings = model.bindingOf.bindings();
  for (let i = 0; i < bindings.length; i++) {
    const b = bindings[i]!;
    if (b.kind === 'var' || b.kind === 'let' || b.kind === 'const') {
      if (!b.init || b.writes.length > 0 || b.complexWrite || b.loopVariable) continue;
      const chain = chainOf(model, b.init as AnyNode);
      const steps = chain && patternPath(b);
      if (steps) all.push({ b, chain: chain!, steps });
      continue;
    }
    if (b.kind !== 'import' || !b.importSource || !matters(b.importSource, 'import')) continue;
    const path = b.importName === '*' ? [] : [b.importName ?? 'default'];
    roots.set(b, [{ specifier: b.importSource, kind: 'import', path }]);
  }
  // Aliases of aliases: a few rounds (each round follows one more step of `const a = b.c`).
  for (let round = 0; round < 4; round++) {
    let grew = false;
    for (const { b, chain, steps } of all) {
      if (roots.has(b)) continue;
      const named = chainBases(chain, roots);
      const bases = named.length > 0 ? named.filter((r) => matters(r.specifier, r.kind)) : none;
      if (bases.length > 0) {
        roots.set(b, bases.map((base) => ({ ...base, path: [...base.path, ...steps] })));
        grew = true;
      }
    }
    if (!grew) break;
  }
  return roots;
}

/** The key path of a destructured name (`{ a: { b } }`), or undefined for an index, rest or computed step. */
function patternPath(b: Binding): string[] | undefined {
  const out: string[] = [];
  for (const s of b.pattern) {
    if (!('key' in s)) return undefined;
    out.push(s.key);
  }
  return out;
}

/** A member chain's written names, over a variable's binding or over `require('lit')` (chainOf). */
type Chain = { names: string[]; over: Binding } | { names: string[]; load: Root };

/** The member chain `e` is (over `require('lit')`, a variable, an interop helper or `await import('lit')`), by syntax alone; undefined when it can name no module. */
function chainOf(model: FileModel, e: AnyNode): Chain | undefined {
  const names: string[] = [];
  let n = e;
  for (let i = 0; i < 64; i++) {
    if (n.type === 'MemberExpression') {
      const name = memberName(n);
      if (name === undefined) return undefined;
      names.unshift(name);
      n = n.object;
    } else if (n.type === 'ChainExpression' || n.type === 'ParenthesizedExpression') n = n.expression;
    else if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && interopHelpers.has(n.callee.name) && n.arguments.length === 1) n = n.arguments[0] as AnyNode;
    // `(await import('x')).y`: the awaited namespace, as the evaluator folds it (dynamicImport).
    else if (n.type === 'AwaitExpression' && n.argument.type === 'ImportExpression') n = n.argument;
    else break;
  }
  if (n.type === 'Identifier') {
    const over = model.bindingOf.get(n);
    return over ? { names, over } : undefined;
  }
  const load = n.type === 'ImportExpression' ? literalImport(n) : requireCall(model, n);
  return load ? { names, load } : undefined;
}

/** The modules a chain names with the roots known so far. */
function chainBases(chain: Chain, roots: Map<Binding, Root[]>): readonly Root[] {
  const bases = 'load' in chain ? [chain.load] : roots.get(chain.over);
  // Asked again each round for every variable over another: most name no module yet.
  if (!bases) return none;
  return bases.map((base) => ({ ...base, path: [...base.path, ...chain.names] }));
}

/** A member's name when it is written (`a.b`, `a['b']`), else undefined. */
function memberName(m: AnyNode & { type: 'MemberExpression' }): string | undefined {
  if (!m.computed) return m.property.type === 'Identifier' ? m.property.name : undefined;
  const k = m.property.type === 'Literal' ? keyName(m.property) : undefined;
  return typeof k === 'string' ? k : undefined;
}

/**
 * Follows a use upward while the value flows on unchanged (members, parentheses, `||`, interop
 * helpers) and says whether it ends somewhere matching follows (a call of it, a const-like
 * variable that is itself a root, an export, a test) or escapes: where, and how.
 */
function climb(search: Search, use: AnyNode, ancestors: readonly AnyNode[], root: Root): Escape | undefined {
  const path = [...root.path];
  // `await import('x')` is x's namespace, which the evaluator folds (a CommonJS file using an
  // ESM-only package): climbed like `require('x')`. Any other use (`.then(m => …)`) escapes.
  if (use.type === 'ImportExpression' && ancestors[ancestors.length - 1]?.type !== 'AwaitExpression') return ancestors[ancestors.length - 1]?.type === 'ExpressionStatement' ? undefined : { at: use, how: 'dynamic-import', path };
  const state: Climb = { cur: use, path, member: root.member, ...(root.merged ? { merged: true } : {}) };
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const step = stepUp(search, ancestors, i, state, root);
    if (step !== 'on') return step === 'ends' ? undefined : step;
  }
  return undefined;
}

type Escape = { at: Node; how: EscapeHow; path: string[] };

/** Where a climb is: the expression whose value holds the module, its export path, and the object member it sits in, if any. */
interface Climb {
  cur: AnyNode;
  path: string[];
  member: string | undefined;
  /** Set past `||`, `??`, `&&` or a conditional's arm: the value there may be another's (`(dep.x || dep.read)(…)`). */
  merged?: boolean;
}

/** One step of climb: the value flows on (`on`), ends where matching follows it (`ends`), or escapes. */
function stepUp(search: Search, ancestors: readonly AnyNode[], i: number, st: Climb, root: Root): 'on' | 'ends' | Escape {
  const { model } = search;
  const p = ancestors[i]!;
  const { cur, path } = st;
  const escape = (how: EscapeHow, at: Node = cur): Escape => ({ at, how, path });
  const on = () => ((st.cur = p), 'on' as const);
  if (st.member !== undefined) return memberStep(search, ancestors, i, st, root);
  if (root.fn) {
    const own = ownStep(search, ancestors, i, st, root);
    if (own !== undefined) return own;
  }
  // What an export is defined as (TypeScript's `Object.defineProperty(exports, 'x', { get: () => m.x })`
  // re-export, whose getter's return is the export): the export table follows it.
  if (search.exported.has(cur)) return 'ends';
  switch (p.type) {
    case 'MemberExpression': {
      if (p.object !== cur) return 'ends'; // the module as a computed key
      const name = memberName(p);
      if (name === undefined) return foldsToModules(search, p, root.specifier) ? on() : escape('computed-member', p);
      // `dep.read.call(…)`: matching knows a call of the function, not of its call method.
      if ((name === 'call' || name === 'apply' || name === 'bind') && path.length > 0) return escape('indirect-call', p);
      path.push(name);
      return on();
    }
    case 'ChainExpression':
    case 'ParenthesizedExpression':
    case 'AwaitExpression':
      return on();
    case 'LogicalExpression':
      st.merged = true;
      return on();
    case 'ConditionalExpression':
      if (p.test === cur) return 'ends';
      st.merged = true;
      return on();
    case 'SequenceExpression':
      return p.expressions[p.expressions.length - 1] !== cur ? 'ends' : on();
    case 'CallExpression':
    case 'NewExpression':
      // A call matching follows only when the callee folds to the module's function (fuel or depth may cut it).
      if (p.callee === cur) return calleeFolds(search, cur, root.specifier, st.merged ? path : undefined) ? 'ends' : escape('unfolded-call');
      // An interop helper, or a wrapper whose value the evaluator folds to the module again (universalify's `u(fn)`): the value flows on.
      if ((p.type === 'CallExpression' && p.callee.type === 'Identifier' && interopHelpers.has(p.callee.name)) || givesModule(search, p, root)) return on();
      return assignsExports(model, ancestors, i) ? 'ends' : escape('argument');
    case 'VariableDeclarator':
      if (p.id === cur) return 'ends'; // the declaration's own name
      if (p.init === cur && declaresRoots(model, p, search.roots)) return 'ends';
      return p.init === cur && derive(search, p.id as AnyNode, carried(root, path, st.merged)) ? 'ends' : escape('stored');
    case 'AssignmentPattern':
      return p.left === cur ? 'ends' : escape('stored');
    case 'AssignmentExpression':
      // A function written as a member of the module (`r.extra = function () { this.run() }`)
      // has the module for `this` when called as one: it may call any export, as a hand-off may.
      if (p.left === cur) return !root.fn && cur.type === 'MemberExpression' && methodWithThis(model, p.right as AnyNode) ? { at: p, how: 'stored', path: path.slice(0, -1) } : 'ends';
      return (exportsWrite(model, p.left as AnyNode) && nestedFollowed(model, p.left as AnyNode, cur)) || aliasMemberWrite(model, p) || (p.operator === '=' && derive(search, p.left as AnyNode, carried(root, path, st.merged))) ? 'ends' : escape('stored');
    case 'SpreadElement':
      // `module.exports = { ...require('./copy') }`: the export table follows the spread.
      return exportedObject(model, ancestors, i) ? 'ends' : escape('iterated');
    case 'Property': {
      // In a pattern, the property's value is the name it declares or assigns.
      if (ancestors[i - 1]?.type === 'ObjectPattern') return 'ends';
      if (p.value !== cur) return 'ends';
      if (exportedObject(model, ancestors, i)) return 'ends';
      const key = p.computed ? undefined : p.key.type === 'Identifier' ? p.key.name : keyName(p.key);
      // An object literal of functions (a table of imports): followed where it is kept in a variable.
      if (typeof key !== 'string') return escape('stored');
      st.member = key;
      return on();
    }
    default:
      return stepEnds(p, cur, escape);
  }
}

/**
 * The steps of a climb from the file's own exported function `fn` that differ from a module's:
 * a call ends it only when it is one the file's calls bind `fn`'s parameters from
 * (lib/detect/callers.ts); a member of the function is not the function, except
 * `call`/`apply`/`bind`; written as a member of a variable never reassigned, it is followed
 * there (`listing.html = html`, then `listing[type](…)`). Undefined: as for a module.
 */
function ownStep(search: Search, ancestors: readonly AnyNode[], i: number, st: Climb, root: Root): 'ends' | Escape | undefined {
  const { cur, path } = st;
  const p = ancestors[i]!;
  switch (p.type) {
    // Returned by the exported function whose result the export table made it: followed there.
    case 'ReturnStatement':
      return root.returnedBy && returnedByFollowed(ancestors, i, root.returnedBy) ? 'ends' : undefined;
    case 'ArrowFunctionExpression':
      return p.body === cur && root.returnedBy?.(p) ? 'ends' : undefined;
    case 'MemberExpression': {
      if (p.object !== cur) return 'ends';
      const name = memberName(p);
      return name === 'call' || name === 'apply' || name === 'bind' ? { at: p, how: 'indirect-call', path } : 'ends';
    }
    case 'CallExpression':
    case 'NewExpression':
      if (p.callee !== cur) return undefined;
      return root.binds!(p) ? 'ends' : { at: cur, how: 'unfolded-call', path };
    case 'AssignmentExpression': {
      const left = p.left as AnyNode;
      if (p.right !== cur || p.operator !== '=' || left.type !== 'MemberExpression' || exportsWrite(search.model, left) || left.object.type !== 'Identifier') return undefined;
      const name = memberName(left);
      if (name === undefined) return { at: cur, how: 'stored', path };
      return derive(search, left.object, { ...root, path, member: name }) ? 'ends' : { at: cur, how: 'stored', path };
    }
    default:
      return undefined;
  }
}

/** Whether the function a `return` (at `ancestors[i]`) leaves is one whose result the export table made of the returned value. */
function returnedByFollowed(ancestors: readonly AnyNode[], i: number, returnedBy: (enclosing: Node) => boolean): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const a = ancestors[j]!;
    if (a.type === 'FunctionDeclaration' || a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression') return returnedBy(a);
  }
  return false;
}

/** The steps that end a climb or escape by the parent's type alone. */
function stepEnds(p: AnyNode, cur: AnyNode, escape: (how: EscapeHow) => Escape): 'ends' | Escape {
  switch (p.type) {
    case 'VariableDeclarator':
      return p.id === cur ? 'ends' : escape('stored');
    // A function's own name (the file's exported function, climbed from its declaration).
    case 'FunctionDeclaration':
    case 'FunctionExpression':
      return p.id === cur ? 'ends' : escape('stored');
    // A name declared or assigned, not a use of the value.
    case 'ArrayPattern':
    case 'ObjectPattern':
    case 'RestElement':
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ExportDefaultDeclaration':
    case 'ExportSpecifier':
    case 'ExpressionStatement':
    case 'UnaryExpression':
    case 'BinaryExpression':
    case 'IfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
    case 'UpdateExpression':
    case 'TemplateLiteral':
      return 'ends';
    case 'ReturnStatement':
      return escape('returned');
    case 'ArrowFunctionExpression':
      return p.body === cur ? escape('returned') : 'ends';
    case 'ForInStatement':
    case 'ForOfStatement':
      return escape('iterated');
    default:
      return escape('stored');
  }
}

/**
 * A climb inside an object literal whose member `st.member` holds the module: the literal kept in
 * a variable is followed there; read back by that name, it is the module again; by another
 * name, not; by a key known at run time, a call the evaluator folds to the module's functions
 * (get-uri's `protocols[protocol](…)`) is matched, anything else escapes.
 */
function memberStep(search: Search, ancestors: readonly AnyNode[], i: number, st: Climb, root: Root): 'on' | 'ends' | Escape {
  const p = ancestors[i]!;
  const escape = (how: EscapeHow, at: Node = st.cur): Escape => ({ at, how, path: st.path });
  if (p.type === 'ObjectExpression' && st.cur.type === 'Property') return ((st.cur = p), 'on');
  if (p.type === 'VariableDeclarator' && p.init === st.cur) return derive(search, p.id as AnyNode, { ...root, path: st.path, member: st.member! }) ? 'ends' : escape('stored');
  // Merged into the exports (`Object.assign(module.exports, { lines: require('./lines') })`) or exported whole: the export table follows it.
  if (p.type === 'CallExpression' && assignsExports(search.model, ancestors, i)) return 'ends';
  if (p.type === 'AssignmentExpression' && p.right === st.cur && exportsWrite(search.model, p.left as AnyNode) && nestedFollowed(search.model, p.left as AnyNode, st.cur)) return 'ends';
  if (p.type !== 'MemberExpression') return stepEnds(p, st.cur, escape);
  if (p.object !== st.cur) return 'ends';
  const name = memberName(p);
  // The file's own function read by a key known at run time: the call of it that follows says whether its parameters are bound.
  if (name === undefined && !root.fn && !foldsToModules(search, p, root.specifier)) return escape('computed-member', p);
  if (name !== undefined && name !== st.member) return 'ends';
  st.member = undefined;
  st.cur = p;
  return 'on';
}

/**
 * A computed member the evaluator folds to values of other modules only, this one among them
 * (get-uri's `protocols[protocol]`): a call of it is matched with each (modulesCalled in
 * ./index.ts), so the value flows on as the module's.
 */
function foldsToModules(search: Search, member: AnyNode, specifier: string): boolean {
  const v = evaluate(member, { model: search.model, depth: 0 }, search.env);
  const alts = alternatives(v);
  // Each alternative a module's function (matched: modulesCalled in ./index.ts), this one among them, or a
  // function of this file, or the table's "none of them" (the evaluator's dispatch table).
  return alts.some((a) => a.k === 'module' && a.specifier === specifier) && alts.every((a) => a.k === 'module' || a.k === 'fn' || (a.k === 'unknown' && a.reason === 'computed-member'));
}

/** `Object.assign(exports, …)` or `module.exports = Object.assign({…}, …)` (ancestors[at] the call): the export table merges what it is handed. */
function assignsExports(model: FileModel, ancestors: readonly AnyNode[], at: number): boolean {
  const call = ancestors[at]!;
  // tsc's `__exportStar(require('./read'), exports)`: a re-export the export table follows (`export *`).
  if (call.type === 'CallExpression' && call.callee.type === 'Identifier' && (call.callee.name === '__exportStar' || call.callee.name === '__export') && call.arguments.some((a) => exportsWrite(model, a as AnyNode))) return true;
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || memberName(call.callee) !== 'assign') return false;
  const object = call.callee.object;
  if (object.type !== 'Identifier' || object.name !== 'Object' || model.bindingOf.has(object)) return false;
  const target = call.arguments[0] as AnyNode | undefined;
  const parent = ancestors[at - 1];
  return (target !== undefined && exportsWrite(model, target)) || (parent?.type === 'AssignmentExpression' && parent.right === call && exportsWrite(model, parent.left as AnyNode));
}

/** The root a variable given the climbed value holds: the same module (or own function) at `path`. */
function carried(root: Root, path: string[], merged?: boolean): Root {
  return { specifier: root.specifier, kind: root.kind, path, ...(root.fn ? { fn: root.fn, binds: root.binds! } : {}), ...(merged || root.merged ? { merged: true } : {}) };
}

/**
 * A module given to a local variable of this file (`core = require('./mode.js')`, or declared and
 * written again): the variable's own uses are searched in the next pass, as a root.
 */
function derive(search: Search, target: AnyNode, root: Root): boolean {
  if (target.type !== 'Identifier') return false;
  const b = search.model.bindingOf.get(target);
  if (!b || b.kind === 'param' || b.kind === 'import' || b.complexWrite) return false;
  // The file's calls bind a function's parameters only through a name never written again.
  if (root.fn && (b.writes.length > 0 || b.loopVariable)) return false;
  if (!search.roots.get(b)?.some((r) => r.specifier === root.specifier && r.path.join('.') === root.path.join('.') && !r.merged === !root.merged)) search.derived.set(b, [...(search.derived.get(b) ?? []), root]);
  return true;
}

/** Whether the evaluator folds a callee to a function of the module, so the call becomes a pending call. */
function calleeFolds(search: Search, callee: AnyNode, specifier: string, path?: readonly string[]): boolean {
  // Folded again with fuel of its own when the file's fuel cut it, as the call's examination does (fold-cut.ts).
  const frame = { model: search.model, depth: 0 };
  const v = refoldedCallee(evaluate(callee, frame, search.env), callee, frame, search.env);
  // Past a merge, the call must fold to this very member: the evaluator takes another module's
  // member for truthy, so `(dep.x || dep.read)(p)` folds to dep.x alone and dep.read ran unmatched.
  return alternatives(v).some((a) => a.k === 'module' && a.specifier === specifier && (!path || samePath(a.path, path)));
}

const samePath = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether the evaluator folds a call to a value made from the module, or to the file's own function (a wrapper that returns its argument). */
function givesModule(search: Search, call: AnyNode, root: Root): boolean {
  // Only a function the analysis sees (of this file or another module): a call it cannot see that
  // is handed a module (`pify(dep)`, `register(dep)`) is folded to a copy of it, which tells
  // nothing of what that code does with it.
  if (call.type !== 'CallExpression') return false;
  const callee = evaluate(call.callee, { model: search.model, depth: 0 }, search.env);
  if (!alternatives(callee).every((a) => a.k === 'fn' || a.k === 'module')) return false;
  const v = evaluate(call, { model: search.model, depth: 0 }, search.env);
  return alternatives(v).some((a) => (root.fn ? a.k === 'fn' && a.node === root.fn : a.k === 'module' && a.specifier === root.specifier));
}

/** A function with a `this` of its own (not an arrow), or a class, written or named (a declaration, or a name given one once). */
function methodWithThis(model: FileModel, v: AnyNode): boolean {
  if (v.type === 'FunctionExpression' || v.type === 'ClassExpression') return true;
  if (v.type !== 'Identifier') return false;
  const b = model.bindingOf.get(v);
  const fn = b?.kind === 'function' ? b.fn : b?.init;
  return !!fn && ((fn as AnyNode).type === 'FunctionDeclaration' || (fn as AnyNode).type === 'FunctionExpression' || (fn as AnyNode).type === 'ClassExpression' || (fn as AnyNode).type === 'ClassDeclaration');
}

/** Every name a declarator declares is a root binding (its own uses are then followed). */
function declaresRoots(model: FileModel, d: AnyNode & { type: 'VariableDeclarator' }, roots: Map<Binding, Root[]>): boolean {
  const ids: AnyNode[] = [];
  const collect = (n: AnyNode | null | undefined): void => {
    if (!n) return;
    if (n.type === 'Identifier') ids.push(n);
    else if (n.type === 'ObjectPattern') for (const p of n.properties) collect(p.type === 'Property' ? p.value : p.argument);
    else if (n.type === 'ArrayPattern') for (const e of n.elements) collect(e);
    else if (n.type === 'AssignmentPattern') collect(n.left);
    else if (n.type === 'RestElement') collect(n.argument);
  };
  collect(d.id);
  return ids.length > 0 && ids.every((id) => {
    const b = model.bindingOf.get(id);
    return b !== undefined && roots.has(b);
  });
}

/**
 * `exports.x`, `module.exports` or `module.exports.x` with the CommonJS globals, or a member of
 * such an export (`exports.x.y`): an export, which the export table follows. A write deeper than
 * that (`exports.x.y.z`) the table does not hold, so what is written there escapes.
 */
function exportsWrite(model: FileModel, left: AnyNode): boolean {
  let n = left;
  let depth = 0;
  while (n.type === 'MemberExpression' && !(n.object.type === 'Identifier' && n.object.name === 'module')) (n = n.object), depth++;
  return depth <= 2 && isExportsGlobal(model, n);
}

/** `exports` or `module.exports` with the CommonJS globals (not names the code declares). */
function isExportsGlobal(model: FileModel, n: AnyNode): boolean {
  if (n.type === 'Identifier') return n.name === 'exports' && !model.bindingOf.has(n);
  return n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === 'module' && !model.bindingOf.has(n.object) && memberName(n) === 'exports';
}

/**
 * Whether the export table holds what a write below an export (`exports.a.b = value`) puts there
 * (lib/detect/flow.ts addNestedMembers): it adds the member to an export made in this file as an
 * object or a function, or to one it makes; an export that is another module's value keeps only
 * what that module has, so the write is followed only when it names that module's own member
 * again (cacache's `exports.get = get; exports.get.byDigest = get.byDigest`). Any other write is
 * true: it is no write below an export.
 */
function nestedFollowed(model: FileModel, left: AnyNode, value: AnyNode): boolean {
  if (left.type !== 'MemberExpression' || left.object.type !== 'MemberExpression') return true;
  const outer = left.object;
  const base = outer.object as AnyNode;
  const nested = (base.type === 'Identifier' && base.name === 'exports') || (base.type === 'MemberExpression' && base.object.type === 'Identifier' && base.object.name === 'module');
  const name = memberName(outer);
  if (!nested || name === undefined) return true;
  const target = model.exports.get(name);
  if (target === undefined) return true;
  if (!('node' in target)) return false;
  const node = target.node as AnyNode;
  if (node.type === 'ObjectExpression' || /Function|Class/.test(node.type)) return true;
  if (node.type === 'MemberExpression') return requiredMember(model, node, value);
  if (node.type !== 'Identifier') return false;
  const b = model.bindingOf.get(node);
  if (b && b.writes.length === 0 && (b.kind === 'function' || b.kind === 'class' || b.init?.type === 'ObjectExpression' || /Function/.test(b.init?.type ?? ''))) return true;
  // `exports.get = get; exports.get.byDigest = get.byDigest`: the module's own member, reached through it.
  if (value.type === 'MemberExpression' && value.object.type === 'Identifier' && value.object.name === node.name && memberName(value) === memberName(left)) return true;
  return requiredMember(model, node, value);
}

/**
 * `exports.rm = rm.entry; exports.rm.all = rm.all` (cacache), with `rm = require('./rm.js')`: the
 * export is another module's value and the write names a member of the same module, which the
 * export table keeps on the export (flow.ts addNestedMembers), so a call of it is matched there.
 */
function requiredMember(model: FileModel, exported: AnyNode, value: AnyNode): boolean {
  const root = exported.type === 'MemberExpression' && !exported.computed ? exported.object : exported;
  if (root.type !== 'Identifier' || value.type !== 'MemberExpression' || value.computed || value.object.type !== 'Identifier') return false;
  const b = model.bindingOf.get(root);
  if (!b || b !== model.bindingOf.get(value.object) || b.writes.length > 0 || b.pattern.length > 0) return false;
  const init = b.init as AnyNode | undefined;
  return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'Literal';
}

/**
 * A member written on a name that holds the exports object (`jsonFile.outputJson =
 * u(require('./output-json'))` with `module.exports = jsonFile`): an export of that name, which
 * the export table follows (./exports-alias.ts, flow.ts addAliasMembers).
 */
function aliasMemberWrite(model: FileModel, assign: AnyNode & { type: 'AssignmentExpression' }): boolean {
  const left = assign.left as AnyNode;
  return assign.operator === '=' && left.type === 'MemberExpression' && left.object.type === 'Identifier' && model.staticWrites.includes(assign) && holdsExports(model, model.bindingOf.get(left.object));
}

/** A property of an object literal assigned to the exports (`module.exports = { read: dep.read }`). */
function exportedObject(model: FileModel, ancestors: readonly AnyNode[], at: number): boolean {
  const object = ancestors[at - 1];
  const assign = ancestors[at - 2];
  return object?.type === 'ObjectExpression' && assign?.type === 'AssignmentExpression' && assign.right === object && exportsWrite(model, assign.left as AnyNode);
}

/**
 * A CommonJS module that hands its own module object on: `module`, `exports` or `module.exports`
 * (or `this` at the top level, which is the exports object) as an argument of a call
 * (`require('./register')(module)`, `install(exports)`). The callee may call any of its exports
 * through it (`m.exports.read(file)`), and no call written on an import of the module ever
 * comes: every exported function of the file escapes there (an own escape of the whole exports,
 * path []). So does the object stored as a member of a variable (`registry.mod = module`).
 */
function moduleObjectEscapes(model: FileModel, env: EvalEnv, pkg: PackageName, self: { specifier: string; kind: 'require' | 'import' }, isExportsIn: (fn: Node) => boolean): ExportEscape[] {
  if (model.kind !== 'cjs') return [];
  const out: ExportEscape[] = [];
  for (const site of model.calls) {
    const call = site.node as AnyNode;
    if ((call.type !== 'CallExpression' && call.type !== 'NewExpression') || onBuiltinGlobal(model, call.callee as AnyNode) || exportHelpers.has(calleeName(call.callee as AnyNode) ?? '')) continue;
    // In a function of the exports object (`exports.go = function () { keep(this) }`) too.
    const thisIsExports = thisIsModuleExports(model, site.fn) || (site.fn !== undefined && isExportsIn(site.fn));
    let held: AnyNode | undefined;
    const index = call.arguments.findIndex((a) => (held = moduleObjectIn(model, a as AnyNode, thisIsExports)) !== undefined);
    if (index < 0) continue;
    // Inside a literal (`register({ mod: module })`) the parameter receives the literal: whether it is inert says nothing of the module.
    const direct = held === call.arguments[index];
    // An inert parameter may still be returned (thenify-all's `return destination`): a result the
    // module keeps (`const self = register(exports)`) is its exports again, called through.
    const kept = resultKept(model, call);
    if (direct && !kept && inertIn(model, call.callee as AnyNode, index)) continue;
    const callee = call.type === 'CallExpression' ? evaluate(call.callee, { model, depth: 0 }, env) : undefined;
    const to = callee?.k === 'module' && direct && !kept ? { to: { specifier: callee.specifier, kind: callee.loaded ?? ('require' as const), path: callee.path, index } } : {};
    out.push({ ...self, from: model.file, path: [], site: siteOf({ model, depth: 0 }, env, held!), package: pkg, how: 'argument', own: true, ...to });
  }
  // Stored as a member of a variable (`registry.mod = module`), or in a literal kept in one
  // (`const owners = [exports]`): whoever reads it there may call anything.
  for (const w of model.staticWrites) {
    const write = w as AnyNode;
    if (write.type !== 'AssignmentExpression' || exportsWrite(model, write.left as AnyNode)) continue;
    const held = moduleObjectIn(model, write.right as AnyNode, false);
    if (held) out.push({ ...self, from: model.file, path: [], site: siteOf({ model, depth: 0 }, env, held), package: pkg, how: 'stored', own: true });
  }
  // Destructured names share one initialiser: each literal once.
  const seen = new Set<Node>();
  for (const b of model.bindingOf.bindings()) {
    const init = b.init as AnyNode | undefined;
    if (!init || (init.type !== 'ObjectExpression' && init.type !== 'ArrayExpression') || seen.has(init)) continue;
    seen.add(init);
    const held = moduleObjectIn(model, init, false);
    if (held) out.push({ ...self, from: model.file, path: [], site: siteOf({ model, depth: 0 }, env, held), package: pkg, how: 'stored', own: true });
  }
  return out;
}

/** Whether the call's result is used: the call is not a statement of its own (nor `void`ed, nor one of a sequence's first). */
function resultKept(model: FileModel, call: AnyNode): boolean {
  const above = ancestorsOf(model.ast as AnyNode, call);
  const parent = above?.[above.length - 1];
  if (!parent) return true;
  if (parent.type === 'ExpressionStatement') return false;
  if (parent.type === 'UnaryExpression' && parent.operator === 'void') return false;
  return !(parent.type === 'SequenceExpression' && parent.expressions[parent.expressions.length - 1] !== call);
}

/**
 * The module object `n` is or holds as a member or item of a literal, a few levels deep
 * (`{ mod: module }`, `[exports]`, `{ list: [module] }`): undefined when none. Before, only the
 * object itself was seen, and one handed on in a literal let every exported function that waits
 * for callers wait for good (`miss-exports-module-object-handed-in-literal`).
 */
function moduleObjectIn(model: FileModel, n: AnyNode, thisIsExports: boolean, depth = 0): AnyNode | undefined {
  if (isModuleObject(model, n, thisIsExports)) return n;
  if (depth >= 4) return undefined;
  const parts: (AnyNode | null)[] = n.type === 'ObjectExpression' ? n.properties.map((p) => (p.type === 'Property' ? (p.value as AnyNode) : null)) : n.type === 'ArrayExpression' ? (n.elements as (AnyNode | null)[]) : [];
  for (const part of parts) {
    const held = part ? moduleObjectIn(model, part, thisIsExports, depth + 1) : undefined;
    if (held) return held;
  }
  return undefined;
}

/**
 * Whether `this` inside `fn` (the innermost function around a call) is the exports object: at
 * the top level of a CommonJS module, and in an arrow function there, which takes its `this`
 * from around it (`const start = () => register(this)`), through arrows only. Looked up only for
 * an arrow, from the file's root by ranges.
 */
function thisIsModuleExports(model: FileModel, fn: Node | undefined): boolean {
  if (fn === undefined) return true;
  if ((fn as AnyNode).type !== 'ArrowFunctionExpression') return false;
  const ancestors = ancestorsOf(model.ast as AnyNode, fn);
  return !!ancestors && ancestors.every((a) => a.type === 'ArrowFunctionExpression' || !/Function|Class|PropertyDefinition|StaticBlock/.test(a.type));
}

/** The global objects whose methods only define, copy or read members (`Object.defineProperty(exports, '__esModule', …)`, `Object.assign(exports, fs)`): they call no function of the object. */
const memberGlobals = new Set(['Object', 'Reflect']);

/**
 * The helpers compilers write to define or copy exports onto the exports object
 * (`__exportStar(require('./a'), exports)`, `tslib.__exportStar`, esbuild's `__reExport`, Babel's
 * `_exportStar`): they write members, and call none of the module's functions.
 */
const exportHelpers = new Set(['__exportStar', '__export', '__reExport', '__setModuleDefault', '__createBinding', '_exportStar', '_export', '__markAsModule']);

/** Whether the callee is a function of this file whose parameter at `index` only receives members (./inert-params.ts). */
function inertIn(model: FileModel, callee: AnyNode, index: number): boolean {
  const b = callee.type === 'Identifier' ? model.bindingOf.get(callee) : undefined;
  const fn = b?.kind === 'function' ? b.fn : b && b.writes.length === 0 && b.pattern.length === 0 && b.init && /Function/.test(b.init.type) ? b.init : undefined;
  return !!fn && !!inertParams(model, fn)?.includes(index);
}

/** A callee's name: `f` or the member `x.f`. */
function calleeName(callee: AnyNode): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  return callee.type === 'MemberExpression' ? memberName(callee) : undefined;
}

/** `Object.x` or `Reflect.x` with the global unshadowed. */
function onBuiltinGlobal(model: FileModel, callee: AnyNode): boolean {
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && memberGlobals.has(callee.object.name) && !model.bindingOf.has(callee.object);
}

/** `module`, `exports` or `module.exports` with the CommonJS globals; `this` too where it is the exports object (`topLevel`). */
function isModuleObject(model: FileModel, n: AnyNode, topLevel: boolean): boolean {
  if (n.type === 'ThisExpression') return topLevel;
  if (n.type === 'Identifier' && n.name === 'module') return !model.bindingOf.has(n);
  return isExportsGlobal(model, n);
}
