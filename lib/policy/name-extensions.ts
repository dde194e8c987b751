// Grant sets Node applies differently from what they say. Node keeps the grants of one scope in
// a radix tree keyed by the grant's text, with a folder stored as `<dir>/*`. When another grant
// of the scope extends the folder's name (`/p/name.css`, `/p/name-*`, `/p/name2/*` beside the
// folder `/p/name`), the tree splits at `/p/name`, and that node answers "not granted" for the
// folder itself: stat, readdir and open of `/p/name` are denied while everything inside it is
// allowed. Measured on 20.20.2, 22.23.3, 24.21.0 and 26.10.0 (fixtures/grant-folder-*). A file
// grant beside a longer name (`/p/a.js` and `/p/a.js.map`) is a leaf and works.
//
// The string-prefix grant `/p/name*` is the one form that keeps the folder and its
// name-extending siblings reachable on every version, so a folder whose own path the app uses is
// written that way when such a sibling exists, absorbing the siblings. It also opens every other
// name that starts with `/p/name`, which GRANT_NAME_PREFIX says. A `"type": "module"` package
// folder is left alone: Node only reads the package.json inside it, never the folder itself
// (measured on 20–26 beside a package whose name extends it).

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { Evidence } from '../types.js';
import { lowerBound } from './sorted.js';

export interface Draft {
  /** Absolute path, without any trailing `/*`. */
  path: string;
  subtree: boolean;
  /** A string-prefix grant, written `<path>*`: covers every path that starts with `path`. */
  wildcard?: boolean;
  /**
   * Some need names this path itself, not only a file under it: false for a `"type": "module"`
   * package folder, granted only so Node can read the package.json inside it.
   */
  usedItself: boolean;
  /** Asked for exactly (--read/--write PATH without a trailing /): an existing folder here does not make it a folder grant. */
  userExact?: boolean;
  evidence: Evidence[];
}

/** The text Node keys the grant by: a folder as `<dir>/*`, a string prefix as `<prefix>*`. */
export function nodeKey(d: Draft): string {
  if (d.wildcard) return `${d.path}*`;
  if (!d.subtree || d.path === '/' || d.path === '*' || d.path.endsWith('/*')) return d.path;
  return `${d.path}/*`;
}


/**
 * Rewrites each folder grant that another grant's text extends (`/p/name` beside `/p/name.css`)
 * as the string prefix `/p/name*`, which absorbs those grants and their evidence. `kept` is one
 * scope's minimised grants, so nothing lies under a folder grant and the keys that start with a
 * folder's path are the folder and its extending siblings: one binary search finds them. Longer
 * folders go first, so a prefix made for `/p/name` is itself absorbed when `/p/na` is a folder.
 * A prefix that would cover a path of `mustNotCover` (the project root, home) is not made: the
 * folder stays, denied itself but not its contents, and the warning says so (`kept`).
 */
export function separateNameExtensions(kept: readonly Draft[], scope: 'read' | 'write', mustNotCover: readonly string[] = []): { drafts: Draft[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const entries = kept.map((d) => ({ key: nodeKey(d), draft: d as Draft | undefined })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = entries.map((e) => e.key);
  const folders = entries
    .filter((e) => e.draft!.subtree && !e.draft!.wildcard && e.draft!.path !== '/' && e.draft!.path !== '*' && e.draft!.usedItself)
    .sort((a, b) => b.draft!.path.length - a.draft!.path.length);
  for (const entry of folders) {
    const folder = entry.draft;
    if (!folder) continue; // absorbed by a longer folder's prefix
    const extending: typeof entries = [];
    for (let i = lowerBound(keys, folder.path); i < entries.length && keys[i]!.startsWith(folder.path); i++) {
      const other = entries[i]!;
      if (other !== entry && other.draft && other.key[folder.path.length] !== '/') extending.push(other);
    }
    if (extending.length === 0) continue;
    const siblings = extending.map((e) => nodeKey(e.draft!)).sort();
    const site = folder.evidence.find((e) => e.site)?.site;
    if (mustNotCover.some((p) => p.startsWith(folder.path))) {
      // `<project root>*` would reach the root's siblings: the folder itself stays denied, said.
      diagnostics.push(diagnostic('GRANT_NAME_PREFIX', 'warning', { path: folder.path, scope, siblings, kept: true }, site));
      continue;
    }
    // The prefix takes the folder's place in the sorted list: its key starts with the same text,
    // so a shorter folder's search still finds it.
    entry.draft = { path: folder.path, subtree: false, wildcard: true, usedItself: true, evidence: [...folder.evidence, ...extending.flatMap((e) => e.draft!.evidence)] };
    for (const e of extending) e.draft = undefined;
    diagnostics.push(diagnostic('GRANT_NAME_PREFIX', 'warning', { path: folder.path, scope, siblings }, site));
  }
  const drafts: Draft[] = [];
  for (const e of entries) if (e.draft) drafts.push(e.draft);
  return { drafts: drafts.sort((a, b) => a.path.localeCompare(b.path)), diagnostics };
}
