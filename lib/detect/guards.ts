// Calls guarded by an existence check of their own path: `if (!fs.existsSync(dir))
// fs.mkdirSync(dir)` and `fs.existsSync(dir) || fs.mkdirSync(dir)`. Such a mkdir runs only when
// the folder is missing, so it needs a write grant only then: a folder that exists would
// otherwise be granted whole for writing (Node grants an existing folder with its subtree).

import type { Node } from 'acorn';
import type { FileModel } from '../parse/index.js';

type AnyNode = Node & Record<string, any>;

const cache = new WeakMap<FileModel, Map<Node, Node[]>>();

/** `existsSync(x)` / `fs.existsSync(x)`: its argument. */
function existsArgument(n: AnyNode | undefined): Node | undefined {
  if (n?.type !== 'CallExpression') return undefined;
  const callee = n.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : undefined;
  return name === 'existsSync' ? n.arguments[0] : undefined;
}

/** Every call below `n`, with `guard` (the checked path) added to its guards. */
function markCalls(n: AnyNode, guard: Node, out: Map<Node, Node[]>): void {
  if (n.type === 'CallExpression') {
    const list = out.get(n) ?? [];
    list.push(guard);
    out.set(n, list);
  }
  // A nested function runs later, when the check may no longer hold.
  if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ArrowFunctionExpression') return;
  forEachChild(n, (c) => markCalls(c, guard, out));
}

function forEachChild(n: AnyNode, visit: (child: AnyNode) => void): void {
  for (const key in n) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const v = n[key];
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x.type === 'string') visit(x);
    } else if (v && typeof v.type === 'string') visit(v);
  }
}

function guardsOf(model: FileModel): Map<Node, Node[]> {
  let out = cache.get(model);
  if (out) return out;
  const found = new Map<Node, Node[]>();
  const walk = (n: AnyNode) => {
    if (n.type === 'IfStatement' && n.test.type === 'UnaryExpression' && n.test.operator === '!') {
      const checked = existsArgument(n.test.argument);
      if (checked) markCalls(n.consequent, checked, found);
    }
    if (n.type === 'LogicalExpression' && n.operator === '||') {
      const checked = existsArgument(n.left);
      if (checked) markCalls(n.right, checked, found);
    }
    forEachChild(n, walk);
  };
  walk(model.ast as AnyNode);
  out = found;
  cache.set(model, out);
  return out;
}

/** Structural equality of two expressions, positions aside (`this.dir` and `this.dir`). */
function sameExpression(a: AnyNode | undefined, b: AnyNode | undefined): boolean {
  if (!a || !b || a.type !== b.type) return false;
  for (const key in a) {
    if (key === 'start' || key === 'end' || key === 'raw') continue;
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length || !x.every((e, i) => sameExpression(e, y[i]))) return false;
    } else if (x && typeof x === 'object' && typeof x.type === 'string') {
      if (!sameExpression(x, y)) return false;
    } else if (x !== y && !(x && typeof x === 'object')) return false;
  }
  return true;
}

/** True when `call` runs only if its first argument's path does not exist (checked just before). */
export function guardedByMissing(model: FileModel, call: Node): boolean {
  const guards = guardsOf(model).get(call);
  const target = (call as AnyNode).arguments?.[0];
  return !!guards && guards.some((g) => sameExpression(g as AnyNode, target));
}
