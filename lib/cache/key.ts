// What a cache entry is for: the tool's code, the Node running it, and every option that shapes
// the report, with the defaults analyze() would fill in (home, temp folder, platform, the day).
// The project's files are not in the key: they are the recorded questions (questions.ts).
// An option the key cannot hold as plain data makes the run uncacheable rather than guessed at.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayOf } from '../node-versions/release-schedule.js';
import { toolVersion } from '../version.js';

/**
 * Options that do not shape the report: where files come from (the host's answers are checked
 * one by one instead), progress, the cache itself, and the time budget (a run the budget cut
 * short is never stored, and one it did not cut is the unbounded run's report), and the parse
 * workers (the report is the same with any number, docs/workers.md).
 */
const notShaping = new Set<string>(['host', 'onProgress', 'cache', 'timeBudgetMs', 'workers']);

/**
 * analyze()'s options as the key sees them: any option, by name. (Typed structurally, not as
 * AnalyzeOptions, so this module does not import the module that imports it.)
 */
export type KeyedOptions = object & { cwd: string; today?: Date | string };

/** The key of `options` as one string, or undefined when an option cannot be keyed. */
export function cacheKey(options: KeyedOptions): string | undefined {
  const shaping: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (notShaping.has(name) || value === undefined) continue;
    if (name === 'today') continue; // keyed as the day below
    if (!isPlain(value)) return undefined;
    shaping[name] = value;
  }
  return JSON.stringify({
    tool: toolVersion(),
    code: codeFingerprint(),
    node: process.version,
    machine: [process.platform, process.arch],
    // What analyze() falls back to when an option is not given.
    defaults: {
      cwd: path.resolve(options.cwd),
      homedir: os.homedir(),
      tmpdir: os.tmpdir(),
      day: dayOf(options.today),
    },
    options: shaping,
  });
}

/** The file name of a key: its SHA-256. */
export const keyName = (key: string): string => createHash('sha256').update(key).digest('hex');

/** JSON data only: strings, finite numbers, booleans, null, arrays and plain objects of them. */
function isPlain(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlain(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlain(v, depth + 1));
}

/**
 * The analysis code itself: a hash of every file of this package's lib folder (the sources, or
 * the build in dist/lib) and the versions of the packages it parses with. The tool's version
 * alone would not do: a checkout between releases, or a patched install, keeps the version.
 */
function codeFingerprint(): string {
  const libDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const h = createHash('sha256');
  for (const file of filesBelow(libDir)) h.update(`${path.relative(libDir, file)}\0`).update(fs.readFileSync(file)).update('\0');
  for (const dep of ['acorn', 'acorn-walk', 'amaro', 'fast-glob', 'semver']) h.update(`${dep}@${dependencyVersion(dep)}\0`);
  return h.digest('base64');
}

function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesBelow(p));
    // Declarations and source maps in dist/lib do not run: half the files, none of the behaviour.
    else if (e.isFile() && !e.name.endsWith('.d.ts') && !e.name.endsWith('.map')) out.push(p);
  }
  return out;
}

/** The version in the package.json of the installed dependency `name`, found above its main file. */
function dependencyVersion(name: string): string {
  const load = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = path.dirname(load.resolve(name));
  } catch {
    return 'missing';
  }
  for (; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    } catch {
      // no package.json here: look further up
    }
  }
  return 'unknown';
}
