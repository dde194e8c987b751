// The scope walk as a table: one small visitor per node type, all sharing one explicit state
// object (`ScopeWalk`). A visitor declares what its node binds, records what its node is (a
// reference, a write, a call, an escape of `require`) and walks its children in acorn's
// property order, so the model lists calls and references in source order. A node type
// without a visitor has its children walked generically; the most frequent types are tested
// before the table (see `visit`). What the module exports and its shape are recorded by
// lib/parse/module-shape.ts; references are bound after the walk (lib/parse/scope.ts).

import type {
  AnonymousClassDeclaration,
  AnonymousFunctionDeclaration,
  AnyNode,
  AssignmentProperty,
  ArrowFunctionExpression,
  AssignmentExpression,
  AwaitExpression,
  BinaryExpression,
  BlockStatement,
  CallExpression,
  ChainExpression,
  ClassDeclaration,
  ClassExpression,
  ConditionalExpression,
  ExportNamedDeclaration,
  Expression,
  ExpressionStatement,
  ForInStatement,
  ForOfStatement,
  ForStatement,
  FunctionDeclaration,
  FunctionExpression,
  Identifier,
  IfStatement,
  ImportDeclaration,
  LogicalExpression,
  MemberExpression,
  MethodDefinition,
  ModuleDeclaration,
  NewExpression,
  ObjectPattern,
  Node,
  Pattern,
  Program,
  Property,
  PropertyDefinition,
  SequenceExpression,
  SpreadElement,
  Statement,
  TemplateLiteral,
  ThrowStatement,
  UnaryExpression,
  VariableDeclaration,
  YieldExpression,
} from 'acorn';
import { codeCalleeKind, generatedSource, MAX_GENERATED_PER_FILE, parseGenerated, type GeneratedKind } from './code-string.js';
import { importedName, isExportsObject, recordClass, recordKeyedDefine, recordExportAll, recordExportDefault, recordHelperReExport, recordImport, recordMemberWrite, recordNamedExports } from './module-shape.js';
import { isNode } from './nodes.js';
import type { Binding, BindingKind, LoaderEscape, PatternStep, ScopeModel } from './scope-model.js';
import type { BindingTable } from './binding-table.js';

/** What a declaration says about a binding; the other fields of a Binding start empty. */
type Declared = Pick<Binding, 'kind'> & Partial<Pick<Binding, 'init' | 'fn' | 'paramIndex' | 'importSource' | 'importName' | 'loopVariable'>>;

export interface Scope {
  parent?: Scope;
  /** Created by the first declaration: most block scopes declare nothing. */
  names?: Map<string, Binding>;
  isFunction: boolean;
}

/** Walks one node of type N: `fn` is the innermost function around it (undefined at the top level). */
export type Visitor<N extends AnyNode = AnyNode> = (w: ScopeWalk, node: N, scope: Scope, fn: Node | undefined) => void;

/** A visitor per node type, each typed by the node it walks. */
type VisitorTable = { readonly [T in AnyNode['type']]?: Visitor<Extract<AnyNode, { type: T }>> };

type FunctionNode = FunctionDeclaration | AnonymousFunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

/** The state of one walk, handed to every visitor. */
export interface ScopeWalk {
  readonly model: ScopeModel;
  /** The model's bindingOf, which the walk sets. */
  readonly bindings: BindingTable;
  /** The visitor of each node type (`scopeVisitors`; a test swaps one out to prove it matters). */
  readonly visitors: Readonly<Record<string, Visitor | undefined>>;
  /**
   * References, bound after the walk: two parallel arrays rather than an object per
   * identifier, which is most of the nodes in a file.
   */
  readonly refIds: Identifier[];
  readonly refScopes: Scope[];
  /** Writes to names: `value` for a plain `=`, none when the value is not tracked. */
  readonly writes: { id: Identifier; scope: Scope; value?: Expression }[];
  /** During the walk: object literals that are the module's exports or a member of them (`module.exports = { … }`). */
  exportedObjects?: Set<Node>;
  /**
   * During the walk: names given a value that may be a capability function (`const w =
   * fs.writeFileSync`, a default `w = fs.writeFileSync`, `w = fs.x.bind(fs)`), so a literal or call
   * that keeps the name (`{ w }`) is a candidate too (functionEscape). By name, not binding: a
   * candidate is only judged by the detect stage, which evaluates it.
   */
  capabilityAliases?: Set<string>;
  /** Length of the code strings parsed so far (at most MAX_GENERATED_PER_FILE per file). */
  generatedBytes: number;
  /**
   * The links of the chains being walked (visitChain, visitOperands), each chain above the
   * ones it is nested in: one array for the walk rather than a new one for each chain.
   * `spineTop` is how many of its entries are in use; the array is never shortened, since
   * setting an array's length to 0 makes V8 drop its storage, and every chain of the file
   * then allocated it again.
   */
  readonly spine: (MemberExpression | CallExpression | NewExpression | BinaryExpression | LogicalExpression)[];
  spineTop: number;
  /**
   * During the walk: getters (`get f() { … }`, a descriptor's `get: function () { … }`) with what
   * keeps the value they return (an object literal, a descriptor, a class member), so each
   * `return` in one is kept there like a member's value is (functionEscape).
   */
  getters?: Map<Node, Node>;
}

// Most bindings are never written again and most are not destructured: they share these two
// empty lists instead of each allocating its own (one binding per declared name, on every file).
export const NO_WRITES: readonly Node[] = Object.freeze([]);
const NO_STEPS: readonly PatternStep[] = Object.freeze([]);
const EACH_STEP: readonly PatternStep[] = Object.freeze([{ each: true }]);

const skipKeys = new Set(['type', 'start', 'end', 'loc', 'range']);

export function newScope(parent: Scope | undefined, isFunction: boolean): Scope {
  return { parent, isFunction };
}

export function lookup(scope: Scope | undefined, name: string): Binding | undefined {
  for (let s = scope; s; s = s.parent) {
    const b = s.names?.get(name);
    if (b) return b;
  }
  return undefined;
}

/**
 * Walks `node`. The seven most frequent node types (two thirds of eslint's nodes: identifiers
 * 38%, member expressions 10%, literals 9%, calls 5%, binary operators 4%, blocks 4%,
 * expression statements 4%) are tested first, in that order, and have no entry in the table:
 * called directly, their visitors can be inlined, where a call through the table cannot be.
 * Through the table alone the walk took 14% more CPU time than the `switch` it replaced; with
 * these seven, 4-5% more, which the whole analysis does not show (docs/benchmarks.md).
 */
export function visit(w: ScopeWalk, node: AnyNode | null | undefined, scope: Scope, fn: Node | undefined): void {
  if (!node) return;
  const type = node.type;
  // The type is read once into a local, which TypeScript does not narrow `node` by: the casts say what it is.
  if (type === 'Identifier') reference(w, node as Identifier, scope);
  else if (type === 'MemberExpression') visitChain(w, node as MemberExpression, scope, fn);
  else if (type === 'Literal') return;
  else if (type === 'CallExpression') visitChain(w, node as CallExpression, scope, fn);
  else if (type === 'BinaryExpression') visitOperands(w, node as BinaryExpression, scope, fn);
  else if (type === 'BlockStatement') visitStatements(w, (node as BlockStatement).body, newScope(scope, false), fn);
  else if (type === 'ExpressionStatement') visit(w, (node as ExpressionStatement).expression, scope, fn);
  else {
    const visitor = w.visitors[type];
    if (visitor !== undefined) visitor(w, node, scope, fn);
    else visitChildren(w, node, scope, fn);
  }
}

/** Every child node, in acorn's property order: for node types no visitor needs to know. */
function visitChildren(w: ScopeWalk, node: AnyNode, scope: Scope, fn: Node | undefined): void {
  for (const key in node) {
    if (skipKeys.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) visit(w, v, scope, fn);
    } else if (isNode(value)) visit(w, value, scope, fn);
  }
}

function reference(w: ScopeWalk, id: Identifier, scope: Scope): void {
  w.refIds.push(id);
  w.refScopes.push(scope);
}

/** Records `node` when it is a `require`, or a name declared with it, used as a value (what it is bound to is judged after the walk). */
function escape(w: ScopeWalk, node: AnyNode | null | undefined, how: LoaderEscape['how'], call?: Node): void {
  if (node?.type === 'Identifier' && (node.name === 'require' || w.model.requireAliases?.has(node.name))) (w.model.loaderEscapes ??= []).push(call ? { node, how, call } : { node, how });
}

/**
 * The last names of the capability modules' functions whose value kept in an object or handed
 * to a call is worth judging: fs's path functions (each with its Sync form) and child_process's. A name the walk
 * keeps is only a candidate; the detect stage evaluates it (lib/detect/function-escape.ts).
 */
const capabilityFunctionName = /^(?:(?:readFile|writeFile|appendFile|access|stat|lstat|readlink|readdir|opendir|mkdir|mkdtemp|rmdir|rm|unlink|chmod|chown|utimes|truncate|rename|copyFile|cp|link|symlink|open|realpath)(?:Sync)?|exists(?:Sync)?|createReadStream|createWriteStream|spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)$/;

/**
 * Records a name or a plain member read that may be a capability function (see
 * capabilityFunctionName), kept in an object literal's member or handed to a call (`holder`).
 */
function functionEscape(w: ScopeWalk, node: AnyNode | null | undefined, holder: Node, operand = false): void {
  // A default kept beside the caller's own (`opts.mkdir = opts.mkdir || fs.mkdir`, mkdirp 1's
  // opts-arg.js): each operand the value may be is kept the same way.
  if (node?.type === 'LogicalExpression') for (const side of [node.left, node.right]) functionEscape(w, side as AnyNode, holder, true);
  else if (node?.type === 'ConditionalExpression') for (const side of [node.consequent, node.alternate]) functionEscape(w, side as AnyNode, holder, true);
  // `(0, fs.writeFileSync)`, as compilers write an unbound read: the value is the last operand (holes-14).
  else if (node?.type === 'SequenceExpression') functionEscape(w, node.expressions[node.expressions.length - 1] as AnyNode, holder, operand);
  // A function called in place (`(() => fs.renameSync)()`): what it returns is kept, as a getter's is.
  else if (node?.type === 'CallExpression' && node.arguments.length === 0 && (node.callee.type === 'ArrowFunctionExpression' || node.callee.type === 'FunctionExpression')) noteGetter(w, node.callee, holder);
  else if (isCapabilityCandidate(w, node)) (w.model.functionEscapes ??= []).push({ node: node!, holder });
  // Any other name or member read kept in an object, an array or a member (`{ f: lib.r }`) may
  // be another module's export that is a capability function under a name of its own; a call's
  // plain arguments are listed by the detect stage from the calls (lib/detect/handed-on-import.ts).
  else if (isNameOrMember(node) && (operand || (holder.type !== 'CallExpression' && holder.type !== 'NewExpression'))) (w.model.keptValues ??= []).push({ node: node!, holder });
}

/**
 * A getter of an object literal (`get f() { … }`) or of a property descriptor (`{ get: () => … }`,
 * `{ get() { … } }`: a function of no parameters under the key `get`): reading the member runs it.
 */
function isGetter(p: Property): boolean {
  if (p.kind === 'get') return true;
  const value = p.value as AnyNode;
  const fn = value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression';
  return fn && !p.computed && p.kind === 'init' && value.params.length === 0 && (p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? p.key.value : undefined) === 'get';
}

/** A getter kept by `holder`: what it returns is kept there (an arrow's expression now, a `return` when the walk meets it). */
function noteGetter(w: ScopeWalk, fn: FunctionNode, holder: Node): void {
  if (fn.body.type !== 'BlockStatement') functionEscape(w, fn.body as AnyNode, holder);
  else (w.getters ??= new Map()).set(fn, holder);
}

/**
 * A name or a chain of member reads of one (`lib.io.r`, by a computed key too: `lib[k]`, silent-17),
 * or a `require(…)` or such a chain of one (`require('./lib').r`).
 */
function isNameOrMember(node: AnyNode | null | undefined): boolean {
  let cur = node;
  while (cur?.type === 'MemberExpression') cur = cur.object as AnyNode;
  return cur?.type === 'Identifier' || (cur?.type === 'CallExpression' && cur.callee.type === 'Identifier' && cur.callee.name === 'require');
}

/**
 * A name or plain member read named like a capability function, a name given one
 * (capabilityAliases), one of them bound (`fs.writeFile.bind(fs)`), or one of them promisified
 * (`promisify(fs.readFile)`, `util.promisify(…)`: package-hash keeps it beside readFileSync in
 * an object of executors, and the function it makes calls fs.readFile wherever it is called).
 */
function isCapabilityCandidate(w: ScopeWalk, node: AnyNode | null | undefined): boolean {
  if (node?.type === 'Identifier') return capabilityFunctionName.test(node.name) || w.capabilityAliases?.has(node.name) === true;
  // `fs.writeFileSync`, or by a literal key `fs['writeFileSync']` (holes-14).
  if (node?.type === 'MemberExpression') return memberName(node) !== undefined && capabilityFunctionName.test(memberName(node)!);
  if (node?.type !== 'CallExpression') return false;
  const callee = node.callee;
  if (isPromisifyName(callee)) return node.arguments.length > 0 && isCapabilityCandidate(w, node.arguments[0] as AnyNode);
  if (callee.type !== 'MemberExpression') return false;
  return !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'bind' && isCapabilityCandidate(w, callee.object as AnyNode);
}

/** `promisify` or `x.promisify` by name: the detect stage evaluates the call, so a look-alike is judged there. */
function isPromisifyName(callee: AnyNode): boolean {
  if (callee.type === 'Identifier') return callee.name === 'promisify';
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'promisify';
}

/** The name a member read names: `o.name`, or `o['name']` by a string literal. */
function memberName(node: MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : undefined;
  return node.property.type === 'Literal' && typeof node.property.value === 'string' ? node.property.value : undefined;
}

/** `const { writeFileSync: w } = fs`: the new name may hold the capability function the key names. */
function noteRenamedCapabilities(w: ScopeWalk, pattern: ObjectPattern): void {
  for (const p of pattern.properties) {
    if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier' || !capabilityFunctionName.test(p.key.name)) continue;
    const target = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
    if (target.type === 'Identifier') (w.capabilityAliases ??= new Set()).add(target.name);
  }
}

/** `name = value` (a declaration, a default, a write): the name holds a capability function when the value may be one. */
function noteCapabilityAlias(w: ScopeWalk, name: AnyNode, value: AnyNode | null | undefined): void {
  if (name.type === 'Identifier' && isCapabilityCandidate(w, value)) (w.capabilityAliases ??= new Set()).add(name.name);
}

/** Notes an object literal that is the module's exports or one of its members: export tables follow the functions kept in it. */
function noteExportedObject(w: ScopeWalk, node: AnyNode | null | undefined): void {
  if (node?.type === 'ObjectExpression') (w.exportedObjects ??= new Set()).add(node);
}

/** The `require` an initialiser is, or may be (`typeof require === 'function' ? require : …`, `require || x`). */
export function requireIn(init: AnyNode | null | undefined, aliases?: ReadonlySet<string>): Identifier | undefined {
  if (init?.type === 'Identifier') return init.name === 'require' || aliases?.has(init.name) ? init : undefined;
  if (init?.type === 'ConditionalExpression') return requireIn(init.consequent, aliases) ?? requireIn(init.alternate, aliases);
  if (init?.type === 'LogicalExpression') return requireIn(init.left, aliases) ?? requireIn(init.right, aliases);
  return undefined;
}

function isDeclaredIn(scope: Scope, name: string): boolean {
  return lookup(scope, name) !== undefined;
}

function functionScopeOf(scope: Scope): Scope {
  let s = scope;
  while (!s.isFunction && s.parent) s = s.parent;
  return s;
}

// Every field written out rather than spread from the declaration: this builds one object per
// declared name, and the spreads were a visible part of the walk.
function declare(w: ScopeWalk, scope: Scope, id: Identifier, d: Declared, pattern: readonly PatternStep[]): Binding {
  const b: Binding = {
    name: id.name,
    kind: d.kind,
    init: d.init,
    pattern,
    defaultValue: undefined,
    fn: d.fn,
    paramIndex: d.paramIndex,
    importSource: d.importSource,
    importName: d.importName,
    writes: NO_WRITES,
    complexWrite: false,
    loopVariable: d.loopVariable ?? false,
  };
  (scope.names ??= new Map()).set(id.name, b);
  w.bindings.declare(id, b);
  return b;
}

/** Declares every identifier of a pattern; visits defaults and computed keys as expressions. */
function declarePattern(w: ScopeWalk, pattern: Pattern, scope: Scope, base: Declared, path: readonly PatternStep[], fn: Node | undefined): void {
  switch (pattern.type) {
    case 'Identifier':
      declare(w, scope, pattern, base, path);
      return;
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        if (prop.type === 'RestElement') {
          declarePattern(w, prop.argument, scope, base, [...path, { rest: true }], fn);
          continue;
        }
        let step: PatternStep;
        if (!prop.computed && prop.key.type === 'Identifier') step = { key: prop.key.name };
        else if (!prop.computed && prop.key.type === 'Literal') step = { key: String(prop.key.value) };
        else {
          visit(w, prop.key, scope, fn);
          step = { computed: true };
        }
        declarePattern(w, prop.value, scope, base, [...path, step], fn);
      }
      return;
    case 'ArrayPattern':
      // A loop, not forEach: its closure would cost a context on every call, and this runs for
      // every declared name.
      for (let index = 0; index < pattern.elements.length; index++) {
        const el = pattern.elements[index];
        if (!el) continue;
        if (el.type === 'RestElement') declarePattern(w, el.argument, scope, base, [...path, { rest: true }], fn);
        else declarePattern(w, el, scope, base, [...path, { index }], fn);
      }
      return;
    case 'AssignmentPattern': {
      visit(w, pattern.right, scope, fn);
      noteCapabilityAlias(w, pattern.left, pattern.right);
      const inner = pattern.left;
      const before = w.bindings.declaredCount;
      declarePattern(w, inner, scope, base, path, fn);
      if (inner.type === 'Identifier' && w.bindings.declaredCount > before) w.bindings.get(inner)!.defaultValue = pattern.right;
      return;
    }
    case 'RestElement':
      declarePattern(w, pattern.argument, scope, base, [...path, { rest: true }], fn);
      return;
    default:
      // MemberExpression targets in assignment patterns: visit as expressions.
      visit(w, pattern, scope, fn);
  }
}

/**
 * Identifiers written by a destructuring assignment (`({ a } = obj)`), or a loop's head: given
 * `value` (the assignment's right side), each name is given its part of it (partOf); without one
 * (a loop's head, a rest element, a computed key), it loses its tracked value.
 */
function markPatternWrites(w: ScopeWalk, pattern: Pattern, scope: Scope, fn: Node | undefined, value?: Node): void {
  if (pattern.type === 'Identifier') {
    w.writes.push(value ? { id: pattern, scope, value: value as Expression } : { id: pattern, scope });
    if (value) noteCapabilityAlias(w, pattern, value as AnyNode);
    reference(w, pattern, scope);
    return;
  }
  if (pattern.type === 'ObjectPattern') {
    for (const p of pattern.properties) {
      if (p.type === 'RestElement') markPatternWrites(w, p.argument, scope, fn);
      else {
        if (p.computed) visit(w, p.key, scope, fn);
        markPatternWrites(w, p.value, scope, fn, value && !p.computed ? partOf(value, p.key as AnyNode, p) : undefined);
      }
    }
  } else if (pattern.type === 'ArrayPattern') {
    pattern.elements.forEach((el, i) => {
      if (el) markPatternWrites(w, el, scope, fn, value && el.type !== 'RestElement' ? partOf(value, { type: 'Literal', value: i, raw: String(i), start: el.start, end: el.end } as AnyNode, el) : undefined);
    });
  } else if (pattern.type === 'AssignmentPattern') {
    visit(w, pattern.right, scope, fn);
    const given = value && ({ type: 'LogicalExpression', operator: '??', left: value, right: pattern.right, start: pattern.start, end: pattern.end } as Node);
    markPatternWrites(w, pattern.left, scope, fn, given);
  } else if (pattern.type === 'RestElement') markPatternWrites(w, pattern.argument, scope, fn);
  else visit(w, pattern, scope, fn);
}

/**
 * The part of an assigned value a pattern's name takes (`({ appendFileSync: a } = fs)` gives `a`
 * the value of `fs.appendFileSync`, `[c] = list` of `list[0]`), as a member read of the value's
 * own node placed at the name's part of the pattern: the evaluator folds it like any other write.
 * The node is made here, not parsed, and never walked (its object is, as the assignment's right side).
 */
function partOf(value: Node, key: AnyNode, at: Node): Node {
  const computed = key.type !== 'Identifier';
  return { type: 'MemberExpression', object: value, property: key, computed, optional: false, start: at.start, end: at.end } as Node;
}

/** A function's own scope: its name (for an expression), its parameters by position, its body. */
function visitFunction(w: ScopeWalk, node: FunctionNode, outer: Scope): void {
  const scope = newScope(outer, true);
  if (node.type === 'FunctionExpression' && node.id) declare(w, scope, node.id, { kind: 'function', fn: node }, NO_STEPS);
  // Made at its length: pushing onto an empty list allocates room for 17 (V8).
  const params: (Binding | undefined)[] = new Array(node.params.length);
  let patterned: Binding[] | undefined;
  let plain = true;
  // A loop with no closure (this runs for every function): a closure costs a context per call.
  for (let index = 0; index < node.params.length; index++) {
    const param = node.params[index]!;
    const before = scope.names?.size ?? 0;
    declarePattern(w, param, scope, { kind: 'param', fn: node, paramIndex: index }, NO_STEPS, node);
    // A plain parameter was just declared under its name (a default value is an expression
    // and declares nothing in this scope), so the scope's entry is its binding.
    const target = param.type === 'AssignmentPattern' ? param.left : param;
    params[index] = target.type === 'Identifier' ? scope.names!.get(target.name) : undefined;
    if (param.type !== 'Identifier') plain = false;
    if (target.type !== 'Identifier') addPatternParams(scope, before, (patterned ??= []));
  }
  w.model.params.set(node, params);
  if (patterned && patterned.length > 0) w.model.patternParams.set(node, patterned);
  // Parameters with a default or a pattern get a scope of their own, so what a default names is
  // not found among the body's declarations (ECMAScript's FunctionDeclarationInstantiation).
  // Plain parameters share the body's scope: a `var` of the same name is the same variable.
  const body = plain ? scope : newScope(scope, true);
  if (node.body.type === 'BlockStatement') visitStatements(w, node.body.body, body, node);
  else visit(w, node.body, body, node);
}


/**
 * Adds to `out` the parameters a pattern parameter declared: its names were added to the scope
 * last (a Map keeps insertion order; a repeated name is not added again, and is a syntax error
 * in a pattern parameter anyway), after the first `before`.
 */
function addPatternParams(scope: Scope, before: number, out: Binding[]): void {
  out.push(...[...(scope.names?.values() ?? [])].slice(before).filter((b) => b.kind === 'param'));
}

/** A block's statements, its function declarations declared first (they are hoisted). */
function visitStatements(w: ScopeWalk, body: readonly (Statement | ModuleDeclaration)[], scope: Scope, fn: Node | undefined): void {
  for (const stmt of body) {
    const decl = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
    if (decl && decl.type === 'FunctionDeclaration' && decl.id) declare(w, scope, decl.id, { kind: 'function', fn: decl }, NO_STEPS);
  }
  for (const stmt of body) visit(w, stmt, scope, fn);
}

/**
 * Parses the code string a call runs, when it folds, and walks it as part of the file: direct
 * eval in the caller's scope, a Function in global scope (as its own function, so its callers
 * bind its parameters), a script (vm, indirect eval, an eval worker) in a scope of its own.
 */
function spliceGenerated(w: ScopeWalk, call: CallExpression | NewExpression, kind: GeneratedKind, scope: Scope, fn: Node | undefined): void {
  const constInit = (name: string) => {
    const b = lookup(scope, name);
    return b?.kind === 'const' && b.pattern.length === 0 ? b.init : undefined;
  };
  const source = generatedSource(call, kind, constInit);
  if (source === undefined || w.generatedBytes + source.length > MAX_GENERATED_PER_FILE) return;
  w.generatedBytes += source.length;
  const code = parseGenerated(source, kind, call);
  if (!code) return;
  (w.model.generated ??= new Map()).set(call, code);
  // The root is a Program, or the FunctionExpression a `Function` call builds (code-string.ts).
  const body = (code.root as Program).body;
  if (kind === 'eval') visitStatements(w, body, newScope(scope, false), fn);
  else if (kind === 'function') visitFunction(w, code.root as FunctionExpression, newScope(undefined, true));
  else visitStatements(w, body, newScope(undefined, true), undefined);
}

/**
 * A chain of members and calls (`p.then(f).then(g)…`, `a.b.c…`) walked down its spine in a
 * loop rather than by recursion, so a chain thousands of links long (generated code, or input
 * meant to exhaust the stack) costs no stack. The order is the recursion's: each call is
 * recorded before its callee is walked, and the computed properties and arguments are walked
 * innermost first, after the chain's base.
 */
function visitChain(w: ScopeWalk, top: MemberExpression | CallExpression | NewExpression, scope: Scope, fn: Node | undefined): void {
  const spine = w.spine;
  const base = w.spineTop;
  let end = base;
  let node: AnyNode = top;
  for (;;) {
    if (node.type === 'MemberExpression') {
      spine[end++] = node;
      node = node.object;
    } else if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      w.model.calls.push({ node, fn });
      // `Object.defineProperty(exports, 'x', { get … })`: the descriptor's getter is an export (module-shape.ts).
      if (node.type === 'CallExpression' && node.arguments.length === 3 && isExportsObject(node.arguments[0] as AnyNode)) noteExportedObject(w, node.arguments[2] as AnyNode);
      if (!fn && node.type === 'CallExpression') recordHelperReExport(w.model, node);
      else if (node.type === 'CallExpression' && node.arguments.length === 3) recordKeyedDefine(w.model, node);
      spine[end++] = node;
      node = node.callee;
    } else break;
  }
  w.spineTop = end;
  if (node.type === 'Identifier' && (node.name === 'exports' || node.name === 'module')) noteOwnExportRead(w, node, spine, base, end, scope);
  visit(w, node, scope, fn);
  // Each walk below uses the spine above `end` and leaves spineTop as it found it.
  for (let i = end - 1; i >= base; i--) {
    // Only member expressions, calls and `new` are pushed by this loop.
    const link = spine[i] as MemberExpression | CallExpression | NewExpression;
    if (link.type === 'MemberExpression') {
      if (link.computed) visit(w, link.property, scope, fn);
      continue;
    }
    for (const arg of link.arguments) {
      escape(w, arg, 'argument', link);
      functionEscape(w, arg, link);
      visit(w, arg, scope, fn);
    }
    const kind = codeCalleeKind(link);
    if (kind) spliceGenerated(w, link, kind, scope, fn);
  }
  w.spineTop = base;
}

/**
 * A chain of binary or logical operators (`a + b + c …`, left-nested by the parser), walked
 * down its left operands in a loop, then the right operands innermost first: the recursion's
 * order, without a level of stack per operator (minified code concatenates thousands).
 */
function visitOperands(w: ScopeWalk, top: BinaryExpression | LogicalExpression, scope: Scope, fn: Node | undefined): void {
  const spine = w.spine;
  const base = w.spineTop;
  let end = base;
  let node: AnyNode = top;
  while (node.type === 'BinaryExpression' || node.type === 'LogicalExpression') {
    spine[end++] = node;
    node = node.left;
  }
  w.spineTop = end;
  visit(w, node, scope, fn);
  // Only operators are pushed by this loop.
  for (let i = end - 1; i >= base; i--) visit(w, (spine[i] as BinaryExpression | LogicalExpression).right, scope, fn);
  w.spineTop = base;
}

/**
 * An else-if chain (or `?:` in the alternate), in a loop: generated dispatchers chain
 * thousands, and each link would otherwise be a level of recursion.
 */
const visitBranches: Visitor<IfStatement | ConditionalExpression> = (w, node, scope, fn) => {
  for (let link: IfStatement | ConditionalExpression | null = node; link; ) {
    visit(w, link.test, scope, fn);
    visit(w, link.consequent, scope, fn);
    if (link.alternate?.type === link.type) link = link.alternate as IfStatement | ConditionalExpression;
    else {
      visit(w, link.alternate, scope, fn);
      link = null;
    }
  }
};

// acorn's `using` and `await using` kinds are kept as they are, outside BindingKind's list.
const visitVariables: Visitor<VariableDeclaration> = (w, node, scope, fn) => {
  const target = node.kind === 'var' ? functionScopeOf(scope) : scope;
  for (const d of node.declarations) {
    declarePattern(w, d.id, target, { kind: node.kind as BindingKind, init: d.init ?? undefined }, NO_STEPS, fn);
    // A name declared with a name declared with require (`const r = require; const load = r;`) is one too.
    if (d.id.type === 'Identifier' && requireIn(d.init, w.model.requireAliases)) (w.model.requireAliases ??= new Set()).add(d.id.name);
    noteCapabilityAlias(w, d.id, d.init);
    if (d.id.type === 'ObjectPattern') noteRenamedCapabilities(w, d.id);
    visit(w, d.init, scope, fn);
  }
};

/** A write to a name keeps its value (plain `=`); a pattern's names lose theirs; a member write may shape the module. */
const visitAssignment: Visitor<AssignmentExpression> = (w, node, scope, fn) => {
  const left = node.left;
  // `w ||= v` (`&&=`, `??=`) leaves the name its own value or v: v is one more value it is given,
  // as a plain write's is (the evaluator takes a name's value as any of its initialiser and writes).
  const keeps = node.operator === '=' || node.operator === '||=' || node.operator === '&&=' || node.operator === '??=';
  if (left.type === 'Identifier') {
    w.writes.push({ id: left, scope, value: keeps ? node.right : undefined });
    reference(w, left, scope);
    if (keeps) noteCapabilityAlias(w, left, node.right);
  } else if (left.type === 'ObjectPattern' || left.type === 'ArrayPattern') {
    markPatternWrites(w, left, scope, fn, node.right);
  } else visitMemberWrite(w, node, scope, fn);
  visit(w, node.right, scope, fn);
};

/**
 * `arguments[i] = …` in a function (not an arrow): outside strict mode a function with plain
 * parameters shares them with `arguments`, so the write renames parameter `i` (every one, for a
 * key not written out). They lose the callers' values, as after `file += …`
 * (`miss-flow-param-rewritten-through-arguments`). Strict code does not share them; treating it
 * alike only reports a write that was exact.
 */
function noteArgumentsWrite(w: ScopeWalk, target: AnyNode, scope: Scope, fn: Node | undefined): void {
  if (target.type !== 'MemberExpression' || target.object.type !== 'Identifier' || target.object.name !== 'arguments') return;
  const owner = fn as AnyNode | undefined;
  if ((owner?.type !== 'FunctionExpression' && owner?.type !== 'FunctionDeclaration') || isDeclaredIn(scope, 'arguments')) return;
  const key = target.property as AnyNode;
  const at = target.computed && key.type === 'Literal' && typeof key.value === 'number' ? key.value : undefined;
  owner.params.forEach((param, i) => {
    if (param.type === 'Identifier' && (at === undefined || at === i)) w.writes.push({ id: param, scope });
  });
}

/** `a.b = …`: may shape the module's exports. */
function visitMemberWrite(w: ScopeWalk, node: AssignmentExpression, scope: Scope, fn: Node | undefined): void {
  // The walk has declared every parameter of the enclosing functions by now, which is what
  // can shadow `exports` or `module` (a var declared below the write is not seen). The scope
  // and a function of the module are handed over rather than a closure over the scope, which
  // would be made for every member write.
  // Outside every function, `this` is the module's exports object (CommonJS).
  recordMemberWrite(w.model, node, scope, isDeclaredIn, fn === undefined);
  const left = node.left as AnyNode;
  if (isExportsObject(left) || (left.type === 'MemberExpression' && isExportsObject(left.object as AnyNode))) noteExportedObject(w, node.right as AnyNode);
  // Kept in a member of any other object (`o.w = fs.writeFileSync`, `this.w = …`, a prototype, globalThis).
  else if (node.operator === '=') functionEscape(w, node.right as AnyNode, node);
  noteArgumentsWrite(w, node.left as AnyNode, scope, fn);
  escape(w, node.right, 'stored');
  visit(w, node.left, scope, fn);
}

const visitLoop: Visitor<ForStatement | ForInStatement | ForOfStatement> = (w, node, scope, fn) => {
  const inner = newScope(scope, false);
  if (node.type === 'ForStatement') {
    visit(w, node.init, inner, fn);
    visit(w, node.test, inner, fn);
    visit(w, node.update, inner, fn);
  } else {
    if (node.left.type === 'VariableDeclaration') {
      const target = node.left.kind === 'var' ? functionScopeOf(inner) : inner;
      // for-of over a known array: each element is one of the values; for-in yields keys.
      const base: Declared = node.type === 'ForOfStatement' ? { kind: node.left.kind as BindingKind, init: node.right } : { kind: node.left.kind as BindingKind, loopVariable: true };
      const path: readonly PatternStep[] = node.type === 'ForOfStatement' ? EACH_STEP : NO_STEPS;
      for (const d of node.left.declarations) declarePattern(w, d.id, target, base, path, fn);
    } else markPatternWrites(w, node.left, inner, fn);
    if (node.type === 'ForInStatement') noteForInKey(w, node);
    visit(w, node.right, inner, fn);
  }
  visit(w, node.body, inner, fn);
};

/** `exports.x` or `module.exports.x` at the base of a chain (`spine[end - 1]` is the member next to the base): kept as ScopeModel.ownExportReads. */
function noteOwnExportRead(w: ScopeWalk, base: Identifier, spine: AnyNode[], start: number, end: number, scope: Scope): void {
  if (isDeclaredIn(scope, base.name)) return;
  let at = end - 1;
  if (base.name === 'module') {
    const m = spine[at];
    if (at <= start || m?.type !== 'MemberExpression' || m.computed || (m.property as Identifier).name !== 'exports') return;
    at--;
  }
  const read = at >= start ? spine[at] : undefined;
  if (read?.type === 'MemberExpression' && !read.computed) (w.model.ownExportReads ??= []).push(read);
}

/** `for (const k in x)` or `for (k in x)`: the name of the key and `x`, kept for lib/detect/flow.ts's copies by key. */
function noteForInKey(w: ScopeWalk, node: ForInStatement): void {
  const left = node.left as AnyNode;
  const key = left.type === 'VariableDeclaration' ? (left.declarations.length === 1 ? left.declarations[0]!.id : undefined) : left;
  if (key?.type === 'Identifier') (w.model.forInKeys ??= []).push({ key, source: node.right });
}

/** A class is the binding's `init`, so `new C(…)` finds its constructor. */
const visitClass: Visitor<ClassDeclaration | AnonymousClassDeclaration | ClassExpression> = (w, node, scope, fn) => {
  if (node.type === 'ClassDeclaration' && node.id) declare(w, scope, node.id, { kind: 'class', init: node }, NO_STEPS);
  recordClass(w.model, node);
  visit(w, node.superClass, scope, fn);
  visit(w, node.body, scope, fn);
};

const visitImport: Visitor<ImportDeclaration> = (w, node, scope) => {
  recordImport(w.model, node);
  const importSource = String(node.source.value);
  for (const s of node.specifiers) declare(w, scope, s.local, { kind: 'import', importSource, importName: importedName(s) }, NO_STEPS);
};

const visitNamedExport: Visitor<ExportNamedDeclaration> = (w, node, scope, fn) => {
  recordNamedExports(w.model, node);
  if (node.declaration?.type === 'VariableDeclaration') for (const d of node.declaration.declarations) noteExportedObject(w, d.init as AnyNode);
  if (!node.source) for (const s of node.specifiers) if (s.local.type === 'Identifier') reference(w, s.local, scope);
  visit(w, node.declaration, scope, fn);
};

/** An object's or a class's member: a computed key, then the value (where `require` may be stored). */
function visitMember(w: ScopeWalk, node: Property | AssignmentProperty | PropertyDefinition | MethodDefinition, scope: Scope, fn: Node | undefined): void {
  if (node.computed) visit(w, node.key, scope, fn);
  // A class field (`w = fs.writeFileSync`, static or not) keeps it in every instance (or the class).
  if (node.type === 'PropertyDefinition') functionEscape(w, node.value as AnyNode, node);
  // A class's getter (`get w() { return fs.writeFileSync }`) gives it to every reader of the member.
  else if (node.type === 'MethodDefinition' && node.kind === 'get') noteGetter(w, node.value, node);
  escape(w, node.value, 'stored');
  visit(w, node.value, scope, fn);
}

// The visitors that only walk their children name each child property: a property read by a
// name the code spells is faster than `node[key]` with the key in a variable.
const visitArgument: Visitor<UnaryExpression | SpreadElement | ThrowStatement | AwaitExpression | YieldExpression> = (w, node, scope, fn) => visit(w, node.argument, scope, fn);
const visitExpression: Visitor<ChainExpression> = (w, node, scope, fn) => visit(w, node.expression, scope, fn);
const visitExpressions: Visitor<TemplateLiteral | SequenceExpression> = (w, node, scope, fn) => {
  for (const e of node.expressions) visit(w, e, scope, fn);
};
const skip: Visitor = () => {};

/**
 * The visitor of each node type but the seven `visit` tests first; a type not listed has its
 * children walked in acorn's order. Each visitor is typed by its node type; `visit` finds one by
 * a node's `type`, so the table is read as visitors of any node.
 */
export const scopeVisitors = Object.freeze({
  NewExpression: visitChain,
  LogicalExpression: visitOperands,
  Property: visitMember,
  PropertyDefinition: visitMember,
  MethodDefinition: visitMember,
  ReturnStatement: (w, node, scope, fn) => {
    escape(w, node.argument, 'returned');
    const getterOf = fn && w.getters?.get(fn);
    if (getterOf) functionEscape(w, node.argument as AnyNode, getterOf);
    visit(w, node.argument, scope, fn);
  },
  UnaryExpression: visitArgument,
  SpreadElement: visitArgument,
  ThrowStatement: visitArgument,
  AwaitExpression: visitArgument,
  YieldExpression: visitArgument,
  StaticBlock: (w, node, scope, fn) => visitStatements(w, node.body, newScope(scope, true), fn),
  IfStatement: visitBranches,
  ConditionalExpression: visitBranches,
  VariableDeclaration: visitVariables,
  AssignmentExpression: visitAssignment,
  ThisExpression: skip,
  TemplateElement: skip,
  ObjectExpression: (w, node, scope, fn) => {
    for (const p of node.properties) {
      if (p.type === 'Property') functionEscape(w, p.value, node);
      if (p.type === 'Property' && isGetter(p)) noteGetter(w, p.value as FunctionNode, node);
      visit(w, p, scope, fn);
    }
  },
  FunctionExpression: (w, node, scope) => visitFunction(w, node, scope),
  ArrowFunctionExpression: (w, node, scope) => visitFunction(w, node, scope),
  ArrayExpression: (w, node, scope, fn) => {
    for (const el of node.elements) {
      escape(w, el, 'stored');
      // Kept in an array (`[fs.writeFileSync]`, `new Map([['w', fs.writeFileSync]])`, `new Set([…])`).
      functionEscape(w, el as AnyNode, node);
      visit(w, el, scope, fn);
    }
  },
  FunctionDeclaration: (w, node, scope) => {
    // Declared already when hoisted by its block; not when it is the body of a label or an `if`.
    if (node.id && !w.model.bindingOf.has(node.id)) declare(w, scope, node.id, { kind: 'function', fn: node }, NO_STEPS);
    visitFunction(w, node, scope);
  },
  TemplateLiteral: visitExpressions,
  UpdateExpression: (w, node, scope, fn) => {
    if (node.argument.type === 'Identifier') w.writes.push({ id: node.argument, scope });
    else noteArgumentsWrite(w, node.argument as AnyNode, scope, fn);
    visit(w, node.argument, scope, fn);
  },
  Program: (w, node, scope, fn) => visitStatements(w, node.body, scope, fn),
  ClassDeclaration: visitClass,
  ClassExpression: visitClass,
  ClassBody: (w, node, scope, fn) => {
    for (const m of node.body) visit(w, m, scope, fn);
  },
  ForStatement: visitLoop,
  ForInStatement: visitLoop,
  ForOfStatement: visitLoop,
  WhileStatement: (w, node, scope, fn) => {
    visit(w, node.test, scope, fn);
    visit(w, node.body, scope, fn);
  },
  DoWhileStatement: (w, node, scope, fn) => {
    visit(w, node.body, scope, fn);
    visit(w, node.test, scope, fn);
  },
  TryStatement: (w, node, scope, fn) => {
    visit(w, node.block, scope, fn);
    visit(w, node.handler, scope, fn);
    visit(w, node.finalizer, scope, fn);
  },
  CatchClause: (w, node, scope, fn) => {
    const inner = newScope(scope, false);
    if (node.param) declarePattern(w, node.param, inner, { kind: 'catch' }, NO_STEPS, fn);
    visitStatements(w, node.body.body, inner, fn);
  },
  SwitchStatement: (w, node, scope, fn) => {
    visit(w, node.discriminant, scope, fn);
    const inner = newScope(scope, false);
    for (const c of node.cases) {
      visit(w, c.test, inner, fn);
      visitStatements(w, c.consequent, inner, fn);
    }
  },
  SequenceExpression: visitExpressions,
  ChainExpression: visitExpression,
  TaggedTemplateExpression: (w, node, scope, fn) => {
    // A tag is called with the template (execa's and zx's `$\`cmd ${arg}\``): a call site too.
    w.model.calls.push({ node, fn });
    visit(w, node.tag, scope, fn);
    visit(w, node.quasi, scope, fn);
  },
  ImportDeclaration: visitImport,
  ExportNamedDeclaration: visitNamedExport,
  ExportDefaultDeclaration: (w, node, scope, fn) => {
    recordExportDefault(w.model, node);
    noteExportedObject(w, node.declaration as AnyNode);
    visit(w, node.declaration, scope, fn);
  },
  ExportAllDeclaration: (w, node) => recordExportAll(w.model, node),
  LabeledStatement: (w, node, scope, fn) => visit(w, node.body, scope, fn),
  BreakStatement: skip,
  ContinueStatement: skip,
  MetaProperty: skip,
  EmptyStatement: skip,
  ImportExpression: (w, node, scope, fn) => {
    w.model.calls.push({ node, fn });
    visit(w, node.source, scope, fn);
    visit(w, node.options, scope, fn);
  },
} satisfies VisitorTable) as Readonly<Record<string, Visitor | undefined>>;

/** Whether a visitor only skips its node (nothing under it is walked or recorded). */
export function isSkip(visitor: Visitor | undefined): boolean {
  return visitor === skip;
}
