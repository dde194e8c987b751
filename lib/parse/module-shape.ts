// The module's shape, as the scope walk meets it: what it exports (ESM declarations, CommonJS
// `module.exports`/`exports.x` writes, the re-export helpers compilers emit), its static module
// edges, its classes and the members written onto functions and prototypes. Only syntax is
// read here; the walk (lib/parse/scope-walk.ts) owns scopes and bindings.

import type {
  AnyNode,
  AssignmentExpression,
  CallExpression,
  Class,
  ExportAllDeclaration,
  ExportDefaultDeclaration,
  ExportNamedDeclaration,
  Identifier,
  ImportDeclaration,
  Literal,
  Node,
  ObjectExpression,
  Pattern,
  PrivateIdentifier,
} from 'acorn';
import type { ScopeModel } from './scope-model.js';

// What a member read with a dot names (`a.b`, `a.#b`). These functions run inside the scope walk,
// so they read the name through this cast rather than through a call to dotName (lib/parse/nodes.ts).
type Named = Identifier | PrivateIdentifier;

/** `C.prototype.m` or `C.prototype` (a plain name C). */
function isPrototypeWrite(left: AnyNode): boolean {
  const proto = (m: AnyNode) => m.type === 'MemberExpression' && !m.computed && (m.property as Named).name === 'prototype' && m.object.type === 'Identifier';
  return left.type === 'MemberExpression' && !left.computed && (proto(left) || proto(left.object));
}

/** The name a CommonJS export write starts from: `exports` or `module`. */
function cjsRoot(left: AnyNode): string | undefined {
  if (left.type !== 'MemberExpression') return undefined;
  const obj = left.object as AnyNode;
  if (obj.type === 'Identifier') return obj.name;
  return obj.type === 'MemberExpression' && obj.object.type === 'Identifier' ? obj.object.name : undefined;
}

/**
 * `exports.x = …`, `module.exports.x = …`, `module.exports = …`. Not when `exports` or `module`
 * is a name of the code's own (`isLocal`): a bundle's module function takes them as parameters
 * (webpack's `(module, exports, require) { … }`), and what it writes there is not the file's.
 */
function recordCjsExport<S>(model: ScopeModel, left: AnyNode, right: AnyNode, scope: S, isLocal: (scope: S, name: string) => boolean, topLevel: boolean): void {
  if (left.type !== 'MemberExpression') return;
  // `exports['default'] = …` (what Babel writes) names its export as plainly as `exports.default`.
  const key = left.property as AnyNode;
  const prop = plainKey(left);
  // At the top level of a CommonJS module `this` is module.exports: `this.x = …` is `exports.x = …`.
  if (topLevel && (left.object as AnyNode).type === 'ThisExpression') {
    if (prop === undefined) (model.computedExportWrites ??= []).push({ key, value: right });
    else model.exports.set(prop, { node: right });
    if (right.type === 'MemberExpression' && (right.object as AnyNode).type === 'ThisExpression') (model.thisExportReads ??= new Set()).add(right);
    return;
  }
  // `exports.load = this.read` at the top level: the same function named again.
  if (topLevel && right.type === 'MemberExpression' && (right.object as AnyNode).type === 'ThisExpression') (model.thisExportReads ??= new Set()).add(right);
  const root = cjsRoot(left);
  if (prop !== undefined) recordNestedCjsExport(model, left, prop, right, scope, isLocal);
  if ((root !== 'exports' && root !== 'module') || isLocal(scope, root)) return;
  if (prop === undefined) {
    if (isExportsObject(left.object as AnyNode)) (model.computedExportWrites ??= []).push({ key, value: right });
    return;
  }
  const obj = left.object as AnyNode;
  if (obj.type === 'Identifier' && obj.name === 'module' && prop === 'exports') model.exports.set('', { node: right });
  else if (obj.type === 'Identifier' && obj.name === 'exports') setCjsExport(model, prop, right);
  else if (obj.type === 'MemberExpression' && !obj.computed && (obj.object as Identifier).name === 'module' && (obj.property as Named).name === 'exports') {
    setCjsExport(model, prop, right);
  }
}

/** `exports.name = right`, keeping a value written there before (ScopeModel.rewrittenExports). */
function setCjsExport(model: ScopeModel, name: string, right: AnyNode): void {
  const before = model.exports.get(name);
  if (before && 'node' in before) {
    const list = (model.rewrittenExports ??= new Map()).get(name);
    if (list) list.push(before.node);
    else model.rewrittenExports.set(name, [before.node]);
  }
  model.exports.set(name, { node: right });
}

/** A member's name written plainly (`a.b`, `a['b']`), else undefined. */
function plainKey(m: AnyNode & { type: 'MemberExpression' }): string | undefined {
  const key = m.property as AnyNode;
  if (!m.computed) return (key as Named).name;
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}

/**
 * `exports.a.b = …` or `module.exports.a.b = …` (`left` the whole member, `prop` its `b`): a member
 * of the export `a`, which the export table adds to it. Deeper writes are not recorded (the escape
 * search reports them).
 */
function recordNestedCjsExport<S>(model: ScopeModel, left: AnyNode & { type: 'MemberExpression' }, prop: string, right: AnyNode, scope: S, isLocal: (scope: S, name: string) => boolean): void {
  const outer = left.object as AnyNode;
  if (outer.type !== 'MemberExpression') return;
  const name = plainKey(outer);
  const base = outer.object as AnyNode;
  if (name === undefined || !isExportsObject(base) || isLocal(scope, base.type === 'Identifier' ? 'exports' : 'module')) return;
  (model.exportMemberWrites ??= []).push({ name, member: prop, value: right });
}

/**
 * `e[key] = fs[key]` where `e` is a name other than `exports` or `module`: a copy by key into
 * `e`, which lib/detect/flow.ts takes for one into the exports when `e` is a name for them
 * (`const e = module.exports`; that needs the bindings, not known during the walk).
 */
function recordKeyedCopyVia(model: ScopeModel, left: AnyNode, right: AnyNode): void {
  if (left.type !== 'MemberExpression' || !left.computed || left.object.type !== 'Identifier' || left.property.type !== 'Identifier') return;
  if (left.object.name === 'exports' || left.object.name === 'module') return;
  if (right.type !== 'MemberExpression' || !right.computed || right.property.type !== 'Identifier' || right.property.name !== left.property.name) return;
  (model.computedExportWrites ??= []).push({ key: left.property, value: right, via: left.object });
}

/**
 * An assignment to a member (`left` is not a name or a pattern): a CommonJS export, a prototype
 * write (lib/evaluate/instance.ts), or a member of a named function (`mkdirP.sync = …`).
 */
export function recordMemberWrite<S>(model: ScopeModel, node: AssignmentExpression, scope: S, isLocal: (scope: S, name: string) => boolean, topLevel = false): void {
  if (node.operator !== '=') return;
  recordCjsExport(model, node.left, node.right, scope, isLocal, topLevel);
  recordKeyedCopyVia(model, node.left, node.right);
  if (isPrototypeWrite(node.left)) model.prototypeWrites.push(node);
  else if (node.left.type === 'MemberExpression' && !node.left.computed && node.left.object.type === 'Identifier') model.staticWrites.push(node);
}

/**
 * Compiled re-exports, `export * from './x'` as helpers write it at the top level:
 * `__exportStar(require("./x"), exports)` (TypeScript, tslib), `__export(require("./x"))`
 * (TypeScript before 3.9), `__reExport(target, require("./x"), module.exports)` (esbuild), and
 * the same written by hand, `Object.assign(module.exports, require("./x"))`.
 */
export function recordHelperReExport(model: ScopeModel, call: CallExpression): void {
  if (recordDefinedExport(model, call)) return;
  const callee = call.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? (callee.property as Named).name : undefined;
  const intoExports = isAssignIntoExports(call);
  if (name !== '__exportStar' && name !== '__export' && name !== '__reExport' && !intoExports) return;
  // `Object.assign(module.exports, { lines })`: each member written out is an export, as `exports.lines = …`.
  if (intoExports) for (const arg of call.arguments.slice(1)) if (arg.type === 'ObjectExpression') recordMemberExports(model, arg);
  for (const arg of call.arguments) {
    const source = arg.type === 'CallExpression' && arg.callee.type === 'Identifier' && arg.callee.name === 'require' ? arg.arguments[0] : undefined;
    if (source?.type === 'Literal' && typeof source.value === 'string') model.starExports.push(source.value);
  }
}

/** The members an object literal names plainly (`{ a, b: f }`), as CommonJS exports. */
function recordMemberExports(model: ScopeModel, object: ObjectExpression): void {
  for (const p of object.properties) {
    if (p.type !== 'Property' || p.computed || p.kind !== 'init') continue;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (key !== undefined) model.exports.set(key, { node: p.value });
  }
}

/**
 * `Object.assign(module.exports, require("./x"))` or `Object.assign(exports, …)`: the other
 * module's members become this one's, as with `export * from './x'`.
 */
function isAssignIntoExports(call: CallExpression): boolean {
  return isObjectMethod(call, 'assign') && isExportsObject(call.arguments[0]);
}

/** `Object.<name>(…)`. */
function isObjectMethod(call: CallExpression, name: string): boolean {
  const c = call.callee;
  return c.type === 'MemberExpression' && !c.computed && c.object.type === 'Identifier' && c.object.name === 'Object' && (c.property as Named).name === name;
}

/** `exports` or `module.exports`. */
export function isExportsObject(target: AnyNode | undefined): boolean {
  if (target?.type === 'Identifier') return target.name === 'exports';
  return target?.type === 'MemberExpression' && !target.computed && target.object.type === 'Identifier' && target.object.name === 'module' && (target.property as Named).name === 'exports';
}

/**
 * `Object.defineProperty(exports, "x", { enumerable: true, get: function () { return m_1.x; } })`,
 * TypeScript's `export { x } from './m'` since 3.9 (fast-csv re-exports its writers so), and
 * `{ value: v }`: export `x` is the getter's returned expression, or the value. True when the
 * call is such a definition (`__esModule` included), so nothing else is made of it.
 */
function recordDefinedExport(model: ScopeModel, call: CallExpression): boolean {
  if (!isObjectMethod(call, 'defineProperty') || !isExportsObject(call.arguments[0])) return false;
  const [, key, descriptor] = call.arguments;
  if (recordKeyedDefine(model, call)) return true;
  if (key?.type !== 'Literal' || typeof key.value !== 'string' || descriptor?.type !== 'ObjectExpression') return false;
  const source = key.value === '__esModule' ? undefined : describedValue(descriptor);
  if (source) model.exports.set(key.value, { node: source });
  return true;
}

/**
 * `Object.defineProperty(exports, key, { get: () => fs[key] })` with a key known only at run
 * time: a copy by key, as `exports[key] = fs[key]` (kept with those writes for
 * lib/detect/flow.ts's copiedByKeys, which checks the loop the key comes from). Also inside a
 * function, where a loop's callback writes it. True when recorded.
 */
export function recordKeyedDefine(model: ScopeModel, call: CallExpression): boolean {
  const [target, key, descriptor] = call.arguments;
  if (key?.type !== 'Identifier' || descriptor?.type !== 'ObjectExpression' || !isObjectMethod(call, 'defineProperty') || !isExportsObject(target)) return false;
  const value = describedValue(descriptor);
  if (value?.type !== 'MemberExpression' || !value.computed || value.property.type !== 'Identifier' || value.property.name !== key.name) return false;
  (model.computedExportWrites ??= []).push({ key, value });
  return true;
}

/** What a property descriptor's `value`, or its getter's only `return`, is. */
function describedValue(descriptor: ObjectExpression): AnyNode | undefined {
  for (const p of descriptor.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const name = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (name === 'value') return p.value;
    if (name !== 'get' || (p.value.type !== 'FunctionExpression' && p.value.type !== 'ArrowFunctionExpression')) continue;
    const body = p.value.body;
    if (body.type !== 'BlockStatement') return body;
    const only = body.body.length === 1 ? body.body[0] : undefined;
    return only?.type === 'ReturnStatement' && only.argument ? only.argument : undefined;
  }
  return undefined;
}

const exportName = (n: Identifier | Literal): string => (n.type === 'Identifier' ? n.name : String(n.value));

/** `export { a as b }`, `export { a } from './x'`, `export const a = …`, `export function f() {}`. */
export function recordNamedExports(model: ScopeModel, node: ExportNamedDeclaration): void {
  if (node.source) {
    const from = String(node.source.value);
    model.imports.push({ source: from, node, kind: 'export-from' });
    for (const s of node.specifiers) model.exports.set(exportName(s.exported), { from, name: exportName(s.local) });
    return;
  }
  for (const s of node.specifiers) model.exports.set(exportName(s.exported), { node: s.local });
  const decl = node.declaration;
  if (!decl) return;
  if (decl.type === 'VariableDeclaration') {
    for (const d of decl.declarations) for (const id of patternNames(d.id)) model.exports.set(id.name, { node: id });
  } else if (decl.id) model.exports.set(decl.id.name, { node: decl });
}

/**
 * The names a declaration's pattern declares (`export const { mkdir, copyFile } = fs.promises`,
 * @actions/io's io-util.js): each is an export of its own, read through its binding.
 */
function patternNames(pattern: Node): Identifier[] {
  const out: Identifier[] = [];
  const stack: (Node | null | undefined)[] = [pattern];
  while (stack.length > 0) {
    const p = stack.pop() as Pattern | null;
    if (!p) continue;
    if (p.type === 'Identifier') out.push(p);
    else if (p.type === 'ObjectPattern') for (const prop of p.properties) stack.push(prop.type === 'RestElement' ? prop.argument : prop.value);
    else if (p.type === 'ArrayPattern') stack.push(...p.elements);
    else if (p.type === 'AssignmentPattern') stack.push(p.left);
    else if (p.type === 'RestElement') stack.push(p.argument);
  }
  return out;
}

/** `export * from './x'` (a star export) and `export * as ns from './x'` (a named one). */
export function recordExportAll(model: ScopeModel, node: ExportAllDeclaration): void {
  model.imports.push({ source: String(node.source.value), node, kind: 'export-from' });
  if (node.exported) model.exports.set(exportName(node.exported), { from: String(node.source.value), name: '*' });
  else model.starExports.push(String(node.source.value));
}

export function recordExportDefault(model: ScopeModel, node: ExportDefaultDeclaration): void {
  model.exports.set('default', { node: node.declaration });
}

export function recordImport(model: ScopeModel, node: ImportDeclaration): void {
  model.imports.push({ source: String(node.source.value), node, kind: 'import' });
}

/** What `import x` / `import * as x` / `import { y as x }` binds x to. */
export function importedName(specifier: ImportDeclaration['specifiers'][number]): string {
  if (specifier.type === 'ImportDefaultSpecifier') return 'default';
  if (specifier.type === 'ImportNamespaceSpecifier') return '*';
  // `imported` is a name, or a string (`import { 'a-b' as x }`), whose `name` is undefined.
  return (specifier.imported as Identifier).name ?? String((specifier.imported as Literal).value);
}

/** A class declaration or expression (lib/evaluate/instance.ts reads its constructor and fields). */
export function recordClass(model: ScopeModel, node: Class): void {
  model.classes.push(node);
}
