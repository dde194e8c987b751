// What a path known only up to a point (`<known>` + unknown) may be granted as. Node's grants
// are string prefixes: `<dir>/name*` opens every sibling whose name starts with `name`, and
// `<dir>/*` the whole folder (facts §3). So the known start decides what opens: a prefix is
// granted only when it names a folder or a partial name that cannot reach the disk root, the
// home folder, the project root (or a folder above them) or a dot-name space (`<dir>/.*`,
// which holds `.env`, `.git`, `.ssh`). Anything wider is unresolved and the fallback decides.

import * as path from 'node:path';
import type { BroadPrefix } from '../types.js';

export type { BroadPrefix };

/** What a known start becomes: a folder grant, a string-prefix grant, or nothing (too broad). */
export type PrefixJudgment =
  | { kind: 'folder'; path: string }
  | { kind: 'names'; path: string }
  | { kind: 'too-broad'; prefix: string; broad: BroadPrefix };

/**
 * The folders no prefix grant may open directly: the disk root, the home folder and the project
 * root, and any folder above the last two, compared both as written and as real paths (a home
 * or project reached through a symlink is the same folder to Node once it follows the link).
 */
export function broadFolders(root: string, homedir: string, realpath: (p: string) => string): (folder: string) => BroadPrefix | undefined {
  const realRoot = realpath(root);
  const realHome = realpath(homedir);
  const atOrAbove = (folder: string, target: string) => folder === target || folder === '/' || target.startsWith(folder + '/');
  return (folder) => {
    for (const f of new Set([folder, realpath(folder)])) {
      if (f === '/') return 'disk-root';
      if (atOrAbove(f, homedir) || atOrAbove(f, realHome)) return 'home';
      if (atOrAbove(f, root) || atOrAbove(f, realRoot)) return 'project-root';
    }
    return undefined;
  };
}

/**
 * Judges `known` (relative ones against `cwd`). The partial name is taken from the text as
 * written, before normalising: `'data/.' + x` names dot-files in `data`, which path.resolve
 * would turn into `data` (and so `data*`).
 */
export function judgePrefix(known: string, cwd: string, broad: (folder: string) => BroadPrefix | undefined): PrefixJudgment {
  const slash = known.lastIndexOf('/');
  const partial = known.slice(slash + 1);
  const dir = path.resolve(cwd, known.slice(0, slash + 1) || '.');
  const shown = (dir === '/' ? '/' : dir + '/') + partial;
  if (partial.startsWith('.')) return { kind: 'too-broad', prefix: shown, broad: 'dot-names' };
  const wide = broad(dir);
  if (wide) return { kind: 'too-broad', prefix: shown, broad: wide };
  return partial === '' ? { kind: 'folder', path: dir } : { kind: 'names', path: shown };
}
