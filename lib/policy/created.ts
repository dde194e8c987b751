// The entries of the project the app is seen creating, for the project-root fallback. Where the
// root holds a secret the fallback grants the root's entries one by one, as they are on disk when
// the policy is made: a folder the app makes at run time (`out/`) is not among them, so an
// unresolved access into it was denied although the report said the root was granted. A write
// the analysis resolved names such an entry (the first part of its path, below the root, that is
// not on disk); the fallback lists it beside the entries on disk, as a folder, since a grant of
// `<path>/*` also covers a file made at `<path>` (docs/node-facts.md). An entry the analysis
// cannot see being made stays uncovered, and FALLBACK_ROOT_ENTRIES says so.

import * as path from 'node:path';
import type { Diagnostic, DiagnosticArgs } from '../diagnostics/index.js';
import type { Need } from '../types.js';
import type { FallbackTree } from './secrets.js';

/**
 * The absolute paths of entries below `root` that resolved writes create: the first part of each
 * written path not on disk. One the app writes a secret into (`config/.env` in a new `config/`)
 * is left out: granted whole, it would open that secret, which no listing can show yet.
 */
export function createdEntries(needs: readonly Need[], root: string, exists: (p: string) => boolean, isSecret: (name: string) => boolean = () => false): Set<string> {
  const created = new Set<string>();
  const holdsSecret = new Set<string>();
  const prefix = root === '/' ? '/' : `${root}/`;
  for (const need of needs) {
    if (need.capability !== 'fs.write' || !need.path || need.wildcard || !need.path.startsWith(prefix)) continue;
    const parts = need.path.slice(prefix.length).split('/');
    let at = root;
    for (const [i, part] of parts.entries()) {
      if (part === '') break;
      at = path.join(at, part);
      if (!created.has(at) && exists(at)) continue;
      created.add(at);
      if (parts.slice(i).some(isSecret)) holdsSecret.add(at);
      break;
    }
  }
  for (const p of holdsSecret) created.delete(p);
  return created;
}

/** The tree with the created entries in their folders' listings, as folders (they hold nothing yet, so no secret). */
export function withCreated(tree: FallbackTree, created: ReadonlySet<string>): FallbackTree {
  if (created.size === 0) return tree;
  const byFolder = new Map<string, string[]>();
  for (const p of created) {
    const dir = path.dirname(p);
    byFolder.set(dir, [...(byFolder.get(dir) ?? []), path.basename(p)]);
  }
  return {
    ...tree,
    isDir: (p) => created.has(p) || tree.isDir(p),
    // Not on disk, a created entry has no real path of its own to lead out of the project.
    linksOut: (p, within) => !created.has(p) && (tree.linksOut?.(p, within) ?? false),
    list: (dir) => {
      const extra = byFolder.get(dir);
      const names = tree.list(dir);
      return extra ? [...(names ?? []), ...extra] : names;
    },
  };
}

/** The codes whose message says what the project fallback granted, and the scope each one's fallback is of. */
const fallbackScopes: Partial<Record<Diagnostic['code'], (d: Diagnostic) => ('read' | 'write')[]>> = {
  FS_PATH_UNKNOWN: (d) => [(d.args as DiagnosticArgs['FS_PATH_UNKNOWN']).scope],
  EXPORTS_ESCAPED: (d) => (d.args as DiagnosticArgs['EXPORTS_ESCAPED']).scopes.map((s) => (s === 'write' ? 'write' : 'read')),
  IMPORT_DYNAMIC: () => ['read'],
  CODE_GENERATED: () => ['read'],
  MODULE_LOADER_ESCAPED: () => ['read'],
  CAPABILITY_ESCAPED: () => ['read'],
  CALL_NOT_FOLLOWED: () => ['read'],
};

/**
 * The analysis's diagnostics with `byEntry` on those whose project fallback was granted entry by
 * entry (FALLBACK_ROOT_ENTRIES), so their message says what was granted rather than "the project
 * root". New objects: the graph's diagnostics may be kept in the cache's records as they are.
 */
export function withFallbackByEntry(list: readonly Diagnostic[], byEntry: ReadonlySet<'read' | 'write'>): Diagnostic[] {
  if (byEntry.size === 0) return [...list];
  return list.map((d) => {
    const scopes = fallbackScopes[d.code];
    if (!scopes || (d.args as { fallback?: string }).fallback !== 'project' || !scopes(d).some((s) => byEntry.has(s))) return d;
    return { ...d, args: { ...d.args, byEntry: true } } as Diagnostic;
  });
}
