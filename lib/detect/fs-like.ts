// A file system handed in: `this.fileSystem.readFileSync(p)` (a class wrapping the fs it is
// given), `opts.statSync(p)` (functions an options object carries), `const { fs } = state;
// fs.readdirSync(p)`. The receiver is a value the analysis cannot tell, but the method's name is
// one only fs has, so the call is examined as that fs call: a path that folds is granted, one
// that does not is reported at the call. Left to the fs detector: what each API needs.

import type { Node } from 'acorn';
import type { Value } from '../evaluate/index.js';

/**
 * fs's method names that other common interfaces do not use: every `…Sync` name and the
 * callback names of path operations. Left out because streams, servers, databases and
 * watchers use them too: open, close, read, write, exists, watch, access, rm, rename, link,
 * cp, glob, truncate.
 */
const fsOnlyNames = new Set([
  'readFile', 'writeFile', 'appendFile', 'readdir', 'opendir', 'mkdir', 'mkdtemp', 'rmdir', 'unlink',
  'stat', 'lstat', 'readlink', 'realpath', 'statfs', 'copyFile', 'symlink', 'chmod', 'lchmod', 'chown', 'lchown', 'utimes', 'lutimes',
  'createReadStream', 'createWriteStream', 'openAsBlob',
]);

/** Whether `name` is a name only fs has: a callback name above or a `…Sync` form of a gated fs call. */
function fsOnlyName(name: string, isFsApi: (api: string) => boolean): boolean {
  if (fsOnlyNames.has(name)) return true;
  return name.endsWith('Sync') && isFsApi(`fs.${name}`);
}

/**
 * The fs API a call on an unknown receiver stands for (`fs.readFileSync`), or undefined. Only
 * when the callee did not fold to anything (a known function, module or object method is the
 * analysis's own business) and is a plain `x.name` member.
 */
export function fsLikeApi(calleeNode: Node | undefined, callee: Value | undefined, isFsApi: (api: string) => boolean): string | undefined {
  if (callee?.k !== 'unknown') return undefined;
  const member = calleeNode as (Node & { type: string; computed?: boolean; property?: Node & { type: string; name?: string } }) | undefined;
  if (member?.type !== 'MemberExpression' || member.computed || member.property?.type !== 'Identifier') return undefined;
  const name = member.property.name!;
  return fsOnlyName(name, isFsApi) ? `fs.${name}` : undefined;
}
