// Calls guarded by an existence check of their own path: `if (!fs.existsSync(dir))
// fs.mkdirSync(dir)` and `fs.existsSync(dir) || fs.mkdirSync(dir)`. Such a mkdir runs only when
// the folder is missing, so it needs a write grant only then: a folder that exists would
// otherwise be granted whole for writing (Node grants an existing folder with its subtree).

import type { Node } from 'acorn';
import * as walk from 'acorn-walk';
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
function markCalls(n: Node, guard: Node, out: Map<Node, Node[]>): void {
  walk.recursive(n, undefined, {
    // A nested function runs later, when the check may no longer hold.
    Function() {},
    CallExpression(call, st, c) {
      out.set(call, [...(out.get(call) ?? []), guard]);
      walk.base.CallExpression!(call, st, c);
    },
  });
}

function guardsOf(model: FileModel): Map<Node, Node[]> {
  let out = cache.get(model);
  if (out) return out;
  const found = new Map<Node, Node[]>();
  walk.simple(model.ast, {
    IfStatement(node) {
      const n = node as AnyNode;
      const checked = n.test.type === 'UnaryExpression' && n.test.operator === '!' ? existsArgument(n.test.argument) : undefined;
      if (checked) markCalls(n.consequent, checked, found);
    },
    LogicalExpression(node) {
      const n = node as AnyNode;
      const checked = n.operator === '||' ? existsArgument(n.left) : undefined;
      if (checked) markCalls(n.right, checked, found);
    },
  });
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
