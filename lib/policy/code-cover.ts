// What a write grant must not open without a word: files the next start of the app runs. A write
// grant that covers a module the app loads, `node_modules`, `package.json`, a lockfile or `.git`
// lets the app (or whoever controls what it writes) replace code that runs later. The policy
// stage knows every loaded module and the project layout, so the check is made here, once per
// write grant, and reported at each site that needs the grant (or for --write, the option).

import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { PathGrant, Site } from '../types.js';

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
  if (grant.endsWith('/*')) {
    const dir = grant.slice(0, -2);
    return p === dir || p.startsWith(dir + '/');
  }
  if (grant.endsWith('*')) return p.startsWith(grant.slice(0, -1));
  return p === grant;
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
 * What a write grant covers among the project's code: a code folder it covers or lies inside
 * (writing `.git/hooks/x` is enough; `node_modules/.cache`, where build tools keep caches, is
 * not code), package.json, a lockfile, or a module the app loads. Undefined when none.
 */
export function codeCovered(
  grant: string,
  root: string,
  loaded: readonly string[],
  exists: (p: string) => boolean,
): { kind: CodeCover; path: string; modules: number } | undefined {
  const base = grantBase(grant);
  const modules = loaded.filter((f) => emittedCovers(grant, f));
  for (const [name, kind] of folderKinds) {
    const folder = `${root}/${name}`;
    const inside = base.startsWith(folder + '/') && !base.startsWith(`${root}/node_modules/.cache/`) && base !== `${root}/node_modules/.cache`;
    if (inside || (emittedCovers(grant, folder) && exists(folder))) return { kind, path: inside ? base : folder, modules: modules.length };
  }
  if (emittedCovers(grant, `${root}/package.json`) && exists(`${root}/package.json`)) return { kind: 'package-json', path: `${root}/package.json`, modules: modules.length };
  const lock = lockfiles.map((l) => `${root}/${l}`).find((l) => emittedCovers(grant, l) && exists(l));
  if (lock) return { kind: 'lockfile', path: lock, modules: modules.length };
  if (modules.length > 0) return { kind: 'module', path: modules[0]!, modules: modules.length };
  return undefined;
}

/**
 * One FS_WRITE_COVERS_CODE warning per write grant that covers code and per place that asked
 * for it: each call site, each unresolved access the fallback answered, and --write. A grant
 * --write made is reported once, for the option: the sites it absorbed asked for less.
 */
export function codeCoverFindings(fsWrite: readonly PathGrant[], root: string, loaded: readonly string[], exists: (p: string) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const grant of fsWrite) {
    const covered = codeCovered(grant.path, root, loaded, exists);
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
