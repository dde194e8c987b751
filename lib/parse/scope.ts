// One walk over a file's AST that records what later stages need: every binding with the
// expression that initialises it, every write to a binding, every call site with its
// enclosing function, and the static module edges. References are resolved after the walk,
// once all scopes are complete, so hoisted declarations are seen. No values are computed here.

import type {
  AnonymousFunctionDeclaration,
  AnyNode,
  ArrowFunctionExpression,
  BinaryExpression,
  CallExpression,
  ConditionalExpression,
  ExportNamedDeclaration,
  FunctionDeclaration,
  FunctionExpression,
  Identifier,
  IfStatement,
  Literal,
  LogicalExpression,
  MemberExpression,
  NewExpression,
  Node,
  Program,
} from 'acorn';
import { dotName, isNode } from './nodes.js';
import { codeCalleeKind, generatedSource, MAX_GENERATED_PER_FILE, parseGenerated, type GeneratedCode, type GeneratedKind } from './code-string.js';

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

export interface CallSite {
  node: Node; // CallExpression | NewExpression | ImportExpression
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
  bindingOf: Map<Node, Binding>;
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
   * Places where an unbound `require` is used as a value other than a call or a member read:
   * passed as an argument (`call` is that call), stored in an object, array or property, or
   * returned. The detect stage follows what it can and reports the rest (lib/detect/loader-escape.ts).
   */
  loaderEscapes?: LoaderEscape[];
  /** `name.prop = value` assignments (`mkdirP.sync = function …`): members of an exported function. */
  staticWrites: Node[];
}

export interface LoaderEscape {
  node: Node;
  how: 'argument' | 'stored' | 'returned';
  call?: Node;
}

/** What a declaration says about a binding; the other fields of a Binding start empty. */
type Declared = Pick<Binding, 'kind'> & Partial<Pick<Binding, 'init' | 'fn' | 'paramIndex' | 'importSource' | 'importName' | 'loopVariable'>>;

interface Scope {
  parent?: Scope;
  /** Created by the first declaration: most block scopes declare nothing. */
  names?: Map<string, Binding>;
  isFunction: boolean;
}

// Most bindings are never written again and most are not destructured: they share these two
// empty lists instead of each allocating its own (one binding per declared name, on every file).
const NO_WRITES: readonly Node[] = Object.freeze([]);
const NO_STEPS: readonly PatternStep[] = Object.freeze([]);
const EACH_STEP: readonly PatternStep[] = Object.freeze([{ each: true }]);

const skipKeys = new Set(['type', 'start', 'end', 'loc', 'range']);

/** `C.prototype.m` or `C.prototype` (a plain name C). */
function isPrototypeWrite(left: AnyNode): boolean {
  const proto = (m: AnyNode) => m.type === 'MemberExpression' && !m.computed && dotName(m) === 'prototype' && m.object.type === 'Identifier';
  return left.type === 'MemberExpression' && !left.computed && (proto(left) || proto(left.object));
}

function isFunctionNode(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

export function analyseScopes(program: Node): ScopeModel {
  const model: ScopeModel = { bindingOf: new Map(), calls: [], imports: [], params: new Map(), patternParams: new Map(), exports: new Map(), starExports: [], classes: [], prototypeWrites: [], staticWrites: [] };
  // References, resolved after the walk: two parallel arrays rather than an object per
  // identifier, which is most of the nodes in a file.
  const refIds: Identifier[] = [];
  const refScopes: Scope[] = [];
  const reference = (id: Identifier, scope: Scope): void => {
    refIds.push(id);
    refScopes.push(scope);
  };
  const writes: { id: Identifier; scope: Scope; value?: Node }[] = [];

  const newScope = (parent: Scope | undefined, isFunction: boolean): Scope => ({ parent, isFunction });
  const lookup = (scope: Scope | undefined, name: string): Binding | undefined => {
    for (let s = scope; s; s = s.parent) {
      const b = s.names?.get(name);
      if (b) return b;
    }
    return undefined;
  };
  let generatedBytes = 0;
  /**
   * Parses the code string a call runs, when it folds, and walks it as part of the file: direct
   * eval in the caller's scope, a Function in global scope (as its own function, so its callers
   * bind its parameters), a script (vm, indirect eval, an eval worker) in a scope of its own.
   */
  const spliceGenerated = (call: Node, kind: GeneratedKind, scope: Scope, fn: Node | undefined): void => {
    const constInit = (name: string) => {
      const b = lookup(scope, name);
      return b?.kind === 'const' && b.pattern.length === 0 ? b.init : undefined;
    };
    const source = generatedSource(call, kind, constInit);
    if (source === undefined || generatedBytes + source.length > MAX_GENERATED_PER_FILE) return;
    generatedBytes += source.length;
    const code = parseGenerated(source, kind, call);
    if (!code) return;
    (model.generated ??= new Map()).set(call, code);
    if (kind === 'eval') visitStatements((code.root as Program).body, newScope(scope, false), fn);
    else if (kind === 'function') visitFunction(code.root as FunctionExpression, newScope(undefined, true));
    else visitStatements((code.root as Program).body, newScope(undefined, true), undefined);
  };
  /** Records `node` when it is a `require` used as a value (bound or not is judged after the walk). */
  const escape = (node: AnyNode | null | undefined, how: LoaderEscape['how'], call?: Node): void => {
    if (node?.type === 'Identifier' && node.name === 'require') (model.loaderEscapes ??= []).push(call ? { node, how, call } : { node, how });
  };
  const functionScopeOf = (scope: Scope): Scope => {
    let s = scope;
    while (!s.isFunction && s.parent) s = s.parent;
    return s;
  };
  // Every field written out rather than spread from the declaration: this builds one object per
  // declared name, and the spreads were a visible part of the walk.
  const declare = (scope: Scope, id: Identifier, d: Declared, pattern: readonly PatternStep[]): Binding => {
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
    model.bindingOf.set(id, b);
    return b;
  };

  // Declares every identifier of a pattern; visits defaults and computed keys as expressions.
  const declarePattern = (
    pattern: AnyNode,
    scope: Scope,
    base: Declared,
    path: readonly PatternStep[],
    fn: Node | undefined,
  ): void => {
    switch (pattern.type) {
      case 'Identifier':
        declare(scope, pattern, base, path);
        return;
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          if (prop.type === 'RestElement') {
            declarePattern(prop.argument, scope, base, [...path, { rest: true }], fn);
            continue;
          }
          let step: PatternStep;
          if (!prop.computed && prop.key.type === 'Identifier') step = { key: prop.key.name };
          else if (!prop.computed && prop.key.type === 'Literal') step = { key: String(prop.key.value) };
          else {
            visit(prop.key, scope, fn);
            step = { computed: true };
          }
          declarePattern(prop.value, scope, base, [...path, step], fn);
        }
        return;
      case 'ArrayPattern':
        pattern.elements.forEach((el, index) => {
          if (!el) return;
          if (el.type === 'RestElement') declarePattern(el.argument, scope, base, [...path, { rest: true }], fn);
          else declarePattern(el, scope, base, [...path, { index }], fn);
        });
        return;
      case 'AssignmentPattern': {
        visit(pattern.right, scope, fn);
        const inner = pattern.left;
        const before = model.bindingOf.size;
        declarePattern(inner, scope, base, path, fn);
        if (inner.type === 'Identifier' && model.bindingOf.size > before) {
          model.bindingOf.get(inner)!.defaultValue = pattern.right;
        }
        return;
      }
      case 'RestElement':
        declarePattern(pattern.argument, scope, base, [...path, { rest: true }], fn);
        return;
      default:
        // MemberExpression targets in assignment patterns: visit as expressions.
        visit(pattern, scope, fn);
    }
  };

  // Identifiers written by a destructuring assignment (`({ a } = obj)`) lose their tracked value.
  const markPatternWrites = (pattern: AnyNode, scope: Scope, fn: Node | undefined): void => {
    if (pattern.type === 'Identifier') {
      writes.push({ id: pattern, scope });
      reference(pattern, scope);
      return;
    }
    if (pattern.type === 'ObjectPattern') {
      for (const p of pattern.properties) {
        if (p.type === 'RestElement') markPatternWrites(p.argument, scope, fn);
        else {
          if (p.computed) visit(p.key, scope, fn);
          markPatternWrites(p.value, scope, fn);
        }
      }
    } else if (pattern.type === 'ArrayPattern') {
      for (const el of pattern.elements) if (el) markPatternWrites(el, scope, fn);
    } else if (pattern.type === 'AssignmentPattern') {
      visit(pattern.right, scope, fn);
      markPatternWrites(pattern.left, scope, fn);
    } else if (pattern.type === 'RestElement') markPatternWrites(pattern.argument, scope, fn);
    else visit(pattern, scope, fn);
  };

  const visitFunction = (node: FunctionDeclaration | AnonymousFunctionDeclaration | FunctionExpression | ArrowFunctionExpression, outer: Scope): void => {
    const scope = newScope(outer, true);
    if (node.type === 'FunctionExpression' && node.id) declare(scope, node.id, { kind: 'function', fn: node }, NO_STEPS);
    const params: (Binding | undefined)[] = [];
    const patterned: Binding[] = [];
    node.params.forEach((param, index) => {
      const before = scope.names?.size ?? 0;
      declarePattern(param, scope, { kind: 'param', fn: node, paramIndex: index }, NO_STEPS, node);
      // A plain parameter was just declared under its name (a default value is an expression
      // and declares nothing in this scope), so the scope's entry is its binding.
      const target = param.type === 'AssignmentPattern' ? param.left : param;
      params.push(target.type === 'Identifier' ? scope.names!.get(target.name) : undefined);
      // A pattern's names were added last (a Map keeps insertion order; a repeated name is not
      // added again, and is a syntax error in a pattern parameter anyway).
      if (target.type !== 'Identifier') patterned.push(...[...(scope.names?.values() ?? [])].slice(before).filter((b) => b.kind === 'param'));
    });
    model.params.set(node, params);
    if (patterned.length > 0) model.patternParams.set(node, patterned);
    if (node.body.type === 'BlockStatement') visitStatements(node.body.body, scope, node);
    else visit(node.body, scope, node);
  };

  const visitStatements = (body: readonly AnyNode[], scope: Scope, fn: Node | undefined): void => {
    // Function declarations are hoisted: declare them before visiting anything in the block.
    for (const stmt of body) {
      const decl = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
      if (decl && decl.type === 'FunctionDeclaration' && decl.id) declare(scope, decl.id, { kind: 'function', fn: decl }, NO_STEPS);
    }
    for (const stmt of body) visit(stmt, scope, fn);
  };

  const recordCjsExport = (left: AnyNode, right: AnyNode): void => {
    // exports.x = …, module.exports.x = …, module.exports = …
    if (left.type !== 'MemberExpression' || left.computed) return;
    const obj = left.object;
    const prop = dotName(left);
    if (obj.type === 'Identifier' && obj.name === 'module' && prop === 'exports') model.exports.set('', { node: right });
    else if (obj.type === 'Identifier' && obj.name === 'exports') model.exports.set(prop, { node: right });
    else if (obj.type === 'MemberExpression' && !obj.computed && (obj.object as Identifier).name === 'module' && dotName(obj) === 'exports') {
      model.exports.set(prop, { node: right });
    }
  };

  /**
   * Compiled re-exports, `export * from './x'` as helpers write it at the top level:
   * `__exportStar(require("./x"), exports)` (TypeScript, tslib), `__export(require("./x"))`
   * (TypeScript before 3.9), `__reExport(target, require("./x"), module.exports)` (esbuild).
   */
  const recordHelperReExport = (call: CallExpression): void => {
    const callee = call.callee;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? dotName(callee) : undefined;
    if (name !== '__exportStar' && name !== '__export' && name !== '__reExport') return;
    for (const arg of call.arguments) {
      const source = arg.type === 'CallExpression' && arg.callee.type === 'Identifier' && arg.callee.name === 'require' ? arg.arguments[0] : undefined;
      if (source?.type === 'Literal' && typeof source.value === 'string') model.starExports.push(source.value);
    }
  };

  const exportName = (n: AnyNode): string => (n.type === 'Identifier' ? n.name : String((n as Literal).value));

  function recordEsmExports(node: ExportNamedDeclaration, scope: Scope): void {
    if (node.source) {
      const from = String(node.source.value);
      model.imports.push({ source: from, node, kind: 'export-from' });
      for (const s of node.specifiers) model.exports.set(exportName(s.exported), { from, name: exportName(s.local) });
      return;
    }
    for (const s of node.specifiers) {
      if (s.local.type === 'Identifier') reference(s.local, scope);
      model.exports.set(exportName(s.exported), { node: s.local });
    }
    const decl = node.declaration;
    if (!decl) return;
    if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) if (d.id.type === 'Identifier') model.exports.set(d.id.name, { node: d.id });
    } else if (decl.id) model.exports.set(decl.id.name, { node: decl });
  }

  /**
   * A chain of members and calls (`p.then(f).then(g)…`, `a.b.c…`) walked down its spine in a
   * loop rather than by recursion, so a chain thousands of links long (generated code, or input
   * meant to exhaust the stack) costs no stack. The order is the recursion's: each call is
   * recorded before its callee is walked, and the computed properties and arguments are walked
   * innermost first, after the chain's base.
   */
  function visitChain(top: AnyNode, scope: Scope, fn: Node | undefined): void {
    const spine: (MemberExpression | CallExpression | NewExpression)[] = [];
    let node: AnyNode = top;
    for (;;) {
      if (node.type === 'MemberExpression') {
        spine.push(node);
        node = node.object;
      } else if (node.type === 'CallExpression' || node.type === 'NewExpression') {
        model.calls.push({ node, fn });
        if (!fn && node.type === 'CallExpression') recordHelperReExport(node);
        spine.push(node);
        node = node.callee;
      } else break;
    }
    visit(node, scope, fn);
    for (let i = spine.length - 1; i >= 0; i--) {
      const link = spine[i]!;
      if (link.type === 'MemberExpression') {
        if (link.computed) visit(link.property, scope, fn);
        continue;
      }
      for (const arg of link.arguments) {
        escape(arg, 'argument', link);
        visit(arg, scope, fn);
      }
      const kind = codeCalleeKind(link);
      if (kind) spliceGenerated(link, kind, scope, fn);
    }
  }

  /**
   * A chain of binary or logical operators (`a + b + c …`, left-nested by the parser), walked
   * down its left operands in a loop, then the right operands innermost first: the recursion's
   * order, without a level of stack per operator (minified code concatenates thousands).
   */
  function visitOperands(top: AnyNode, scope: Scope, fn: Node | undefined): void {
    const spine: (BinaryExpression | LogicalExpression)[] = [];
    let node: AnyNode = top;
    while (node.type === 'BinaryExpression' || node.type === 'LogicalExpression') {
      spine.push(node);
      node = node.left;
    }
    visit(node, scope, fn);
    for (let i = spine.length - 1; i >= 0; i--) visit(spine[i]!.right, scope, fn);
  }

  function visit(node: AnyNode | null | undefined, scope: Scope, fn: Node | undefined): void {
    if (!node) return;
    // The switch compares the type with each case in turn, so the cases come by how often they
    // are met (on eslint's tree), and half of all visits, to these three, are tested before it:
    // the walk took 36% fewer instructions than with the cases in syntax order.
    const type = node.type;
    if (type === 'Identifier') {
      reference(node, scope);
      return;
    }
    if (type === 'MemberExpression') {
      visitChain(node, scope, fn);
      return;
    }
    if (type === 'Literal') return;
    switch (type) {
      case 'BinaryExpression':
      case 'LogicalExpression':
        visitOperands(node, scope, fn);
        return;
      // The most frequent node types are walked directly; the child order is acorn's property
      // order, which the generic loop below follows, so calls and references are recorded in
      // the same order either way (the loop costs a property enumeration per node).
      case 'CallExpression':
      case 'NewExpression':
        visitChain(node, scope, fn);
        return;
      case 'Property':
      case 'PropertyDefinition':
      case 'MethodDefinition':
        if (node.computed) visit(node.key, scope, fn);
        escape(node.value, 'stored');
        visit(node.value, scope, fn);
        return;
      case 'ExpressionStatement':
        visit(node.expression, scope, fn);
        return;
      case 'ReturnStatement':
        escape(node.argument, 'returned');
        visit(node.argument, scope, fn);
        return;
      case 'UnaryExpression':
      case 'SpreadElement':
      case 'ThrowStatement':
        visit(node.argument, scope, fn);
        return;
      case 'BlockStatement':
      case 'StaticBlock':
        visitStatements(node.body, newScope(scope, node.type === 'StaticBlock'), fn);
        return;
      case 'IfStatement':
      case 'ConditionalExpression':
        // An else-if chain (or `?:` in the alternate), in a loop: generated dispatchers chain
        // thousands, and each link would otherwise be a level of recursion.
        for (let link: IfStatement | ConditionalExpression | null = node; link; ) {
          visit(link.test, scope, fn);
          visit(link.consequent, scope, fn);
          if (link.alternate?.type === link.type) link = link.alternate as IfStatement | ConditionalExpression;
          else {
            visit(link.alternate, scope, fn);
            link = null;
          }
        }
        return;
      case 'VariableDeclaration': {
        const target = node.kind === 'var' ? functionScopeOf(scope) : scope;
        for (const d of node.declarations) {
          declarePattern(d.id, target, { kind: node.kind as BindingKind, init: d.init ?? undefined }, NO_STEPS, fn);
          visit(d.init, scope, fn);
        }
        return;
      }
      case 'AssignmentExpression':
        if (node.left.type === 'Identifier') {
          writes.push({ id: node.left, scope, value: node.operator === '=' ? node.right : undefined });
          reference(node.left, scope);
        } else if (node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern') {
          markPatternWrites(node.left, scope, fn);
        } else {
          if (node.operator === '=') recordCjsExport(node.left, node.right);
          escape(node.right, 'stored');
          if (node.operator === '=' && isPrototypeWrite(node.left)) model.prototypeWrites.push(node);
          else if (node.operator === '=' && node.left.type === 'MemberExpression' && !node.left.computed && node.left.object.type === 'Identifier') model.staticWrites.push(node);
          visit(node.left, scope, fn);
        }
        visit(node.right, scope, fn);
        return;
      case 'ThisExpression':
      case 'TemplateElement':
        return;
      case 'ObjectExpression':
        for (const prop of node.properties) visit(prop, scope, fn);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        visitFunction(node, scope);
        return;
      case 'ArrayExpression':
        for (const el of node.elements) {
          escape(el, 'stored');
          visit(el, scope, fn);
        }
        return;
      case 'FunctionDeclaration':
        if (node.id && !model.bindingOf.has(node.id)) declare(scope, node.id, { kind: 'function', fn: node }, NO_STEPS);
        visitFunction(node, scope);
        return;
      case 'TemplateLiteral':
        for (const e of node.expressions) visit(e, scope, fn);
        return;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') writes.push({ id: node.argument, scope });
        visit(node.argument, scope, fn);
        return;
      case 'Program':
        visitStatements(node.body, scope, fn);
        return;
      case 'ClassDeclaration':
        // The class is the binding's `init`, so `new C(…)` finds its constructor.
        if (node.id) declare(scope, node.id, { kind: 'class', init: node }, NO_STEPS);
        model.classes.push(node);
        visit(node.superClass, scope, fn);
        visit(node.body, scope, fn);
        return;
      case 'ClassExpression':
        model.classes.push(node);
        visit(node.superClass, scope, fn);
        visit(node.body, scope, fn);
        return;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const inner = newScope(scope, false);
        if (node.type === 'ForStatement') {
          visit(node.init, inner, fn);
          visit(node.test, inner, fn);
          visit(node.update, inner, fn);
        } else {
          if (node.left.type === 'VariableDeclaration') {
            const target = node.left.kind === 'var' ? functionScopeOf(inner) : inner;
            // for-of over a known array: each element is one of the values; for-in yields keys.
            const kind = node.left.kind as BindingKind;
            const base = node.type === 'ForOfStatement' ? { kind, init: node.right } : { kind, loopVariable: true };
            const path: readonly PatternStep[] = node.type === 'ForOfStatement' ? EACH_STEP : NO_STEPS;
            for (const d of node.left.declarations) declarePattern(d.id, target, base, path, fn);
          } else markPatternWrites(node.left, inner, fn);
          visit(node.right, inner, fn);
        }
        visit(node.body, inner, fn);
        return;
      }
      case 'CatchClause': {
        const inner = newScope(scope, false);
        if (node.param) declarePattern(node.param, inner, { kind: 'catch' }, NO_STEPS, fn);
        visitStatements(node.body.body, inner, fn);
        return;
      }
      case 'SwitchStatement': {
        visit(node.discriminant, scope, fn);
        const inner = newScope(scope, false);
        for (const c of node.cases) {
          visit(c.test, inner, fn);
          visitStatements(c.consequent, inner, fn);
        }
        return;
      }
      case 'ImportDeclaration':
        model.imports.push({ source: String(node.source.value), node, kind: 'import' });
        for (const s of node.specifiers) {
          const importName =
            s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
          declare(scope, s.local, { kind: 'import', importSource: String(node.source.value), importName }, NO_STEPS);
        }
        return;
      case 'ExportNamedDeclaration':
        recordEsmExports(node, scope);
        visit(node.declaration, scope, fn);
        return;
      case 'ExportDefaultDeclaration':
        model.exports.set('default', { node: node.declaration });
        break;
      case 'ExportAllDeclaration':
        model.imports.push({ source: String(node.source.value), node, kind: 'export-from' });
        if (node.exported) model.exports.set(exportName(node.exported), { from: String(node.source.value), name: '*' });
        else model.starExports.push(String(node.source.value));
        return;
      case 'LabeledStatement':
        visit(node.body, scope, fn);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
        return;
      case 'ImportExpression':
        model.calls.push({ node, fn });
        break;
    }
    for (const key in node) {
      if (skipKeys.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) visit(v, scope, fn);
      } else if (isNode(value)) visit(value, scope, fn);
    }
  }

  const root = newScope(undefined, true);
  visit(program as Program, root, undefined);

  for (let i = 0; i < refIds.length; i++) {
    const id = refIds[i]!;
    if (model.bindingOf.has(id)) continue;
    const b = lookup(refScopes[i], id.name);
    if (b) model.bindingOf.set(id, b);
  }
  for (const { id, scope, value } of writes) {
    const b = lookup(scope, id.name);
    if (!b) continue;
    if (value) {
      if (b.writes === NO_WRITES) b.writes = [value];
      else (b.writes as Node[]).push(value);
    }
    else b.complexWrite = true;
  }
  // A `require` that is a parameter or a variable of the file is not the module's require.
  if (model.loaderEscapes) model.loaderEscapes = model.loaderEscapes.filter((e) => !model.bindingOf.has(e.node));
  return model;
}

export { isFunctionNode };
