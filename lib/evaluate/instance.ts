// Values kept on `this`. A field a class (or a constructor function with prototype methods)
// sets exactly once, in its constructor, is in every method of that class the expression the
// constructor assigned: `this.root` in `serve()` folds to the `root` parameter of the
// constructor, which the callers of `new Server(dir)` bind like any other parameter. A field set
// anywhere else, more than once, or by `Object.assign(this, …)` / `this[key] = …` stays unknown.
//
// Not seen: a field set from outside the class (`server.root = x`) or by a subclass; such a
// value is folded to the constructor's only, and the app is denied the other path (fail closed).

import type { Node } from 'acorn';
import * as walk from 'acorn-walk';
import type { Binding, FileModel } from '../parse/index.js';

type AnyNode = Node & Record<string, any>;

interface InstanceClass {
  /** The constructor function (a class's `constructor` method, or the function itself); the class node when it has none. */
  ctor: Node;
  /** Every assignment to `this.<name>` in the class's functions: the assigned expression, or undefined for `+=`, `++`, … */
  fields: Map<string, { value?: Node; inCtor: boolean }[]>;
  /** `Object.assign(this, …)` or `this[key] = …`: any field may be set, so none is known. */
  opaque: boolean;
  /** The class's methods by name, so `this.list(sub)` is a known call of `list`. */
  methods: Map<string, Node>;
}

interface InstanceModel {
  /** The class whose instance each `this` (outside arrow functions, inside a class function) is. */
  thisOf: WeakMap<Node, InstanceClass>;
  /** Constructor functions, for following their parameters back to `new C(…)`. */
  constructors: Set<Node>;
  /** Class bindings (`class C {}`, `const C = class {}`) to their constructor. */
  ctorOfBinding: Map<Binding, Node>;
}

const cache = new WeakMap<FileModel, InstanceModel>();

const isFunction = (n: AnyNode) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression';

function build(model: FileModel): InstanceModel {
  const out: InstanceModel = { thisOf: new WeakMap(), constructors: new Set(), ctorOfBinding: new Map() };
  const owner = new Map<Node, InstanceClass>();
  const classOfCtor = new Map<Node, InstanceClass>();
  const classFor = (ctor: Node) => {
    let c = classOfCtor.get(ctor);
    if (!c) {
      c = { ctor, fields: new Map(), opaque: false, methods: new Map() };
      classOfCtor.set(ctor, c);
      out.constructors.add(ctor);
      owner.set(ctor, c);
    }
    return c;
  };
  /** The function a constructor name stands for in this file (`function C` or `const C = function`). */
  const functionNamed = (id: AnyNode): Node | undefined => {
    const b = model.bindingOf.get(id);
    if (b?.kind === 'function') return b.fn;
    return b?.init && b.writes.length === 0 && isFunction(b.init as AnyNode) ? b.init : undefined;
  };
  const protoOf = (m: AnyNode) => (m.type === 'MemberExpression' && !m.computed && m.property.name === 'prototype' && m.object.type === 'Identifier' ? m.object : undefined);

  // Pass 1: classes and prototype methods, so every function knows its class before `this` is met.
  walk.simple(model.ast, {
    Class(node) {
      const n = node as AnyNode;
      const c = classFor(constructorNode(n));
      for (const m of n.body.body as AnyNode[]) {
        if ((m.type === 'MethodDefinition' || m.type === 'PropertyDefinition') && !m.static && m.value && isFunction(m.value)) {
          owner.set(m.value, c);
          if (m.type === 'MethodDefinition' && m.kind === 'method' && !m.computed && m.key.type === 'Identifier') c.methods.set(m.key.name, m.value);
        }
        // A class field with an initialiser is set before the constructor runs: a second source.
        if (m.type === 'PropertyDefinition' && !m.static && !m.computed && m.key.type === 'Identifier') addField(c, m.key.name, m.value ?? undefined, false);
      }
      const binding = n.id ? model.bindingOf.get(n.id) : undefined;
      if (binding) out.ctorOfBinding.set(binding, c.ctor);
    },
    // `C.prototype.m = function () {}` and `C.prototype = { m() {} }`.
    AssignmentExpression(node) {
      const n = node as AnyNode;
      if (n.operator !== '=' || n.left.type !== 'MemberExpression' || n.left.computed) return;
      const onProto = protoOf(n.left.object);
      const ctorName = onProto ?? protoOf(n.left);
      const ctor = ctorName && functionNamed(ctorName);
      if (!ctor) return;
      const c = classFor(ctor);
      if (onProto && isFunction(n.right)) {
        owner.set(n.right, c);
        c.methods.set(n.left.property.name, n.right);
      }
      if (!onProto && n.right.type === 'ObjectExpression') {
        for (const p of n.right.properties as AnyNode[]) {
          if (p.type !== 'Property' || !isFunction(p.value)) continue;
          owner.set(p.value, c);
          if (!p.computed && p.key.type === 'Identifier') c.methods.set(p.key.name, p.value);
        }
      }
    },
    VariableDeclarator(node) {
      const n = node as AnyNode;
      if (n.init?.type !== 'ClassExpression' || n.id.type !== 'Identifier') return;
      const b = model.bindingOf.get(n.id);
      if (b) out.ctorOfBinding.set(b, constructorNode(n.init));
    },
  });

  // Pass 2: inside each class function (arrow functions keep their `this`, other functions have
  // their own), record the fields set on `this` and which class each `this` belongs to.
  for (const [fn, current] of owner) {
    if (!isFunction(fn as AnyNode)) continue; // a class without a constructor
    const inCtor = fn === current.ctor;
    walk.recursive((fn as AnyNode).body, undefined, {
      Function(node, st, c) {
        if (node.type === 'ArrowFunctionExpression') walk.base.Function!(node, st, c);
      },
      Class() {
        // A nested class has its own `this` (pass 1 found it).
      },
      ThisExpression(node) {
        out.thisOf.set(node, current);
      },
      AssignmentExpression(node, st, c) {
        const n = node as AnyNode;
        if (n.left.type === 'MemberExpression' && n.left.object.type === 'ThisExpression') {
          if (n.left.computed) current.opaque = true;
          else addField(current, n.left.property.name, n.operator === '=' ? n.right : undefined, inCtor);
        }
        walk.base.AssignmentExpression!(node, st, c);
      },
      UpdateExpression(node, st, c) {
        const n = node as AnyNode;
        if (n.argument.type === 'MemberExpression' && n.argument.object.type === 'ThisExpression' && !n.argument.computed) addField(current, n.argument.property.name, undefined, false);
        walk.base.UpdateExpression!(node, st, c);
      },
      CallExpression(node, st, c) {
        const n = node as AnyNode;
        // Object.assign(this, options) may set any field.
        if (n.arguments[0]?.type === 'ThisExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed && n.callee.property.name === 'assign') current.opaque = true;
        walk.base.CallExpression!(node, st, c);
      },
    });
  }
  return out;
}

/** A class's `constructor` method's function, or the class node when it has none. */
export function constructorNode(cls: AnyNode): Node {
  const method = cls.body.body.find((m: AnyNode) => m.type === 'MethodDefinition' && m.kind === 'constructor');
  return method ? method.value : cls;
}

function addField(c: InstanceClass, name: string, value: Node | undefined, inCtor: boolean): void {
  const list = c.fields.get(name) ?? [];
  list.push({ ...(value ? { value } : {}), inCtor });
  c.fields.set(name, list);
}

function instanceModel(model: FileModel): InstanceModel {
  let m = cache.get(model);
  if (!m) {
    m = build(model);
    cache.set(model, m);
  }
  return m;
}

/**
 * The expression `this.<name>` stands for at `thisNode`: the one value the constructor assigned
 * to it, to be evaluated in the constructor's scope. Undefined when that is not known.
 */
export function thisFieldSource(model: FileModel, thisNode: Node, name: string): Node | undefined {
  const c = instanceModel(model).thisOf.get(thisNode);
  const writes = c && !c.opaque ? c.fields.get(name) : undefined;
  if (!writes || writes.length !== 1 || !writes[0]!.inCtor) return undefined;
  return writes[0]!.value;
}

/** The method `this.name(…)` calls, when `callee` is such a member of a class this file defines. */
export function methodOfThis(model: FileModel, callee: Node): Node | undefined {
  const m = callee as AnyNode;
  if (m.type !== 'MemberExpression' || m.computed || m.object.type !== 'ThisExpression') return undefined;
  return instanceModel(model).thisOf.get(m.object)?.methods.get(m.property.name);
}

/** True when `fn` is a constructor whose instances' fields this file folds. */
export function isConstructor(model: FileModel, fn: Node): boolean {
  return instanceModel(model).constructors.has(fn);
}

/** The constructor a class binding (`class C`, `const C = class`) constructs with. */
export function constructorOfClass(model: FileModel, b: Binding): Node | undefined {
  return instanceModel(model).ctorOfBinding.get(b);
}
