// A file system handed in: `this.fileSystem.readFileSync(p)` (a class wrapping the fs it is
// given), `opts.statSync(p)` (functions an options object carries), `const { fs } = state;
// fs.readdirSync(p)`. The receiver is a value the analysis cannot tell, but the method's name is
// one only fs has (lib/evaluate/fs-names.ts), so the call is examined as that fs call: a path
// that folds is granted, one that does not is reported at the call. The evaluator already reads
// such a member of an unknown object as fs's; this catches the callees that still do not fold
// (a member of an object whose other members are known). Left to the fs detector: what each API needs.
// The same holds for child_process's synchronous spawners, whose names nothing else has
// (node-machine-id's webpack bundle: `(0,p.execSync)(…)` on a module that exports its UMD
// factory's parameter, `require('child_process')`, which the analysis cannot bind).

import type { Node } from 'acorn';
import { fsOnlyName, type Value } from '../evaluate/index.js';

/**
 * Nothing the analysis can tell: unknown; undefined, a member the object it sees lacks (called,
 * the code found it there: rimraf 2 fills the caller's `{ maxBusyTries: 6 }` with fs's functions
 * by computed keys); or one of several parameters (a helper's own and its callers'). Not one of
 * several other values: glob's `needStat ? await e.lstat() : e` is a path-scurry entry, and
 * undici's `this.#store` a cache store, whose methods share fs's names.
 */
function unfolded(v: Value): boolean {
  if (v.k === 'oneOf') return v.vs.every((a) => a.k === 'unknown' && a.reason === 'parameter');
  return v.k === 'unknown' || v.k === 'nullish';
}

/**
 * child_process's members no other common object has: `exec`, `spawn` and `fork` are left out
 * (a RegExp's `exec`, many libraries' own `spawn`), as are the async `execFile`.
 */
const childProcessOnlyNames: ReadonlySet<string> = new Set(['execSync', 'execFileSync', 'spawnSync']);

type MemberNode = Node & { type: string; computed?: boolean; property?: Node & { type: string; name?: string }; expressions?: Node[] };

/**
 * The fs (or child_process) API a call on an unknown receiver stands for (`fs.readFileSync`), or
 * undefined. Only when the callee did not fold to anything (a known function, module or object
 * method is the analysis's own business) and is a plain `x.name` member, also as a bundler
 * writes it to call it without its receiver, `(0, x.name)(…)`.
 */
export function fsLikeApi(calleeNode: Node | undefined, callee: Value | undefined): string | undefined {
  if (!callee || !unfolded(callee)) return undefined;
  let member = calleeNode as MemberNode | undefined;
  if (member?.type === 'SequenceExpression') member = member.expressions!.at(-1) as MemberNode | undefined;
  if (member?.type !== 'MemberExpression' || member.computed || member.property?.type !== 'Identifier') return undefined;
  const name = member.property.name!;
  return fsOnlyName(name) ? `fs.${name}` : childProcessOnlyNames.has(name) ? `child_process.${name}` : undefined;
}
