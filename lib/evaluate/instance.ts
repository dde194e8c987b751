// Values kept on `this`. A field a class (or a constructor function with prototype methods)
// sets exactly once, in its constructor, is in every method of that class the expression the
// constructor assigned: `this.root` in `serve()` folds to the `root` parameter of the
// constructor, which the callers of `new Server(dir)` bind like any other parameter. A field set
// anywhere else, more than once, or by `Object.assign(this, …)` / `this[key] = …` stays unknown.
// A prototype member set from a value rather than a function literal (`C.prototype.fetch =
// util.fetch`) is that value where no field of the name hides it.
//
// Not seen: a field set from outside the class (`server.root = x`) or by a subclass; such a
// value is folded to the constructor's only, and the app is denied the other path (fail closed).
// A constant (a literal) of a class that may have subclasses is the exception: folded, a branch
// it guards would be dropped unseen, which is not failing closed (mayBeExtended).

import type { AnyNode, AssignmentExpression, ClassDeclaration, ClassExpression, FunctionDeclaration, FunctionExpression, Identifier, MemberExpression, MethodDefinition, Node, PrivateIdentifier, PropertyDefinition } from 'acorn';
import { memo, memoKey, type Binding, type FileModel } from '../parse/index.js';
import { childKeysOf, dotName, isNode } from '../parse/nodes.js';

type Class = ClassDeclaration | ClassExpression;

interface InstanceClass {
  /** The constructor function (a class's `constructor` method, or the function itself); the class node when it has none. */
  ctor: Node;
  /** Every assignment to `this.<name>` in the class's functions: the assigned expression, or undefined for `+=`, `++`, … */
  fields: Map<string, { value?: Node; inCtor: boolean }[]>;
  /** `Object.assign(this, …)` or `this[key] = …`: any field may be set, so none is known. */
  opaque: boolean;
  /** The class's methods by name, so `this.list(sub)` is a known call of `list`. */
  methods: Map<string, Node>;
  /** `C.prototype.m = expr` with anything but a function literal (`= util.fetch`): `this.m` is `expr`; null when set twice. */
  protoValues: Map<string, Node | null>;
  /** The functions whose `this` is an instance: the constructor and the methods. */
  functions: Node[];
  /** Whether `functions` were walked for fields and `this` (done for a class when first needed). */
  walked: boolean;
  /** For a `class`: its node, to tell whether other code may extend it (mayBeExtended). */
  cls?: Class;
  /** mayBeExtended's answer, once asked. */
  extended?: boolean;
}

interface InstanceModel {
  /** The class whose instance each `this` (outside arrow functions, inside a walked class function) is. */
  thisOf: Map<Node, InstanceClass>;
  /** Every class function with its class, to find the one around a `this`. */
  owners: { fn: Node; cls: InstanceClass }[];
  /** Constructor functions with their class, for following their parameters back to `new C(…)` and for an instance's methods. */
  constructors: Map<Node, InstanceClass>;
}

const instances = memoKey<InstanceModel>('instances');

const isFunction = (n: Node): n is FunctionDeclaration | FunctionExpression => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression';

function build(model: FileModel): InstanceModel {
  const out: InstanceModel = { thisOf: new Map(), constructors: new Map(), owners: [] };
  const owner = new Map<Node, InstanceClass>();
  const classOfCtor = new Map<Node, InstanceClass>();
  const classFor = (ctor: Node) => {
    let c = classOfCtor.get(ctor);
    if (!c) {
      c = { ctor, fields: new Map(), opaque: false, methods: new Map(), protoValues: new Map(), functions: [], walked: false };
      classOfCtor.set(ctor, c);
      out.constructors.set(ctor, c);
      owner.set(ctor, c);
    }
    return c;
  };
  /** The function a constructor name stands for in this file (`function C` or `const C = function`). */
  const functionNamed = (id: Node): Node | undefined => {
    const b = model.bindingOf.get(id);
    if (b?.kind === 'function') return b.fn;
    return b?.init && b.writes.length === 0 && isFunction(b.init) ? b.init : undefined;
  };
  const protoOf = (m: AnyNode) => (m.type === 'MemberExpression' && !m.computed && dotName(m) === 'prototype' && m.object.type === 'Identifier' ? m.object : undefined);

  // Pass 1: classes and prototype methods (listed by the scope walk), so every function knows
  // its class before `this` is met.
  for (const node of model.classes) {
    const n = node as Class;
    const c = classFor(constructorNode(n));
    c.cls = n;
    for (const m of n.body.body) {
      if ((m.type === 'MethodDefinition' || m.type === 'PropertyDefinition') && !m.static && m.value && isFunction(m.value)) {
        owner.set(m.value, c);
        if (m.type === 'MethodDefinition' && m.kind === 'method' && !m.computed && m.key.type !== 'Literal') c.methods.set(fieldName(m.key), m.value);
      }
      // A field initialiser (`#dir = path.join(…)`) runs as the instance is constructed: a source
      // like the constructor's own assignment. A declaration without one (`#log;`) sets nothing
      // the constructor does not set after it.
      if (m.type === 'PropertyDefinition' && !m.static && !m.computed && m.value) addField(c, fieldName(m.key), m.value, true);
    }
  }
  // `C.prototype.m = function () {}` and `C.prototype = { m() {} }`.
  for (const node of model.prototypeWrites) {
    const n = node as AssignmentExpression & { left: MemberExpression };
    const onProto = protoOf(n.left.object);
    const ctorName = onProto ?? protoOf(n.left);
    const ctor = ctorName && functionNamed(ctorName);
    if (!ctor) continue;
    const c = classFor(ctor);
    if (onProto && isFunction(n.right)) {
      owner.set(n.right, c);
      c.methods.set(dotName(n.left), n.right);
    } else if (onProto && !n.left.computed) {
      const name = dotName(n.left);
      c.protoValues.set(name, c.protoValues.has(name) ? null : n.right);
    }
    if (!onProto && n.right.type === 'ObjectExpression') {
      for (const p of n.right.properties) {
        if (p.type !== 'Property' || !isFunction(p.value)) continue;
        owner.set(p.value, c);
        if (!p.computed && p.key.type === 'Identifier') c.methods.set(p.key.name, p.value);
      }
    }
  }

  for (const [fn, cls] of owner) {
    if (!isFunction(fn)) continue; // a class without a constructor
    cls.functions.push(fn);
    out.owners.push({ fn, cls });
  }
  return out;
}

/**
 * Walks a class's functions (arrow functions keep their `this`, other functions have their
 * own): the fields set on `this`, and which `this` nodes are the instance.
 */
function walkClass(out: InstanceModel, current: InstanceClass): void {
  current.walked = true;
  for (const fn of current.functions) walkThis((fn as FunctionDeclaration | FunctionExpression).body, out, current, fn === current.ctor);
}

/**
 * The walk of walkClass below one node. It visits every child node, where acorn-walk's walk
 * (used before) skipped only names that cannot be any of the nodes looked at here (non-computed
 * keys and properties, labels), and what it records does not depend on the order of the visit.
 * Written out, it skips acorn-walk's dispatch through visitor tables and override names.
 */
function walkThis(node: AnyNode, out: InstanceModel, current: InstanceClass, inCtor: boolean): void {
  switch (node.type) {
    case 'Identifier':
    case 'Literal':
    case 'PrivateIdentifier':
    case 'TemplateElement':
    case 'Super':
    case 'MetaProperty':
      return;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    // A nested class has its own `this`.
    case 'ClassDeclaration':
    case 'ClassExpression':
      return;
    case 'ThisExpression':
      out.thisOf.set(node, current);
      return;
    case 'AssignmentExpression':
      if (node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression') {
        if (node.left.computed) current.opaque = true;
        else addField(current, fieldName(node.left.property), node.operator === '=' ? node.right : undefined, inCtor);
      }
      break;
    case 'UpdateExpression':
      if (node.argument.type === 'MemberExpression' && node.argument.object.type === 'ThisExpression' && !node.argument.computed) addField(current, fieldName(node.argument.property), undefined, false);
      break;
    case 'CallExpression':
      // Object.assign(this, options) may set any field.
      if (node.arguments[0]?.type === 'ThisExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && dotName(node.callee) === 'assign') current.opaque = true;
      walkThis(node.callee, out, current, inCtor);
      for (const arg of node.arguments) walkThis(arg, out, current, inCtor);
      return;
    case 'MemberExpression':
      walkThis(node.object, out, current, inCtor);
      if (node.computed) walkThis(node.property, out, current, inCtor);
      return;
    case 'ExpressionStatement':
      walkThis(node.expression, out, current, inCtor);
      return;
    case 'BlockStatement':
      for (const stmt of node.body) walkThis(stmt, out, current, inCtor);
      return;
    case 'VariableDeclaration':
      for (const d of node.declarations) {
        walkThis(d.id, out, current, inCtor);
        if (d.init) walkThis(d.init, out, current, inCtor);
      }
      return;
    case 'ReturnStatement':
    case 'UnaryExpression':
    case 'AwaitExpression':
    case 'SpreadElement':
    case 'ThrowStatement':
      if (node.argument) walkThis(node.argument, out, current, inCtor);
      return;
    case 'IfStatement':
    case 'ConditionalExpression':
      walkThis(node.test, out, current, inCtor);
      walkThis(node.consequent, out, current, inCtor);
      if (node.alternate) walkThis(node.alternate, out, current, inCtor);
      return;
    case 'BinaryExpression':
    case 'LogicalExpression':
      walkThis(node.left, out, current, inCtor);
      walkThis(node.right, out, current, inCtor);
      return;
    case 'ObjectExpression':
      for (const p of node.properties) {
        if (p.type === 'Property') {
          if (p.computed) walkThis(p.key, out, current, inCtor);
          walkThis(p.value, out, current, inCtor);
        } else walkThis(p, out, current, inCtor);
      }
      return;
    case 'ArrayExpression':
      for (const e of node.elements) if (e) walkThis(e, out, current, inCtor);
      return;
  }
  // Everything else, arrow functions included (they keep the class's `this`): every child node,
  // in forEachChild's order, without a closure for each node walked.
  const fields = node as unknown as Record<string, unknown>;
  for (const key of childKeysOf(node)) {
    const v = fields[key];
    if (Array.isArray(v)) {
      for (const x of v) if (isNode(x)) walkThis(x, out, current, inCtor);
    } else if (isNode(v)) walkThis(v, out, current, inCtor);
  }
}

/** The class whose instance `thisNode` is: the innermost class function around it, walked on first use. */
function classOfThis(m: InstanceModel, thisNode: Node): InstanceClass | undefined {
  const known = m.thisOf.get(thisNode);
  if (known) return known;
  let around: { fn: Node; cls: InstanceClass } | undefined;
  for (const o of m.owners) if (o.fn.start <= thisNode.start && thisNode.start < o.fn.end && (!around || o.fn.start > around.fn.start)) around = o;
  if (!around || around.cls.walked) return undefined; // none, or `this` of a nested function
  walkClass(m, around.cls);
  return m.thisOf.get(thisNode);
}

/** A field's name as the class map keys it: `#dir` for a private field, so it never meets a public `dir`. */
export function fieldName(node: Node): string {
  const key = node as Identifier | PrivateIdentifier;
  return key.type === 'PrivateIdentifier' ? `#${key.name}` : key.name;
}

/**
 * The initialiser of static field `name` of the class `b` binds (`static root = path.join(…)`),
 * read as `C.root`. Undefined when the class has no such field with an initialiser. A later
 * `C.root = x` elsewhere is not seen: the app is then denied the other path (fail closed).
 */
export function staticFieldSource(b: Binding, name: string): Node | undefined {
  const cls = b.init as AnyNode | undefined;
  if (!cls || (cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression') || (b.kind !== 'class' && b.writes.length > 0)) return undefined;
  const field = cls.body.body.find((m): m is PropertyDefinition => m.type === 'PropertyDefinition' && m.static && !m.computed && fieldName(m.key) === name);
  return field?.value ?? undefined;
}

/** A class's `constructor` method's function, or the class node when it has none. */
export function constructorNode(node: Node): Node {
  const cls = node as Class;
  const method = cls.body.body.find((m): m is MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor');
  return method ? method.value : cls;
}

function addField(c: InstanceClass, name: string, value: Node | undefined, inCtor: boolean): void {
  const list = c.fields.get(name) ?? [];
  list.push({ ...(value ? { value } : {}), inCtor });
  c.fields.set(name, list);
}

function instanceModel(model: FileModel): InstanceModel {
  return memo(model, instances, () => build(model));
}

/**
 * The expression `this.<name>` stands for at `thisNode`: the one value the constructor assigned
 * to it, to be evaluated in the constructor's scope. Undefined when that is not known.
 */
export function thisFieldSource(model: FileModel, thisNode: Node, name: string): Node | undefined {
  const c = classOfThis(instanceModel(model), thisNode);
  const writes = c && !c.opaque ? c.fields.get(name) : undefined;
  // A prototype member set from a value (`Root.prototype.fetch = util.fetch`, protobufjs) that
  // no instance field hides: `this.fetch(p)` calls that value.
  if (!writes) return (c && !c.opaque && c.protoValues.get(name)) || undefined;
  if (writes.length !== 1 || !writes[0]!.inCtor) return undefined;
  // A constant a class others may extend sets (`_supportsSymlink = false` in archiver's base
  // class, set to true by each format's subclass) is a default for subclasses to replace: folded
  // to it, a branch it guards (`if (… && this._supportsSymlink) readlinkSync(p)`) was dropped unseen.
  if (writes[0]!.value?.type === 'Literal' && mayBeExtended(model, c!)) return undefined;
  return writes[0]!.value;
}

/** How many writes of a field in its constructor's branches are folded as one of their values. */
const MAX_FIELD_WRITES = 4;

/**
 * The expressions a field is given when its constructor, and nothing else, writes it in more than
 * one place (`if (!filename) this.filename = null; else this.filename = filename`, nedb): the
 * field is one of them once the instance is made. Undefined otherwise (thisFieldSource covers one
 * write). Constants alone in a class others may extend are not taken, for thisFieldSource's reason.
 */
export function thisFieldSources(model: FileModel, thisNode: Node, name: string): Node[] | undefined {
  const c = classOfThis(instanceModel(model), thisNode);
  const writes = c && !c.opaque ? c.fields.get(name) : undefined;
  if (!writes || writes.length < 2 || writes.length > MAX_FIELD_WRITES || writes.some((w) => !w.inCtor || !w.value)) return undefined;
  // The same write met twice (the class walked from two of its functions) is not a second value.
  if (new Set(writes.map((w) => w.value)).size !== writes.length) return undefined;
  // A class field's initialiser (`filePath = ''`) is most often overwritten by the constructor
  // (eslint's SuppressionsService): as one of the values it would stand for a path never used.
  const initialisers = new Set<Node | null | undefined>((c!.cls?.body.body ?? []).map((m) => (m.type === 'PropertyDefinition' ? m.value : undefined)));
  if (writes.some((w) => initialisers.has(w.value))) return undefined;
  if (writes.every((w) => w.value!.type === 'Literal') && mayBeExtended(model, c!)) return undefined;
  return writes.map((w) => w.value!);
}

/**
 * The public fields of the instance `thisNode` stands for that its constructor alone stores
 * (thisFieldSource, thisFieldSources), by name, with the expressions stored. Undefined when
 * `thisNode` is no instance this file folds.
 */
export function thisFields(model: FileModel, thisNode: Node): Map<string, Node[]> | undefined {
  const c = classOfThis(instanceModel(model), thisNode);
  if (!c || c.opaque) return undefined;
  const out = new Map<string, Node[]>();
  for (const name of c.fields.keys()) {
    if (name.startsWith('#')) continue;
    const one = thisFieldSource(model, thisNode, name);
    const sources = one ? [one] : thisFieldSources(model, thisNode, name);
    if (sources) out.set(name, sources);
  }
  return out;
}

/**
 * Whether a class may have subclasses, whose constructors run after its own and may set any
 * field again: one in this file extends it by name, or the file exports it (any importer may).
 */
function mayBeExtended(model: FileModel, c: InstanceClass): boolean {
  if (c.extended !== undefined) return c.extended;
  const name = c.cls?.id?.name;
  const extendsIt = name !== undefined && model.classes.some((k) => {
    const sup = (k as Class).superClass;
    return sup?.type === 'Identifier' && sup.name === name;
  });
  const exported = [...model.exports.values()].some((t) => 'node' in t && (t.node === c.cls || (name !== undefined && (t.node as AnyNode).type === 'Identifier' && (t.node as Identifier).name === name)));
  c.extended = c.cls !== undefined && (extendsIt || exported);
  return c.extended;
}

/** The method `this.name(…)` calls, when `callee` is such a member of a class this file defines. */
export function methodOfThis(model: FileModel, callee: Node): Node | undefined {
  const m = callee as AnyNode;
  if (m.type !== 'MemberExpression' || m.computed || m.object.type !== 'ThisExpression') return undefined;
  // `this.#write` is the private method, never a public `write` (steno has both).
  return classOfThis(instanceModel(model), m.object)?.methods.get(fieldName(m.property));
}

/** True when `fn` is a constructor whose instances' fields this file folds. */
export function isConstructor(model: FileModel, fn: Node): boolean {
  return instanceModel(model).constructors.has(fn);
}

/**
 * The methods an instance of the class constructed by `ctor` has (its class body's methods, or
 * the functions set on its prototype), by name: what a call on an object `new C(…)` made reaches
 * (lib/detect/flow.ts). Undefined when `ctor` is no constructor of this file.
 */
export function instanceMethods(model: FileModel, ctor: Node): ReadonlyMap<string, Node> | undefined {
  return instanceModel(model).constructors.get(ctor)?.methods;
}

/**
 * The getters by name (`get xlsx() { return new XLSX(this); }`) of the class constructed by
 * `ctor`: reading one runs it, so what it returns is the member's value (exceljs's workbook).
 */
export function instanceGetters(model: FileModel, ctor: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const k = instanceModel(model).constructors.get(ctor)?.cls;
  if (!k) return out;
  for (const m of k.body.body) if (m.type === 'MethodDefinition' && !m.static && m.kind === 'get' && !m.computed && m.key.type === 'Identifier') out.set(m.key.name, m.value);
  return out;
}

/** The static methods by name (`static read(p) {…}`, called on the class itself) of the class constructed by `ctor`. */
export function staticMethods(model: FileModel, ctor: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const k = instanceModel(model).constructors.get(ctor)?.cls;
  if (!k) return out;
  for (const m of k.body.body) if (m.type === 'MethodDefinition' && m.static && m.kind === 'method' && !m.computed && m.key.type === 'Identifier') out.set(m.key.name, m.value);
  return out;
}

/**
 * The class whose body holds `node`, the innermost one: the class a `super(…)` call in a
 * constructor belongs to.
 */
export function classAround(model: FileModel, node: Node): Class | undefined {
  let around: Class | undefined;
  for (const c of model.classes) {
    const k = c as Class;
    if (k.body.start <= node.start && node.end <= k.body.end && (!around || k.start > around.start)) around = k;
  }
  return around;
}

/**
 * What a class with no constructor of its own constructs with: its `extends` expression, whose
 * constructor runs with the same arguments (`class JSONFile extends DataFile {}`, lowdb).
 * Undefined for a class with a constructor or without a parent.
 */
export function inheritedConstructor(cls: Node): Node | undefined {
  const k = cls as AnyNode;
  if (k.type !== 'ClassDeclaration' && k.type !== 'ClassExpression') return undefined;
  return constructorNode(k) === k ? (k.superClass ?? undefined) : undefined;
}

/** The constructor a class binding (`class C`, `const C = class`) constructs with: its `constructor` method, or the class when it has none. */
export function constructorOfClass(b: Binding): Node | undefined {
  const cls = b.init as AnyNode | undefined;
  const isClass = cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression');
  return isClass && (b.kind === 'class' || b.writes.length === 0) ? constructorNode(cls) : undefined;
}
