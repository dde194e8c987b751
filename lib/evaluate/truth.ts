// Booleans the evaluator can tell: `a === b` of known values, and whether a value is truthy; and
// the one number operator an access depends on (`|` of open flags).
// They decide branches (`process.platform === 'win32' ? … : …`, lib/detect/platform-guards.ts).

import type { Site } from '../types.js';
import { alternatives, oneOf, unknown, type Value } from './value.js';

export const equalityOperators = new Set(['===', '!==', '==', '!=']);

/** `a === b` of known strings, numbers or booleans (every alternative of each side): a boolean; else unknown. */
export function compare(operator: string, left: Value, right: Value, site: Site): Value {
  const known = (v: Value) => alternatives(v).every((a) => a.k === 'str' || a.k === 'num' || a.k === 'bool');
  if (!known(left) || !known(right)) return unknown('unsupported-expression', site);
  const results = new Set<boolean>();
  for (const a of alternatives(left) as { v: unknown }[]) for (const b of alternatives(right) as { v: unknown }[]) results.add(a.v === b.v);
  if (results.size !== 1) return unknown('unsupported-expression', site);
  const equal = [...results][0]!;
  return { k: 'bool', v: operator.startsWith('!') ? !equal : equal };
}

export const orderOperators = new Set(['<', '>', '<=', '>=']);

/** `a < b` of known numbers (every alternative of each side, `rows.length > 0`): a boolean when every pair says the same; else unknown. */
export function order(operator: string, left: Value, right: Value, site: Site): Value {
  const known = (v: Value) => alternatives(v).every((a) => a.k === 'num');
  if (!known(left) || !known(right)) return unknown('unsupported-expression', site);
  const results = new Set<boolean>();
  for (const a of alternatives(left) as { v: number }[]) {
    for (const b of alternatives(right) as { v: number }[]) results.add(operator === '<' ? a.v < b.v : operator === '>' ? a.v > b.v : operator === '<=' ? a.v <= b.v : a.v >= b.v);
  }
  return results.size === 1 ? { k: 'bool', v: [...results][0]! } : unknown('unsupported-expression', site);
}

/**
 * `x instanceof C` where every alternative of x is a string, number, boolean or nullish and C is
 * a global or built-in class (`file instanceof URL ? fileURLToPath(file) : file`): false, since
 * a primitive is an instance of nothing. A class of the code's own may answer otherwise
 * (`static [Symbol.hasInstance]`), so it stays unknown.
 */
export function instanceOf(left: Value, right: Value, site: Site): Value {
  const primitive = alternatives(left).every((a) => a.k === 'str' || a.k === 'num' || a.k === 'bool' || a.k === 'nullish');
  return primitive && (right.k === 'global' || right.k === 'builtin') ? { k: 'bool', v: false } : unknown('unsupported-expression', site);
}

/**
 * `a | b` of known numbers (every alternative of each side): open(2) flags made of
 * `fs.constants` (`O_RDONLY | O_NONBLOCK`, ./machine.ts), which fs.open's scope depends on.
 */
export function bitwiseOr(left: Value, right: Value, site: Site): Value {
  const l = alternatives(left);
  const r = alternatives(right);
  if (!l.every((a) => a.k === 'num') || !r.every((a) => a.k === 'num') || l.length * r.length > 16) return unknown('unsupported-expression', site);
  const results = new Set<number>();
  for (const a of l as { v: number }[]) for (const b of r as { v: number }[]) results.add(a.v | b.v);
  return oneOf([...results].map((v): Value => ({ k: 'num', v })), site);
}

/** Whether a value is truthy, when every alternative says the same; undefined when that cannot be told. */
export function truthOf(value: Value): boolean | undefined {
  const truths = new Set<boolean | undefined>();
  for (const a of alternatives(value)) {
    if (a.k === 'bool') truths.add(a.v);
    else if (a.k === 'nullish') truths.add(false);
    else if (a.k === 'str' || a.k === 'num') truths.add(Boolean(a.v));
    else if (a.k === 'obj' || a.k === 'arr' || a.k === 'fn' || a.k === 'url') truths.add(true);
    else truths.add(undefined);
  }
  return truths.size === 1 ? [...truths][0] : undefined;
}
