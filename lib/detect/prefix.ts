// What a path known only up to a point (`<known>` + unknown) may be granted as. Node's grants
// are string prefixes: `<dir>/name*` opens every sibling whose name starts with `name`, and
// `<dir>/*` the whole folder (docs/node-facts.md#grant-paths). So the known start decides what opens: a prefix is
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
 * Whether a grant of `folder` (a partial name `partial` in it, or the folder whole when it is
 * empty) opens the disk root, the home folder or the project root: the folder itself or one
 * above it, compared as written and as real paths (a home or project reached through a symlink
 * is the same folder to Node once it follows the link). A partial name opens them only when the
 * name on the way down starts with it, or is it less its last character, which Node's `X*` also
 * opens (measured on 20, 22, 24, 26): `/tmp/tsx-*` leaves a project in `/tmp/app` closed,
 * `/tmp/ap*` does not, and `<project>/logs-*` opens only the project's entries named so (a write
 * that reaches code that way is FS_WRITE_COVERS_CODE's to report). Any prefix at the disk root is
 * refused: `/s*` would open /srv, /sys and /sbin at once.
 */
export function broadFolders(root: string, homedir: string, realpath: (p: string) => string): (folder: string, partial?: string, whole?: boolean) => BroadPrefix | undefined {
  const targets: [BroadPrefix, string[]][] = [
    ['home', [...new Set([homedir, realpath(homedir)])]],
    ['project-root', [...new Set([root, realpath(root)])]],
  ];
  const opens = (folder: string, partial: string, target: string) => {
    if (folder === target) return partial === '';
    if (!target.startsWith(folder === '/' ? '/' : folder + '/')) return false;
    if (partial === '') return true;
    const name = target.slice(folder === '/' ? 1 : folder.length + 1).split('/')[0]!;
    return name.startsWith(partial) || name === partial.slice(0, -1);
  };
  return (folder, partial = '', whole = false) => {
    for (const f of new Set([folder, realpath(folder)])) {
      if (f === '/' || reachesProcRoot(f, partial)) return 'disk-root';
      for (const [broad, paths] of targets) {
        // A whole folder: the project root itself is granted (its secrets said apart), one that holds it is not.
        if (whole && broad === 'project-root') {
          if (paths.some((t) => t !== f && opens(f, '', t))) return broad;
        } else if (paths.some((t) => opens(f, partial, t))) return broad;
      }
    }
    return undefined;
  };
}

/** A process folder's name in /proc: its id, or the reader's own (`self`, `thread-self`). */
const procNames = ['self', 'thread-self'];
/** A process's links in /proc to a folder that may be any: its root and its working folder. */
const procLinks = ['root', 'cwd'];
const isProcName = (name: string) => /^\d+$/.test(name) || procNames.includes(name);
/** Whether a name starting with `partial` (every name when it is empty) may be one of `names`, or a number when `numbers`. */
const mayName = (partial: string, names: string[], numbers: boolean) =>
  partial === '' || (numbers && /^\d+$/.test(partial)) || names.some((n) => n.startsWith(partial));

/**
 * Whether a grant of `folder` (or of the names in it starting with `partial`) reaches a process's
 * `root` or `cwd` in /proc (`/proc/<pid>/root`, `/proc/self/cwd`, `/proc/<pid>/task/<tid>/root`):
 * links to the disk root and to a working folder that may be any, and Node checks the path
 * string without following them, so
 * `--allow-fs-read=/proc/*` reads /proc/self/root/etc/passwd (measured on 20, 22, 24 and 26).
 * ps-list's `/proc/${pid}/exe` is known only up to `/proc/`.
 */
export function reachesProcRoot(folder: string, partial: string): boolean {
  if (folder !== '/proc' && !folder.startsWith('/proc/')) return false;
  const parts = folder.split('/').slice(2); // the names below /proc
  const rest = [...parts, partial];
  // Walk /proc/<pid>[/task/<tid>] down: a name that leaves that path opens no root link.
  for (let i = 0; ; ) {
    const last = i === rest.length - 1;
    if (last) return mayName(rest[i]!, procNames, true);
    if (!isProcName(rest[i]!)) return false;
    i++;
    if (i === rest.length - 1) return mayName(rest[i]!, [...procLinks, 'task'], false);
    if (procLinks.includes(rest[i]!)) return true;
    if (rest[i] !== 'task') return false;
    i++;
  }
}

/**
 * Judges `known` (relative ones against `runCwd`, the run folder). The partial name is taken from the text as
 * written, before normalising: `'data/.' + x` names dot-files in `data`, which path.resolve
 * would turn into `data` (and so `data*`).
 */
export function judgePrefix(known: string, runCwd: string, broad: (folder: string, partial?: string) => BroadPrefix | undefined): PrefixJudgment {
  const slash = known.lastIndexOf('/');
  const partial = known.slice(slash + 1);
  const dir = path.resolve(runCwd, known.slice(0, slash + 1) || '.');
  const shown = (dir === '/' ? '/' : dir + '/') + partial;
  if (partial.startsWith('.')) return { kind: 'too-broad', prefix: shown, broad: 'dot-names' };
  const wide = broad(dir, partial);
  if (wide) return { kind: 'too-broad', prefix: shown, broad: wide };
  return partial === '' ? { kind: 'folder', path: dir } : { kind: 'names', path: shown };
}
