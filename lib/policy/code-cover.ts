// What a write grant must not open without a word: files the next start of the app runs. A write
// grant that covers a module the app loads, `node_modules`, `package.json`, a lockfile or `.git`
// lets the app (or whoever controls what it writes) replace code that runs later. The policy
// stage knows every loaded module and the project layout, so the check is made here, once per
// write grant, and reported at each site that needs the grant (or for --write, the option).

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { PathGrant, Site } from '../types.js';
import { lowerBound } from './sorted.js';

/** Top-level names of the project whose writing replaces what the next install or start runs. */
const codeNames = new Set([
  'node_modules',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  '.pnp.cjs',
  '.pnp.loader.mjs',
  '.yarn',
  '.git',
]);

/** Whether a top-level entry of the project is code by its name (the loaded modules are known separately). */
export function isCodeName(name: string): boolean {
  return codeNames.has(name);
}

/** What a write grant covers that the next start runs, most telling first. */
export type CodeCover = 'git' | 'package-json' | 'lockfile' | 'node_modules' | 'module';

/**
 * Whether a grant as emitted covers path `p`: `*` and `/` everything, `<dir>/*` the folder and
 * below, `<x>*` every path that starts with `x` (Node's string prefix), else `p` itself.
 */
export function emittedCovers(grant: string, p: string): boolean {
  if (grant === '*' || grant === '/' || grant === '/*') return true;
  // Compared in place, not on slices of the grant: the policy stage asks this some 300,000 times
  // on a 20,000-module tree, and each slice was an object to collect.
  if (grant.endsWith('/*')) {
    const dir = grant.length - 2;
    return sameStart(p, grant, dir) && (p.length === dir || p.charCodeAt(dir) === 47);
  }
  if (grant.endsWith('*')) return sameStart(p, grant, grant.length - 1);
  return p === grant;
}

/** Whether `p` starts with the first `length` code units of `text`. */
function sameStart(p: string, text: string, length: number): boolean {
  if (p.length < length) return false;
  for (let i = 0; i < length; i++) if (p.charCodeAt(i) !== text.charCodeAt(i)) return false;
  return true;
}

/** The part of a grant that is a path: without a trailing `/*` or `*`. */
function grantBase(grant: string): string {
  return grant.endsWith('/*') ? grant.slice(0, -2) : grant.endsWith('*') ? grant.slice(0, -1) : grant;
}

const folderKinds: readonly [string, CodeCover][] = [
  ['.git', 'git'],
  ['node_modules', 'node_modules'],
  ['.yarn', 'node_modules'],
];
const lockfiles = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', '.pnp.cjs', '.pnp.loader.mjs'];

/**
 * The loaded modules sorted by code unit, each with its place in the load order. The modules a
 * grant covers are then one or two runs of the sorted list (a path, or every path that starts
 * with a text), found by binary search: testing every module against every write grant took
 * 12 s of a 20,000-module tree with 20,000 write grants.
 */
export interface LoadedIndex {
  readonly sorted: readonly string[];
  readonly order: readonly number[];
}

export function indexLoaded(loaded: readonly string[]): LoadedIndex {
  const order = loaded.map((_, i) => i).sort((a, b) => (loaded[a]! < loaded[b]! ? -1 : loaded[a]! > loaded[b]! ? 1 : a - b));
  return { sorted: order.map((i) => loaded[i]!), order };
}

/** How many loaded modules a grant as emitted covers (emittedCovers), and the first of them in load order. */
function coveredModules(grant: string, index: LoadedIndex): { count: number; first: string | undefined } {
  const { sorted, order } = index;
  let count = 0;
  let at = Infinity;
  let first: string | undefined;
  const run = (text: string, prefix: boolean): void => {
    for (let i = lowerBound(sorted, text); i < sorted.length && (prefix ? sorted[i]!.startsWith(text) : sorted[i] === text); i++) {
      count++;
      if (order[i]! < at) [at, first] = [order[i]!, sorted[i]!];
    }
  };
  if (grant === '*' || grant === '/' || grant === '/*') run('', true);
  else if (grant.endsWith('/*')) {
    run(grant.slice(0, -2), false);
    run(grant.slice(0, -1), true);
  } else if (grant.endsWith('*')) run(grant.slice(0, -1), true);
  else run(grant, false);
  return { count, first };
}

/**
 * What a write grant covers among the project's code: a code folder it covers or lies inside
 * (writing `.git/hooks/x` is enough; `node_modules/.cache`, where build tools keep caches, is
 * not code), package.json, a lockfile, or a module the app loads. Undefined when none.
 */
export function codeCovered(
  grant: string,
  root: string,
  loaded: readonly string[] | LoadedIndex,
  exists: (p: string) => boolean,
): { kind: CodeCover; path: string; modules: number } | undefined {
  return coverChecker(root, Array.isArray(loaded) ? indexLoaded(loaded) : (loaded as LoadedIndex), exists)(grant);
}

/**
 * codeCovered for one project, its paths built once: codeCoverFindings asks it of every write
 * grant (20,000 on the generated tree), where building them per grant was most of the policy
 * stage's allocation.
 */
function coverChecker(root: string, index: LoadedIndex, exists: (p: string) => boolean): (grant: string) => ReturnType<typeof codeCovered> {
  const folders = folderKinds.map(([name, kind]) => ({ folder: `${root}/${name}`, inside: `${root}/${name}/`, kind }));
  const cache = `${root}/node_modules/.cache`;
  const cacheInside = `${cache}/`;
  const manifest = `${root}/package.json`;
  const locks = lockfiles.map((l) => `${root}/${l}`);
  return (grant) => {
    const base = grantBase(grant);
    const covered = coveredModules(grant, index);
    const modules = covered.count;
    for (const { folder, inside: prefix, kind } of folders) {
      const inside = base.startsWith(prefix) && !base.startsWith(cacheInside) && base !== cache;
      if (inside || (emittedCovers(grant, folder) && exists(folder))) return { kind, path: inside ? base : folder, modules };
    }
    if (emittedCovers(grant, manifest) && exists(manifest)) return { kind: 'package-json', path: manifest, modules };
    const lock = locks.find((l) => emittedCovers(grant, l) && exists(l));
    if (lock) return { kind: 'lockfile', path: lock, modules };
    if (modules > 0) return { kind: 'module', path: covered.first!, modules };
    return undefined;
  };
}

/**
 * One FS_WRITE_COVERS_CODE warning per write grant that covers code and per place that asked
 * for it: each call site, each unresolved access the fallback answered, and --write. A grant
 * --write made is reported once, for the option: the sites it absorbed asked for less.
 */
export function codeCoverFindings(fsWrite: readonly PathGrant[], root: string, loaded: readonly string[], exists: (p: string) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const covers = fsWrite.length > 0 ? coverChecker(root, indexLoaded(loaded), exists) : undefined;
  for (const grant of fsWrite) {
    const covered = covers!(grant.path);
    if (!covered) continue;
    const seen = new Set<string>();
    const user = grant.evidence.find((e) => e.reason === 'user');
    for (const e of user ? [user] : grant.evidence) {
      const from = e.reason === 'user' ? 'option' : e.reason === 'unresolved-fallback' ? 'fallback' : 'code';
      const key = e.site ? `${e.site.file}:${e.site.line}:${e.site.column}` : from;
      if (seen.has(key)) continue;
      seen.add(key);
      const site: Site | undefined = e.site;
      out.push(diagnostic('FS_WRITE_COVERS_CODE', 'warning', { grant: grant.path, covers: covered.kind, path: covered.path, modules: covered.modules, from }, site));
    }
  }
  return out;
}
