// The small file-system interface every stage reads through. Tests wrap it to serve an
// in-memory tree or to count reads; the analysis never touches `node:fs` directly elsewhere.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type FastGlob from 'fast-glob';

const requireHere = createRequire(import.meta.url);
/**
 * fast-glob, loaded when first used (Node's module cache keeps it): most analyses never search
 * for a config file or read a glob of a model, and loading it at the start put some 2 MB on
 * every run's peak memory (docs/benchmarks.md, the `perf-16` branch).
 */
export const fastGlob = (): typeof FastGlob => requireHere('fast-glob') as typeof FastGlob;

export interface Host {
  /**
   * File contents, or an Error when the file cannot be read. With `maxBytes`, a larger file may
   * be refused unread with an Error whose code is `EFBIG` and whose `size` is the file's size.
   */
  readFile(path: string, options?: { maxBytes?: number }): Buffer | Error;
  /** 'file', 'dir', or undefined when the path does not exist (or cannot be stat'ed). */
  kind(path: string): 'file' | 'dir' | undefined;
  /** The real path, or the path itself when it cannot be resolved. */
  realpath(path: string): string;
  /**
   * Absolute paths of the files directly in `dir` that match one of the glob `patterns`; with
   * `below`, in `dir` and every folder under it except `node_modules` and `.git` folders.
   */
  glob(patterns: string[], dir: string, below?: boolean): string[];
  /** Parsed JSON of a file, when the host keeps it (see cachingHost); readJson uses it if present. */
  json?(path: string): unknown;
  /**
   * Whether `path` itself (not what it points to) is a symbolic link; undefined when it cannot
   * be lstat'ed. Optional: with it, cachingHost finds real paths one component at a time,
   * reusing the real paths of the folders it has already met.
   */
  isSymlink?(path: string): boolean | undefined;
  /**
   * The target a symbolic link holds, as written in it (relative or absolute); undefined when
   * `path` is no link or cannot be read. Optional: without it a link reached through another link
   * is not seen (lib/graph/resolve.ts linksOn).
   */
  readlink?(path: string): string | undefined;
  /**
   * The names of the entries of folder `dir`, or undefined when it cannot be listed. Optional:
   * without it the unresolved-read fallback grants the project root whole, since it cannot tell
   * which entries hold secrets (lib/policy/secrets.ts).
   */
  list?(dir: string): string[] | undefined;
}

/** An entry of a folder listing: a link is not followed. */
export type EntryKind = 'file' | 'dir' | 'link' | 'other';

/**
 * The entries of folder `dir` by name; null when `dir` does not exist or is not a folder;
 * undefined when it cannot be listed otherwise (no permission). See cachingHost.
 */
export type ListFolder = (dir: string) => ReadonlyMap<string, EntryKind> | null | undefined;

/** ListFolder from the file system, agreeing with nodeHost's `kind` and `isSymlink`. */
export const listFolder: ListFolder = (dir) => {
  try {
    const entries = new Map<string, EntryKind>();
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      entries.set(e.name, e.isFile() ? 'file' : e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'link' : 'other');
    }
    return entries;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? null : undefined;
  }
};

export const nodeHost: Host = {
  readFile(path, options) {
    let fd: number | undefined;
    try {
      // One open, then fstat on it: what is checked is what is read. O_NONBLOCK so a FIFO named
      // like a module cannot stall the run in open(); anything but a regular file (a FIFO, a
      // device such as /dev/zero that never ends) is refused.
      fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return Object.assign(new Error(`${path} is not a regular file`), { code: stat.isDirectory() ? 'EISDIR' : 'ENOTREG' });
      const size = stat.size;
      if (options?.maxBytes !== undefined && size > options.maxBytes) {
        return Object.assign(new Error(`${path} is ${size} bytes`), { code: 'EFBIG', size });
      }
      return fs.readFileSync(fd);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
  kind(path) {
    try {
      // throwIfNoEntry: resolution probes many paths that do not exist; an exception each is slow.
      const s = fs.statSync(path, { throwIfNoEntry: false });
      return s?.isDirectory() ? 'dir' : s?.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  realpath(path) {
    try {
      return fs.realpathSync(path);
    } catch {
      return path;
    }
  },
  isSymlink(path) {
    try {
      return fs.lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink();
    } catch {
      return undefined;
    }
  },
  readlink(path) {
    try {
      return fs.readlinkSync(path);
    } catch {
      return undefined;
    }
  },
  list(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return undefined;
    }
  },
  glob(patterns, dir, below) {
    // Config files live directly in the folder (dotfiles included), or, for a tool that looks
    // one up from each file it handles (ESLint 10), in any folder of a tree it walks, which
    // skips installed packages and git's own folder as those tools do.
    if (!below) return fastGlob().sync(patterns, { cwd: dir, dot: true, onlyFiles: true, deep: 1, absolute: true, suppressErrors: true }).sort();
    const everywhere = patterns.map((p) => `**/${p}`);
    return fastGlob().sync(everywhere, { cwd: dir, dot: true, onlyFiles: true, absolute: true, suppressErrors: true, ignore: ['**/node_modules/**', '**/.git/**'] }).sort();
  },
};

/** Reads and parses a JSON file through the host; undefined when missing or invalid. */
export function readJson(host: Host, path: string): unknown {
  return host.json ? host.json(path) : parseJson(host.readFile(path));
}

function parseJson(data: Buffer | Error): unknown {
  if (data instanceof Error) return undefined;
  try {
    return JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

/** A `//`, `/./` or `/../` in a path, or a `/`, `/.` or `/..` at its end. */
const notNormal = /\/\.{0,2}(?:\/|$)/;

/**
 * Whether `p` is absolute and normal (POSIX): what path.resolve would return unchanged. Told
 * without path.resolve or path.normalize, which were a third of the listing lookup's time.
 */
function absoluteNormal(p: string): boolean {
  return p.charCodeAt(0) === 47 && !notNormal.test(p);
}

/**
 * An Error as it may be kept: V8 keeps the frames of a new Error's stack, with the `this` of each
 * call, until its `stack` is first read. A missing package.json's error, kept by the caching host
 * for the whole run, held the graph stage's worklist that way (every parsed model and export
 * table, some 20 MiB of a 20,000-module tree) through the policy stage; reading `stack` once
 * turns the frames into text.
 */
function settled<T>(data: T): T {
  if (data instanceof Error) void data.stack;
  return data;
}

/**
 * A host that remembers, for one analysis, what kind each path is, real paths and package.json
 * contents: module resolution asks the same questions many times (measured: 439 resolutions
 * for 75 distinct ones, 1,020 package.json reads for 59 files). Module sources are not kept:
 * each is read once anyway.
 *
 * With `list`, which must agree with the host's `kind` and `isSymlink` (listFolder agrees with
 * nodeHost's; a host that answers those itself, to serve or hide files, is given none), the
 * paths in a folder are answered from one listing of it.
 */
export function cachingHost(host: Host, list?: ListFolder): Host {
  const kinds = new Map<string, 'file' | 'dir' | undefined>();
  const reals = new Map<string, string>();
  const manifests = new Map<string, Buffer | Error>();
  const parsed = new Map<string, unknown>();
  /**
   * Module resolution asks whether many paths exist (eslint's tree: 1,800 stat calls, 1,100 of
   * them for paths that do not, `./options` before `./options.js`) and lstats every loaded file
   * for its real path (750). Most of these paths lie in a hundred folders, so one listing per
   * folder answers them. Only where names are compared exactly as the file system does: on
   * Linux, whose file systems are case-sensitive as a rule (on macOS and Windows a listing would
   * miss `Foo.js` that a stat finds as `foo.js`). A link, an entry of another type, or a folder
   * that cannot be listed is asked of the host as before.
   */
  const listings = new Map<string, ReadonlyMap<string, EntryKind> | null | undefined>();
  const listed = process.platform === 'linux' ? list : undefined;
  /** The listing of folder `dir`, asked once. */
  const listingOf = (dir: string): ReadonlyMap<string, EntryKind> | null | undefined => {
    if (listings.has(dir)) return listings.get(dir);
    // A folder that its own folder's listing shows missing, or as a file, is not listed: readdir
    // would fail, and a failure (an exception) costs more than a listing. Its folder's listing
    // is asked first for that, up to the root: a few more listings, each once.
    const parent = path.dirname(dir);
    const above = parent === dir ? undefined : listingOf(parent);
    const inParent = above === null ? 'missing' : above ? (above.get(path.basename(dir)) ?? 'missing') : undefined;
    const entries = inParent === 'missing' || inParent === 'file' || inParent === 'other' ? null : listed!(dir);
    listings.set(dir, entries);
    return entries;
  };
  /** The entry `p` names in its folder's listing: its kind, 'missing', or undefined when the listing cannot tell. */
  const entryOf = (p: string): EntryKind | 'missing' | undefined => {
    if (!listed || p.length === 1 || !absoluteNormal(p)) return undefined;
    const slash = p.lastIndexOf('/');
    const entries = listingOf(slash === 0 ? '/' : p.slice(0, slash));
    if (entries === null) return 'missing';
    return entries ? (entries.get(p.slice(slash + 1)) ?? 'missing') : undefined;
  };
  const realpath = (p: string): string => {
    let real = reals.get(p);
    if (real === undefined) reals.set(p, (real = realpathOf(p)));
    return real;
  };
  /**
   * fs.realpathSync resolves a path one component at a time from the root, with an lstat for
   * each (about ten per module file in a node_modules tree, 6,000 a run on eslint's). Its
   * answer for `dir/name` is the real path of `dir` followed by `name` when that is not a
   * link, so with the folder's real path remembered one lstat is enough. A link, a path that
   * cannot be lstat'ed (realpathSync fails there too, and the path is its own answer either
   * way) or a path that is not absolute and normal goes to the host's realpath as before.
   */
  const realpathOf = (p: string): string => {
    if (!host.isSymlink || path.sep !== '/') return host.realpath(p);
    const dir = path.dirname(p);
    if (dir === p || !absoluteNormal(p)) return host.realpath(p);
    const realDir = realpath(dir);
    const candidate = (realDir === '/' ? '/' : realDir + '/') + path.basename(p);
    return isSymlink(candidate) === false ? candidate : host.realpath(p);
  };
  const isSymlink = (p: string): boolean | undefined => {
    const entry = entryOf(p);
    if (entry === 'missing') return undefined;
    return entry === undefined ? host.isSymlink!(p) : entry === 'link';
  };
  return {
    json(p) {
      if (!parsed.has(p)) parsed.set(p, parseJson(this.readFile(p)));
      return parsed.get(p);
    },
    // maxBytes is handed on: without it a file over --max-file-size was read whole (limits-17).
    readFile(p, options) {
      if (!p.endsWith('package.json')) return host.readFile(p, options);
      let data = manifests.get(p);
      if (data === undefined) manifests.set(p, (data = settled(host.readFile(p))));
      return data;
    },
    kind(p) {
      if (!kinds.has(p)) {
        const entry = entryOf(p);
        kinds.set(p, entry === 'file' || entry === 'dir' ? entry : entry === 'missing' ? undefined : host.kind(p));
      }
      return kinds.get(p);
    },
    realpath,
    glob: (patterns, dir, below) => host.glob(patterns, dir, below),
    ...(host.list ? { list: (dir: string) => host.list!(dir) } : {}),
    ...(host.readlink ? { readlink: (p: string) => host.readlink!(p) } : {}),
  };
}
