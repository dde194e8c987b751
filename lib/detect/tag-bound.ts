// A tag made by binding a module's function to options, however it is written: called at the
// tag (`` $({ cwd })`…` ``), called twice (`` $(a)(b)`…` ``), or kept first in a const
// (`const $$ = $({ env }); $$`…``, as execa's docs show it). Only the call written at the tag was
// seen before: a kept or twice-bound `$` was no call the package model knew, so the Node child
// it started (which inherits the permission flags on 22+) was neither analysed nor granted, and
// nothing was said (fixture `miss-execa-bound-tag-stored`).

import type { AnyNode, Node } from 'acorn';
import { evaluate, type EvalEnv, type Frame, type Value } from '../evaluate/index.js';

/** How many calls and consts a tag is followed back through (a const that names itself ends there too). */
const MAX_BINDS = 8;

/**
 * The tag's value and the options it was bound to, first binding first: for a bound tag the
 * module function under it; for any other the tag's own value with no options. Undefined for a
 * call that binds no module function (the caller evaluates the call itself).
 */
export function boundTag(tag: Node, frame: Frame, env: EvalEnv, depth = 0): { callee: Value; options: Node[] } | undefined {
  if (depth > MAX_BINDS) return undefined;
  const n = tag as AnyNode;
  if (n.type === 'CallExpression') {
    const base = boundTag(n.callee as Node, frame, env, depth + 1);
    return base && base.callee.k === 'module' ? { callee: base.callee, options: [...base.options, ...(n.arguments as Node[])] } : undefined;
  }
  if (n.type === 'Identifier') {
    const b = frame.model.bindingOf.get(n);
    const init = b?.init as AnyNode | undefined;
    if (b && b.kind === 'const' && init?.type === 'CallExpression' && b.pattern.length === 0 && b.writes.length === 0 && !b.complexWrite) {
      const bound = boundTag(init as Node, frame, env, depth + 1);
      if (bound) return bound;
    }
  }
  return { callee: evaluate(tag, frame, env), options: [] };
}

/** The options a tag was bound to as one argument: the one object, or the objects spread into one, later ones winning as the package merges them. */
export function boundOptions(options: readonly Node[]): Node {
  if (options.length === 1) return options[0]!;
  const first = options[0]!;
  const last = options[options.length - 1]!;
  const properties = options.map((o) => ({ type: 'SpreadElement', argument: o, start: o.start, end: o.end }));
  return { type: 'ObjectExpression', properties, start: first.start, end: last.end } as unknown as Node;
}
