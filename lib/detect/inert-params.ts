// Which parameters of a function only receive members: the function writes members onto them
// (`destination[name] = …`, `m.exports.save = …`), tests or reassigns them, returns them, or
// hands them to a function of its own file that does no more, and nothing else. A module that
// hands its own exports object to such a parameter (thenify-all's `withCallback(fs, exports,
// names)`, mz/fs) lets none of its functions escape there: the callee never calls through the
// object or keeps it (lib/detect/export-escape.ts moduleObjectEscapes, lib/graph/unmatched.ts).
// Told from syntax alone, kept in the export table as data (ExportEntry `inert`).

import type { AnyNode, Function as FunctionNode, Node } from 'acorn';
import { isFunctionNode, type FileModel } from '../parse/index.js';
import { forEachChild } from '../parse/nodes.js';

/** The nodes looked at in one function's body before giving up (such helpers are short). */
const MAX_NODES = 2000;
/** How many functions of the file a parameter may be handed through. */
const MAX_DEPTH = 3;

/** The indexes of `fn`'s plain parameters that only receive members; undefined when none does. */
export function inertParams(model: FileModel, fn: Node): number[] | undefined {
  if (!isFunctionNode(fn as AnyNode)) return undefined;
  const params = (fn as FunctionNode).params;
  const out: number[] = [];
  for (let i = 0; i < params.length; i++) if (paramInert(model, fn as FunctionNode, i, 0)) out.push(i);
  return out.length > 0 ? out : undefined;
}

function paramInert(model: FileModel, fn: FunctionNode, index: number, depth: number): boolean {
  const p = fn.params[index];
  if (p?.type !== 'Identifier' || depth > MAX_DEPTH) return false;
  // Parents by walking down: each use of the name is judged by what holds it.
  const stack: { node: AnyNode; parent: AnyNode | undefined; grand: AnyNode | undefined }[] = [{ node: fn.body as AnyNode, parent: undefined, grand: undefined }];
  let seen = 0;
  while (stack.length > 0) {
    if (seen++ > MAX_NODES) return false;
    const { node, parent, grand } = stack.pop()!;
    if (node.type === 'Identifier' && node.name === p.name && !isKey(node, parent)) {
      if (!useInert(model, node, parent, grand, depth)) return false;
      continue;
    }
    forEachChild(node, (c) => stack.push({ node: c as AnyNode, parent: node, grand: parent }));
  }
  return true;
}

/** A name that is a member's or a property's key, not a use of the variable. */
function isKey(id: AnyNode, parent: AnyNode | undefined): boolean {
  if (parent?.type === 'MemberExpression') return parent.property === id && !parent.computed;
  return parent?.type === 'Property' && parent.key === id && !parent.computed && parent.value !== id;
}

/** Whether one use of the parameter only receives, tests or returns it. */
function useInert(model: FileModel, id: AnyNode, parent: AnyNode | undefined, grand: AnyNode | undefined, depth: number): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
      // `p.x = …` or `p[k] = …`: a member written. Deeper chains (`p.a.b = …`) and reads are not.
      return parent.object === id && grand?.type === 'AssignmentExpression' && grand.left === parent && grand.operator === '=';
    case 'AssignmentExpression':
      return parent.left === id; // `p = p || {}`
    case 'UnaryExpression':
      return parent.operator === '!' || parent.operator === 'typeof';
    case 'IfStatement':
    case 'ReturnStatement':
      return true;
    case 'LogicalExpression':
      return grand?.type === 'AssignmentExpression' && grand.right === parent; // `p = p || {}`
    case 'ArrowFunctionExpression':
      return parent.body === id;
    case 'CallExpression':
      return handedToOwnFunction(model, parent, id, depth);
    default:
      return false;
  }
}

/** `helper(a, p)` where helper is a function declared in this file whose parameter at that place is inert too. */
function handedToOwnFunction(model: FileModel, call: AnyNode & { type: 'CallExpression' }, id: AnyNode, depth: number): boolean {
  const index = call.arguments.indexOf(id as (typeof call.arguments)[number]);
  if (index < 0 || call.callee.type !== 'Identifier') return false;
  const b = model.bindingOf.get(call.callee);
  const fn = b?.kind === 'function' ? b.fn : undefined;
  return !!fn && isFunctionNode(fn as AnyNode) && paramInert(model, fn as FunctionNode, index, depth + 1);
}
