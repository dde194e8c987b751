// The config files a model's `readConfig` effect finds on disk when the analysis runs: in its
// start folders, every folder below them (`below`) and above them (`upward`). The walk below a
// folder is the app's tree, which may be huge or loop (a symbolic link to a folder above it):
// it is bounded, and a search cut short is said by the caller, never passed over.

import * as path from 'node:path';
import type { Host } from '../host.js';
import type { Effect } from './format.js';

/**
 * Folders the walk below one start looks at. A project's own tree (installed packages and
 * `.git` left out) has some hundreds; beyond this the tree is not one a lint run walks.
 */
export const maxFoldersBelow = 10_000;

export interface ConfigSearch {
  files: Set<string>;
  /** The start folders whose walk below was cut at maxFoldersBelow. */
  cut: string[];
}

/**
 * The config files a `readConfig` effect finds from its start folders: in each (and, with
 * `below`, under it), then, with `upward`, in every folder above it up to the disk root (or,
 * with `"package"`, up to the package root: the first folder that holds a package.json). Every
 * match that exists is granted, not only the first find-up would stop at: which one a tool
 * takes can depend on the files' contents (a package.json without the tool's key is skipped).
 */
export function configFiles(effect: Extract<Effect, { readConfig: string[] }>, starts: string[], host: Host): ConfigSearch {
  const files = new Set<string>();
  const cut: string[] = [];
  const searched = new Set<string>();
  // A name checked with existsSync needs its grant whether or not the file exists.
  // Resolved as the package resolves it (commander's path.resolve): an absolute name (an
  // executableFile made with path.join(__dirname, …)) is itself, not a path under `dir`.
  const inFolder = (dir: string) => (effect.existsSync ? effect.readConfig.map((name) => path.resolve(dir, name)) : host.glob(effect.readConfig, dir));
  const atTop = (dir: string) => dir === path.dirname(dir) || searched.has(path.dirname(dir)) || (effect.upward === 'package' && host.kind(path.join(dir, 'package.json')) === 'file');
  for (const start of starts) {
    if (effect.below) {
      const walk = globBelow(effect.readConfig, start, host);
      for (const file of walk.files) files.add(file);
      if (walk.cut) cut.push(start);
    } else {
      for (const file of inFolder(start)) files.add(file);
    }
    searched.add(start);
    for (let dir = start; effect.upward && !atTop(dir); ) {
      dir = path.dirname(dir);
      searched.add(dir);
      for (const file of inFolder(dir)) files.add(file);
    }
  }
  return { files, cut };
}

/** Whether folder `outer` is `inner` or holds it. */
function holds(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
}

/**
 * The files matching `patterns` in `start` and every folder under it except `node_modules` and
 * `.git` folders, sorted. A link to a folder is followed, as the tools do, unless it leads back
 * to a folder it lies in (a loop); and at most maxFoldersBelow folders are looked at, since
 * links can also make a small tree's paths exponential without a loop. A host that cannot list
 * folders globs the tree itself.
 */
function globBelow(patterns: string[], start: string, host: Host): { files: string[]; cut: boolean } {
  if (!host.list) return { files: host.glob(patterns, start, true), cut: false };
  const files: string[] = [];
  // Each folder with the real paths of the folders on its way down from the start.
  const queue: { dir: string; above: readonly string[] }[] = [{ dir: start, above: [] }];
  let left = maxFoldersBelow;
  const realStart = host.realpath(start);
  for (let i = 0; i < queue.length; i++) {
    if (left-- === 0) return { files: files.sort(), cut: true };
    const { dir, above } = queue[i]!;
    const real = host.realpath(dir);
    // A link back to a folder on the way down, or to one above the start (which holds the start):
    // either way a loop, and a path through it names, via a link, files that have a path of their own.
    if (above.includes(real) || (i > 0 && holds(real, realStart))) continue;
    files.push(...host.glob(patterns, dir));
    const down = [...above, real];
    for (const name of host.list(dir) ?? []) {
      const sub = path.join(dir, name);
      if (name !== 'node_modules' && name !== '.git' && host.kind(sub) === 'dir') queue.push({ dir: sub, above: down });
    }
  }
  return { files: files.sort(), cut: false };
}
