// fs detector: feeds --allow-fs-read and --allow-fs-write. The table mirrors the measured
// scopes in docs/node-facts.md#fs-apis (identical on 20–26 except where noted), for the
// sync, callback and promise variants. https://nodejs.org/api/permissions.html#file-system-permissions

import { diagnostic } from '../diagnostics/index.js';
import { alternatives, LINUX_OPEN_WRITING_BITS, oneOf, unknown, type Value } from '../evaluate/index.js';
import { alwaysDeniedApis } from './always-denied.js';
import { builtinFileApis } from './builtin-files.js';
import type { Detector, Handler, SinkCall } from './context.js';

type Scope = 'read' | 'write';

/** One row: the scopes each path argument needs. */
type Rule = { args: Scope[][] } | { special: 'open' | 'ancestors' | 'symlink' | 'glob' | 'none' | 'mkdtemp' | 'link' };

const read: Rule = { args: [['read']] };
const write: Rule = { args: [['write']] };
const readWrite: Rule = { args: [['read', 'write']] };

/** Base names; each gets its `Sync`, callback and `promises.` variants unless marked. */
const table: Record<string, Rule> = {
  readFile: read,
  access: read,
  stat: read,
  lstat: read,
  readlink: read,
  readdir: read,
  opendir: read,
  statfs: read,
  writeFile: write,
  appendFile: write,
  mkdir: write,
  mkdtemp: { special: 'mkdtemp' },
  rmdir: write,
  unlink: write,
  chmod: write,
  lchmod: write,
  chown: write,
  lchown: write,
  utimes: write,
  lutimes: write,
  rm: readWrite,
  truncate: readWrite,
  rename: { args: [['read', 'write'], ['write']] },
  copyFile: { args: [['read'], ['write']] },
  link: { args: [['read', 'write'], ['write']] },
  open: { special: 'open' },
  symlink: { special: 'symlink' },
  glob: { special: 'glob' },
};

/** Names that exist in only some forms, with their own rules. */
const single: Record<string, Rule> = {
  existsSync: read, // throws ERR_ACCESS_DENIED instead of returning false
  // Not gated in the sense that it never throws, but it answers false for a path it may not
  // read (measured on 20, 22, 24 and 26): the answer is the read's, so it needs the grant.
  exists: read,
  watch: read,
  watchFile: read,
  unwatchFile: { special: 'none' },
  openAsBlob: read,
  createReadStream: read,
  createWriteStream: write,
  // Not checked for a plain path, but a symbolic link on it is read (readlink, checked on every
  // version): a path the analysis cannot tell may be a link, so it is a read (see 'link').
  realpathSync: { special: 'link' },
  'realpathSync.native': read,
  'realpath.native': read,
  realpath: { special: 'ancestors' }, // callback: lstat of every ancestor
  'promises.realpath': read,
  cpSync: { args: [['read'], ['read', 'write']] },
  cp: { special: 'ancestors' },
  'promises.cp': { special: 'ancestors' },
  'promises.watch': read,
  // 24.4+: mkdtemp's folder, removed when disposed (the removal is the same path below it).
  mkdtempDisposableSync: { special: 'mkdtemp' },
  'promises.mkdtempDisposable': { special: 'mkdtemp' },
};

/**
 * What open(path, flags) is checked for: a string by its letters; a number of open(2) flags
 * (`O_RDONLY | O_NONBLOCK`) on Linux by its bits, read alone for the read-only access mode without
 * O_CREAT, O_TRUNC or O_APPEND, write alone for O_WRONLY without them, else both (measured on 20,
 * 22, 24 and 26). Anything else may write.
 */
function openScopes(flags: Value | undefined, platform: (() => string | undefined) | undefined): Scope[] {
  if (!flags || flags.k === 'nullish') return ['read'];
  const out = new Set<Scope>();
  for (const alt of alternatives(flags)) {
    if (alt.k === 'num' && (alt.v === 0 || platform?.() === 'linux')) {
      for (const scope of numericOpenScopes(alt.v)) out.add(scope);
      continue;
    }
    if (alt.k !== 'str') return ['read', 'write'];
    if (alt.v.includes('+')) out.add('read').add('write');
    else if (alt.v.startsWith('r')) out.add('read');
    else out.add('write');
  }
  return [...out];
}

/** The scopes of Linux open(2) flags (0 is O_RDONLY on every platform). */
function numericOpenScopes(flags: number): Scope[] {
  const mode = flags & 3;
  if (mode === 3 || mode === 2 || (flags & LINUX_OPEN_WRITING_BITS) !== 0) return ['read', 'write'];
  return mode === 1 ? ['write'] : ['read'];
}

/**
 * `createReadStream(path, { fd })` reads (writes) a descriptor opened before: Node opens and
 * checks no path for the stream (measured on 20.20.2 and 26.10.0 with `''` as the path). Only
 * where the descriptor is surely given: a known one, or any with the empty path that idiom
 * passes (basic-ftp); `{ fd: options.fd }` may be undefined, and then the path is opened.
 */
function streamOnDescriptor(name: string, call: SinkCall): boolean {
  if (!/^create(Read|Write)Stream$/.test(name)) return false;
  const options = call.arg(1);
  const fd = options.k === 'obj' ? alternatives(options.props.get('fd') ?? { k: 'nullish' }) : [];
  if (fd.length === 0 || fd.some((a) => a.k === 'nullish')) return false;
  const path = call.arg(0);
  return fd.every((a) => a.k !== 'unknown') || (path.k === 'str' && path.v === '');
}

/**
 * `readdir(dir, { recursive: true })` (and opendir's): Node opens and checks each folder below
 * `dir` as it walks (measured on 20, 22, 24 and 26). A grant of `dir` covers them only when `dir`
 * is a folder when the process starts, so a cache made at run time and then listed (metro-cache's
 * clean-up) needs everything below it. Only an options object whose `recursive` may be true: an
 * options value that does not fold is taken as not recursive (a listing's usual options).
 */
function listsRecursively(name: string, call: SinkCall): boolean {
  if (!/^(promises\.)?(readdir|opendir)(Sync)?$/.test(name) || call.args.length < 2) return false;
  const options = call.arg(1);
  if (options.k !== 'obj') return false;
  const recursive = options.props.get('recursive');
  return recursive !== undefined && alternatives(recursive).some((a) => a.k !== 'nullish' && !(a.k === 'bool' && !a.v) && !(a.k === 'num' && a.v === 0));
}

/** A folder with everything below it (`dir/` + anything), judged as a known start: one that would open the project root, home or the disk root is reported. */
function everythingBelow(dir: Value, call: SinkCall): Value {
  const folders = alternatives(dir).map((alt): Value =>
    alt.k === 'str' && alt.v !== '' ? { k: 'prefix', v: alt.v.endsWith('/') ? alt.v : `${alt.v}/`, cause: unknown('recursive-folder', call.site) } : alt,
  );
  return oneOf(folders, call.site);
}

function handlerFor(name: string, rule: Rule): Handler {
  return (call, sink) => {
    if (streamOnDescriptor(name, call)) return;
    if ('args' in rule) {
      // `if (!fs.existsSync(dir)) fs.mkdirSync(dir)`: the folder needs writing only if it is missing.
      const onlyIfMissing = /mkdir(Sync)?$/.test(name) && call.guardedByMissing?.() ? { onlyIfMissing: true } : undefined;
      rule.args.forEach((scopes, i) => {
        const value = call.arg(i);
        for (const scope of scopes) sink.fsPath(call, value, scope, onlyIfMissing);
      });
      if (listsRecursively(name, call)) sink.fsPath(call, everythingBelow(call.arg(0), call), 'read');
      return;
    }
    switch (rule.special) {
      case 'open': {
        // createWriteStream-like flags live in arg 1 for open().
        for (const scope of openScopes(call.args.length > 1 ? call.arg(1) : undefined, call.platform)) sink.fsPath(call, call.arg(0), scope);
        return;
      }
      case 'ancestors': {
        const target = call.arg(0);
        const shown = target.k === 'str' ? target.v : 'its path';
        sink.diagnostic(diagnostic('FS_NEEDS_ANCESTOR_READ', 'warning', { api: call.api, path: shown }, call.site));
        sink.fsPath(call, target, 'read');
        if (name.endsWith('cp') && call.args.length > 1) sink.fsPath(call, call.arg(1), 'write');
        return;
      }
      case 'mkdtemp': {
        // mkdtemp(prefix) creates `<prefix>XXXXXX`: the write check is on that name (docs/node-facts.md#fs-apis).
        // Each known alternative (`options.dir ?? os.tmpdir()`) is such a prefix, not a name of its own.
        const prefixes = alternatives(call.arg(0)).map((alt): Value => (alt.k === 'str' ? { k: 'prefix', v: alt.v, cause: { k: 'unknown', reason: 'call-result', site: call.site } } : alt));
        sink.fsPath(call, oneOf(prefixes, call.site), 'write');
        // Its folder's async remove() is fs.promises.rm, which also reads the folder on 26 (measured).
        if (name === 'promises.mkdtempDisposable') sink.fsPath(call, oneOf(prefixes, call.site), 'read');
        return;
      }
      case 'symlink':
        sink.diagnostic(diagnostic('FS_SYMLINK_NEEDS_FULL', 'warning', { api: call.api }, call.site));
        return;
      case 'glob':
        sink.diagnostic(diagnostic('FS_GLOB_EMPTY', 'warning', { api: call.api }, call.site));
        return;
      case 'none':
        return;
      case 'link': {
        // realpathSync reads the symbolic links it meets on the way and nothing else (measured on
        // 20, 22, 24 and 26): for a known path, the graph looks for them on the disk and grants
        // each (lib/graph/realpath-links.ts), so `realpathSync(process.cwd())` opens nothing. Any
        // other value may be a link at run time (npm's own path from `which`), so it is read:
        // reported, or granted by prefix.
        const alts = alternatives(call.arg(0));
        const known = alts.filter((a) => a.k === 'str');
        const open = alts.filter((a) => a.k !== 'str');
        if (known.length > 0) sink.fsPath(call, oneOf(known, call.site), 'read', { linksOnTheWay: true });
        if (open.length > 0) sink.fsPath(call, oneOf(open, call.site), 'read');
        return;
      }
    }
  };
}

/**
 * process.chdir(dir) needs read on the folder it enters, and a grant of a folder opens everything
 * below it: the folder is judged as a known start (`<dir>/` + anything), so one that would open
 * the project root, home or the disk root (jake's `chdir('..')` walking up to find its file) is
 * reported (reason chdir-folder) instead of granted.
 */
const chdir: Handler = (call, sink) => {
  const folders = alternatives(call.arg(0)).map((alt): Value =>
    alt.k === 'str' && alt.v !== '' ? { k: 'prefix', v: alt.v.endsWith('/') ? alt.v : `${alt.v}/`, cause: unknown('chdir-folder', call.site) } : alt,
  );
  sink.fsPath(call, oneOf(folders, call.site), 'read');
};

/**
 * module.enableCompileCache([dir]) (22.1+; `{ directory }` on newer lines) writes V8's compile
 * cache below its folder and reads it back: Node checks write, then read, on `<dir>/<version tag>`
 * and, either denied, skips the cache without a throw (measured on 22, 24 and 26), so the access
 * shows nowhere but in an audit (webpack-cli's bin). With no folder it is `os.tmpdir()/
 * node-compile-cache`, unless `NODE_COMPILE_CACHE` names one: set at start, it turns the cache on
 * there before any code runs when that folder is granted (the call then returns ALREADY_ENABLED),
 * and when it is not, the cache is skipped and the call uses that folder on 24 and 26, the temp
 * one on 22 (measured on 22.23.3, 24.21.0, 26.10.0). So with `--env` binding it, its folder is
 * granted; unbound, it is assumed unset (the report lists the assumption). The folder is judged
 * as a known start with everything below it.
 */
const compileCache: Handler = (call, sink) => {
  const given = call.args.length > 0 ? call.arg(0) : undefined;
  const tmp = (): Value => (call.tmpdir ? { k: 'str', v: `${call.tmpdir().replace(/\/+$/, '')}/node-compile-cache` } : unknown('compile-cache-folder', call.site));
  const fallback = (): Value => {
    const named = call.envVar?.('NODE_COMPILE_CACHE');
    return named ? { k: 'str', v: named } : tmp();
  };
  const dir = given === undefined ? fallback() : given.k === 'obj' ? (given.props.get('directory') ?? fallback()) : given;
  const folders = alternatives(dir).map((alt): Value =>
    alt.k === 'str' && alt.v !== '' ? { k: 'prefix', v: alt.v.endsWith('/') ? alt.v : `${alt.v}/`, cause: unknown('compile-cache-folder', call.site) } : alt,
  );
  const value = oneOf(folders, call.site);
  sink.fsPath(call, value, 'write');
  sink.fsPath(call, value, 'read');
};

function buildApis(): Record<string, Handler> {
  const apis: Record<string, Handler> = {};
  for (const [name, rule] of Object.entries(table)) {
    for (const variant of [name, `${name}Sync`, `promises.${name}`]) apis[`fs.${variant}`] = handlerFor(variant, rule);
  }
  for (const [name, rule] of Object.entries(single)) apis[`fs.${name}`] = handlerFor(name, rule);
  // Gated although they do not look like fs (docs/node-facts.md#generator-notes).
  apis['process.chdir'] = chdir;
  apis['process.loadEnvFile'] = (call: SinkCall, sink) => {
    // With no argument it reads ./.env from the cwd.
    const value: Value = call.args.length > 0 ? call.arg(0) : { k: 'str', v: '.env' };
    sink.fsPath(call, value, 'read');
  };
  // Without a file name they write `Heap.<date>…heapsnapshot` / `report.<date>….json` in the cwd.
  const defaultName = (prefix: string): Handler => (call, sink) => {
    const value: Value = call.args.length > 0 ? call.arg(0) : { k: 'prefix', v: prefix, cause: { k: 'unknown', reason: 'call-result', site: call.site } };
    sink.fsPath(call, value, 'write');
  };
  apis['v8.writeHeapSnapshot'] = defaultName('Heap.');
  apis['process.report.writeReport'] = defaultName('report.');
  apis['module.enableCompileCache'] = compileCache;
  // fsync, fchmod, process.binding, ...: denied whatever is granted (./always-denied.ts).
  return { ...apis, ...alwaysDeniedApis(), ...builtinFileApis };
}

export const fsDetector: Detector = { name: 'fs', apis: buildApis() };

const specialScopes: Record<Extract<Rule, { special: string }>['special'], Scope[]> = {
  open: ['read', 'write'],
  ancestors: ['read'],
  symlink: ['read', 'write'],
  glob: ['read'],
  none: [],
  mkdtemp: ['write'],
  link: ['read'],
};

/** Every scope a call of the fs function `api` (`fs.readFileSync`, `fs.promises.rm`) may need; undefined for a name that is no fs path function. */
export function fsScopesOf(api: string): readonly Scope[] | undefined {
  if (!api.startsWith('fs.')) return undefined;
  const name = api.slice(3);
  const base = name.replace(/^promises\./, '').replace(/Sync$/, '');
  const rule = Object.hasOwn(single, name) ? single[name] : Object.hasOwn(table, base) ? table[base] : undefined;
  if (!rule) return undefined;
  return 'args' in rule ? [...new Set(rule.args.flat())] : specialScopes[rule.special];
}
