// A file system handed in: `this.fileSystem.readFileSync(p)` (a class wrapping the fs it is
// given), `opts.statSync(p)` (functions an options object carries), `const { fs } = state;
// fs.readdirSync(p)`. The receiver is a value the analysis cannot tell, but the method's name is
// one only fs has (lib/evaluate/fs-names.ts), so the call is examined as that fs call: a path
// that folds is granted, one that does not is reported at the call. The evaluator already reads
// such a member of an unknown object as fs's; this catches the callees that still do not fold
// (a member of an object whose other members are known). Left to the fs detector: what each API needs.

import type { Node } from 'acorn';
import { fsOnlyName, type Value } from '../evaluate/index.js';

/**
 * The fs API a call on an unknown receiver stands for (`fs.readFileSync`), or undefined. Only
 * when the callee did not fold to anything (a known function, module or object method is the
 * analysis's own business) and is a plain `x.name` member.
 */
export function fsLikeApi(calleeNode: Node | undefined, callee: Value | undefined): string | undefined {
  if (callee?.k !== 'unknown') return undefined;
  const member = calleeNode as (Node & { type: string; computed?: boolean; property?: Node & { type: string; name?: string } }) | undefined;
  if (member?.type !== 'MemberExpression' || member.computed || member.property?.type !== 'Identifier') return undefined;
  const name = member.property.name!;
  return fsOnlyName(name) ? `fs.${name}` : undefined;
}
