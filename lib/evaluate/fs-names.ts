// The method names only fs has: what makes a member of an object the analysis cannot tell
// (`opts.statSync`, `this.fileSystem.readFileSync`) stand for that fs function. Used by the
// evaluator for member reads and by the detect stage for calls (lib/detect/fs-like.ts).

import { hasRealMember } from './capability-copy.js';

/**
 * fs's callback names of path operations that other common interfaces do not use. Left out
 * because streams, servers, databases and watchers use them too: open, close, read, write,
 * exists, watch, access, rm, rename, link, cp, glob, truncate.
 */
const callbackNames = new Set([
  'readFile', 'writeFile', 'appendFile', 'readdir', 'opendir', 'mkdir', 'mkdtemp', 'rmdir', 'unlink',
  'stat', 'lstat', 'readlink', 'realpath', 'statfs', 'copyFile', 'symlink', 'chmod', 'lchmod', 'chown', 'lchown', 'utimes', 'lutimes',
  'createReadStream', 'createWriteStream', 'openAsBlob',
]);

/** Whether `name` is one only fs has: a callback name above, or any `…Sync` member of fs. */
export function fsOnlyName(name: string): boolean {
  return callbackNames.has(name) || (name.endsWith('Sync') && hasRealMember('fs', [], name));
}
