// What else than plain `o.m = v` (./member-writes.ts) a file does with the object a variable
// holds, for member reads of it. A member the literal lacks is undefined only while nothing
// the analysis cannot see may have written it: `var a = {}; var alias = a; alias.file = p;
// fs.readFileSync(a.file)` read the literal alone, `undefined`, and the read was neither
// granted nor reported (holes-14). The object is handed on (an argument, an alias, a return,
// `Object.assign(o, …)`, a method call whose `this` it is), or written by a key that is not
// named (`o[k] = v`): then a member it lacks is unknown. Written by a named key in a form that
// is not a plain `=` (`o['m'] = v`, `o.m ??= v`, `[o.m] = list`, `for (o.m of list)`): then
// that member is also what that write leaves, or unknown where that is not folded.

import type { AnyNode, Node } from 'acorn';
import { ancestorsOf, forEachChild } from '../parse/nodes.js';
import { memo, memoKey, type Binding, type FileModel } from '../parse/index.js';

/** How a file uses the object a variable holds, beyond plain member reads and `o.m = v`. */
export interface MemberUses {
  /** Handed where its members may be written unseen: a member it lacks is unknown. */
  escapes: boolean;
  /**
   * Writes of a named member by a literal key, a logical assignment or a property descriptor
   * (`Object.defineProperty(o, 'f', { get: () => lib.r })`): the value written (also the old one
   * for `??=`), or the getter whose return it is.
   */
  written: { name: string; value: Node; getter?: boolean }[];
  /** Named members written in a way not folded (`[o.m] = …`, `o.m += …`, `delete o.m`): also unknown. */
  unseen: Set<string>;
  /**
   * The calls it is handed to as a plain argument (`setD(d)`): the callee may write a member the
   * literal has, so what it writes onto that parameter is the member's value too (index.ts).
   */
  handed: { call: Node; index: number }[];
}

const cache = new WeakMap<Binding, MemberUses>();

/** The parent of a node, along the path from the root to a reference or by one walk of the file. */
type Up = (n: Node) => AnyNode | undefined;

/**
 * Per file (perf-19): how many bindings were asked; past the first, every binding's identifiers
 * from one pass; how many ancestors ancestorsOf has placed so far; and once those reach the
 * file's share (PLACED_PER_CHAR), each node's parent from one walk. ancestorsOf descends by source
 * range, so placing a reference costs about its depth: most files never need the walk, whose map
 * of every node was most of what member uses cost; a file read so deep or so often that placing
 * costs as much as the walk still gets it, and never pays more than about twice the walk.
 */
interface FileUses { asked: number; byBinding?: Map<Binding, Node[]>; placed: number; parents?: Map<Node, AnyNode> }
const usesKey = memoKey<FileUses>('identifiers and parents, for member uses');
const newFileUses = (): FileUses => ({ asked: 0, placed: 0 });

/** Ancestors placed by ancestorsOf per character of the file before the file's parents are walked instead. */
const PLACED_PER_CHAR = 1 / 8;

/** The uses of `b`'s object in `model` (each reference's place; a binding met again is answered from the cache). */
export function memberUsesOf(model: FileModel, b: Binding): MemberUses {
  const known = cache.get(b);
  if (known) return known;
  const uses: MemberUses = { escapes: false, written: [], unseen: new Set(), handed: [] };
  const file = memo(model, usesKey, newFileUses);
  const ids = identifiersOf(model, file, b);
  // Every reference, also after one hands the object on: a later call it is handed to may write a member it has (`handed`).
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const up = upOf(model, file, id);
    if (up) classify(id, up, uses);
  }
  cache.set(b, uses);
  return uses;
}

/** The parents above `id`: along ancestorsOf's path while the file's share lasts, then from the file's walk. */
function upOf(model: FileModel, file: FileUses, id: Node): Up | undefined {
  const root = model.ast as AnyNode;
  if (!file.parents && file.placed > root.end * PLACED_PER_CHAR) file.parents = parentMap(root);
  const parents = file.parents;
  if (parents) return (n: Node) => parents.get(n);
  const path = ancestorsOf(root, id);
  file.placed += path?.length ?? 0;
  return upFrom(path, id);
}

/**
 * `b`'s identifiers as identifiersOf lists them. Each identifiersOf call reads every identifier of
 * the file, and a file asks for many bindings (perf-19): from the second, one pass grouped by
 * binding answers them all, each list in identifiersOf's order (declarations, then references).
 */
function identifiersOf(model: FileModel, file: FileUses, b: Binding): Node[] {
  if (file.asked++ === 0) return model.bindingOf.identifiersOf({ has: (x: Binding) => x === b });
  if (!file.byBinding) {
    const byBinding = new Map<Binding, Node[]>();
    const all = model.bindingOf.identifiersOf({ has: () => true });
    for (let i = 0; i < all.length; i++) {
      const id = all[i]!;
      const owner = model.bindingOf.get(id)!;
      const list = byBinding.get(owner);
      if (list) list.push(id);
      else byBinding.set(owner, [id]);
    }
    file.byBinding = byBinding;
  }
  return file.byBinding.get(b) ?? [];
}

/** Each node's parent, by one walk. */
function parentMap(root: AnyNode): Map<Node, AnyNode> {
  const out = new Map<Node, AnyNode>();
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    forEachChild(n, (c) => {
      out.set(c, n);
      stack.push(c);
    });
  }
  return out;
}

/** Parents along the path from the root down to `id` (ancestorsOf's), as `up`. */
function upFrom(path: AnyNode[] | undefined, id: Node): Up | undefined {
  if (!path || path.length === 0) return undefined;
  const parent = new Map<Node, AnyNode>([[id, path[path.length - 1]!]]);
  for (let i = 1; i < path.length; i++) parent.set(path[i]!, path[i - 1]!);
  return (n: Node) => parent.get(n);
}

/** Parents through which a reference reads the object only, never hands it on. */
const onlyReads = new Set(['UnaryExpression', 'BinaryExpression', 'IfStatement', 'ForInStatement', 'SwitchStatement', 'ExpressionStatement']);

function classify(id: Node, up: Up, uses: MemberUses): void {
  const parent = up(id);
  if (!parent) return;
  // The declaration itself (`var o = {}`), and a test or a comparison of it.
  if (parent.type === 'VariableDeclarator' && parent.id === id) return;
  if (onlyReads.has(parent.type) && !(parent.type === 'UnaryExpression' && parent.operator === 'delete')) return;
  if (parent.type === 'ConditionalExpression' && parent.test === id) return;
  if (parent.type === 'CallExpression' && parent.arguments[0] === id && definesMembers(parent, uses)) return;
  if (parent.type === 'CallExpression' && parent.callee !== id) uses.handed.push({ call: parent, index: parent.arguments.indexOf(id as never) });
  if (parent.type !== 'MemberExpression' || parent.object !== id) {
    uses.escapes = true;
    return;
  }
  memberUse(parent, up, uses);
}

/** `o.m` or `o[key]` where it stands: a read, a call (whose `this` is o), or a write of some form. */
function memberUse(member: AnyNode & { type: 'MemberExpression' }, up: Up, uses: MemberUses): void {
  const name = !member.computed && member.property.type === 'Identifier' ? member.property.name : member.property.type === 'Literal' && typeof member.property.value === 'string' ? member.property.value : undefined;
  const parent = up(member);
  if (!parent) return;
  // A method called on the object may write its members through `this`.
  if (parent.type === 'CallExpression' && parent.callee === member) {
    uses.escapes = true;
    return;
  }
  const written = writeOf(member, parent, up);
  if (written === undefined) return;
  if (name === undefined) uses.escapes = true;
  else if (written === 'unseen') uses.unseen.add(name);
  else if (written !== 'plain') uses.written.push({ name, value: written });
}

/** How `member` is written where it stands: not at all, a plain `o.m = v` (member-writes.ts), the value written, or `unseen`. */
function writeOf(member: AnyNode, parent: AnyNode, up: Up): 'plain' | 'unseen' | Node | undefined {
  if (parent.type === 'AssignmentExpression' && parent.left === member) {
    const computed = (member as AnyNode & { computed: boolean }).computed;
    if (parent.operator === '=') return computed ? parent.right : 'plain';
    if (parent.operator === '??=' || parent.operator === '||=' || parent.operator === '&&=') return parent.right;
    return 'unseen';
  }
  if (parent.type === 'UpdateExpression' || (parent.type === 'UnaryExpression' && parent.operator === 'delete')) return 'unseen';
  return isPatternTarget(member, parent, up) ? 'unseen' : undefined;
}

/** Whether `node` is written as (part of) a destructuring pattern or a for-in/of head. */
function isPatternTarget(node: AnyNode, parent: AnyNode, up: Up): boolean {
  let child = node;
  for (let p: AnyNode | undefined = parent; p; child = p, p = up(p)) {
    if ((p.type === 'ForOfStatement' || p.type === 'ForInStatement') && p.left === child) return true;
    if (p.type === 'AssignmentExpression') return p.left === child;
    if (p.type === 'ArrayPattern' || p.type === 'ObjectPattern' || p.type === 'RestElement' || (p.type === 'AssignmentPattern' && p.left === child)) continue;
    if (p.type === 'Property' && p.value === child) continue;
    // Anything else is no pattern: `[o.m] = x` parses as an assignment whose left is an ArrayPattern.
    return false;
  }
  return false;
}

/**
 * `Object.defineProperty(o, 'f', descriptor)` or `Object.defineProperties(o, { f: descriptor })`
 * with literal descriptors: each member they define is written (silent-17: a getter returning an
 * fs function, `o.f(p)`, named nothing). False when the call is not one such, which hands `o` on.
 */
function definesMembers(call: AnyNode & { type: 'CallExpression' }, uses: MemberUses): boolean {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'Identifier' || callee.object.name !== 'Object' || callee.property.type !== 'Identifier') return false;
  const many = callee.property.name === 'defineProperties';
  if (!many && callee.property.name !== 'defineProperty') return false;
  const members = describedMembers(call.arguments as Node[], many);
  if (members === undefined) return false;
  uses.written.push(...members);
  return true;
}

/**
 * The members `Object.defineProperty(target, 'f', { value | get })` (`args`) or, `many`,
 * `Object.defineProperties(target, { f: { … } })` defines: each with its `value` or its getter;
 * undefined when a key or a descriptor is not a literal, or one defines neither (a setter only).
 */
export function describedMembers(args: readonly Node[], many: boolean): { name: string; value: Node; getter?: boolean }[] | undefined {
  const pairs: [AnyNode | undefined, AnyNode | undefined][] = [];
  if (!many) pairs.push([args[1] as AnyNode | undefined, args[2] as AnyNode | undefined]);
  else if ((args[1] as AnyNode | undefined)?.type === 'ObjectExpression') for (const p of (args[1] as AnyNode & { type: 'ObjectExpression' }).properties) pairs.push(p.type === 'Property' && !p.computed ? [p.key, p.value] : [undefined, undefined]);
  else return undefined;
  const out: { name: string; value: Node; getter?: boolean }[] = [];
  for (const [key, descriptor] of pairs) {
    const name = key?.type === 'Identifier' && many ? key.name : key?.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
    const described = name !== undefined && descriptor?.type === 'ObjectExpression' ? descriptorValue(descriptor) : undefined;
    if (!described) return undefined;
    out.push({ name: name!, ...described });
  }
  return out;
}

/** A literal descriptor's `value`, or its getter (`get: () => …`, `get() { … }`). */
function descriptorValue(d: AnyNode & { type: 'ObjectExpression' }): { value: Node; getter?: boolean } | undefined {
  for (const p of d.properties) {
    if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier') continue;
    if (p.key.name === 'value') return { value: p.value };
    const fn = p.value.type === 'FunctionExpression' || p.value.type === 'ArrowFunctionExpression';
    if (p.key.name === 'get' && fn) return { value: p.value, getter: true };
  }
  return undefined;
}
