// A tag made by binding a module's function to options, however it is written: called at the
// tag (`` $({ cwd })`…` ``), called twice (`` $(a)(b)`…` ``), or kept first in a const
// (`const $$ = $({ env }); $$`…``, as execa's docs show it). Only the call written at the tag was
// seen before: a kept or twice-bound `$` was no call the package model knew, so the Node child
// it started (which inherits the permission flags on 22+) was neither analysed nor granted, and
// nothing was said (fixture `miss-execa-bound-tag-stored`).

import type { AnyNode, Function as FunctionNode, Node } from 'acorn';
import { evaluate, type EvalEnv, type Frame, type Value } from '../evaluate/index.js';
import { returnedExpression } from '../evaluate/returns.js';
import { fileCallersOf } from './callers.js';
import { CALL_RESULT } from './flow.js';

/**
 * How many calls, names, members and returns a tag is followed back through (a const that names
 * itself ends there too). Past it the options are not read (cutTag).
 */
const MAX_BINDS = 32;

/**
 * The tag's value and the options it was bound to, first binding first: for a bound tag the
 * module function under it; for any other the tag's own value with no options. Undefined for a
 * call that binds no module function (the caller evaluates the call itself). Followed through a
 * const, let or var never written again (`let $$ = $(o)`), a member of an object literal kept in
 * one (`sh.run`), and a function of the file returning the tag (`make()`): each was a tag the
 * analysis did not see as execa's, so the Node child it started was silent (holes-11,
 * `miss-execa-bound-tag-other-holders`).
 */
export function boundTag(tag: Node, frame: Frame, env: EvalEnv, depth = 0): { callee: Value; options: Node[] } | undefined {
  if (depth > MAX_BINDS) return cutTag(tag, frame, env);
  const n = tag as AnyNode;
  if (n.type === 'CallExpression') {
    const base = boundTag(n.callee as Node, frame, env, depth + 1);
    if (base && base.callee.k === 'module') return { callee: base.callee, options: [...base.options, ...(n.arguments as Node[])] };
    const returned = base?.callee.k === 'fn' && base.callee.model === frame.model && base.options.length === 0 ? returnedExpression(base.callee.node as FunctionNode) : undefined;
    const inner = returned ? boundTag(returned, frame, env, depth + 1) : undefined;
    return inner && inner.callee.k === 'module' ? inner : undefined;
  }
  const held = heldValue(n, frame);
  if (held) {
    const bound = boundTag(held, frame, env, depth + 1);
    if (bound && bound.callee.k === 'module') return bound;
  }
  const handed = handedTag(n, frame, env, depth);
  if (handed) return handed;
  return { callee: evaluate(tag, frame, env), options: [] };
}

/**
 * A tag handed in as a parameter (`function run($$) { return $$`node child.js` }` called as
 * `run($({ cwd }))`): what every call of the function in this file passes there, when each
 * passes the same module function bound to the same options (silent-14,
 * `miss-execa-bound-tag-handed-on`). Calls from other modules are not seen here.
 */
function handedTag(n: AnyNode, frame: Frame, env: EvalEnv, depth: number): { callee: Value & { k: 'module' }; options: Node[] } | undefined {
  const b = n.type === 'Identifier' ? frame.model.bindingOf.get(n) : undefined;
  if (!b || b.kind !== 'param' || !b.fn || b.paramIndex === undefined || b.pattern.length > 0 || b.writes.length > 0 || b.complexWrite) return undefined;
  let found: { callee: Value & { k: 'module' }; options: Node[] } | undefined;
  for (const site of fileCallersOf(frame.model, b.fn)) {
    const args = ((site.node as AnyNode & { arguments?: AnyNode[] }).arguments ?? []) as AnyNode[];
    if (args.slice(0, b.paramIndex + 1).some((a) => a.type === 'SpreadElement')) return undefined;
    const arg = args[b.paramIndex];
    const bound = arg ? boundTag(arg as Node, frame, env, depth + 1) : undefined;
    if (!bound || bound.callee.k !== 'module') return undefined;
    if (found && !sameBinding(found, bound as typeof found)) return undefined;
    found = bound as typeof found;
  }
  return found;
}

/** The same module function bound to the same option nodes. */
function sameBinding(a: { callee: Value & { k: 'module' }; options: Node[] }, b: { callee: Value & { k: 'module' }; options: Node[] }): boolean {
  return a.callee.specifier === b.callee.specifier && a.callee.path.join('.') === b.callee.path.join('.') && a.options.length === b.options.length && a.options.every((o, i) => o === b.options[i]);
}

/** How many calls and names a chain past MAX_BINDS is walked back through to find what it binds. */
const MAX_CHAIN_STEPS = 10_000;

/**
 * A chain of binds longer than MAX_BINDS (`t33 = t32({})`, …): its first options are not read,
 * but a chain that starts at a module's function is still a call of that function's result,
 * `$.()`, which a package model judges with options that may set anything (lib/models/apply.ts
 * boundChildFindings): the child is followed and its working folder reported at the call. Before,
 * the tag was of no known function and the child was silent.
 */
function cutTag(tag: Node, frame: Frame, env: EvalEnv): { callee: Value; options: Node[] } | undefined {
  let n = tag as AnyNode;
  let calls = 0;
  for (let steps = 0; steps < MAX_CHAIN_STEPS; steps++) {
    if (n.type === 'CallExpression') {
      n = n.callee as AnyNode;
      calls++;
      continue;
    }
    const held = heldValue(n, frame) as AnyNode | undefined;
    if (!held) break;
    n = held;
  }
  const root = calls > 0 ? evaluate(n, frame, env) : undefined;
  return root?.k === 'module' ? { callee: { ...root, path: [...root.path, CALL_RESULT] }, options: [] } : undefined;
}

/** What a name never written again holds (`const $$ = $(o)`), or a member of an object literal such a name holds (`sh.run`). */
function heldValue(n: AnyNode, frame: Frame): Node | undefined {
  if (n.type === 'Identifier') return fixedInit(n, frame);
  if (n.type !== 'MemberExpression' || n.computed || n.object.type !== 'Identifier' || n.property.type !== 'Identifier') return undefined;
  const object = fixedInit(n.object, frame) as AnyNode | undefined;
  if (object?.type !== 'ObjectExpression') return undefined;
  const name = n.property.name;
  for (const p of object.properties) {
    if (p.type === 'Property' && !p.computed && p.kind === 'init' && p.key.type === 'Identifier' && p.key.name === name) return p.value;
  }
  return undefined;
}

function fixedInit(id: AnyNode, frame: Frame): Node | undefined {
  const b = frame.model.bindingOf.get(id);
  if (!b || (b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var')) return undefined;
  return b.pattern.length === 0 && b.writes.length === 0 && !b.complexWrite && !b.loopVariable ? b.init : undefined;
}

/** The options a tag was bound to as one argument: the one object, or the objects spread into one, later ones winning as the package merges them. */
export function boundOptions(options: readonly Node[]): Node {
  if (options.length === 1) return options[0]!;
  const first = options[0]!;
  const last = options[options.length - 1]!;
  const properties = options.map((o) => ({ type: 'SpreadElement', argument: o, start: o.start, end: o.end }));
  return { type: 'ObjectExpression', properties, start: first.start, end: last.end } as unknown as Node;
}
