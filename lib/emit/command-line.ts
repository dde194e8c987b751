// Whether flags fit on a command line, and folding file grants into folder grants until they do.
// Linux refuses to start a program (E2BIG, nothing runs) when one argument or environment string
// is longer than MAX_ARG_STRLEN (128 KiB with its NUL), or when all of them, each counted with
// its NUL and an 8-byte pointer, pass ARG_MAX (a quarter of the stack limit: 2 MiB with the usual
// 8 MiB). Measured on Linux x64: 19,416 arguments of 100 bytes fit beside a PATH, 19,417 do not.
// A project of about 30,000 modules gets there with one read grant per file.

import * as path from 'node:path';

export interface CommandLineLimits {
  /** ARG_MAX: bytes for all arguments and environment strings, each + NUL + pointer. Default 2 MiB. */
  total: number;
  /** MAX_ARG_STRLEN: bytes of one argument or environment string, NUL included. Default 128 KiB. */
  perString: number;
}

export const linuxLimits: CommandLineLimits = { total: 2 * 1024 * 1024, perString: 128 * 1024 };

/**
 * What the environment may take when it is not known (a shell line, a script): kept free so the
 * command still starts beside an ordinary environment.
 */
const unknownEnvironmentReserve = 64 * 1024;

const cost = (s: string) => Buffer.byteLength(s) + 1 + 8;

/** Bytes the strings take of ARG_MAX. */
export function commandLineBytes(strings: readonly string[]): number {
  return strings.reduce((n, s) => n + cost(s), 0);
}

/** Why `args` (with `env` as NAME=VALUE strings) cannot start a program, or undefined when they can. */
export function commandLineProblem(args: readonly string[], env: readonly string[], limits: CommandLineLimits = linuxLimits): string | undefined {
  const long = [...args, ...env].find((s) => Buffer.byteLength(s) + 1 > limits.perString);
  if (long !== undefined) return `one word is ${Buffer.byteLength(long) + 1} bytes, over the ${limits.perString}-byte limit of one argument`;
  const total = commandLineBytes(args) + commandLineBytes(env);
  if (total > limits.total) return `the command line takes ${total} bytes, over the ${limits.total}-byte limit`;
  return undefined;
}

/** The environment as the strings the kernel counts. */
export function environmentStrings(env: Record<string, string | undefined>): string[] {
  return Object.entries(env).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]));
}

const grantFlag = /^(--allow-fs-(?:read|write))=(.*)$/s;

interface Grant {
  flag: string;
  path: string;
}

/** Drops grants a folder grant of the same flag covers, and repeats (Node 20.20 aborts on a repeated grant). */
function minimise(grants: Grant[]): Grant[] {
  const folders = new Set(grants.filter((g) => g.path.endsWith('/*')).map((g) => `${g.flag}=${g.path.slice(0, -2)}`));
  const covered = (g: Grant) => {
    const own = g.path.endsWith('/*') ? g.path.slice(0, -2) : g.path;
    for (let dir = path.posix.dirname(own); ; dir = path.posix.dirname(dir)) {
      if (folders.has(`${g.flag}=${dir}`)) return true;
      if (dir === '/' || dir === '.') return false;
    }
  };
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.flag}=${g.path}`;
    if (seen.has(key) || covered(g)) return false;
    seen.add(key);
    return true;
  });
}

export interface Folded {
  flags: string[];
  /** The folders now granted whole, as `--allow-fs-read=<dir>/*` (or write). */
  folders: string[];
}

/** Bytes saved by granting each parent folder whole instead of the grants directly in it. */
function foldSavings(grants: readonly Grant[], forbidden: (dir: string) => boolean): [string, string, number][] {
  const savings = new Map<string, number>();
  for (const g of grants) {
    if (g.path === '*' || !g.path.startsWith('/') || (g.path.endsWith('*') && !g.path.endsWith('/*'))) continue;
    const dir = path.posix.dirname(g.path.endsWith('/*') ? g.path.slice(0, -2) : g.path);
    if (forbidden(dir)) continue;
    const key = `${g.flag}=${dir}`;
    savings.set(key, (savings.get(key) ?? -cost(`${key}/*`)) + cost(`${g.flag}=${g.path}`));
  }
  return [...savings]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, n]) => [key.slice(0, key.indexOf('=')), key.slice(key.indexOf('=') + 1), n]);
}

/**
 * Replaces `--allow-fs-*` grants by grants of their folders, the folders that save the most
 * bytes first, until the flags take at most `budget` bytes (commandLineBytes). Never grants a
 * folder in `never` (the project root, home) or above one, nor `/`, nor one `mayFold` refuses (a
 * folder that holds a secret the policy left out: granting it whole would open the secret):
 * returns undefined when the flags cannot fit without that. Other flags keep their place around
 * the grants.
 */
export function foldToFit(flags: readonly string[], budget: number, never: readonly string[], mayFold: (dir: string) => boolean = () => true): Folded | undefined {
  // The flags before the first grant (the enable flag) stay first, the others after the grants.
  const first = flags.findIndex((f) => grantFlag.test(f));
  const leading = first < 0 ? [...flags] : flags.slice(0, first);
  const trailing = first < 0 ? [] : flags.slice(first).filter((f) => !grantFlag.test(f));
  let grants: Grant[] = flags.flatMap((f) => {
    const m = grantFlag.exec(f);
    return m ? [{ flag: m[1]!, path: m[2]! }] : [];
  });
  const refused = new Map<string, boolean>();
  const folds = (dir: string) => refused.get(dir) ?? (refused.set(dir, mayFold(dir)).get(dir) as boolean);
  const forbidden = (dir: string) => dir === '/' || never.some((n) => n === dir || n.startsWith(dir + '/')) || !folds(dir);
  const render = () => [...leading, ...grants.map((g) => `${g.flag}=${g.path}`), ...trailing];
  const folders = new Set<string>();
  for (let excess = commandLineBytes(render()) - budget; excess > 0; excess = commandLineBytes(render()) - budget) {
    const candidates = foldSavings(grants, forbidden);
    if (candidates.length === 0) return undefined;
    // A batch of folds per round, so 30,000 grants do not take 30,000 rounds; the next round
    // measures again, since folders of one batch may overlap.
    for (const [flag, dir, saved] of candidates) {
      if (excess <= 0) break;
      grants.push({ flag, path: `${dir}/*` });
      folders.add(`${flag}=${dir}/*`);
      excess -= saved;
    }
    grants = minimise(grants);
  }
  const kept = new Set(grants.map((g) => `${g.flag}=${g.path}`));
  return { flags: render(), folders: [...folders].filter((f) => kept.has(f)).sort() };
}

/** `limits` less what an environment not known here may take. */
function withUnknownEnvironment(limits: CommandLineLimits): CommandLineLimits {
  return { total: Math.max(0, limits.total - unknownEnvironmentReserve), perString: limits.perString };
}

/**
 * Why a `node <flags> …` command (`how: 'command'`), a NODE_OPTIONS value, or a package.json
 * script run through `sh -c` would not start, or undefined when it would. The environment it
 * runs in is not known, so unknownEnvironmentReserve bytes are kept free for it.
 */
export function outputProblem(how: 'command' | 'node-options' | 'script', words: readonly string[], limits: CommandLineLimits = linuxLimits): string | undefined {
  const room = withUnknownEnvironment(limits);
  if (how === 'node-options') return commandLineProblem(['node'], [`NODE_OPTIONS=${words.join(' ')}`], room);
  if (how === 'script') return commandLineProblem(['sh', '-c', ...words], [], room);
  return commandLineProblem(['node', ...words], [], room);
}
