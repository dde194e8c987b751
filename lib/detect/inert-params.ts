// Which parameters of a function only receive members: the function writes members onto them
// (`destination[name] = …`, `m.exports.save = …`), tests or reassigns them, returns them, or
// hands them to a function of its own file that does no more, and nothing else. A module that
// hands its own exports object to such a parameter (thenify-all's `withCallback(fs, exports,
// names)`, mz/fs) lets none of its functions escape there: the callee never calls through the
// object or keeps it (lib/detect/export-escape.ts moduleObjectEscapes, lib/graph/unmatched.ts).
// Told from syntax alone, kept in the export table as data (ExportEntry `inert`).

import type { AnyNode, Function as FunctionNode, Identifier, Node } from 'acorn';
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
  const inert = paramsInert(model, fn as FunctionNode, params.map((_, i) => i), 0);
  const out: number[] = [];
  for (let i = 0; i < params.length; i++) if (inert[i]) out.push(i);
  return out.length > 0 ? out : undefined;
}

/**
 * Whether each parameter of `fn` at `indexes` only receives members, by one walk of the body for
 * all of them: the walk's order does not depend on the parameter (a use is an identifier, which
 * has no children), so each answer is the one a walk of its own gives, and the per-node cost and
 * garbage are paid once per function instead of once per parameter (3% of what a cold run
 * allocated on eslint's tree was this walk's per-node objects). A use is judged by what holds it:
 * the walk keeps each node's parent and grandparent on stacks beside its own.
 */
function paramsInert(model: FileModel, fn: FunctionNode, indexes: readonly number[], depth: number): boolean[] {
  const answers = indexes.map((i) => fn.params[i]?.type === 'Identifier' && depth <= MAX_DEPTH);
  // Each open parameter's name, with the answers it decides (a sloppy function may repeat a name).
  const open = new Map<string, number[]>();
  answers.forEach((yes, at) => {
    if (!yes) return;
    const name = (fn.params[indexes[at]!] as Identifier).name;
    const list = open.get(name);
    if (list) list.push(at);
    else open.set(name, [at]);
  });
  if (open.size === 0) return answers;
  const nodes: AnyNode[] = [fn.body as AnyNode];
  const parents: (AnyNode | undefined)[] = [undefined];
  const grands: (AnyNode | undefined)[] = [undefined];
  const push = (node: AnyNode, parent: AnyNode, grand: AnyNode | undefined) => {
    nodes.push(node);
    parents.push(parent);
    grands.push(grand);
  };
  let seen = 0;
  while (nodes.length > 0) {
    if (seen++ > MAX_NODES) return answers.fill(false);
    const node = nodes.pop()!;
    const parent = parents.pop();
    const grand = grands.pop();
    const decides = node.type === 'Identifier' ? open.get(node.name) : undefined;
    if (decides && !isKey(node, parent)) {
      if (!useInert(model, node, parent, grand, depth)) {
        for (const at of decides) answers[at] = false;
        open.delete((node as Identifier).name);
        if (open.size === 0) return answers;
      }
      continue;
    }
    forEachChild(node, (c) => push(c, node, parent));
  }
  return answers;
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
  return !!fn && isFunctionNode(fn as AnyNode) && paramsInert(model, fn as FunctionNode, [index], depth + 1)[0]!;
}
